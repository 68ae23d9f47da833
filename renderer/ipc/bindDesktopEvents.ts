/**
 * The one place that maps push events to store actions (house-style.md 5.4 item 4). Called once from main.tsx;
 * returns the function that unbinds every listener.
 */
import { useAlertsStore } from '../features/alerts/alertsStore.js';
import { useDrsStore } from '../features/drs/drsStore.js';
import { useImpStore } from '../features/imp/impStore.js';
import { useJobsStore } from '../features/jobs/jobsStore.js';
import { useClustersStore } from '../features/overview/clustersStore.js';
import { usePerfStore } from '../features/perf/perfStore.js';
import { useReportsStore } from '../features/reports/reportsStore.js';
import { useSyslogStore } from '../features/syslog/syslogStore.js';
import { useTailStore } from '../features/traces/tail/tailStore.js';
import { useTracesStore } from '../features/traces/tracesStore.js';
import { getBridge } from './bridge.js';

/** Subscribes the stores to DesktopEvents; the result unsubscribes them all. */
export function bindDesktopEvents(): () => void {
  const bridge = getBridge();
  const offs = [
    bridge.on('onDidAppendSamples', (batch) => {
      usePerfStore.getState().appendBatch(batch.samples);
      useImpStore.getState().appendBatch(batch.samples);
    }),
    bridge.on('onDidChangeClusters', (clusters) => useClustersStore.getState().applyClusters(clusters)),
    bridge.on('onDidChangeAlarms', (alarms) => useAlertsStore.getState().applyAlarmChanges(alarms)),
    bridge.on('onDidChangeJob', (job) => useJobsStore.getState().applyJob(job)),
    bridge.on('onDidReceiveSyslog', (entries) => useSyslogStore.getState().applyIncoming(entries)),
    bridge.on('onDidChangeTraceCollection', (status) => useTracesStore.getState().applyCollection(status)),
    bridge.on('onDidTailLines', (batch) => useTailStore.getState().applyBatch(batch)),
    bridge.on('onDidChangeDrsJob', (view) => useDrsStore.getState().applyJob(view)),
    bridge.on('onDidChangeReport', (info) => useReportsStore.getState().applyRun(info)),
  ];
  return () => {
    for (const off of offs) off();
  };
}
