/**
 * The audit log as CSV (issue 16 "exported as CSV"): RFC 4180 fields (quoted when they hold a comma, a double quote
 * or a line break; a field a spreadsheet would run as a formula gets a leading apostrophe, OWASP CSV injection —
 * an operator name tried at the login page is anybody's text), a header row, lines ending with "\n" as the command
 * line's other CSV. The app's Export CSV and `imp audit list --format csv` print this same text. Pure.
 */
import type { AuditEntry } from '../../../shared/model/audit.js';
import { csvField } from '../../../shared/reports/reportCsv.js';
import { stableJson } from './auditChain.js';

/** The columns, as the header row names them. */
export const AUDIT_CSV_COLUMNS = ['seq', 'time', 'operator', 'role', 'source', 'address', 'action', 'target', 'result', 'errorCode', 'message', 'params'] as const;

/** The header line. */
export function auditCsvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.map(csvField).join(',')}\n`;
}

/** One entry's line (time as ISO 8601 UTC, params as JSON with sorted keys). */
export function auditCsvLine(e: AuditEntry): string {
  const cells = [e.seq, new Date(e.atMs).toISOString(), e.operator, e.role, e.source, e.address, e.action, e.target, e.result, e.errorCode, e.message, stableJson(e.params)];
  return `${cells.map(csvField).join(',')}\n`;
}

/** Entries (in the order given) as a whole CSV text with its header. */
export function auditCsv(entries: Iterable<AuditEntry>): string {
  let out = auditCsvHeader();
  for (const e of entries) out += auditCsvLine(e);
  return out;
}
