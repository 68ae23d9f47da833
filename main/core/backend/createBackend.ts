import { join } from 'node:path';
import type { ReceiverSettings } from '../../../shared/model/receivers.js';
import type { ServiceStatusRow } from '../../../shared/model/cluster.js';
import { AlertEngine } from '../alerts/alertEngine.js';
import { engineAlarmActions, startAlarmRequestPoller } from '../alerts/alarmRequests.js';
import { SqliteAlarmRequests } from '../storage/sqlite/alarmRequestsTable.js';
import { AsyncDisposableStore } from '../base/disposable.js';
import { appStateDir } from '../base/stateDir.js';
import { Collector, type ClusterSpec } from '../collector/collector.js';
import type { CredentialStore } from '../credentials/credentialStore.js';
import { FileCredentialStore } from '../credentials/fileCredentialStore.js';
import { PinnedTrustStore } from '../credentials/pinnedTrustStore.js';
import { createReceiverParts } from './receiverParts.js';
import { Database } from '../storage/sqlite/database.js';
import { PerfLayoutStore } from '../perfmon/perfLayoutStore.js';
import { SqliteAlertStore } from '../storage/sqlite/sqliteAlertStore.js';
import { SqliteSampleStore } from '../storage/sqlite/sqliteSampleStore.js';
import type { Backend } from '../transport/backend.js';
import { EventHub } from '../transport/eventHub.js';
import { createClusterParts } from './clusterParts.js';
import { secureDatabaseFile, secureStateFolder } from '../credentials/stateFolderHygiene.js';
import { createDesktopService } from './desktopService.js';
import { JobRunner } from '../jobs/jobRunner.js';
import { SilenceBook } from '../notify/silenceBook.js';
import { osOperator } from '../audit/actionRecords.js';
import { MAINTENANCE_FILE, MaintenanceBook } from '../notify/maintenanceBook.js';
import { createNotificationParts, readStartupNotificationSettings } from './notificationParts.js';
import { PerfWatches } from '../perfmon/perfWatches.js';
import { createTraceParts } from './traceParts.js';
import { createDrsParts } from './drsParts.js';
import { createReportParts } from './reportParts.js';
import type { AccessMode } from '../../../shared/model/access.js';
import type { SessionPolicy } from '../operators/sessionPolicy.js';
import { createAuditParts } from './auditParts.js';
import { createOperatorParts } from './operatorParts.js';
import { createLocalSession } from './localSession.js';

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
  /**
   * The receivers for this run: `overrides` from the command line (`npm start -- --receiver-address …`), not saved;
   * `freePorts` binds any free ports (tests; default when simBasePort is 0 and nothing is overridden).
   */
  readonly receivers?: { readonly overrides?: Partial<ReceiverSettings>; readonly freePorts?: boolean };
  /** Alert evaluation interval (RTMT: 30 s). */
  readonly alertIntervalMs?: number;
  /**
   * Who calls (issue 16): `desktop` (Electron IPC, the OS user as admin; the default for transport 'electron'),
   * `web` (`npm start -- --web`, the per-run token's OS user as admin; the default otherwise) or `server` (`npm run
   * server`: named operators log in; `policy` sets session lifetimes and the lockout).
   */
  readonly access?: { readonly mode: Exclude<AccessMode, 'client'>; readonly policy?: Partial<SessionPolicy> };
  /** Told after each audit append (the server prints the head to its log); default: a line on stdout in server mode. */
  readonly onAuditHead?: (head: { readonly seq: number; readonly mac: string; readonly atMs: number }) => void;
}

/** The command line that creates the first admin of a data folder (shown while none exists: every login is refused). */
export function adminSetupCommand(stateDir: string): string {
  return `npm run imp -- operators add --name admin --role admin --password-env IMP_ADMIN_PASSWORD --data-dir ${shellWord(stateDir)}`;
}

