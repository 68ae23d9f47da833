/**
 * DesktopApi['audit'] (issue 16 "viewed and filtered in the app, exported as CSV"): the entries newest first, the
 * chain checked against the head recorded in the head file, and the CSV of every entry a filter matches. The router
 * checks the role (every method: viewer, shared/ipc/channels.ts: the log is read, never changed, through the API) and the arguments before a call gets here.
 */
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import { auditCsvHeader, auditCsvLine } from './auditCsv.js';
import { readHeadFile } from './auditHead.js';
import type { AuditLog } from './auditLog.js';

export function createAuditService(o: { readonly log: AuditLog; readonly headFile?: string }): DesktopApi['audit'] {
  return {
    list: (filter) => o.log.list(filter),
    verify: async () => {
      // The head file, or the head this process appended itself when that is further on (the file was rewritten
      // together with a truncated table while the server ran).
      const fromFile = o.headFile ? await readHeadFile(o.headFile) : undefined;
      const known = o.log.knownHead();
      const head = known !== undefined && known.seq > (fromFile?.seq ?? 0) ? known : fromFile;
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
