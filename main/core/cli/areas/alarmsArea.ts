import { Option, type Command } from 'commander';
import { ALERT_SEVERITIES, SILENCE_MATCH_FIELDS, isAlarmActive, type AlarmRecord, type MatchField, type Silence } from '../../../../shared/model/alert.js';
import type { AlarmRequestBody } from '../../alerts/alarmRequests.js';
import { integerArg } from '../../base/commandLine.js';
import { AppError } from '../../base/errors.js';
import type { Column } from '../conventions/outputFormat.js';
import { defineVerb, type AreaDefinition, type VerbContext } from '../conventions/verb.js';
import { alarmById, openAlarmsFolder, type AlarmsFolder, type AppliedHow } from './alarmsFolder.js';
import { durationArg, sinceMs, timeArg, untilMs, type TimeArg } from './alarmsOptions.js';
import { isoSeconds } from './drsOptions.js';

/**
 * `imp alarms …`: Alert Central's alarm workflow on the command line (issue 15 "Command line"): list the data
 * folder's alarms, acknowledge (comment, until), unacknowledge, clear (comment), silence (matchers, duration).
 * A change goes through the app when one runs on the data folder (alerts/alarmRequests.ts: it holds the alarms in
 * memory), else it is applied to history.db directly; either way it is recorded as the OS user who ran the command.
 */

const alarmColumns: Column<AlarmRecord>[] = [
  { header: 'ID', value: (a) => a.id },
  { header: 'STATUS', value: (a) => a.status },
  { header: 'SEVERITY', value: (a) => a.severity },
  { header: 'CLUSTER', value: (a) => a.cluster },
  { header: 'NODE', value: (a) => a.node },
  { header: 'RULE', value: (a) => a.ruleId },
  { header: 'INSTANCE', value: (a) => a.instance || undefined },
  { header: 'RAISED', value: (a) => isoSeconds(a.raisedAt) },
  { header: 'LAST', value: (a) => isoSeconds(a.lastOccurrenceAt) },
  { header: 'COUNT', value: (a) => a.occurrences },
  { header: 'ACK BY', value: (a) => a.ack?.by },
  { header: 'ACK UNTIL', value: (a) => isoSeconds(a.ack?.untilMs) },
  { header: 'MESSAGE', value: (a) => a.message },
];

const silenceColumns: Column<Silence>[] = [
  { header: 'ID', value: (s) => s.id },
  { header: 'MATCHERS', value: (s) => s.matchers.map((m) => `${m.field}${m.op}${m.value}`).join(',') },
  { header: 'STARTS', value: (s) => isoSeconds(s.startsAt) },
  { header: 'ENDS', value: (s) => isoSeconds(s.endsAt) },
  { header: 'CREATED BY', value: (s) => s.createdBy },
  { header: 'COMMENT', value: (s) => s.comment },
];

const ALARM_JSON = `--format json prints the alarm(s) as Alert Central keeps them: {id, key, ruleId, ruleName, group, severity, cluster,
node, instance, status (outstanding|acknowledged|resolved|cleared|terminated), message, origin, raisedAt,
lastOccurrenceAt, occurrences, lastValue?, flapping, ack?: {by, comment, atMs, untilMs?}, resolvedAt?, closedAt?,
closedBy?, closeComment?} (times in epoch ms; the table shows them as ISO 8601 UTC).`;

const WHERE_CHANGE = `The change is made by the app running on the data folder when there is one (it holds the alarms: the
request is queued in history.db's alarm_requests table, the app applies it within about a second and this
command prints its outcome, waiting at most 15 s); with none running it is applied to history.db directly. It is
recorded as the OS user who ran this command. stderr says which of the two happened.`;

const EXIT = `Exit codes: 0 done; 1 failure (no such alarm, not active, the app did not answer), one line on stderr;
2 bad usage.`;

function addDataDir(cmd: Command): void {
  cmd.addOption(new Option('--data-dir <DIR>', "state folder whose history.db holds the alarms (default: the app's, $IMP_MONITOR_STATE_DIR or ~/.imp-monitor)"));
}

/** Opens the verb's data folder; NOT_FOUND when it has no history.db. */
function folderOf(ctx: VerbContext<unknown>): AlarmsFolder {
  const folder = openAlarmsFolder(ctx.where.dataDir);
  if (!folder) throw new AppError('NOT_FOUND', `no alarms in ${ctx.where.dataDir}: it has no history.db (the app or the collector has not run on this data folder; give --data-dir)`);
  return folder;
}

function howLine(what: string, how: AppliedHow, dbPath: string): string {
  return how.via === 'backend' ? `${what} through the app running on this data folder (pid ${how.pid} on ${how.host})` : `${what} in ${dbPath} directly (no app runs on this data folder)`;
}