/** A POSIX shell word: as is when it has nothing special, else single-quoted. */
function shellWord(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The composition root of the core (plain Node, shared by Electron and web mode): the embedded simulated cluster
 * (a separate device reached over its sockets only), the collector, history storage, Alert Central with its
 * syslog receiver, jobs and chart watches, all behind the DesktopApi; push events go to an EventHub.
 */
export async function createBackend(options: BackendOptions = {}): Promise<Backend> {
  const stateDir = options.stateDir ?? appStateDir();
  const mode = options.access?.mode ?? (options.transport === 'electron' ? 'desktop' : 'web');
  // The state folder 0700 and history.db 0600 (issue 15); a looser existing one is narrowed, said once.
  for (const w of [...secureStateFolder(stateDir), ...secureDatabaseFile(join(stateDir, 'history.db'))]) console.warn(`[backend] ${w}`);
  const store = new AsyncDisposableStore();
  try {
    const events = store.add(new EventHub());
    const db = Database.open(join(stateDir, 'history.db'));
    store.add(db);
    const samples = store.add(new SqliteSampleStore(db));
    const collector = store.add(await Collector.create());
    // Rules, alarms and history in the same database: active alarms are restored on restart without duplicates.
    const alerts = store.add(new AlertEngine({ store: new SqliteAlertStore(db), ...(options.alertIntervalMs ? { evaluationIntervalMs: options.alertIntervalMs } : {}) }));
    // Syslog (UDP, TCP) and trap receivers where <state>/receivers.json (or this run's command line) says; only
    // messages attributed to a node (sender address AND host name) reach Alert Central; simulated clusters are
    // pointed at them through their admin CLI when they appear and after a save (receiverParts.ts).
    const freeReceiverPorts = options.receivers?.freePorts ?? (options.simBasePort === 0 && options.receivers?.overrides === undefined);
    const receiverParts = await createReceiverParts({
      stateDir, collector, alerts, events, store,
      overrides: { ...(freeReceiverPorts ? { syslogUdpPort: 0, syslogTcpPort: 0, trapPort: 0 } : {}), ...options.receivers?.overrides },
      ...(freeReceiverPorts ? { zeroPortIsFree: true } : {}),
    });
    const jobs = store.add(new JobRunner());
    const watches = store.add(new PerfWatches(collector));
    const dataFolderCredentials = await FileCredentialStore.open({ keyPath: join(stateDir, 'credentials.key'), storePath: join(stateDir, 'credentials.json') });
    const credentials = options.credentials ?? dataFolderCredentials;
    // The audit log (issue 16): a table of history.db chained by an HMAC whose key is in the data folder's encrypted
    // credential store — always that one, even when the Electron app keeps cluster secrets in the OS key store, so that
    // `imp audit verify` and a server started later on the same folder can check the chain. Every change made through
    // the router, every login and refusal, job outcomes and DRS actions (auditParts.ts).
    const onHead = options.onAuditHead ?? (mode === 'server' ? (h: { seq: number; mac: string }) => console.log(`[audit] head seq=${h.seq} mac=${h.mac.slice(0, 16)}…`) : undefined);
    const audit = await createAuditParts({ stateDir, db, credentials: dataFolderCredentials, jobs, store, ...(onHead ? { onHead } : {}) });
    // Named operators and their sessions in history.db (operatorParts.ts): a server's logins; `imp operators` shares the tables.
    const operatorParts = createOperatorParts({ db, audit: audit.log, setupCommand: adminSetupCommand(stateDir), ...(options.access?.policy ? { policy: options.access.policy } : {}) });
    const trust = await PinnedTrustStore.open(join(stateDir, 'trust.json'));
    // Notifications (notificationParts.ts): <stateDir>/notifications.json edited in the app, the notification log in
    // history.db, the pipeline seeded from the active alarms and the log. Silences made in the app are kept in
    // <stateDir>/silences.json and maintenance windows in <stateDir>/maintenance.json, beside those of the file.
    const settings = await readStartupNotificationSettings(stateDir);
    const silences = await SilenceBook.open(join(stateDir, 'silences.json'), { settings: settings?.silences ?? [] });
    const maintenance = await MaintenanceBook.open(join(stateDir, MAINTENANCE_FILE), { settings: settings?.maintenanceWindows ?? [] });
    // Who acts when no caller is known (issue 15): the OS user who runs the app, or who started web mode; never a
    // field of a request. A call's caller (issue 16, currentCaller()) comes first.
    const operator = osOperator();
    const notifications = await createNotificationParts({ stateDir, db, alerts, credentials, store, silences: () => silences.active(), maintenance: () => maintenance.all(), ...(settings ? { settings } : {}) });

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
    alerts.start();
    // imp alarms ack|unack|clear|silence beside the running app: requests queued in history.db, applied here as the requester.
    store.add(startAlarmRequestPoller({ queue: new SqliteAlarmRequests(db), alarms: alerts, actionsFor: (operator) => engineAlarmActions(alerts, silences, operator), audit: audit.log }));

    // Clusters (issue 15): saved clusters restored, the embedded simulated cluster (on/off kept in clusters.json),
    // every IM&P node's OVA and its JSM capacity fact.
    const clusterParts = await createClusterParts({
      stateDir, collector, alerts, credentials, trust, store,
      embedded: {
        available: options.embeddedSimulator ?? true,
        scenario: options.scenario === undefined ? 'demo' : options.scenario,
        speed: options.speed ?? 1,
        ...(options.simBasePort !== undefined ? { basePort: options.simBasePort } : {}),
        ...(options.intervalsSec ? { intervals: options.intervalsSec } : {}),
      },
      // The embedded cluster's nodes are pointed at the receivers over their admin CLI (receiverParts), not here.
    });

    // Trace & Log Central: per-node trace clients reach the nodes the collector knows, with its pins and credentials.
    const traces = await createTraceParts({ stateDir, collector, alerts, jobs, credentials, events, store, toolVersion: APP_VERSION, confineLocalFiles: mode === 'server' });

    // Disaster Recovery System (issue 13): through each cluster's CUCM publisher; every change is an action record.
    // Each change is an audit entry as the caller (or, outside a call, the OS user: a schedule's backup is the system's own).
    const drs = await createDrsParts({
      stateDir, collector, alerts, jobs, events, store, transport: options.transport ?? 'web',
      actions: audit.actions(mode === 'server' ? { operator: 'system', source: 'system' } : { operator, source: mode }),
    });

    // Reports and diagnostics (issue 14): generated on demand over the collector's connections, kept in <state>/reports.
    const reports = await createReportParts({ stateDir, collector, jobs, events, store });

    const api = createDesktopService({
      info: { name: 'IMP Monitor', version: APP_VERSION, systemLocale: Intl.DateTimeFormat().resolvedOptions().locale, startedAtMs: Date.now() },
      transport: options.transport ?? 'web',
      mode,
      // On a server the web layer answers session.* itself (transport/webServer.ts over `sessions`).
      session: createLocalSession({ mode, localOperator: operator }),
      operators: operatorParts.service,
      audit: audit.service,
      collector,
      store: samples,
      storageHealth: () => samples.health(),
      alerts,
      layouts: await PerfLayoutStore.open(join(stateDir, 'perf-layouts.json')),
      silences,
      maintenance,
      operator,
      syslog: receiverParts.syslogService,
      receivers: receiverParts.service,
      notifications: notifications.service,
      jobs,
      watches,
      clusters: clusterParts.service,
      traces,
      drs,
      reports,
    });
    return { api, events, audit: audit.log, localOperator: operator, sessions: operatorParts.sessions, dispose: () => store.dispose() };
  } catch (err) {
    return store.disposeAndRethrow(err);
  }
}
