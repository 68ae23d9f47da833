/**
 * The trace tools' tabs (log viewer, Remote Browse, Real Time Trace, Query Wizard, Crash Dumps): panels of their
 * own folders (viewer/, remote/, tail/, query/, cores/) mounted by TracesPage. Each takes no props.
 */
import { CrashDumpsPanel } from './cores/CrashDumpsPanel.js';
import { QueryWizardPanel } from './query/QueryWizardPanel.js';
import { RemoteBrowsePanel } from './remote/RemoteBrowsePanel.js';
import { RealTimeTracePanel } from './tail/RealTimeTracePanel.js';
import type { TracesTab } from './tracesStore.js';
import { LogViewerPanel } from './viewer/LogViewerPanel.js';

export const TOOL_TABS: Partial<Record<TracesTab, () => React.JSX.Element>> = {
  remote: RemoteBrowsePanel,
  tail: RealTimeTracePanel,
  query: QueryWizardPanel,
  cores: CrashDumpsPanel,
  viewer: LogViewerPanel,
};
