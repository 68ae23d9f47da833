import { Option } from 'commander';
import { DRS_FREQUENCIES, DRS_MAX_SCHEDULES, type DrsFrequency, type DrsSchedule } from '../../../../shared/model/drs.js';
import type { Column } from '../conventions/outputFormat.js';
import { isoSeconds, namesArg, startArg, weekdayNames, weekdaysArg } from './drsOptions.js';
import { drsVerb } from './drsVerb.js';

/** `imp drs schedules|schedule-add|schedule-enable|schedule-disable|schedule-delete` (guide L10128-10175). */

const SCHEDULE_COLUMNS: readonly Column<DrsSchedule>[] = [
  { header: 'NAME', value: (s) => s.name },
  { header: 'DEVICE', value: (s) => s.device },
  { header: 'FEATURES', value: (s) => s.features?.join(',') },
  { header: 'START', value: (s) => isoSeconds(s.startMs) },
  { header: 'FREQUENCY', value: (s) => s.frequency },
  { header: 'DAYS', value: (s) => weekdayNames(s.weekdays) },
  { header: 'STATUS', value: (s) => (s.enabled ? 'enabled' : 'disabled') },
  { header: 'NEXT RUN', value: (s) => isoSeconds(s.nextRunMs) },
];

const scheduleJson = (s: DrsSchedule): unknown => ({
  name: s.name,
  device: s.device,
  enabled: s.enabled,
  features: s.features ?? null,
  frequency: s.frequency ?? null,
  weekdays: s.weekdays ?? null,
  start: isoSeconds(s.startMs) ?? null,
  nextRun: isoSeconds(s.nextRunMs) ?? null,
});

const SCHEDULE_JSON = `  {name, device, enabled, features, frequency, weekdays (0 = Sunday), start, nextRun}   times ISO 8601 UTC;
  null where the cluster's listing does not say`;

export const schedules = drsVerb<Record<string, never>, DrsSchedule>({
  name: 'schedules',
  summary: 'the backup schedules of the cluster (schedule list)',
  output: true,
  help: `Lists the cluster's backup schedules (utils disaster_recovery schedule list), one row each:
${SCHEDULE_JSON}
Exit codes: 0 listed (none is an empty list); 1 the publisher could not be reached or DRS refused (its words on
stderr); 2 bad usage.`,
  run: async (_ctx, { ops }) => ({ rows: await ops.schedules(), columns: SCHEDULE_COLUMNS, json: scheduleJson }),
});

interface ScheduleAddOptions {
  name: string;
  device: string;
  features: string[];
  start: number;
  frequency: DrsFrequency;
  days?: number[];
  enable?: boolean;
  replace?: boolean;
}

