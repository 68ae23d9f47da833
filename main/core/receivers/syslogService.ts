import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { SyslogEntry, SyslogFilter } from '../../../shared/model/views.js';
import type { SyslogEntries } from './syslogEntries.js';
import type { SyslogStore } from './syslogStore.js';

/** What the syslog service is built from. */
export interface SyslogServiceDeps {
  /** The received syslog and trap messages. */
  readonly syslog: Pick<SyslogStore, 'queryStored'>;
  /** The same entries (ids, known alarm details) the live push uses. */
  readonly entries: Pick<SyslogEntries, 'toEntry'>;
}

/** DesktopApi['syslog']: the syslog viewer's query over the received messages. */
export function createSyslogService(d: SyslogServiceDeps): DesktopApi['syslog'] {
  return {
    query: async (f: SyslogFilter): Promise<SyslogEntry[]> =>
      d.syslog
        .queryStored({ host: f.host, maxSeverity: f.maxSeverity, contains: f.text, sinceMs: f.sinceMs, limit: f.limit, ...(f.attributed !== undefined ? { attributed: f.attributed } : {}) })
        .map((s) => d.entries.toEntry(s.message, s.at)),
  };
}
