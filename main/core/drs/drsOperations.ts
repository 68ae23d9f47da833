/**
 * One cluster's Disaster Recovery System, driven through the CUCM publisher's admin CLI where the Master Agent works
 * (guide L10321-10323; Table 41 L10664-10700): devices, schedules, estimate, backup, cancel, status, history, backup
 * files, the restore checks and the restore, One-Step Restore, and what follows a restore (the restart order and the
 * replication check). Every call that changes the cluster is recorded (ActionRecords) with its parameters — never a
 * password — and its result: 'ok', 'refused' (DRS or the guide said no: its words) or 'failed' (the node could not
 * be asked). DRS refusals are AppErrors whose message is DRS's own words (drsCommands.ts).
 */
import type { ErrorPayload } from '../../../shared/errors.js';
import type {
  ActionRecord,
  DrsAfterRestore,
  DrsBackupFile,
  DrsDevice,
  DrsDeviceInput,
  DrsEstimate,
  DrsHistoryEntry,
  DrsNodeRegistration,
  DrsOneStepState,
  DrsOperation,
  DrsOverview,
  DrsRestoreCheck,
  DrsRestoreKind,
  DrsRestoreRequest,
  DrsSchedule,
  DrsScheduleInput,
  DrsStatus,
} from '../../../shared/model/drs.js';
import { DRS_BACKUP_TIMEOUT_MS } from '../../../shared/model/drs.js';
import type { ActionRecorder } from '../audit/actionRecords.js';
import type { Disposable } from '../base/disposable.js';
import { AppError, toErrorPayload } from '../base/errors.js';
import { realPollClock, type PollClock } from '../polling/base/pollClock.js';
import { DrsCli, restartSystem, type DrsCliResult } from '../polling/ssh/drsCommands.js';
import type { DrsClusterAccess, DrsNodeInfo } from './drsAccess.js';
import { DrsSession } from './drsSession.js';
import { bootedSince, readNodeBoot } from './nodeBoot.js';
import { checkReplication, REPLICATION_REMEDY } from './replicationCheck.js';
import { restartPlan } from './restartOrder.js';

/** After the 20-hour deadline DRS itself ends a backup (guide L10217); following stops this much later (ours). */
export const DEADLINE_GRACE_MS = 10 * 60_000;

/** When following a backup started (or first seen) at `startedMs` gives up: its 20 hours and the grace. */
export function backupFollowDeadline(startedMs: number): number {
  return startedMs + DRS_BACKUP_TIMEOUT_MS + DEADLINE_GRACE_MS;
}

/** Codes that mean "DRS (or the guide) said no", recorded as refused; the rest as failed. */
const REFUSALS: ReadonlySet<string> = new Set(['CONFLICT', 'NOT_FOUND', 'VALIDATION', 'PRECONDITION']);

/** Status reads right after a start until DRS shows the new job. */
const FIRST_STATUS_TRIES = 10;
/** Status reads in a row that say "no status" before following gives up. */
const MISSING_STATUS_LIMIT = 5;

type Params = ActionRecord['params'];

function asAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const p = toErrorPayload(err);
  return new AppError(p.code, p.message, { cause: err });
}

