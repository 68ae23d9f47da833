import { z } from 'zod';
import { DIAGNOSTIC_MODULES } from '../model/diagnostics/diagnosticsState.js';

/** A duration: seconds as a number, or text like "90s", "5m", "1h30m", "250ms". */
export const durationSchema = z.union([
  z.number().min(0),
  z.string().regex(/^(\d+(\.\d+)?(ms|s|m|h|d))+$/, 'must be a duration like 90s, 5m, 1h30m'),
]);

/** Converts a duration to milliseconds. */
export function durationMs(value: z.infer<typeof durationSchema>): number {
  if (typeof value === 'number') return value * 1000;
  let total = 0;
  for (const m of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) {
    const n = Number(m[1]);
    const unit = m[2]!;
    total += n * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : unit === 'h' ? 3_600_000 : 86_400_000);
  }
  return total;
}

const node = z.string().min(1);
const service = z.string().min(1);

/** Every action a scenario step can take. */
export const actionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('stopService'), node, service }).strict(),
  z.object({ action: z.literal('startService'), node, service }).strict(),
  z.object({ action: z.literal('restartService'), node, service }).strict(),
  z.object({ action: z.literal('crashService'), node, service }).strict(),
  z.object({ action: z.literal('failServiceStart'), node, service, enabled: z.boolean().default(true) }).strict(),
  z.object({ action: z.literal('powerOff'), node }).strict(),
  z.object({ action: z.literal('powerOn'), node }).strict(),
  z.object({ action: z.literal('reboot'), node }).strict(),
  z.object({ action: z.literal('isolateNode'), node, isolated: z.boolean().default(true) }).strict(),
  z.object({ action: z.literal('cutHeartbeat'), nodes: z.tuple([node, node]), cut: z.boolean().default(true) }).strict(),
  z.object({ action: z.literal('breakReplication'), node, broken: z.boolean().default(true) }).strict(),
  z.object({ action: z.literal('setMftFreeSpace'), percent: z.number().min(0).max(100) }).strict(),
  z.object({ action: z.literal('setMftExternal'), mounted: z.boolean().optional(), dbConnected: z.boolean().optional(), dbFull: z.boolean().optional() }).strict(),
  z.object({ action: z.literal('fillBackupServer'), bytes: z.number().int().min(0).optional(), full: z.boolean().default(true) }).strict(),
  z.object({ action: z.literal('loginStorm'), window: durationSchema.default('5m') }).strict(),
  z.object({ action: z.literal('sessionInflation'), node, factor: z.number().min(0).max(100) }).strict(),
  z.object({ action: z.literal('expireCertificate'), node, unit: z.string().default('tomcat'), days: z.number().default(-1) }).strict(),
  z.object({ action: z.literal('degradeEndpoint'), node, protocol: z.enum(['ssh', 'snmp', 'soap']), delayMs: z.number().int().min(0).optional(), unresponsive: z.boolean().optional() }).strict(),
  z.object({ action: z.literal('restoreEndpoint'), node, protocol: z.enum(['ssh', 'snmp', 'soap']) }).strict(),
  z.object({ action: z.literal('haFailover'), node }).strict(),
  z.object({ action: z.literal('haFallback'), node }).strict(),
  z.object({ action: z.literal('haRecover'), group: z.string().min(1) }).strict(),
  z.object({ action: z.literal('restartSrm'), node }).strict(),
  z.object({ action: z.literal('srmFault'), node, fault: z.enum(['takeoverFails', 'takebackFails', 'haMisconfigured']), enabled: z.boolean().default(true) }).strict(),
  z.object({ action: z.literal('injectDuplicates'), kind: z.enum(['userid', 'uri', 'invalidUri']), values: z.array(z.string()).min(1) }).strict(),
  z.object({ action: z.literal('validateUsers') }).strict(),
  /** Removes (null) or changes a user's mail ID; another user's mail ID makes a duplicate (reports-design.md). */
  z.object({ action: z.literal('setMailId'), user: z.string().min(1), mailId: z.string().min(1).max(255).nullable() }).strict(),
  /** Drops what injectDuplicates injected: the user troubleshooter passes again. */
  z.object({ action: z.literal('clearDuplicates') }).strict(),
  /** Makes one item a `utils diagnose` module checks healthy or not (added when the profile did not configure it). */
  z.object({ action: z.literal('setDiagnostic'), module: z.enum(DIAGNOSTIC_MODULES), item: z.string().min(1).max(255), healthy: z.boolean() }).strict(),
  z.object({ action: z.literal('raiseAlarm'), node, alarm: z.string().min(1), text: z.string().default('') }).strict(),
  z.object({ action: z.literal('note'), text: z.string() }).strict(),
]);

/** One step: an action at a time offset from the scenario start. */
export const stepSchema = z.intersection(z.object({ at: durationSchema }), actionSchema);

/** A scenario timeline file (YAML or JSON). */
export const scenarioSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().default(''),
    /** For the guide's state/reason table scenarios: the Table 4 row this drives (guide L2268-2307). */
    tableRow: z.number().int().min(1).max(24).optional(),
    /** Profile tweaks the scenario needs (e.g. automatic fallback on). */
    srm: z.object({ automaticFallback: z.boolean().optional() }).strict().optional(),
    /** Virtual time after the last step that the scenario still runs (for expectations to settle). */
    settle: durationSchema.default('0s'),
    /** What the pair should show at the end: (state, reason) per node as `utils ha status` prints them. */
    expect: z
      .object({
        group: z.string(),
        nodes: z.array(z.object({ state: z.string(), reason: z.string() }).strict()).min(1).max(2),
      })
      .strict()
      .optional(),
    /** Repeat the steps every `repeat` (demo scenarios). */
    repeat: durationSchema.optional(),
    steps: z.array(stepSchema).min(1),
  })
  .strict();

export type ScenarioAction = z.infer<typeof actionSchema>;
export type ScenarioStep = z.infer<typeof stepSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;
