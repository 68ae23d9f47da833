/**
 * DesktopApi['audit'] (issue 16 "viewed and filtered in the app, exported as CSV"): the entries newest first, the
 * chain checked against the head recorded in the head file, and the CSV of every entry a filter matches. The router
 * checks the role (every method: admin, shared/ipc/channels.ts) and the arguments before a call gets here.
 */
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import { auditCsvHeader, auditCsvLine } from './auditCsv.js';
import { readHeadFile } from './auditHead.js';
import type { AuditLog } from './auditLog.js';

export function createAuditService(o: { readonly log: AuditLog; readonly headFile?: string }): DesktopApi['audit'] {
  return {
    list: (filter) => o.log.list(filter),
    verify: async () => {
      const head = o.headFile ? await readHeadFile(o.headFile) : undefined;
      return o.log.verify(head ? { recordedHead: head } : {});
    },
    exportCsv: async (filter) => {
      // Every match: the page limit of list does not apply unless the filter sets one.
      const parts = [auditCsvHeader()];
      await o.log.forEach(filter, (e) => parts.push(auditCsvLine(e)));
      return parts.join('');
    },
  };
}
