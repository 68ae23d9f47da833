/**
 * Action records (issue 13; read later by the audit log of issue 16): who changed a cluster, from where, what, with
 * which parameters and result. Append-only JSON lines in `<state>/audit/actions.jsonl`, owner-only (0600), one
 * record per line, read newest first. Parameters never carry a secret: a parameter whose name says password, secret
 * or token is dropped before it is written, whatever the caller passed.
 */
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { userInfo } from 'node:os';
import type { ActionRecord } from '../../../shared/model/drs.js';
import { OWNER_ONLY_MODE } from '../base/jsonStateFile.js';

/** What records an action (the app's file, or a test's list). */
export interface ActionRecorder {
  record(e: Omit<ActionRecord, 'id' | 'atMs' | 'operator' | 'source'>): Promise<ActionRecord>;
  list(filter?: { cluster?: string; limit?: number }): Promise<ActionRecord[]>;
}

/** Parameter names that may hold a secret: never written. */
const SECRET_NAME = /pass(word)?|secret|token|credential/i;

/** The OS user the process runs as ("unknown" where the platform cannot say). */
export function osOperator(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

function scrub(params: ActionRecord['params']): ActionRecord['params'] {
  return Object.fromEntries(Object.entries(params).filter(([k]) => !SECRET_NAME.test(k)));
}

function isRecord(v: unknown): v is ActionRecord {
  const r = v as Partial<ActionRecord> | null;
  return !!r && typeof r === 'object' && typeof r.id === 'string' && typeof r.atMs === 'number' && typeof r.action === 'string' && typeof r.cluster === 'string';
}

/** The append-only file of action records. Appends are serialized: records never interleave. */
export class ActionRecords implements ActionRecorder {
  #tail: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly who: { readonly source: ActionRecord['source']; readonly operator: string },
    private readonly now: () => number,
  ) {}

  /** Opens (creates when missing, 0600 in a 0700 folder) the file at `path`. */
  static async open(path: string, who: { source: ActionRecord['source']; operator?: string }, now: () => number = Date.now): Promise<ActionRecords> {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const fh = await open(path, 'a', OWNER_ONLY_MODE);
    await fh.close();
    await chmod(path, OWNER_ONLY_MODE);
    return new ActionRecords(path, { source: who.source, operator: who.operator ?? osOperator() }, now);
  }

  record(e: Omit<ActionRecord, 'id' | 'atMs' | 'operator' | 'source'>): Promise<ActionRecord> {
    const rec: ActionRecord = {
      id: randomUUID(),
      atMs: this.now(),
      operator: this.who.operator,
      source: this.who.source,
      action: e.action,
      cluster: e.cluster,
      ...(e.target !== undefined ? { target: e.target } : {}),
      params: scrub(e.params),
      result: e.result,
      ...(e.message !== undefined ? { message: e.message } : {}),
    };
    const line = `${JSON.stringify(rec)}\n`;
    const write = this.#tail.then(async () => {
      const fh = await open(this.path, 'a+', OWNER_ONLY_MODE);
      try {
        // A torn last line (a crash mid-write) is closed first, so this record starts a line of its own.
        const { size } = await fh.stat();
        const last = Buffer.alloc(1);
        if (size > 0) await fh.read(last, 0, 1, size - 1);
        await fh.appendFile(size > 0 && last[0] !== 0x0a ? `\n${line}` : line);
        await fh.sync();
      } finally {
        await fh.close();
      }
    });
    this.#tail = write.catch(() => undefined);
    return write.then(() => rec);
  }

  /** Records newest first; a line that is not a record (a torn write after a crash) is skipped. */
  async list(filter: { cluster?: string; limit?: number } = {}): Promise<ActionRecord[]> {
    await this.#tail;
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const out: ActionRecord[] = [];
    const lines = text.split('\n');
    const limit = filter.limit ?? Number.POSITIVE_INFINITY;
    for (let i = lines.length - 1; i >= 0 && out.length < limit; i--) {
      const line = lines[i]!.trim();
      if (!line) continue;
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch {
        continue;
      }
      if (isRecord(v) && (filter.cluster === undefined || v.cluster === filter.cluster)) out.push(v);
    }
    return out;
  }
}
