import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SyslogMessage } from '../../../shared/model/alert.js';
import type { ServiceStatusRow } from '../../../shared/model/cluster.js';
import { AlertEngine, supportedJsmSessions } from '../alerts/alertEngine.js';
import { AsyncDisposableStore } from '../base/disposable.js';
import { appStateDir } from '../base/stateDir.js';
import { Collector, type ClusterSpec } from '../collector/collector.js';
import type { CredentialStore } from '../credentials/credentialStore.js';
import { FileCredentialStore } from '../credentials/fileCredentialStore.js';
import { PinnedTrustStore } from '../credentials/pinnedTrustStore.js';
import { SyslogReceiver } from '../receivers/syslogReceiver.js';
import { SyslogStore } from '../receivers/syslogStore.js';
import { TrapReceiver } from '../receivers/trapReceiver.js';
import { startEmbeddedCluster } from '../simulator/embeddedCluster.js';
import { EMBEDDED_CLUSTER_ID, embeddedClusterSpec } from '../clusters/embeddedClusterSpec.js';
import { Database } from '../storage/sqlite/database.js';
import { PerfLayoutStore } from '../perfmon/perfLayoutStore.js';
import { SqliteAlertStore } from '../storage/sqlite/sqliteAlertStore.js';
import { SqliteSampleStore } from '../storage/sqlite/sqliteSampleStore.js';
import type { Backend } from '../transport/backend.js';
import { EventHub } from '../transport/eventHub.js';
import { ClusterOnboarding } from '../clusters/clusterOnboarding.js';
import { createDesktopService } from './desktopService.js';
import { JobRunner } from '../jobs/jobRunner.js';
import { SyslogEntries } from '../receivers/syslogEntries.js';
import { knownAlarmDetail } from '../alerts/knownAlarmDetail.js';
import { readNotificationSettings, type NotificationSettings } from '../notify/notificationSettings.js';
import { SilenceBook } from '../notify/silenceBook.js';
import { attachNotifications } from '../notify/notificationSettingsPipeline.js';
import { PerfWatches } from '../perfmon/perfWatches.js';
import { createTraceParts } from './traceParts.js';
import { createDrsParts } from './drsParts.js';
import { createReportParts } from './reportParts.js';

/** The app's version (shown by app.info, recorded in every trace bundle's collection.json). */
const APP_VERSION = '0.1.0';

/** How the backend starts. */
export interface BackendOptions {
  readonly transport?: 'electron' | 'web';
  /** History database, credentials and pins (default ~/.imp-monitor, or IMP_MONITOR_STATE_DIR). */
  readonly stateDir?: string;
  /** Start the embedded simulated cluster and monitor it (default true). */
  readonly embeddedSimulator?: boolean;
  /** Scenario the embedded cluster plays (default "demo"; null for none). */
  readonly scenario?: string | null;
  /** Virtual seconds per real second of the embedded cluster (default 1). */
  readonly speed?: number;
  /** First port of the embedded cluster (default the profile's stable ports; 0 = any free ports). */
  readonly simBasePort?: number;
  /** Poll intervals of the embedded cluster, seconds (RTMT's 30 s precanned views by default). */
  readonly intervalsSec?: ClusterSpec['intervals'];
  /** Where cluster credentials are kept (the Electron app passes its safeStorage store; a 0600 key file otherwise). */
  readonly credentials?: CredentialStore;
  /** Alert evaluation interval (RTMT: 30 s). */
  readonly alertIntervalMs?: number;
}

/**
 * The composition root of the core (plain Node, shared by Electron and web mode): the embedded simulated cluster
 * (a separate device reached over its sockets only), the collector, history storage, Alert Central with its
 * syslog receiver, jobs and chart watches, all behind the DesktopApi; push events go to an EventHub.
 */