/** "2026-12-06-10-00-00.tar" → its UTC time (DRS names a backup after when it started). */
export function backupFileTime(fileName: string): number {
  const m = /(\d{4})-(\d\d)-(\d\d)-(\d\d)-(\d\d)-(\d\d)/.exec(fileName);
  if (!m) return 0;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** What the server choice amounts to (guide L10345-10364): one-step when asked, else by the nodes chosen. */
export function restoreKind(nodes: readonly DrsNodeInfo[], master: string, r: Pick<DrsRestoreRequest, 'servers' | 'kind'>): DrsRestoreKind {
  const chosen = new Set(r.servers);
  const all = nodes.length > 0 && nodes.every((n) => chosen.has(n.name));
  if (all) return r.kind === 'oneStep' ? 'oneStep' : 'entireCluster';
  return chosen.has(master) ? 'firstNode' : 'subsequentNodes';
}

export interface DrsOperationsOptions {
  readonly clock?: PollClock;
  /** Between two status reads while following a job (default 2 s). */
  readonly statusIntervalMs?: number;
}

export class DrsOperations implements Disposable {
  readonly #sessions = new Map<string, DrsSession>();
  readonly #clock: PollClock;
  readonly #statusIntervalMs: number;
  /** The nodes the last restore (or After Restore view) named, and those the app restarted since. */
  #pendingRestart: string[] = [];
  readonly #restarted = new Set<string>();
  /** A restarted node's own Date when its restart was asked, until its uptime proves it booted since (nodeBoot.ts). */
  readonly #restartAsked = new Map<string, number>();

  constructor(
    readonly access: DrsClusterAccess,
    private readonly recorder: ActionRecorder,
    opts: DrsOperationsOptions = {},
  ) {
    this.#clock = opts.clock ?? realPollClock;
    this.#statusIntervalMs = opts.statusIntervalMs ?? 2000;
  }

  get cluster(): string {
    return this.access.cluster;
  }

  /** The CUCM publisher, where DRS's Master Agent works (guide L10321-10323). */
  masterNode(): string {
    const nodes = this.access.nodes();
    const pub = nodes.find((n) => n.role === 'cucm-publisher');
    if (!pub) {
      throw new AppError('PRECONDITION', `Cluster ${this.cluster} has no CUCM publisher among its nodes (${nodes.map((n) => n.name).join(', ') || 'none'}): the DRS Master Agent runs only on the CUCM publisher (guide L10321-10323); add it to the cluster.`);
    }
    return pub.name;
  }

  async overview(): Promise<DrsOverview> {
    const errors: Record<string, ErrorPayload> = {};
    const part = async <T>(name: string, f: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await f();
      } catch (err) {
        errors[name] = toErrorPayload(err);
        return undefined;
      }
    };
    let masterNode: string | undefined;
    try {
      masterNode = this.masterNode();
    } catch (err) {
      errors.masterNode = toErrorPayload(err);
    }
    const registration = masterNode ? ((await part('registration', () => this.registration())) ?? []) : [];
    const devices = masterNode ? await part('devices', () => this.devices()) : undefined;
    const schedules = masterNode ? await part('schedules', () => this.schedules()) : undefined;
    const backup = masterNode ? await part('backup', () => this.status('backup')) : undefined;
    const restore = masterNode ? await part('restore', () => this.status('restore')) : undefined;
    const oneStep = masterNode ? await part('oneStep', () => this.oneStepState()) : undefined;
    const features = [...new Set(registration.flatMap((r) => r.features.map((f) => f.feature)))];
    return {
      cluster: this.cluster,
      ...(masterNode ? { masterNode } : {}),
      registration,
      features,
      devices: devices ?? [],
      schedules: schedules ?? [],
      ...(backup ? { backup } : {}),
      ...(restore ? { restore } : {}),
      ...(oneStep ? { oneStep } : {}),
      ...(this.access.simulatedBackupServer ? { simulatedBackupServer: this.access.simulatedBackupServer } : {}),
      errors,
    };
  }

  /** What every node registered with the Master Agent (`show_registration <host>` on the publisher). */
  async registration(): Promise<DrsNodeRegistration[]> {
    const out: DrsNodeRegistration[] = [];
    for (const n of this.access.nodes()) {
      const r = await this.#call((cli) => cli.registration(n.name));
      out.push(r.ok ? { node: n.name, features: r.value } : { node: n.name, features: [], error: toErrorPayload(r.error) });
    }
    return out;
  }

  devices(): Promise<DrsDevice[]> {
    return this.#read((cli) => cli.devices());
  }

  /** Adds a device, or replaces the one of the same name (edit); DRS checks it reaches the directory (guide L10083-10095). */
  async saveDevice(i: DrsDeviceInput): Promise<DrsDevice[]> {
    const existed = await this.devices().then((ds) => ds.some((d) => d.name === i.name), () => undefined);
    const action = existed === undefined ? 'drs.device.save' : existed ? 'drs.device.edit' : 'drs.device.add';
    const params: Params = { host: i.host, port: i.port ?? 22, path: i.path, username: i.username, backupsToKeep: i.backupsToKeep ?? 2 };
    return this.#change(action, i.name, params, async () => {
      await this.#write((cli) => cli.addDevice({ name: i.name, host: i.host, ...(i.port !== undefined ? { port: i.port } : {}), path: i.path, username: i.username, password: i.password, ...(i.backupsToKeep !== undefined ? { backupsToKeep: i.backupsToKeep } : {}) }));
      return this.devices();
    });
  }

  /** Refused by DRS while a schedule uses it (guide L10081). */
  deleteDevice(name: string): Promise<DrsDevice[]> {
    return this.#change('drs.device.delete', name, {}, async () => {
      await this.#write((cli) => cli.deleteDevice(name));
      return this.devices();
    });
  }

  schedules(): Promise<DrsSchedule[]> {
    return this.#read((cli) => cli.schedules());
  }

  /**
   * Adds a schedule, or (replace) edits one: the CLI has no edit, so the old one is deleted and the new one added;
   * when the add is refused the old one is put back as it was, so nothing is lost.
   */
  async saveSchedule(i: DrsScheduleInput): Promise<DrsSchedule[]> {
    const old = (await this.schedules()).find((s) => s.name === i.name);
    const params: Params = { device: i.device, features: i.features, startMs: i.startMs, frequency: i.frequency, ...(i.weekdays ? { weekdays: i.weekdays.map(String) } : {}), enabled: i.enabled ?? false };
    return this.#change(old ? 'drs.schedule.edit' : 'drs.schedule.add', i.name, params, async () => {
      if (old && !i.replace) throw new AppError('CONFLICT', `A schedule named ${i.name} already exists: edit it, or choose another name.`);
      const input = { name: i.name, device: i.device, features: i.features, startMs: i.startMs, frequency: i.frequency, ...(i.weekdays ? { weekdays: i.weekdays } : {}) };
      if (old) await this.#write((cli) => cli.deleteSchedule(i.name));
      try {
        await this.#write((cli) => cli.addSchedule(input));
      } catch (err) {
        if (old) await this.#putBack(old, asAppError(err));
        throw err;
      }
      if (i.enabled) await this.#write((cli) => cli.setScheduleEnabled(i.name, true));
      return this.schedules();
    });
  }

  async #putBack(old: DrsSchedule, cause: AppError): Promise<never> {
    if (!old.features || old.startMs === undefined || !old.frequency) {
      throw new AppError(cause.code, `${cause.message} The previous schedule ${old.name} was deleted and cannot be put back: the cluster did not list its details.`, { cause });
    }
    try {
      await this.#write((cli) => cli.addSchedule({ name: old.name, device: old.device, features: old.features!, startMs: old.startMs!, frequency: old.frequency!, ...(old.weekdays ? { weekdays: old.weekdays } : {}) }));
      if (old.enabled) await this.#write((cli) => cli.setScheduleEnabled(old.name, true));
    } catch (err) {
      throw new AppError(cause.code, `${cause.message} The previous schedule ${old.name} could not be put back: ${asAppError(err).message}`, { cause });
    }
    throw cause;
  }

  /**
   * Enables or disables each named schedule; every one is tried and recorded on its own (one refused does not make
   * the others' change unrecorded or recorded as refused), the refusals are named together.
   */
  async setSchedulesEnabled(names: readonly string[], enabled: boolean): Promise<DrsSchedule[]> {
    const failed: AppError[] = [];
    for (const n of names) {
      try {
        await this.#change(enabled ? 'drs.schedule.enable' : 'drs.schedule.disable', n, {}, () => this.#write((cli) => cli.setScheduleEnabled(n, enabled)));
      } catch (err) {
        failed.push(asAppError(err));
      }
    }
    if (failed.length > 0) throw new AppError(failed[0]!.code, failed.map((e) => e.message).join(' '), { cause: failed[0] });
    return this.schedules();
  }

  deleteSchedule(name: string): Promise<DrsSchedule[]> {
    return this.#change('drs.schedule.delete', name, {}, async () => {
      await this.#write((cli) => cli.deleteSchedule(name));
      return this.schedules();
    });
  }

  /** Refused as data (ok: false) when no backup history exists (guide L10103-10107). */
  estimate(features: readonly string[]): Promise<DrsEstimate> {
    return this.#read((cli) => cli.estimate(features));
  }

  /** Starts a manual backup; resolves with its first status. A second one while one runs is CONFLICT in DRS's words. */
  startBackup(device: string, features: readonly string[]): Promise<DrsStatus> {
    return this.#change('drs.backup', device, { device, features: [...features] }, async () => {
      const before = await this.#statusBefore('backup');
      await this.#write((cli) => cli.backup(device, features));
      return this.#firstStatus('backup', before);
    });
  }

  /** Cancel after the current component (guide L10227). */
  cancelBackup(): Promise<string> {
    return this.#change('drs.backup.cancel', undefined, {}, () => this.#write((cli) => cli.cancelBackup()), (m) => m);
  }

  status(op: DrsOperation): Promise<DrsStatus | undefined> {
    return this.#read((cli) => cli.status(op));
  }

  /**
   * Polls status until the job is no longer RUNNING (or signal aborts); calls onStatus on each read. `until` (this
   * clock's time, e.g. {@link backupFollowDeadline}): past it, following fails (PRECONDITION) even while no status
   * can be read (a publisher gone for good).
   */
  async follow(op: DrsOperation, o: { signal?: AbortSignal; until?: number; onStatus?: (s: DrsStatus) => void; onError?: (e: AppError) => void } = {}): Promise<DrsStatus> {
    let last: DrsStatus | undefined;
    let lastError: AppError | undefined;
    let missing = 0;
    for (;;) {
      if (o.signal?.aborted) {
        if (last) return last;
        throw asAppError(o.signal.reason ?? new AppError('PRECONDITION', `stopped following the ${op}`));
      }
      if (o.until !== undefined && this.#clock.now() > o.until) {
        const why = lastError ? ` Its status could not be read: ${lastError.message}` : '';
        throw new AppError('PRECONDITION', `The ${op} did not end by ${new Date(o.until).toISOString()} (DRS ends a backup after 20 hours, guide L10217); start a brand-new ${op}.${why}`);
      }
      try {
        const s = await this.status(op);
        if (s) {
          last = s;
          lastError = undefined;
          missing = 0;
          o.onStatus?.(s);
          if (s.state !== 'RUNNING') return s;
        } else if (++missing >= MISSING_STATUS_LIMIT) {
          throw new AppError('NOT_FOUND', `DRS reports no ${op} status`);
        }
      } catch (err) {
        if (err instanceof AppError && err.code === 'NOT_FOUND' && missing >= MISSING_STATUS_LIMIT) throw err;
        lastError = asAppError(err);
        o.onError?.(lastError);
      }
      await this.#clock.sleep(this.#statusIntervalMs, o.signal);
    }
  }

  /** Backups and restores (the last 20 of each, guide L10243, L10646), newest first. */
  async history(): Promise<DrsHistoryEntry[]> {
    const backups = await this.#read((cli) => cli.history('backup'));
    const restores = await this.#read((cli) => cli.history('restore'));
    return [...backups, ...restores].sort((a, b) => b.completedAt - a.completedAt);
  }

  /** A device's backup files with what each one's descriptor says; a file whose details fail keeps its row. */
  async backupFiles(device: string): Promise<DrsBackupFile[]> {
    const names = await this.#read((cli) => cli.backupFiles(device));
    const out: DrsBackupFile[] = [];
    for (const name of names) {
      const r = await this.#call((cli) => cli.backupInfo(device, name));
      out.push(r.ok ? r.value : { fileName: name, createdMs: backupFileTime(name), error: toErrorPayload(r.error) });
    }
    return out.sort((a, b) => b.createdMs - a.createdMs);
  }

  /** Asks DRS whether it would restore this; it checks and answers "no" to starting (nothing starts). */
  async checkRestore(r: DrsRestoreRequest): Promise<DrsRestoreCheck> {
    const kind = restoreKind(this.access.nodes(), this.masterNode(), r);
    return this.#change(
      'drs.restore.check',
      r.fileName,
      this.#restoreParams(r, kind),
      async (): Promise<DrsRestoreCheck> => {
        const res = await this.#write((cli) => cli.restore({ ...this.#restoreArgs(r), start: false }));
        if (res.started) {
          // Never expected (the check answers "n" and requires the password question first): said loudly if it happens.
          const item = { check: 'other' as const, ok: false, message: 'DRS started the restore although only a check was asked: follow it in Restore Status.' };
          return { ok: false, items: [...res.checks, item], kind, transcript: res.transcript };
        }
        return { ok: res.checks.length > 0 && res.checks.every((c) => c.ok), items: res.checks, kind, transcript: res.transcript };
      },
      (c) => (c.ok ? undefined : c.items.find((x) => !x.ok)?.message),
      (c) => (c.ok ? 'ok' : 'refused'),
    );
  }

  /** Starts the restore; refused (PRECONDITION, DRS's words) when a check fails. Resolves with its first status. */
  startRestore(r: DrsRestoreRequest): Promise<DrsStatus> {
    const kind = restoreKind(this.access.nodes(), this.masterNode(), r);
    return this.#change('drs.restore', r.fileName, this.#restoreParams(r, kind), async () => {
      if (kind === 'oneStep') await this.#oneStepReady();
      const before = await this.#statusBefore('restore');
      const res = await this.#write((cli) => cli.restore({ ...this.#restoreArgs(r), start: true }));
      if (!res.started) {
        const failed = res.checks.find((c) => !c.ok);
        throw new AppError('PRECONDITION', failed?.message ?? (res.transcript.trim().split('\n').at(-1) || 'DRS did not start the restore'));
      }
      this.#pendingRestart = [...r.servers];
      this.#restarted.clear();
      return this.#firstStatus('restore', before);
    });
  }

  /**
   * A One-Step Restore starts only once the publisher has become cluster aware (guide L10488-10494): while it
   * prepares no restore may start, and when it failed the guide says to restore in two steps (first node, then the
   * subsequent nodes). Otherwise the request would run as a plain restore of every node.
   */
  async #oneStepReady(): Promise<void> {
    const s = await this.oneStepState();
    if (s.state === 'ready') return;
    const said = s.message ? ` DRS says: ${s.message}` : '';
    const why =
      s.state === 'idle'
        ? 'One-Step Restore has not been prepared: prepare it first (the publisher becomes cluster aware in five minutes), or restore the first node, then the subsequent nodes (guide L10488-10494).'
        : s.state === 'preparing'
          ? 'The publisher is still becoming cluster aware: wait for its five minutes and start no backup or restore meanwhile (guide L10490).'
          : 'The publisher has failed to become cluster aware: One-Step Restore cannot start; restore the first node, then the subsequent nodes (guide L10494).';
    throw new AppError('PRECONDITION', `${why}${said}`);
  }

  #restoreArgs(r: DrsRestoreRequest) {
    return { servers: r.servers, fileName: r.fileName, device: r.device, features: r.features, securityPassword: r.securityPassword, ...(r.databaseFrom ? { databaseFrom: r.databaseFrom } : {}), integrityCheck: r.integrityCheck };
  }

  #restoreParams(r: DrsRestoreRequest, kind: DrsRestoreKind): Params {
    return { device: r.device, fileName: r.fileName, features: [...r.features], servers: [...r.servers], integrityCheck: r.integrityCheck, kind, ...(r.databaseFrom ? { databaseFrom: r.databaseFrom } : {}) };
  }

  /** One-Step Restore: the publisher becomes cluster aware (five minutes, guide L10484-10494). */
  prepareOneStep(device: string, fileName: string): Promise<DrsOneStepState> {
    return this.#change('drs.restore.oneStep', fileName, { device, fileName }, () => this.#write((cli) => cli.prepareOneStep({ device, fileName })), (s) => s.message);
  }

  oneStepState(): Promise<DrsOneStepState> {
    return this.#read((cli) => cli.oneStepState());
  }

  /** The guide's restart order for the restored nodes and the replication check (guide L10547-10618). */
  async afterRestore(servers: readonly string[]): Promise<DrsAfterRestore> {
    const nodes = this.access.nodes();
    const unknown = servers.filter((s) => !nodes.some((n) => n.name === s));
    if (unknown.length > 0) throw new AppError('VALIDATION', `not a node of cluster ${this.cluster}: ${unknown.join(', ')}`);
    if (servers.join('\n') !== this.#pendingRestart.join('\n')) {
      for (const n of [...this.#restarted]) if (!servers.includes(n)) this.#restarted.delete(n);
      this.#pendingRestart = [...servers];
    }
    const restart = restartPlan(await this.#provenNodes(nodes), servers, this.#restarted);
    const { rows, ok } = await checkReplication(nodes, servers, (node, command) => this.#runOn(node, command));
    return { restart, replication: rows, replicationOk: ok, ...(ok ? {} : { remedy: REPLICATION_REMEDY }) };
  }

  /** `utils system restart` on one node, refused out of the guide's order (L10547-10549, L10592, L10598-10602). */
  async restartNode(node: string): Promise<void> {
    const nodes = this.access.nodes();
    const info = nodes.find((n) => n.name === node);
    await this.#change('drs.node.restart', node, { role: info?.role ?? 'unknown' }, async () => {
      if (!info) throw new AppError('NOT_FOUND', `no node ${node} in cluster ${this.cluster}`);
      const servers = this.#pendingRestart.includes(node) ? this.#pendingRestart : [...this.#pendingRestart, node];
      const step = restartPlan(await this.#provenNodes(nodes), servers, this.#restarted).find((s) => s.node === node);
      if (step?.blockedBy) throw new AppError('PRECONDITION', step.blockedBy);
      const session = this.#session(node);
      try {
        const cli = await session.get();
        // The node's own time now: it has come back once its uptime says it booted after this.
        const asked = await readNodeBoot((command) => cli.run(command));
        const r = await restartSystem(cli);
        if (!r.ok) throw r.error;
        if (asked) this.#restartAsked.set(node, asked.nowMs);
        else this.#restartAsked.delete(node);
      } finally {
        // The node closes the session as it goes down; the next use opens a new one.
        if (node !== this.#masterOrUndefined()) {
          session.dispose();
          this.#sessions.delete(node);
        }
      }
      this.#restarted.add(node);
    });
  }

  dispose(): void {
    for (const s of this.#sessions.values()) s.dispose();
    this.#sessions.clear();
  }

  /**
   * The nodes as the restart order must see them: a node restarted from here counts as down until its own uptime
   * shows it booted after the restart was asked (the collector still reads it 'up' for a poll interval, and its SSH
   * server may answer while it shuts down: guide L10598, L10602).
   */
  async #provenNodes(nodes: readonly DrsNodeInfo[]): Promise<DrsNodeInfo[]> {
    const out: DrsNodeInfo[] = [];
    for (const n of nodes) {
      const asked = this.#restartAsked.get(n.name);
      if (asked === undefined) {
        out.push(n);
        continue;
      }
      const boot = await readNodeBoot((command) => this.#runOn(n.name, command));
      if (boot && bootedSince(boot, asked)) {
        this.#restartAsked.delete(n.name);
        out.push(n);
      } else {
        out.push({ ...n, reachability: 'down' });
      }
    }
    return out;
  }

  #masterOrUndefined(): string | undefined {
    return this.access.nodes().find((n) => n.role === 'cucm-publisher')?.name;
  }

  #session(node: string): DrsSession {
    let s = this.#sessions.get(node);
    if (!s) this.#sessions.set(node, (s = new DrsSession(this.access, node)));
    return s;
  }

  /** A DrsCli on the publisher's session; a publisher that cannot be reached is named as such. */
  async #cli(): Promise<DrsCli> {
    const master = this.masterNode();
    try {
      return new DrsCli(await this.#session(master).get());
    } catch (err) {
      const down = this.access.nodes().find((n) => n.name === master)?.reachability === 'down';
      if (!down) throw err;
      throw new AppError('PRECONDITION', `The CUCM publisher ${master} is down: DRS works only through its Master Agent (guide L10321-10323). ${asAppError(err).message}`, { cause: err });
    }
  }

  /** One DRS call; the outcome as data. A session that cannot be opened rejects. */
  async #call<T>(f: (cli: DrsCli) => Promise<DrsCliResult<T>>): Promise<DrsCliResult<T>> {
    return f(await this.#cli());
  }

  /** A read: tried once more on a fresh session when the node closed the old one (it restarted, or timed it out). */
  async #read<T>(f: (cli: DrsCli) => Promise<DrsCliResult<T>>): Promise<T> {
    let r = await this.#call(f);
    if (!r.ok && r.error.code === 'POLL_CONNECT') r = await this.#call(f);
    if (!r.ok) throw r.error;
    return r.value;
  }

  /** A change: never repeated (it may have happened). */
  async #write<T>(f: (cli: DrsCli) => Promise<DrsCliResult<T>>): Promise<T> {
    const r = await this.#call(f);
    if (!r.ok) throw r.error;
    return r.value;
  }

  async #runOn(node: string, command: string): Promise<{ ok: true; output: string } | { ok: false; error: unknown }> {
    try {
      const r = await (await this.#session(node).get()).run(command);
      return r.ok ? r : { ok: false, error: r.error };
    } catch (error) {
      return { ok: false, error };
    }
  }

  /** The status before a job is started (undefined when there is none or it cannot be read). */
  async #statusBefore(op: DrsOperation): Promise<DrsStatus | undefined> {
    try {
      return await this.status(op);
    } catch {
      return undefined;
    }
  }

  /**
   * The new job's first status. DRS shows it at once; a few reads allow for a slow Master Agent, and a status still
   * showing the job that ended before (`before`: same file, same final state) is not taken for the new one. DRS has
   * accepted the job by now: when no status can be read, the job is still reported running (with why), so that it
   * is followed and recorded as started rather than as failed.
   */
  async #firstStatus(op: DrsOperation, before: DrsStatus | undefined): Promise<DrsStatus> {
    const previous = (s: DrsStatus): boolean => before !== undefined && before.state !== 'RUNNING' && s.state === before.state && s.tarFilename === before.tarFilename && s.percentage === before.percentage;
    let last: DrsStatus | undefined;
    let error: AppError | undefined;
    for (let i = 0; i < FIRST_STATUS_TRIES; i++) {
      try {
        const s = await this.status(op);
        if (s && !previous(s)) return s;
        last = s ?? last;
      } catch (err) {
        error = asAppError(err);
      }
      await this.#clock.sleep(300);
    }
    const why = error ? `its status could not be read yet (${error.message})` : last ? 'DRS still shows the previous job' : `DRS shows no ${op} status yet`;
    const word = op === 'backup' ? 'Backup' : 'Restore';
    return { operation: op, state: 'RUNNING', message: `${word} initiated; ${why}.`, tarFilename: '', storageLocation: '', percentage: 0, rows: [] };
  }

  /** Runs a change and records it (never a secret: params are built by the callers above without any). */
  async #change<T>(
    action: string,
    target: string | undefined,
    params: Params,
    work: () => Promise<T>,
    message?: (v: T) => string | undefined,
    result?: (v: T) => ActionRecord['result'],
  ): Promise<T> {
    let v: T;
    try {
      v = await work();
    } catch (err) {
      const p = toErrorPayload(err);
      await this.#record({ action, cluster: this.cluster, ...(target !== undefined ? { target } : {}), params, result: REFUSALS.has(p.code) ? 'refused' : 'failed', message: p.message });
      throw err;
    }
    const m = message?.(v);
    await this.#record({ action, cluster: this.cluster, ...(target !== undefined ? { target } : {}), params, result: result?.(v) ?? 'ok', ...(m ? { message: m } : {}) });
    return v;
  }

  async #record(e: Omit<ActionRecord, 'id' | 'atMs' | 'operator' | 'source'>): Promise<void> {
    try {
      await this.recorder.record(e);
    } catch (err) {
      // The change happened (or was refused) either way: saying otherwise would mislead; the record's loss is logged.
      console.warn(`[drs] could not record ${e.action} on ${e.cluster}: ${(err as Error).message}`);
    }
  }
}
