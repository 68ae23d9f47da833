/**
 * The kept reports (issue 14): each finished or failed run as `<state>/reports/<id>.json` (the Report: info,
 * problems, data), the folder 0700 and the files 0600, each written atomically (base/jsonStateFile.ts), and an
 * index `<state>/reports/index.json` of the runs' infos so listing never reads the reports themselves. The last
 * REPORT_RUNS_KEPT runs of each kind are kept; older ones are removed when a newer one is saved. Watch-mode runs
 * (info.watch) are kept apart: only the latest watch run per kind and clusters — a new one replaces the previous
 * one, and never counts against (or pushes out) the ordinary runs a person keeps. A missing or
 * unreadable index is rebuilt from the report files (so the list survives a crash between the two writes).
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_RUNS_KEPT, type Report, type ReportKind, type ReportRunInfo } from '../../../shared/model/reports.js';
import { AppError } from '../base/errors.js';
import { writeFileAtomic } from '../base/jsonStateFile.js';

const INDEX = 'index.json';
const ID = /^[A-Za-z0-9-]{1,64}$/;

export function reportsDir(stateDir: string): string {
  return join(stateDir, 'reports');
}

export class ReportRuns {
  #infos: ReportRunInfo[] = [];
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    private readonly kept: number,
  ) {}

  /** Opens (and creates, 0700) the folder and reads the index, rebuilding it from the files when needed. */
  static async open(dir: string, options: { kept?: number } = {}): Promise<ReportRuns> {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const runs = new ReportRuns(dir, options.kept ?? REPORT_RUNS_KEPT);
    await runs.#load();
    return runs;
  }

  /** Kept runs, newest first (of one kind when given). */
  list(kind?: ReportKind): ReportRunInfo[] {
    return this.#infos.filter((i) => kind === undefined || i.kind === kind);
  }

  has(id: string): boolean {
    return this.#infos.some((i) => i.id === id);
  }

  /** A kept report with its data; NOT_FOUND when there is none. */
  async get(id: string): Promise<Report> {
    if (!ID.test(id) || !this.has(id)) throw new AppError('NOT_FOUND', `no report ${id}`);
    try {
      return JSON.parse(await readFile(this.#file(id), 'utf8')) as Report;
    } catch (err) {
      throw new AppError('NOT_FOUND', `report ${id} cannot be read: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Keeps a report (then drops the oldest of its kind beyond the kept number). */
  save(report: Report): Promise<void> {
    return this.#serial(async () => {
      await writeFileAtomic(this.#file(report.info.id), JSON.stringify(report));
      const infos = [report.info, ...this.#infos.filter((i) => i.id !== report.info.id)].sort(newestFirst);
      const drop = new Set(beyondKept(infos, this.kept).map((i) => i.id));
      this.#infos = infos.filter((i) => !drop.has(i.id));
      await this.#writeIndex();
      for (const id of drop) await rm(this.#file(id), { force: true });
    });
  }

  /** Deletes a kept report; NOT_FOUND when there is none. */
  remove(id: string): Promise<void> {
    return this.#serial(async () => {
      if (!this.has(id)) throw new AppError('NOT_FOUND', `no report ${id}`);
      this.#infos = this.#infos.filter((i) => i.id !== id);
      await this.#writeIndex();
      await rm(this.#file(id), { force: true });
    });
  }

  /** Resolves when every write asked for so far has ended. */
  async flush(): Promise<void> {
    await this.#queue.catch(() => undefined);
  }

  #file(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#queue.catch(() => undefined).then(fn);
    this.#queue = next;
    return next;
  }

  #writeIndex(): Promise<void> {
    return writeFileAtomic(join(this.dir, INDEX), JSON.stringify({ version: 1, runs: this.#infos }));
  }

  async #load(): Promise<void> {
    const names = (await readdir(this.dir)).filter((n) => n.endsWith('.json') && n !== INDEX && ID.test(n.slice(0, -5)));
    try {
      const doc = JSON.parse(await readFile(join(this.dir, INDEX), 'utf8')) as { runs?: ReportRunInfo[] };
      if (!Array.isArray(doc.runs)) throw new Error('no runs');
      const present = new Set(names.map((n) => n.slice(0, -5)));
      this.#infos = doc.runs.filter((i) => i && typeof i.id === 'string' && present.has(i.id)).sort(newestFirst);
      // A report written just before a crash, before the index: taken back from its file.
      const listed = new Set(this.#infos.map((i) => i.id));
      const extra = names.filter((n) => !listed.has(n.slice(0, -5)));
      if (extra.length === 0 && this.#infos.length === doc.runs.length) return;
      this.#infos = [...this.#infos, ...(await this.#readInfos(extra))].sort(newestFirst);
    } catch {
      this.#infos = (await this.#readInfos(names)).sort(newestFirst);
    }
    await this.#writeIndex();
  }

  async #readInfos(names: readonly string[]): Promise<ReportRunInfo[]> {
    const out: ReportRunInfo[] = [];
    for (const n of names) {
      try {
        const r = JSON.parse(await readFile(join(this.dir, n), 'utf8')) as Report;
        if (r?.info && r.info.id === n.slice(0, -5)) out.push(r.info);
      } catch {
        // A file that is not a report (cut, garbled) is left alone and not listed.
      }
    }
    return out;
  }
}

/** A watch run's slot: its kind and clusters (the next watch run with the same replaces it). */
export function watchKey(info: Pick<ReportRunInfo, 'kind' | 'clusters'>): string {
  return `${info.kind}|${[...info.clusters].sort().join('\u0000')}`;
}

/**
 * The runs (newest first) that fall out: ordinary runs beyond the newest `kept` of their kind, and every watch run
 * but the newest of its kind and clusters. Watch runs are not counted among the ordinary ones.
 */
export function beyondKept(infos: readonly ReportRunInfo[], kept: number): ReportRunInfo[] {
  const ordinary = new Map<string, number>();
  const watched = new Set<string>();
  const out: ReportRunInfo[] = [];
  for (const i of infos) {
    if (i.watch) {
      const key = watchKey(i);
      if (watched.has(key)) out.push(i);
      watched.add(key);
    } else {
      const n = (ordinary.get(i.kind) ?? 0) + 1;
      ordinary.set(i.kind, n);
      if (n > kept) out.push(i);
    }
  }
  return out;
}

function newestFirst(a: ReportRunInfo, b: ReportRunInfo): number {
  return b.startedAtMs - a.startedAtMs || b.id.localeCompare(a.id);
}
