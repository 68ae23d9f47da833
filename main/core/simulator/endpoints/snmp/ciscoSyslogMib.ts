import { BerTag, decodeIntegerContent } from './berCodec.js';
import type { MibBuildContext } from './mibBuildContext.js';
import { centisecondsBetween } from './mibBuildContext.js';
import type { MibViewBuilder, RawSetValue, WritableObject } from './mibView.js';
import { Oids } from './snmpOids.js';
import { SYSLOG_SEVERITIES, syslogSeverityValue, type SnmpNodeSnapshot, type SnmpSyslogRow } from './snmpNodeSnapshot.js';
import { v } from './snmpValue.js';

/** Reads an INTEGER Set value, or a refusal. */
function integerOf(value: RawSetValue): number | 'wrongType' | 'wrongLength' {
  if (value.tag !== BerTag.Integer) return 'wrongType';
  try {
    return decodeIntegerContent(value.content, 0, value.content.length, 'set value');
  } catch {
    return 'wrongLength';
  }
}

/** A writable scalar: only instance `.0` exists; `accept` maps an integer to a commit or `wrongValue`. */
function writableScalar(accept: (n: number) => (() => void) | undefined): WritableObject {
  return {
    prepare(instance, value) {
      if (instance.length !== 1 || instance[0] !== 0) return 'noCreation';
      const n = integerOf(value);
      if (typeof n === 'string') return n;
      return accept(n) ?? 'wrongValue';
    },
  };
}

/**
 * Adds CISCO-SYSLOG-MIB clogBasic and clogHistory (reference section C). clogNotificationsEnabled
 * (TruthValue, default false(2)) and clogMaxSeverity (default warning(5)) are read-write as on Cisco.
 */
export function addCiscoSyslogMib(b: MibViewBuilder, s: SnmpNodeSnapshot, ctx: MibBuildContext): void {
  const enabled = writableScalar((n) => (n === 1 || n === 2 ? () => ctx.writeSyslogConfig({ notificationsEnabled: n === 1 }) : undefined));
  const maxSeverity = writableScalar((n) => {
    const name = SYSLOG_SEVERITIES[n - 1];
    return name === undefined ? undefined : () => ctx.writeSyslogConfig({ maxSeverity: name });
  });
  b.scalar(Oids.clogNotificationsSent, () => v.counter(ctx.clogCounters.notificationsSent))
    .scalar(Oids.clogNotificationsEnabled, () => v.int(ctx.syslogConfig().notificationsEnabled ? 1 : 2), enabled)
    .scalar(Oids.clogMaxSeverity, () => v.int(syslogSeverityValue(ctx.syslogConfig().maxSeverity)), maxSeverity)
    .scalar(Oids.clogMsgIgnores, () => v.counter(ctx.clogCounters.msgIgnores))
    .scalar(Oids.clogMsgDrops, () => v.counter(ctx.clogCounters.msgDrops))
    .scalar(Oids.clogHistTableMaxLength, v.int(s.syslog.historyMaxLength))
    .scalar(Oids.clogHistMsgsFlushed, v.counter(0));

  b.table<SnmpSyslogRow>(
    Oids.clogHistoryEntry,
    {
      // clogHistIndex (1) is not-accessible.
      ...clogHistoryColumns(s.system.agentStartedAtMs),
    },
    s.syslogHistory,
    (r) => [r.index],
  );
}

/** The clogHistoryEntry columns 2..6 (facility, severity, msgName, msgText, timestamp), shared with the trap. */
export function clogHistoryColumns(agentStartedAtMs: number): Record<number, (r: SnmpSyslogRow) => ReturnType<typeof v.int>> {
  return {
    2: (r) => v.str(r.facility),
    3: (r) => v.int(syslogSeverityValue(r.severity)),
    4: (r) => v.str(r.msgName),
    5: (r) => v.str(r.msgText),
    6: (r) => v.ticks(centisecondsBetween(agentStartedAtMs, r.atMs)),
  };
}