export const scheduleAdd = drsVerb<ScheduleAddOptions, DrsSchedule>({
  name: 'schedule-add',
  summary: 'adds a backup schedule (or replaces the one of that name with --replace); prints the schedules after it',
  output: true,
  options: (cmd) => {
    cmd
      .addOption(new Option('--name <NAME>', 'schedule name: letters, digits, spaces, dashes and underscores').makeOptionMandatory())
      .addOption(new Option('--device <NAME>', 'the backup device it writes to').makeOptionMandatory())
      .addOption(new Option('--features <LIST>', "features to back up, comma-separated, as the cluster registers them (e.g. 'UCM,IM&P'; see drs registration)").argParser(namesArg).makeOptionMandatory())
      .addOption(new Option('--start <TIME>', 'first run: yyyy/mm/dd-hh:mm (UTC) or ISO 8601').argParser(startArg).makeOptionMandatory())
      .addOption(new Option('--frequency <F>', 'how often').choices([...DRS_FREQUENCIES]).makeOptionMandatory())
      .addOption(new Option('--days <DAYS>', 'weekly: the days, sun,mon,tue,wed,thu,fri,sat, or "default" (Set Default: tue-sat, guide L10161)').argParser(weekdaysArg))
      .addOption(new Option('--enable', 'enable the schedule after saving it (guide L10171)'))
      .addOption(new Option('--replace', 'edit: replace the schedule of that name (the CLI has no edit: it is deleted and added again)'));
  },
  check: (ctx) => {
    if (ctx.options.days !== undefined && ctx.options.frequency !== 'weekly') ctx.usageError('error: --days goes with --frequency weekly');
  },
  help: `Adds the schedule on the cluster (utils disaster_recovery schedule add <name> <device> <features>
<yyyy/mm/dd-hh:mm> <frequency> [days]); at least one feature (guide L10155), at most ${DRS_MAX_SCHEDULES} schedules
(L10128). Weekly without --days runs on the start date's day. It is added disabled unless --enable.
Prints the schedules after the change:
${SCHEDULE_JSON}
Exit codes: 0 saved; 1 DRS refused (an unknown device or feature, a name taken, too many schedules: DRS's words on
stderr) or the publisher could not be reached; 2 bad usage (a missing option, a bad time or day, --days without
weekly).`,
  run: async (ctx, { ops, cluster }) => {
    const o = ctx.options;
    ctx.log(`saving schedule ${o.name} (${o.frequency} from ${isoSeconds(o.start)}, ${o.features.join(',')} to ${o.device})…`);
    const list = await ops.saveSchedule({
      cluster: cluster.id,
      name: o.name,
      device: o.device,
      features: o.features,
      startMs: o.start,
      frequency: o.frequency,
      ...(o.days !== undefined ? { weekdays: o.days } : {}),
      ...(o.enable ? { enabled: true } : {}),
      ...(o.replace ? { replace: true } : {}),
    });
    return { rows: list, columns: SCHEDULE_COLUMNS, json: scheduleJson };
  },
});

function enableVerb(enabled: boolean) {
  const word = enabled ? 'enable' : 'disable';
  return drsVerb<{ names: string[] }, DrsSchedule>({
    name: `schedule-${word}`,
    summary: `${word}s backup schedules; prints the schedules after it`,
    output: true,
    options: (cmd) => {
      cmd.addOption(new Option('--names <LIST>', `the schedules to ${word}, comma-separated`).argParser(namesArg).makeOptionMandatory());
    },
    help: `${enabled ? 'Enables' : 'Disables'} each schedule on the cluster (utils disaster_recovery schedule ${word} <name>).
Prints the schedules after the change:
${SCHEDULE_JSON}
Exit codes: 0 done; 1 DRS refused (no such schedule: DRS's words on stderr) or the publisher could not be
reached; 2 bad usage.`,
    run: async (ctx, { ops }) => {
      ctx.log(`${word.replace(/e$/, '')}ing schedule${ctx.options.names.length === 1 ? '' : 's'} ${ctx.options.names.join(', ')}…`);
      return { rows: await ops.setSchedulesEnabled(ctx.options.names, enabled), columns: SCHEDULE_COLUMNS, json: scheduleJson };
    },
  });
}

export const scheduleEnable = enableVerb(true);
export const scheduleDisable = enableVerb(false);

export const scheduleDelete = drsVerb<{ name: string }, DrsSchedule>({
  name: 'schedule-delete',
  summary: 'deletes a backup schedule; prints the schedules after it',
  output: true,
  options: (cmd) => {
    cmd.addOption(new Option('--name <NAME>', 'the schedule to delete').makeOptionMandatory());
  },
  help: `Deletes the schedule on the cluster (utils disaster_recovery schedule delete <name>). Prints the schedules
after the change:
${SCHEDULE_JSON}
Exit codes: 0 deleted; 1 DRS refused (no such schedule: DRS's words on stderr) or the publisher could not be
reached; 2 bad usage.`,
  impact: (ctx) => `Deleting backup schedule ${ctx.options.name}: its backups stop running.`,
  run: async (ctx, { ops }) => {
    ctx.log(`deleting schedule ${ctx.options.name}…`);
    return { rows: await ops.deleteSchedule(ctx.options.name), columns: SCHEDULE_COLUMNS, json: scheduleJson };
  },
});