async function change(ctx: VerbContext<unknown>, what: string, body: AlarmRequestBody): Promise<AlarmRecord> {
  const folder = folderOf(ctx);
  try {
    if (body.kind !== 'silence') alarmById(folder.store, body.alarmId);
    const { result, how } = await folder.apply(body);
    if (result.kind !== 'alarm') throw new AppError('INTERNAL', `expected an alarm back, got a ${result.kind}`);
    ctx.log(howLine(`${what} ${result.alarm.id}`, how, folder.dbPath));
    return result.alarm;
  } finally {
    await folder.dispose();
  }
}

interface ListOptions {
  status: 'active' | 'all';
  since?: TimeArg;
  cluster?: string;
  node?: string;
  limit: number;
}

const list = defineVerb<ListOptions, AlarmRecord>({
  name: 'list',
  summary: "the data folder's alarms: active (outstanding and acknowledged, default) or all, newest first",
  output: true,
  help: `${ALARM_JSON}
Read from history.db (beside a running app too). A folder where neither the app nor the collector ran lists
nothing (a line on stderr says so).
Exit codes: 0 listed; 1 history.db cannot be read; 2 bad usage.`,
  options: (c) => {
    c.addOption(new Option('--status <STATUS>', 'active (outstanding and acknowledged) or all').choices(['active', 'all']).default('active'));
    c.addOption(new Option('--since <TIME>', 'only alarms that occurred since: a duration back (24h, 7d) or an ISO 8601 time').argParser(timeArg));
    c.option('--cluster <ID>', 'only this cluster');
    c.option('--node <NAME>', 'only this node');
    c.addOption(new Option('--limit <N>', 'at most N alarms with --status all').argParser(integerArg(1, 100_000)).default(500));
    addDataDir(c);
  },
  run: async (ctx) => {
    const o = ctx.options;
    const result = { rows: [] as AlarmRecord[], columns: alarmColumns };
    const folder = openAlarmsFolder(ctx.where.dataDir);
    if (!folder) {
      ctx.log(`no alarms: ${ctx.where.dataDir} has no history.db (the app or the collector has not run on this data folder)`);
      return result;
    }
    try {
      const since = o.since ? sinceMs(o.since, Date.now()) : undefined;
      const rows =
        o.status === 'active'
          ? folder.store.loadActiveAlarms().filter((a) => isAlarmActive(a) && (since === undefined || a.lastOccurrenceAt >= since) && (o.cluster === undefined || a.cluster === o.cluster) && (o.node === undefined || a.node === o.node)).sort((a, b) => b.raisedAt - a.raisedAt)
          : folder.store.queryAlarms({ ...(since !== undefined ? { sinceMs: since } : {}), ...(o.cluster !== undefined ? { cluster: o.cluster } : {}), ...(o.node !== undefined ? { node: o.node } : {}), limit: o.limit });
      return { ...result, rows };
    } finally {
      await folder.dispose();
    }
  },
});

const ack = defineVerb<{ comment?: string; until?: TimeArg }, AlarmRecord>({
  name: 'ack',
  summary: 'acknowledge an active alarm, with a comment and optionally until a time (then it is outstanding again)',
  output: true,
  help: `${ALARM_JSON}\n${WHERE_CHANGE}\n${EXIT}`,
  options: (c) => {
    c.argument('<ID>', 'the alarm (its ID as imp alarms list shows it)');
    c.option('--comment <TEXT>', 'why (kept in the alarm journal)');
    c.addOption(new Option('--until <TIME>', 'the acknowledgement ends then: a duration (4h, 1d) or an ISO 8601 time, within a year').argParser(timeArg));
    addDataDir(c);
  },
  run: async (ctx) => {
    let until: number | undefined;
    if (ctx.options.until) {
      const u = untilMs(ctx.options.until, Date.now());
      if (!u.ok) return ctx.usageError(u.message);
      until = u.ms;
    }
    const body: AlarmRequestBody = { kind: 'acknowledge', alarmId: ctx.args[0]!, ...(ctx.options.comment !== undefined ? { comment: ctx.options.comment } : {}), ...(until !== undefined ? { untilMs: until } : {}) };
    return { rows: [await change(ctx, 'acknowledged', body)], columns: alarmColumns };
  },
});

const unack = defineVerb<{ comment?: string }, AlarmRecord>({
  name: 'unack',
  summary: 'take an acknowledgement back: the alarm is outstanding again',
  output: true,
  help: `${ALARM_JSON}\n${WHERE_CHANGE}\n${EXIT}`,
  options: (c) => {
    c.argument('<ID>', 'the alarm');
    c.option('--comment <TEXT>', 'why');
    addDataDir(c);
  },
  run: async (ctx) => ({ rows: [await change(ctx, 'unacknowledged', { kind: 'unacknowledge', alarmId: ctx.args[0]!, ...(ctx.options.comment !== undefined ? { comment: ctx.options.comment } : {}) })], columns: alarmColumns }),
});

