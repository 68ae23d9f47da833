/**
 * The trace tools' tabs (log viewer, Remote Browse, Real Time Trace, Query Wizard, Crash Dumps): panels of their
 * own folders (viewer/, remote/, tail/, query/, cores/) mounted by TracesPage. Each takes no props.
 */
import type { TracesTab } from './tracesStore.js';

export const TOOL_TABS: Partial<Record<TracesTab, () => React.JSX.Element>> = {};
