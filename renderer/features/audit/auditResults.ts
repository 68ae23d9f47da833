/** The results an audit entry can have (shared/model/audit.ts AuditResult), in the filter's order. */
import type { AuditResult } from '../../../shared/model/audit.js';

export const AUDIT_RESULTS: readonly AuditResult[] = ['ok', 'failed', 'refused'];
