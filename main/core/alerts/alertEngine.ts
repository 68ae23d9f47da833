import { DisposableStore, type Disposable } from '../base/disposable.js';
import { Emitter } from '../base/emitter.js';
import type { AlarmHistoryEntry, AlarmRecord, AlertInstance, AlertRule, AlertTransition, SyslogMessage, ThresholdCondition, NodeFactName } from '../../../shared/model/alert.js';
import { AppError } from '../base/errors.js';
import type { NodeStatus, ServiceStatusRow } from '../../../shared/model/cluster.js';
import type { Sample } from '../../../shared/model/sample.js';
import { AlarmBook, type AlarmChangeKind } from './alarmBook.js';
import type { Defer } from './alarmJournal.js';
import type { NewAlarm } from './alarmLifecycle.js';
import { breaches, calculateFrom, evaluateThreshold, recovers } from './alertEvaluator.js';
import { frequencyAllows, recordAlertTime } from './alertFrequency.js';
import { alertKey, nodeKey } from './alertKey.js';
import { isScheduleActive } from './alertSchedule.js';
import { systemAlertScheduler, type AlertScheduler } from './alertScheduler.js';
import { advanceAlertState, advanceOnValue, clearInstance, initialInstance, type MutableInstance } from './alertStateMachine.js';
import { InstanceTable } from './instanceTable.js';
import type { AlarmHistoryQuery, AlarmQuery, AlertStore } from './alertStore.js';
import { RuleRegistry, type CompiledRule } from './ruleRegistry.js';
import { SeriesStore, type NodeSeries } from './seriesStore.js';
import { nodeStatusSamples, serviceStatusSamples } from './statusSeries.js';
import { Suspensions, type SuspendScope } from './suspensions.js';
import { matchSyslog } from './syslogMatcher.js';

/** RTMT's back end checks every 30 s (serviceability-reference.md A.3). */
export const DEFAULT_EVALUATION_INTERVAL_MS = 30_000;

/** How the engine is built (constructor injection of interfaces, house-style.md 5.7). */
export interface AlertEngineOptions {
  readonly store: AlertStore;
  readonly scheduler?: AlertScheduler;
  readonly evaluationIntervalMs?: number;
  /** A series older than this is missing data; default 3 × the evaluation interval. */
  readonly staleAfterMs?: number;
  readonly newAlarmId?: () => string;
  /** When alarm changes are written to the store (default: the next turn of the event loop; alarmJournal.ts). */
  readonly deferWrites?: Defer;
}

/** An alarm change with its rule (undefined if the rule was deleted since), for notifiers and the UI. */
export interface AlarmEvent {
  readonly kind: AlarmChangeKind;
  readonly alarm: AlarmRecord;
  readonly rule?: AlertRule;
}

/**
 * One rule on one node, kept across evaluations (rebuilt only when the node gains series): the instances to
 * evaluate with their slots resolved, and an evaluation context updated in place (no per-evaluation allocation).
 */
interface RuleRun {
  readonly ns: NodeSeries;
  readonly nk: string;
  /** ns.instances.size when `rows` was built (series are never removed, so a change means new ones). */
  instanceCount: number;
  /** The instance table's rows evaluated, their points set. */
  rows: Int32Array;
  readonly ctx: { now: number; staleAfterMs: number; collectionError: string | undefined; nodeFact: number | undefined };
}

/** Per threshold rule: its runs, one per node that has its series, in the series store's node order. */
interface RuleCache {
  /** The compiled rule the runs were laid out for (a changed rule gets a new cache). */
  readonly cr: CompiledRule;
  /** The series' node map (set on the first evaluation that finds it). */
  nodes: ReadonlyMap<string, NodeSeries> | undefined;
  /** Size of the series' node map when `runs` was built. */
  nodeCount: number;
  runs: RuleRun[];
}

/** What one evaluation did. */
export interface EvaluationSummary {
  readonly atMs: number;
  readonly rulesEvaluated: number;
  readonly instancesEvaluated: number;
  readonly transitions: number;
}

/**
 * Alert Central's engine: thin orchestration around the pure evaluator and state machine (house-style.md 5.6).
 * Inputs: samples, node status, service status, node facts, syslog/trap messages. Each evaluation runs every
 * enabled threshold rule over its series; firing instances raise or add to alarms (bounded by the rule's
 * frequency, schedule and suspensions); normal instances resolve them. Restores active alarms from the store.
 */
