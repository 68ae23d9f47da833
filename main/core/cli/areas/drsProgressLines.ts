import type { DrsComponentRow, DrsStatus } from '../../../../shared/model/drs.js';
import type { Column } from '../conventions/outputFormat.js';

/**
 * A backup's or restore's status (`utils disaster_recovery status backup|restore`, guide L10205-10215 and
 * L10414-10418: per server, feature and component) as lines for stderr while `--wait` follows it, and as the
 * component table on stdout.
 */

/** One component's line: `cucm-pub UCM/CCMDB ACTIVE 40% (log: /var/log/active/…)`. */
export function componentLine(r: DrsComponentRow): string {
  const log = r.logFile ? ` (log ${r.logFile})` : '';
  return `${r.server} ${r.feature}/${r.component} ${r.state} ${r.percent}%${log}`;
}

/** The job's head line: `backup RUNNING 45%: 2026-12-06-10-00-00.tar on device D`. */
export function jobLine(s: DrsStatus): string {
  const where = s.tarFilename ? `: ${s.tarFilename}${s.storageLocation ? ` (${s.storageLocation})` : ''}` : '';
  const message = s.message ? ` ${s.message}` : '';
  return `${s.operation} ${s.state} ${s.percentage}%${where}${message}`;
}

/**
 * Turns successive status reads into progress lines: the job's line when its state or percentage changes, and a
 * component's line when its state or percentage changes (each component once per change, never the whole table
 * again).
 */
export class DrsProgressLines {
  #job: string | undefined;
  readonly #components = new Map<string, string>();

  constructor(private readonly log: (line: string) => void) {}

  update(s: DrsStatus): void {
    // While it runs the job's line comes first; its end comes after the last components' lines.
    const running = s.state === 'RUNNING';
    if (running) this.#jobLine(s);
    for (const r of s.rows) {
      const key = `${r.server}\u0000${r.feature}\u0000${r.component}`;
      const now = `${r.state} ${r.percent}`;
      if (this.#components.get(key) === now) continue;
      // A component still PENDING at 0 % is not news; it shows once it starts.
      if (!this.#components.has(key) && r.state === 'PENDING' && r.percent === 0) {
        this.#components.set(key, now);
        continue;
      }
      this.#components.set(key, now);
      this.log(componentLine(r));
    }
    if (!running) this.#jobLine(s);
  }

  #jobLine(s: DrsStatus): void {
    const head = `${s.state} ${s.percentage}`;
    if (head === this.#job) return;
    this.#job = head;
    this.log(jobLine(s));
  }
}

/** Columns of the component table (`drs status`, the end of `backup --wait` and `restore --wait`). */
export const COMPONENT_COLUMNS: readonly Column<DrsComponentRow>[] = [
  { header: 'SERVER', value: (r) => r.server },
  { header: 'FEATURE', value: (r) => r.feature },
  { header: 'COMPONENT', value: (r) => r.component },
  { header: 'STATE', value: (r) => r.state },
  { header: 'PERCENT', value: (r) => r.percent },
  { header: 'LOG', value: (r) => r.logFile },
];
