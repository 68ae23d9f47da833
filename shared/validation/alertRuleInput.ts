/**
 * Validation of alert rule input from forms and IPC (house-style.md 5.2: parseX(raw: unknown)). Pure: no Node,
 * usable by main and renderer. Returns every problem with its field path instead of throwing.
 */
import { z } from 'zod';
import { ALERT_SEVERITIES, type AlertRule } from '../model/alert.js';

const MAX_PATTERN_LENGTH = 200;
const finite = z.number().finite();

const syslogMatch = z
  .object({
    maxSeverity: z.number().int().min(0).max(7).optional(),
    appName: z.string().min(1).max(100).optional(),
    msgName: z.string().min(1).max(100).optional(),
    contains: z.string().min(1).max(200).optional(),
    instancePattern: z
      .string()
      .min(1)
      .max(MAX_PATTERN_LENGTH)
      .refine(isCompilableRegex, 'not a valid regular expression')
      .optional(),
  })
  .strict()
  .refine((m) => m.maxSeverity !== undefined || m.appName || m.msgName || m.contains, 'give at least one of maxSeverity, appName, msgName, contains');

const condition = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('threshold'),
      metric: z
        .object({
          object: z.string().min(1).max(200),
          counter: z.string().min(1).max(200),
          instance: z.string().max(200).optional(),
          percentOfNodeFact: z.literal('jsmSessionsSupported').optional(),
        })
        .strict(),
      direction: z.enum(['over', 'under']),
      threshold: finite,
      recoveryThreshold: finite.optional(),
      valueAs: z.enum(['absolute', 'delta', 'deltaPercent']).default('absolute'),
    })
    .strict()
    .refine(
      (c) => c.recoveryThreshold === undefined || (c.direction === 'over' ? c.recoveryThreshold <= c.threshold : c.recoveryThreshold >= c.threshold),
      { message: 'recoveryThreshold must be on the safe side of threshold (≤ for over, ≥ for under)', path: ['recoveryThreshold'] },
    ),
  z.object({ kind: z.literal('syslog'), match: syslogMatch, clearMsgName: z.string().min(1).max(100).optional() }).strict(),
]);

/** RTMT "Enable Trace Download" (AlertTraceDownload): a day of traces at most, a few downloads a day (designed). */
const traceDownload = z
  .object({
    serviceLogs: z.array(z.string().trim().min(1).max(255)).max(100).default([]),
    systemLogs: z.array(z.string().trim().min(1).max(255)).max(100).default([]),
    lastMinutes: z.number().int().min(1).max(1440).default(15),
    maxPerDay: z.number().int().min(1).max(24).default(1),
  })
  .strict()
  .refine((t) => t.serviceLogs.length + t.systemLogs.length > 0, { message: 'choose at least one service or system log to download', path: ['serviceLogs'] });

const schema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'letters, digits and _ . : - only (1-100)').optional(),
    name: z.string().trim().min(1).max(100),
    group: z.enum(['System', 'IM and Presence Service', 'Custom']).default('Custom'),
    description: z.string().max(2000).default(''),
    recommendedAction: z.string().max(2000).optional(),
    enabled: z.boolean().default(true),
    disabledNodes: z.array(z.string().min(1).max(255)).max(1000).default([]),
    severity: z.enum(ALERT_SEVERITIES).default('Warning'),
    condition,
    syslogAlso: syslogMatch.optional(),
    duration: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('immediate') }).strict(),
        z.object({ kind: z.literal('sustained'), seconds: z.number().int().min(1).max(7 * 86_400) }).strict(),
      ])
      .default({ kind: 'immediate' }),
    frequency: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('everyPoll') }).strict(),
        z
          .object({ kind: z.literal('limited'), maxAlerts: z.number().int().min(1).max(1000), withinMinutes: z.number().int().min(1).max(10_080) })
          .strict(),
      ])
      .default({ kind: 'everyPoll' }),
    schedule: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('always') }).strict(),
        z
          .object({
            kind: z.literal('daily'),
            startMinute: z.number().int().min(0).max(1439),
            endMinute: z.number().int().min(0).max(1439),
            utcOffsetMinutes: z.number().int().min(-840).max(840).default(0),
          })
          .strict()
          .refine((s) => s.startMinute !== s.endMinute, 'start and end of the daily window must differ'),
      ])
      .default({ kind: 'always' }),
    keepFiringForSeconds: z.number().int().min(0).max(86_400).default(0),
    noDataPolicy: z.enum(['noData', 'error', 'alerting', 'ok', 'keepLast']).default('noData'),
    errorPolicy: z.enum(['noData', 'error', 'alerting', 'ok', 'keepLast']).default('error'),
    emailEnabled: z.boolean().default(true),
    alertAction: z.string().min(1).max(100).default('Default'),
    traceDownload: traceDownload.optional(),
  })
  .strict();

/** A validated rule as a user may create or replace it (the engine adds `preconfigured` and `source`). */
export type AlertRuleInput = Omit<AlertRule, 'preconfigured' | 'source' | 'id'> & { readonly id?: string };

/** The outcome of validation: the value, or every problem as "path: message". */
export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly string[] };

/** Validates unknown input as an alert rule, filling RTMT's defaults for absent settings. */
export function parseAlertRuleInput(raw: unknown): ParseResult<AlertRuleInput> {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data as AlertRuleInput };
  return { ok: false, issues: r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`) };
}

function isCompilableRegex(s: string): boolean {
  try {
    new RegExp(s, 'i');
    return true;
  } catch {
    return false;
  }
}