const clear = defineVerb<{ comment?: string }, AlarmRecord>({
  name: 'clear',
  summary: "clear an active alarm (RTMT Clear Alert): closed, and detection starts over (a breach must last its duration again)",
  output: true,
  help: `${ALARM_JSON}\n${WHERE_CHANGE}\n${EXIT}`,
  options: (c) => {
    c.argument('<ID>', 'the alarm');
    c.option('--comment <TEXT>', 'why (kept in the alarm journal)');
    addDataDir(c);
  },
  run: async (ctx) => ({ rows: [await change(ctx, 'cleared', { kind: 'clear', alarmId: ctx.args[0]!, ...(ctx.options.comment !== undefined ? { comment: ctx.options.comment } : {}) })], columns: alarmColumns }),
});

/** The matcher options of `silence`: option name → alarm field. */
const MATCHER_OPTIONS: ReadonlyArray<{ flag: string; key: string; field: MatchField; what: string }> = [
  { flag: '--rule <ID>', key: 'rule', field: 'ruleId', what: 'the alert rule (CriticalServiceDown, CpuPegging, …)' },
  { flag: '--cluster <ID>', key: 'cluster', field: 'cluster', what: 'the cluster' },
  { flag: '--node <NAME>', key: 'node', field: 'node', what: 'the node' },
  { flag: '--instance <NAME>', key: 'instance', field: 'instance', what: 'the instance (a service, a disk …)' },
  { flag: '--severity <SEVERITY>', key: 'severity', field: 'severity', what: 'the severity' },
];

interface SilenceOptions {
  rule?: string;
  cluster?: string;
  node?: string;
  instance?: string;
  severity?: string;
  duration: number;
  comment?: string;
}

const silence = defineVerb<SilenceOptions, Silence>({
  name: 'silence',
  summary: 'hold back the notifications of the alarms that match, for a duration (Alertmanager silence): they are still raised and shown',
  output: true,
  help: `At least one matcher (--rule, --cluster, --node, --instance, --severity; each an equality, all must match).
--format json prints the silence: {id, matchers: [{field, op, value}], startsAt, endsAt, createdBy, comment, source}.
${WHERE_CHANGE.replace('request is queued', 'silence is queued')}
Exit codes: 0 made; 1 failure, one line on stderr; 2 bad usage (no matcher, a bad duration).
Fields an alarm may be matched on: ${SILENCE_MATCH_FIELDS.join(', ')}.`,
  options: (c) => {
    for (const m of MATCHER_OPTIONS) {
      const opt = new Option(m.flag, `only alarms of ${m.what}`);
      c.addOption(m.key === 'severity' ? opt.choices(ALERT_SEVERITIES) : opt);
    }
    c.addOption(new Option('--duration <DURATION>', 'how long from now: 30m, 2h, 1h30m, 7d (at most 366d)').argParser(durationArg).makeOptionMandatory());
    c.option('--comment <TEXT>', 'why');
    addDataDir(c);
  },
  run: async (ctx) => {
    const o = ctx.options as SilenceOptions & Record<string, string | undefined>;
    const matchers: Partial<Record<MatchField, string>> = {};
    for (const m of MATCHER_OPTIONS) {
      const v = o[m.key];
      if (v !== undefined) {
        if (v.trim() === '') ctx.usageError(`${m.flag.split(' ')[0]} must not be empty`);
        matchers[m.field] = v;
      }
    }
    if (Object.keys(matchers).length === 0) ctx.usageError('give at least one matcher: --rule, --cluster, --node, --instance or --severity (a silence of everything would mute every notification)');
    const now = Date.now();
    const folder = folderOf(ctx);
    try {
      const { result, how } = await folder.apply({ kind: 'silence', input: { matchers, startsAtMs: now, endsAtMs: now + o.duration, comment: o.comment ?? '' } });
      if (result.kind !== 'silence') throw new AppError('INTERNAL', `expected a silence back, got a ${result.kind}`);
      ctx.log(howLine(`silence ${result.silence.id} made`, how, folder.dbPath));
      return { rows: [result.silence], columns: silenceColumns };
    } finally {
      await folder.dispose();
    }
  },
});

/** `imp alarms …`: the alarm workflow of Alert Central. */
export const alarmsArea: AreaDefinition = {
  name: 'alarms',
  summary: "Alert Central's alarms: list, acknowledge, unacknowledge, clear, silence",
  verbs: [list, ack, unack, clear, silence],
};
