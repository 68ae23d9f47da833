/** The view of a report's data by its kind. */
import type { ReportData, ReportRunInfo } from '../../../../shared/model/reports.js';
import { CertificatesView } from './CertificatesView.js';
import { DashboardView } from './DashboardView.js';
import { HaReadinessView } from './HaReadinessView.js';
import { ReplicationView } from './ReplicationView.js';
import { SessionsView } from './SessionsView.js';
import { TopologyView } from './TopologyView.js';
import { TroubleshootView } from './TroubleshootView.js';
import { UsersView } from './UsersView.js';

/** Renders `data` with the view of its kind. */
export function ReportDataView({ data, run }: { readonly data: ReportData; readonly run: ReportRunInfo }) {
  switch (data.kind) {
    case 'sessions':
      return <SessionsView data={data} run={run} />;
    case 'topology':
      return <TopologyView data={data} />;
    case 'ha-readiness':
      return <HaReadinessView data={data} run={run} />;
    case 'troubleshoot':
      return <TroubleshootView data={data} />;
    case 'users':
      return <UsersView data={data} />;
    case 'certificates':
      return <CertificatesView data={data} />;
    case 'replication':
      return <ReplicationView data={data} />;
    case 'dashboard':
      return <DashboardView data={data} />;
  }
}
