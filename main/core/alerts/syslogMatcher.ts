import type { SyslogMatch, SyslogMessage } from '../../../shared/model/alert.js';

/** A compiled {@link SyslogMatch}: lower-cased strings and the instance regex built once. */
export interface CompiledSyslogMatch {
  readonly maxSeverity?: number;
  readonly appName?: string;
  readonly msgName?: string;
  readonly contains?: string;
  readonly instanceRe?: RegExp;
}

/** Compiles a match (the pattern was validated by shared/validation/alertRuleInput.ts). */
export function compileSyslogMatch(m: SyslogMatch): CompiledSyslogMatch {
  return {
    ...(m.maxSeverity !== undefined ? { maxSeverity: m.maxSeverity } : {}),
    ...(m.appName ? { appName: m.appName.toLowerCase() } : {}),
    ...(m.msgName ? { msgName: m.msgName.toLowerCase() } : {}),
    ...(m.contains ? { contains: m.contains.toLowerCase() } : {}),
    ...(m.instancePattern ? { instanceRe: new RegExp(m.instancePattern, 'i') } : {}),
  };
}

/**
 * Returns the instance ('' when the rule has no instance pattern) if the message matches every field given,
 * or undefined when it does not match.
 */
export function matchSyslog(m: CompiledSyslogMatch, msg: SyslogMessage): string | undefined {
  if (m.maxSeverity !== undefined && msg.severity > m.maxSeverity) return undefined;
  if (m.appName !== undefined && msg.appName?.toLowerCase() !== m.appName) return undefined;
  if (m.msgName !== undefined && msg.msgName?.toLowerCase() !== m.msgName) return undefined;
  if (m.contains !== undefined && !msg.raw.toLowerCase().includes(m.contains)) return undefined;
  if (!m.instanceRe) return '';
  const g = m.instanceRe.exec(msg.text.slice(0, 1024));
  return g?.[1]?.trim() ?? '';
}