export class AlertEngine implements Disposable {
  /** Rule CRUD (RTMT Set Alert/Properties, Reset to Default). */
  readonly rules: RuleRegistry;
  readonly #alarms: AlarmBook;
  readonly #series = new SeriesStore();
  /** Detection state of every key, as table rows; a rule's runs keep their rows, so no key lookup per evaluation. */
  readonly #table = new InstanceTable();
  readonly #alertTimes = new Map<string, number[]>();
  /** Per rule: nodes, instances and rows resolved once (saves key strings and map lookups on every evaluation). */
  readonly #ruleCache = new Map<string, RuleCache>();
  /** The threshold rules' caches in evaluation order, for the compiled array `#planOf`. */
  #plan: RuleCache[] = [];
  #planOf: readonly CompiledRule[] | undefined;
  readonly #terminated = new Set<string>();
  readonly #nodeErrors = new Map<string, string>();
  readonly #facts = new Map<string, Partial<Record<NodeFactName, number>>>();
  readonly #hosts = new Map<string, { cluster: string; node: string }>();
  readonly #suspensions = new Suspensions();
  readonly #scheduler: AlertScheduler;
  readonly #intervalMs: number;
  readonly #staleAfterMs: number;
  readonly #disposables = new DisposableStore();
  readonly #onDidTransition = this.#disposables.add(new Emitter<readonly AlertTransition[]>());
  readonly #onDidChangeAlarm = this.#disposables.add(new Emitter<AlarmEvent>());
  /** Fires once per evaluation with the instances whose state changed (Grafana StateTransition.Changed()). */
  readonly onDidTransition = this.#onDidTransition.event;
  /** Fires after every alarm change (raised, occurred, acknowledged, resolved, cleared, terminated…). */
  readonly onDidChangeAlarm = this.#onDidChangeAlarm.event;
  #timer: Disposable | undefined;
  /** Fires when the earliest acknowledgement with an end expires (armed again after each expiry). */
  #ackTimer: { readonly atMs: number; readonly timer: Disposable } | undefined;
  #disposed = false;