export async function createBackend(options: BackendOptions = {}): Promise<Backend> {
  const stateDir = options.stateDir ?? appStateDir();
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const store = new AsyncDisposableStore();
  try {
    const events = store.add(new EventHub());
    const db = Database.open(join(stateDir, 'history.db'));
    store.add(db);
    const samples = store.add(new SqliteSampleStore(db));
    const collector = store.add(await Collector.create());
    // Rules, alarms and history in the same database: active alarms are restored on restart without duplicates.
    const alerts = store.add(new AlertEngine({ store: new SqliteAlertStore(db), ...(options.alertIntervalMs ? { evaluationIntervalMs: options.alertIntervalMs } : {}) }));
    const syslog = new SyslogStore();
    const receiver = await SyslogReceiver.start({ udpPort: 0, tcpPort: 0 });
    store.add(receiver);
    // clogMessageGenerated traps (CISCO-SYSLOG-MIB) feed the same syslog path as syslog itself.
    const traps = await TrapReceiver.start({ port: 0, communities: ['public'] });
    store.add(traps);
    const jobs = store.add(new JobRunner());
    const watches = store.add(new PerfWatches(collector));
    const credentials = options.credentials ?? (await FileCredentialStore.open({ keyPath: join(stateDir, 'credentials.key'), storePath: join(stateDir, 'credentials.json') }));
    const trust = await PinnedTrustStore.open(join(stateDir, 'trust.json'));
    const onboarding = new ClusterOnboarding(collector, credentials, trust);
    // Notifications from <stateDir>/notifications.json (SMTP + alert actions, Alertmanager, webhook, silences,
    // maintenance). A bad file or a missing secret leaves notifications off with a warning; it never stops the app.
    // Silences made in the app are kept in <stateDir>/silences.json, beside those of the settings file.
    let settings: NotificationSettings | undefined;
    try {
      settings = await readNotificationSettings(stateDir);
    } catch (err) {
      console.warn(`[backend] notifications are off: ${(err as Error).message}`);
    }
    const silences = await SilenceBook.open(join(stateDir, 'silences.json'), { settings: settings?.silences ?? [] });
    try {
      const notifications = settings ? await attachNotifications(alerts, settings, { credentials, silences: () => silences.active() }) : undefined;
      if (notifications) store.add(notifications);
    } catch (err) {
      console.warn(`[backend] notifications are off: ${(err as Error).message}`);
    }

    // Data flow: collector → storage, alerts, UI.
    store.add(collector.onDidCollect((batch) => {
      samples.append(batch);
      alerts.ingestSamples(batch);
      events.emit('onDidAppendSamples', { samples: batch });
      if (batch.some((s) => s.source === 'controlcenter')) {
        const first = batch[0]!;
        const rows: ServiceStatusRow[] = collector.node(first.cluster, first.node).serviceRows();
        alerts.updateServiceStatus(rows);
      }
    }));
    store.add(collector.onDidChangeNodes((clusters) => {
      alerts.updateNodeStatus(clusters.flatMap((c) => c.nodes));
      events.emit('onDidChangeClusters', clusters);
    }));
    store.add(alerts.onDidTransition((t) => events.emit('onDidTransitionAlerts', [...t])));
    store.add(alerts.onDidChangeAlarm((e) => events.emit('onDidChangeAlarms', [e.alarm])));
    store.add(jobs.onDidChange((j) => events.emit('onDidChangeJob', j)));
    const syslogEntries = new SyslogEntries(knownAlarmDetail);
    const onMessage = (m: SyslogMessage): void => {
      syslog.add(m);
      alerts.ingestSyslog(m);
      events.emit('onDidReceiveSyslog', [syslogEntries.toEntry(m)]);
    };
    store.add(receiver.onDidReceive(onMessage));
    store.add(traps.onDidReceive(onMessage));
    alerts.start();

    if (options.embeddedSimulator ?? true) {
      const sim = store.add(await startEmbeddedCluster({
        stateDir,
        scenario: options.scenario === undefined ? 'demo' : options.scenario,
        speed: options.speed ?? 1,
        ...(options.simBasePort !== undefined ? { basePort: options.simBasePort } : {}),
      }));
      // The nodes send their syslog to our receiver, as a real cluster's remote syslog destination.
      sim.setSyslogDestinations([{ host: '127.0.0.1', port: receiver.udpPort! }]);
      // And their SNMP notification destination is our trap receiver (sent when clogNotificationsEnabled is set).
      sim.setTrapDestinations([{ host: '127.0.0.1', port: traps.port }]);
      // The simulator is reached only through its published endpoints document (the same JSON `npm run sim` writes).
      collector.addCluster(embeddedClusterSpec(sim.endpoints, { ...(options.intervalsSec ? { intervals: options.intervalsSec } : {}) }));
      // Stop-gap until clusters carry their OVA (issue 15): the JSM capacity of each IM&P node from the profile.
      for (const c of sim.capacity) alerts.setNodeFact(EMBEDDED_CLUSTER_ID, c.node, 'jsmSessionsSupported', supportedJsmSessions(c.ovaUsers, c.activeActiveHa));
    }

    // Trace & Log Central: per-node trace clients reach the nodes the collector knows, with its pins and credentials.
    const traces = await createTraceParts({ stateDir, collector, alerts, jobs, credentials, events, store, toolVersion: APP_VERSION });

    // Disaster Recovery System (issue 13): through each cluster's CUCM publisher; every change is an action record.
    const drs = await createDrsParts({ stateDir, collector, alerts, jobs, events, store, transport: options.transport ?? 'web' });

    // Reports and diagnostics (issue 14): generated on demand over the collector's connections, kept in <state>/reports.
    const reports = await createReportParts({ stateDir, collector, jobs, events, store });

    const api = createDesktopService({
      info: { name: 'IMP Monitor', version: APP_VERSION, systemLocale: Intl.DateTimeFormat().resolvedOptions().locale, startedAtMs: Date.now() },
      transport: options.transport ?? 'web',
      collector,
      store: samples,
      storageHealth: () => samples.health(),
      alerts,
      layouts: await PerfLayoutStore.open(join(stateDir, 'perf-layouts.json')),
      silences,
      syslog,
      syslogEntries,
      jobs,
      watches,
      onboarding,
      traces,
      drs,
      reports,
    });
    return { api, events, dispose: () => store.dispose() };
  } catch (err) {
    return store.disposeAndRethrow(err);
  }
}
