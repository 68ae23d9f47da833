/**
 * RTMT System > Server for one node: CPU and memory, processes (sortable), disk usage by partition, and the
 * critical services with status and time in state (serviceability-reference.md A.2, A.7).
 */
import type { ServiceStatusRow } from '../../../shared/model/cluster.js';
import type { PartitionRow, ProcessRow } from '../../../shared/model/views.js';
import { useAppStore } from '../../app/appStore.js';
import { formatDuration, formatMegabytes, formatPercent } from '../../app/format.js';
import { useSelectedNode } from '../../app/selection.js';
import { usePolling } from '../../app/usePolling.js';
import { AsyncState } from '../../components/AsyncState.js';
import { BigNumber, gaugeTone } from '../../components/BigNumber.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { TimeSeriesChart } from '../../charts/TimeSeriesChart.js';
import { useT } from '../../i18n/useT.js';
import { formatProcessCpu, formatProcessMemoryKb } from './processFormat.js';
import { useServerStore } from './serverStore.js';
import { HISTORY_MS, useNodeHistory } from './useNodeHistory.js';

/** The Server page. */
export function ServerPage() {
  const { t, locale } = useT();
  const { cluster, node, nodes } = useSelectedNode();
  const store = useServerStore();
  usePolling(
    (first) => {
      if (!cluster || !node) return;
      void store.loadSystem(cluster.id);
      return store.loadNode(cluster.id, node.name, !first);
    },
    10_000,
    [cluster?.id, node?.name],
  );
  const history = useNodeHistory(cluster?.id, node ? [node.name] : []);
  const summary = store.system.find((s) => s.cluster === cluster?.id && s.node === node?.name);
  const now = Date.now();
  const processColumns: Column<ProcessRow>[] = [
    { id: 'name', header: t('common.name'), cell: (r) => r.name, sortValue: (r) => r.name },
    { id: 'pid', header: t('server.pid'), cell: (r) => r.pid, sortValue: (r) => r.pid, align: 'right' },
    { id: 'cpu', header: t('server.cpuPercent'), cell: (r) => formatProcessCpu(r.cpuPercent), sortValue: (r) => r.cpuPercent, align: 'right' },
    { id: 'mem', header: t('server.memoryKb'), cell: (r) => formatProcessMemoryKb(r.memoryKb, locale), sortValue: (r) => r.memoryKb, align: 'right' },
    { id: 'status', header: t('common.status'), cell: (r) => r.status, sortValue: (r) => r.status },
  ];
  const serviceColumns: Column<ServiceStatusRow>[] = [
    { id: 'name', header: t('common.name'), cell: (r) => r.name, sortValue: (r) => r.name },
    {
      id: 'status',
      header: t('common.status'),
      cell: (r) => <ServiceStatus row={r} />,
      sortValue: (r) => r.status,
    },
    { id: 'since', header: t('server.timeInState'), cell: (r) => (r.sinceMs ? formatDuration((now - r.sinceMs) / 1000, locale) : t('common.none')), sortValue: (r) => r.sinceMs, align: 'right' },
  ];
  return (
    <section className="page">
      <div className="page-head">
        <h1>
          {t('nav.server')}: {node?.name ?? t('common.none')}
        </h1>
        <NodePicker names={nodes.map((n) => n.name)} value={node?.name} />
      </div>
      <div className="tile-row">
        <BigNumber label={t('system.cpu')} value={formatPercent(summary?.cpuPercent)} gauge={summary?.cpuPercent} />
        <BigNumber label={t('system.memory')} value={formatPercent(summary?.memoryUsedPercent)} gauge={summary?.memoryUsedPercent} />
        <BigNumber label={t('system.swap')} value={formatPercent(summary?.swapUsedPercent)} gauge={summary?.swapUsedPercent} />
        <BigNumber label={t('system.uptime')} value={formatDuration(summary?.uptimeSec, locale)} />
      </div>
      <div className="chart-pair">
        <div className="panel">
          <h2>{t('system.cpuHistory')}</h2>
          <TimeSeriesChart series={history.cpu} labels={[t('system.cpu')]} fromMs={history.toMs - HISTORY_MS} toMs={history.toMs} locale={locale} yMax={100} height={180} />
        </div>
        <div className="panel">
          <h2>{t('system.memoryHistory')}</h2>
          <TimeSeriesChart series={history.memory} labels={[t('system.memory')]} fromMs={history.toMs - HISTORY_MS} toMs={history.toMs} locale={locale} yMax={100} height={180} />
        </div>
      </div>
      <AsyncState state={store.nodeLoad} empty={store.nodeLoad.kind !== 'ready' && store.processes.length === 0} onRetry={() => cluster && node && void store.loadNode(cluster.id, node.name)}>
        <div className="server-grid">
          <div className="panel">
            <h2>{t('server.disk')}</h2>
            <PartitionBars rows={store.partitions} />
          </div>
          <div className="panel">
            <h2>{t('server.services')}</h2>
            <DataTable rows={store.services} columns={serviceColumns} rowKey={(r) => r.name} label={t('server.services')} initialSort={{ column: 'status', direction: 'desc' }} testId="services-table" />
          </div>
          <div className="panel span-2">
            <h2>{t('server.processes')}</h2>
            <DataTable rows={store.processes} columns={processColumns} rowKey={(r) => `${r.pid}`} label={t('server.processes')} initialSort={{ column: 'cpu', direction: 'desc' }} testId="process-table" />
          </div>
        </div>
      </AsyncState>
    </section>
  );
}

/** Status of a service colored by health, "not activated" when deactivated. */
export function ServiceStatus({ row }: { readonly row: ServiceStatusRow }) {
  const { t } = useT();
  const tone = !row.activated ? 'muted' : row.status === 'Started' ? 'ok' : row.status === 'Stopped' ? 'bad' : 'warn';
  return (
    <span className={`svc-status tone-${tone}`} data-status={row.status}>
      <span className="dot" aria-hidden="true" />
      {row.activated ? t(`service.${row.status}`) : t('service.notActivated')}
    </span>
  );
}

function PartitionBars({ rows }: { readonly rows: readonly PartitionRow[] }) {
  const { t } = useT();
  if (rows.length === 0) return <div className="state state-empty">{t('state.empty')}</div>;
  return (
    <ul className="partition-list">
      {rows.map((p) => (
        <li key={p.name}>
          <div className="partition-head">
            <strong>{p.name}</strong>
            <span>
              {formatMegabytes(p.usedMb)} / {formatMegabytes(p.totalMb)} · <b>{formatPercent(p.usedPercent)}</b>
            </span>
          </div>
          <div className={`gauge tone-${gaugeTone(p.usedPercent)}`} role="meter" aria-label={p.name} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(p.usedPercent)}>
            <div className="gauge-fill" style={{ width: `${Math.min(100, p.usedPercent)}%` }} />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** A node drop-down bound to the app store. */
export function NodePicker({ names, value }: { readonly names: readonly string[]; readonly value?: string }) {
  const { t } = useT();
  const selectNode = useAppStore((s) => s.selectNode);
  return (
    <label className="inline-field">
      {t('app.node')}
      <select value={value ?? ''} onChange={(e) => selectNode(e.target.value)} data-testid="node-picker">
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}