  constructor(private readonly options: AlertEngineOptions) {
    this.#scheduler = options.scheduler ?? systemAlertScheduler;
    this.#intervalMs = options.evaluationIntervalMs ?? DEFAULT_EVALUATION_INTERVAL_MS;
    this.#staleAfterMs = options.staleAfterMs ?? 3 * this.#intervalMs;
    this.rules = this.#disposables.add(new RuleRegistry(options.store));
    this.#alarms = this.#disposables.add(new AlarmBook(options.store, options.newAlarmId, options.deferWrites));
    for (const a of this.#alarms.active()) this.#restoreInstance(a);
    this.#disposables.add(
      this.#alarms.onDidChange((c) => {
        const row = this.#table.rowOf(c.alarm.key);
        if (row !== undefined) this.#table.setAlarm(row, this.#alarms.activeByKey(c.alarm.key));
        this.#onDidChangeAlarm.fire({ kind: c.kind, alarm: c.alarm, rule: this.#ruleOf(c.alarm.ruleId) });
      }),
    );
    this.#disposables.add(this.rules.onDidChange(({ id }) => this.#resetRule(id)));
    // An acknowledgement "until" a time ends then, also one restored from the store (one already past: at once).
    this.#armAckExpiry();
  }

  /** Starts evaluating every interval on the scheduler (idempotent). */
  start(): void {
    this.#timer ??= this.#disposables.add(this.#scheduler.setInterval(this.#intervalMs, (now) => this.evaluate(now)));
  }

  /** Adds polled samples (the collector's batches). */
  ingestSamples(samples: readonly Sample[]): void {
    this.#series.ingest(samples);
  }

  /** Node status: reachability (ServerDown, error state of the node's rules), replication, HA state, version. */
  updateNodeStatus(nodes: readonly NodeStatus[]): void {
    for (const n of nodes) {
      const loc = { cluster: n.cluster, node: n.name };
      this.#hosts.set(n.name.toLowerCase(), loc);
      this.#hosts.set(n.host.toLowerCase(), loc);
      if (n.reachability === 'down') this.#nodeErrors.set(nodeKey(n.cluster, n.name), `node ${n.name} is unreachable`);
      else this.#nodeErrors.delete(nodeKey(n.cluster, n.name));
    }
    this.#series.ingest(nodeStatusSamples(nodes, this.#scheduler.now()));
  }

  /** Service status rows (CriticalServiceDown). */
  updateServiceStatus(rows: readonly ServiceStatusRow[]): void {
    this.#series.ingest(serviceStatusSamples(rows, this.#scheduler.now()));
  }

  /** Sets a per-node fact (e.g. jsmSessionsSupported, see supportedJsmSessions()). */
  setNodeFact(cluster: string, node: string, name: NodeFactName, value: number): void {
    const k = nodeKey(cluster, node);
    this.#facts.set(k, { ...this.#facts.get(k), [name]: value });
  }

  /** Forgets the facts of a cluster's nodes (the cluster was removed), or of one node of it (the node is gone). */
  forgetNodeFacts(cluster: string, node?: string): void {
    if (node !== undefined) {
      this.#facts.delete(nodeKey(cluster, node));
      return;
    }
    const prefix = nodeKey(cluster, '');
    for (const k of [...this.#facts.keys()]) if (k.startsWith(prefix)) this.#facts.delete(k);
  }

  /** A node's fact, or undefined (for the backend's tests and the status panel). */
  nodeFact(cluster: string, node: string, name: NodeFactName): number | undefined {
    return this.#facts.get(nodeKey(cluster, node))?.[name];
  }

  /**
   * A syslog or trap message: raises syslog rules and catches threshold alerts between polls (syslogAlso). `at` is
   * the node the receivers attributed it to (sender address AND host name agree with a node the clusters report,
   * receivers/nodeAttribution.ts); the receivers never pass an unattributed message. Without `at` (in-process
   * callers and tests) the node is looked up by host name, then sender address, in the nodes last reported.
   */
  ingestSyslog(msg: SyslogMessage, at?: { readonly cluster: string; readonly node: string }): void {
    const loc = at ?? this.#hosts.get(msg.host.toLowerCase()) ?? this.#hosts.get(msg.peer.toLowerCase()) ?? { cluster: '', node: msg.host };
    const now = this.#scheduler.now();
    for (const cr of this.rules.compiled()) {
      const r = cr.rule;
      if (!r.enabled || cr.disabledNodes.has(loc.node)) continue;
      if (cr.syslog && r.condition.kind === 'syslog') {
        const clear = r.condition.clearMsgName;
        if (clear && msg.msgName?.toLowerCase() === clear.toLowerCase()) {
          for (const a of this.#alarms.active()) if (a.ruleId === r.id && a.node === loc.node && a.cluster === loc.cluster) this.#alarms.resolve(a, now);
          continue;
        }
        const inst = matchSyslog(cr.syslog, msg);
        if (inst !== undefined) this.#syslogHit(cr, loc.cluster, loc.node, inst, msg, now);
      }
      if (cr.syslogAlso) {
        const inst = matchSyslog(cr.syslogAlso, msg);
        if (inst !== undefined) this.#syslogHit(cr, loc.cluster, loc.node, inst, msg, now);
      }
    }
  }

  /**
   * Evaluates every enabled threshold rule now (the summary counts state changes even when nobody listens). The
   * alarm changes it makes are written to the store behind it, in one batch (alarmJournal.ts).
   */
  evaluate(now: number = this.#scheduler.now()): EvaluationSummary {
    // Transitions are copies for listeners: none are made when nobody listens.
    const transitions: AlertTransition[] | undefined = this.#onDidTransition.listenerCount > 0 ? [] : undefined;
    const summary = this.#evaluateRules(now, transitions);
    if (transitions !== undefined && transitions.length > 0) this.#onDidTransition.fire(transitions);
    return summary;
  }

  /** Detection instances (optionally of one rule). */
  instances(ruleId?: string): AlertInstance[] {
    const out: AlertInstance[] = [];
    const prefix = ruleId === undefined ? undefined : `${ruleId}|`;
    for (const key of this.#table.keys()) {
      if (prefix !== undefined && !key.startsWith(prefix)) continue;
      const inst = this.#table.read(this.#table.rowOf(key)!);
      if (inst && (ruleId === undefined || inst.ruleId === ruleId)) out.push({ ...inst });
    }
    return out;
  }

  /** Active alarms, newest first. */
  activeAlarms(): AlarmRecord[] {
    return this.#alarms.active();
  }

  /** Alarm history from the store (pending writes first). */
  history(query: AlarmHistoryQuery = {}): ReturnType<AlertStore['queryHistory']> {
    this.#alarms.flush();
    return this.options.store.queryHistory(query);
  }

  /** Every alarm, active and closed, from the store (pending writes first), newest first. */
  queryAlarms(query: AlarmQuery = {}): AlarmRecord[] {
    this.#alarms.flush();
    return this.options.store.queryAlarms(query);
  }

  /**
   * Writes the alarm changes not yet in the store now, in one batch. They are written on the next turn of the
   * event loop anyway; this is for a caller that needs them stored before it goes on.
   */
  flushWrites(): void {
    this.#alarms.flush();
  }

  /**
   * Acknowledges an alarm, optionally until a time: then the alarm is outstanding again (NetXMS timed sticky ack),
   * on a timer of the scheduler, not only at the next evaluation; across a restart too (armed from the store).
   */
  acknowledge(id: string, by: string, comment: string, untilMs?: number): AlarmRecord {
    const a = this.#alarms.acknowledge(id, by, comment, this.#scheduler.now(), untilMs);
    this.#armAckExpiry();
    return a;
  }

  /** Undoes an acknowledgement (the comment says why, in the alarm's journal). */
  unacknowledge(id: string, by: string, comment?: string): AlarmRecord {
    return this.#alarms.unacknowledge(id, by, this.#scheduler.now(), comment);
  }

  /** Most characters of a note. */
  static readonly MAX_NOTE = 4096;

  /**
   * Adds a person's note to an alarm's journal (an active alarm, or a closed one still in the store): a history line
   * 'note' with who and when, stored when this returns. NOT_FOUND for an unknown alarm, VALIDATION for an empty or
   * over-long note.
   */
  addNote(alarmId: string, by: string, text: string): AlarmHistoryEntry {
    const note = text.trim();
    if (note === '') throw new AppError('VALIDATION', 'a note must not be empty');
    if (note.length > AlertEngine.MAX_NOTE) throw new AppError('VALIDATION', `a note must be at most ${AlertEngine.MAX_NOTE} characters`);
    return this.#alarms.note(this.#anyAlarm(alarmId), by, note, this.#scheduler.now());
  }

  /**
   * An alarm's journal, oldest first: raised, acknowledged, notes, unacknowledged, resolved, cleared … with who and
   * when (the repeated 'occurred' lines are left out: the alarm counts them in `occurrences`). NOT_FOUND for an
   * unknown alarm.
   */
  journal(alarmId: string, limit = 10_000): AlarmHistoryEntry[] {
    this.#anyAlarm(alarmId);
    this.#alarms.flush();
    return this.options.store.queryHistory({ alarmId, events: JOURNAL_EVENTS, oldestFirst: true, limit });
  }

  /** RTMT Clear Alert: closes the alarm and resets detection (a breach must last its duration again). */
  clearAlarm(id: string, by: string, comment = ''): AlarmRecord {
    const a = this.#alarms.close(id, 'cleared', by, comment, this.#scheduler.now());
    const row = this.#table.rowOf(a.key);
    const inst = row === undefined ? undefined : this.#table.read(row);
    if (row !== undefined && inst) this.#table.write(row, clearInstance(inst, this.#scheduler.now()));
    this.#alertTimes.delete(a.key);
    return a;
  }

  /** RTMT Clear All Alerts (optionally of one rule or node, or only the alarms named); returns how many were cleared. */
  clearAll(by: string, filter: { ruleId?: string; node?: string; ids?: ReadonlySet<string> } = {}): number {
    let n = 0;
    for (const a of this.#alarms.active()) {
      if ((filter.ruleId && a.ruleId !== filter.ruleId) || (filter.node && a.node !== filter.node) || (filter.ids && !filter.ids.has(a.id))) continue;
      this.clearAlarm(a.id, by, 'Clear All');
      n++;
    }
    return n;
  }

  /** Terminates an alarm: closed, and not raised again for its key until detection has been normal (NetXMS). */
  terminate(id: string, by: string, comment = ''): AlarmRecord {
    const a = this.#alarms.close(id, 'terminated', by, comment, this.#scheduler.now());
    this.#terminated.add(a.key);
    return a;
  }

  /** RTMT Suspend: no alert is raised for the scope (every node, a cluster or a node) until `untilMs` or resume. */
  suspend(scope: SuspendScope, untilMs?: number): void {
    this.#suspensions.suspend(scope, untilMs);
  }

  /** Ends a suspension. */
  resume(scope: SuspendScope): void {
    this.#suspensions.resume(scope);
  }

  dispose(): void {
    this.#disposed = true;
    this.#timer = undefined;
    this.#ackTimer?.timer.dispose();
    this.#ackTimer = undefined;
    this.#disposables.dispose();
  }

  /** An alarm by id: active (in memory) or closed (from the store, after the pending writes); NOT_FOUND otherwise. */
  #anyAlarm(id: string): AlarmRecord {
    const active = this.#alarms.active().find((a) => a.id === id);
    if (active) return active;
    this.#alarms.flush();
    const stored = this.options.store.queryAlarms({ alarmId: id, limit: 1 })[0];
    if (!stored) throw new AppError('NOT_FOUND', `no alarm ${id}`);
    return stored;
  }

  /**
   * Arms one timer for the earliest acknowledgement end among the active alarms. A timer is at most a day ahead
   * (Node's timers overflow past 24.8 days and would fire at once); when it fires it expires what is due and arms
   * the next one.
   */
  #armAckExpiry(): void {
    if (this.#disposed) return;
    const next = this.#alarms.nextAckExpiry();
    if (next === undefined || this.#ackTimer?.atMs === next) return;
    this.#ackTimer?.timer.dispose();
    const now = this.#scheduler.now();
    const delay = Math.min(Math.max(0, next - now), ACK_TIMER_MAX_MS);
    this.#ackTimer = {
      atMs: next,
      timer: this.#scheduler.setTimeout(delay, (at) => {
        this.#ackTimer = undefined;
        this.#alarms.expireAcks(at);
        this.#armAckExpiry();
      }),
    };
  }

  /** The rule loop of one evaluation. */
  #evaluateRules(now: number, transitions: AlertTransition[] | undefined): EvaluationSummary {
    this.#alarms.expireAcks(now);
    let rules = 0;
    let evaluated = 0;
    let changed = 0;
    const plan = this.#currentPlan();
    for (let r = 0; r < plan.length; r++) {
      const cache = plan[r]!;
      const cr = cache.cr;
      if (!cr.enabled) continue;
      rules++;
      const nodes = (cache.nodes ??= this.#series.nodeMap(cr.seriesId!));
      if (nodes === undefined) continue;
      const scheduleActive = cr.alwaysActive || isScheduleActive(cr.rule.schedule, now);
      const factName = cr.math!.fact;
      if (cache.nodeCount !== nodes.size) this.#rebuildRuns(cache, nodes);
      const runs = cache.runs;
      for (let n = 0; n < runs.length; n++) {
        const run = runs[n]!;
        if (cr.disabledNodes.size > 0 && cr.disabledNodes.has(run.ns.node)) continue;
        if (run.instanceCount !== run.ns.instances.size) this.#rebuildEntries(cr, run);
        const ctx = run.ctx;
        ctx.now = now;
        ctx.collectionError = this.#nodeErrors.size > 0 ? this.#nodeErrors.get(run.nk) : undefined;
        ctx.nodeFact = factName ? this.#facts.get(run.nk)?.[factName] : undefined;
        changed += this.#evaluateRun(cr, run, now, scheduleActive, transitions);
        evaluated += run.rows.length;
      }
    }
    return { atMs: now, rulesEvaluated: rules, instancesEvaluated: evaluated, transitions: changed };
  }

  /** The threshold rules' caches in order, re-laid only when the rules changed (unchanged rules keep theirs). */
  #currentPlan(): RuleCache[] {
    const compiled = this.rules.compiled();
    if (compiled === this.#planOf) return this.#plan;
    const plan: RuleCache[] = [];
    for (const cr of compiled) {
      if (cr.math === undefined) continue;
      let cache = this.#ruleCache.get(cr.id);
      if (cache?.cr !== cr) this.#ruleCache.set(cr.id, (cache = { cr, nodes: undefined, nodeCount: -1, runs: [] }));
      plan.push(cache);
    }
    this.#plan = plan;
    this.#planOf = compiled;
    return plan;
  }

  /** Lays out a rule's runs over the nodes of its series, keeping the runs (and slots) of nodes already known. */
  #rebuildRuns(cache: RuleCache, nodes: ReadonlyMap<string, NodeSeries>): void {
    const old = new Map(cache.runs.map((r) => [r.ns, r]));
    cache.runs = [...nodes].map(([nk, ns]) => old.get(ns) ?? { ns, nk, instanceCount: -1, rows: new Int32Array(0), ctx: { now: 0, staleAfterMs: this.#staleAfterMs, collectionError: undefined, nodeFact: undefined } });
    cache.nodeCount = nodes.size;
  }

  /** Resolves the instances a rule evaluates on one node to table rows (made once), each reading its point. */
  #rebuildEntries(cr: CompiledRule, run: RuleRun): void {
    const { cluster, node, instances } = run.ns;
    const rows: number[] = [];
    const add = (instance: string, point: number): void => {
      const k = alertKey(cr.rule.id, cluster, node, instance);
      const row = this.#table.ensure(k, instance, this.#alarms.activeByKey(k));
      this.#table.setPoint(row, point);
      rows.push(row);
    };
    if (cr.instance !== undefined) {
      const p = instances.get(cr.instance);
      if (p !== undefined) add(cr.instance, p);
    } else for (const [instance, p] of instances) add(instance, p);
    run.rows = Int32Array.from(rows);
    run.instanceCount = instances.size;
  }

  /**
   * Evaluates one rule on one node; returns how many instances changed state. The loop reads the series columns
   * and the table's columns; an instance that is stable normal and stays so (by far the common case) is updated
   * in place without allocating — exactly what evaluateThreshold + nextAlertState give for it
   * (alertEngine.fastPath.test.ts). Anything else goes through {@link #evaluateChange}.
   */
  #evaluateRun(cr: CompiledRule, run: RuleRun, now: number, scheduleActive: boolean, out: AlertTransition[] | undefined): number {
    const math = cr.math!;
    const table = this.#table;
    const series = this.#series;
    const values = series.value;
    const times = series.ts;
    const prevValues = series.prevValue;
    const fact = run.ctx.nodeFact;
    const stale = this.#staleAfterMs;
    const rows = run.rows;
    let changed = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const p = table.point(row);
      const ts = times[p]!;
      // A fresh point's value as a plain number (NaN when it cannot be computed): no result object, no string.
      const v = now - ts <= stale ? calculateFrom(math, values[p]!, prevValues[p]!, fact) : Number.NaN;
      if (Number.isFinite(v) && !breaches(math, v) && table.isStableNormal(row)) {
        table.stepStableNormal(row, v, now);
        if (this.#terminated.size > 0) this.#terminated.delete(table.key(row));
        const active = table.alarm(row);
        if (active && (active.origin === 'poll' || ts > active.raisedAt)) this.#alarms.resolve(active, now);
        continue;
      }
      if (this.#evaluateChange(cr, run, row, v, now, scheduleActive, out)) changed++;
    }
    return changed;
  }

  /** The full step of one instance (state machine, alarms, transition); `v` is NaN when there is no value. */
  #evaluateChange(cr: CompiledRule, run: RuleRun, row: number, v: number, now: number, scheduleActive: boolean, out: AlertTransition[] | undefined): boolean {
    const cond = cr.threshold!;
    const math = cr.math!;
    const table = this.#table;
    const { cluster, node } = run.ns;
    const inst = table.instance(row);
    const key = table.key(row);
    const point = table.point(row);
    // The instance is private to the engine (instances() and transitions hand out copies): updated in place.
    const next = table.read(row) ?? (initialInstance(key, cr.rule.id, cluster, node, inst, now) as MutableInstance);
    const previous = next.state;
    if (Number.isFinite(v)) advanceOnValue(next, v, breaches(math, v), recovers(math, v), cr.sm, now);
    else advanceAlertState(next, evaluateThreshold(cond, this.#series.point(point), run.ctx), cr.sm, now);
    table.write(row, next);
    const change = next.state !== previous;
    if (out !== undefined && change) out.push({ previous, current: { ...next } });
    const active = table.alarm(row);
    if (next.state === 'firing') {
      if (this.#mayAlert(cr, key, cluster, node, now, scheduleActive)) {
        if (active) this.#alarms.occur(active, now, next.lastValue, next.flapping);
        else this.#alarms.raise(this.#newAlarm(cr, key, cluster, node, inst, now, 'poll', describe(cr.rule, cond, node, inst, next.lastValue), next.lastValue, next.flapping));
      }
    } else if (next.state === 'normal') {
      this.#terminated.delete(key);
      // A message caught between polls resolves once a poll newer than it shows normal.
      if (active && (active.origin === 'poll' || this.#series.ts[point]! > active.raisedAt)) this.#alarms.resolve(active, now);
    }
    return change;
  }

  #syslogHit(cr: CompiledRule, cluster: string, node: string, inst: string, msg: SyslogMessage, now: number): void {
    const key = alertKey(cr.rule.id, cluster, node, inst);
    if (!this.#mayAlert(cr, key, cluster, node, now, isScheduleActive(cr.rule.schedule, now))) return;
    const active = this.#alarms.activeByKey(key);
    if (active) {
      this.#alarms.occur(active, now, undefined, active.flapping);
      return;
    }
    const between = cr.seriesId !== undefined ? ' (caught from syslog between polls)' : '';
    const head = msg.appName ? `%${msg.appName}-${msg.severity}-${msg.msgName ?? ''}: ` : '';
    this.#alarms.raise(this.#newAlarm(cr, key, cluster, node, inst, now, msg.transport === 'trap' ? 'trap' : 'syslog', `${head}${msg.text}${between}`.slice(0, 1000), undefined, false));
  }

  #mayAlert(cr: CompiledRule, key: string, cluster: string, node: string, now: number, scheduleActive: boolean): boolean {
    if (!scheduleActive || this.#terminated.has(key) || this.#suspensions.isSuspended(cluster, node, now)) return false;
    // Every poll: always allowed, and no alert times to keep (a change of frequency resets the rule's times).
    if (cr.rule.frequency.kind === 'everyPoll') return true;
    const times = this.#alertTimes.get(key) ?? [];
    if (!frequencyAllows(cr.rule.frequency, times, now)) return false;
    this.#alertTimes.set(key, recordAlertTime(cr.rule.frequency, times, now));
    return true;
  }

  #newAlarm(cr: CompiledRule, key: string, cluster: string, node: string, instance: string, now: number, origin: AlarmRecord['origin'], message: string, lastValue: number | undefined, flapping: boolean): NewAlarm {
    const r = cr.rule;
    return { key, ruleId: r.id, ruleName: r.name, group: r.group, severity: r.severity, cluster, node, instance, raisedAt: now, origin, message, lastValue, flapping };
  }

  #restoreInstance(a: AlarmRecord): void {
    if (a.origin !== 'poll') return;
    const base = initialInstance(a.key, a.ruleId, a.cluster, a.node, a.instance, a.lastOccurrenceAt);
    const row = this.#table.ensure(a.key, a.instance, this.#alarms.activeByKey(a.key));
    this.#table.write(row, { ...base, state: 'firing', reason: 'restored', activeSince: a.raisedAt, firedAt: a.raisedAt, ...(a.lastValue !== undefined ? { lastValue: a.lastValue } : {}) });
  }

  #resetRule(id: string): void {
    this.#ruleCache.delete(id);
    const prefix = `${id}|`;
    for (const k of [...this.#table.keys()]) if (k.startsWith(prefix)) this.#table.remove(k);
    for (const k of [...this.#alertTimes.keys()]) if (k.startsWith(prefix)) this.#alertTimes.delete(k);
    for (const a of this.#alarms.active()) if (a.ruleId === id) this.#restoreInstance(a);
  }

  #ruleOf(id: string): AlertRule | undefined {
    return this.rules.find(id);
  }
}

/** The events of an alarm's journal: every one but the repeated 'occurred'. */
const JOURNAL_EVENTS: readonly AlarmHistoryEntry['event'][] = ['raised', 'acknowledged', 'unacknowledged', 'resolved', 'cleared', 'terminated', 'note'];

/** Longest wait of the acknowledgement timer (then it looks again). */
const ACK_TIMER_MAX_MS = 86_400_000;

/** Supported JSM sessions of a node: 1.5 × the OVA's users, half in active/active HA (seed-inventory.md 4.1). */
export function supportedJsmSessions(ovaUsers: number, activeActiveHa: boolean): number {
  return ovaUsers * 1.5 * (activeActiveHa ? 0.5 : 1);
}

function describe(rule: AlertRule, c: ThresholdCondition, node: string, inst: string, value: number | undefined): string {
  const v = value === undefined ? 'no value' : `value ${Math.round(value * 100) / 100}${c.metric.percentOfNodeFact || c.valueAs === 'deltaPercent' ? ' %' : ''}`;
  return `${rule.name} on ${node}${inst ? ` (${inst})` : ''}: ${v} ${c.direction} threshold ${c.threshold} (${c.metric.object}\\${c.metric.counter}${c.valueAs === 'absolute' ? '' : `, ${c.valueAs}`})`;
}
