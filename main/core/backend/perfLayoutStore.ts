import { readFile, rename } from 'node:fs/promises';
import type { PerfLayout } from '../../../shared/model/views.js';
import { IPC_ARGUMENT_PARSERS } from '../../../shared/validation/ipcArguments.js';
import { AppError } from '../base/errors.js';
import { writeOwnerOnlyFile } from '../credentials/secureFile.js';

/** Most layouts kept (RTMT profiles are a handful per person; this bounds a file someone edited by hand). */
export const MAX_LAYOUTS = 200;

/**
 * The Performance view's saved chart layouts (RTMT "profiles"), kept in a JSON file in the state folder so they
 * survive a restart. Each layout is checked with the same parser as the saveLayout call; a file that cannot be
 * read as layouts is renamed aside (`.unreadable-<time>`, never deleted) and the store starts empty, saying why.
 * Writes are atomic (temp file + rename) and serialized, so concurrent saves never interleave.
 */
export class PerfLayoutStore {
  #layouts: PerfLayout[] = [];
  #writing: Promise<void> = Promise.resolve();

  private constructor(private readonly path: string) {}

  /** Opens the store at `path` (a missing file is an empty store). */
  static async open(path: string, onProblem: (message: string) => void = (m) => console.warn(`[layouts] ${m}`)): Promise<PerfLayoutStore> {
    const store = new PerfLayoutStore(path);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') onProblem(`cannot read ${path}: ${(err as Error).message}; starting with no saved layouts`);
      return store;
    }
    const problem = store.#load(text);
    if (problem !== undefined) {
      const aside = `${path}.unreadable-${Date.now()}`;
      await rename(path, aside).catch(() => undefined);
      onProblem(`${path} ${problem}; kept as ${aside}, starting with no saved layouts`);
    }
    return store;
  }

  /** Saved layouts, in the order they were first saved. */
  list(): PerfLayout[] {
    return [...this.#layouts];
  }

  /** Saves a layout, replacing the one of the same name; resolves once it is on disk. */
  async save(layout: PerfLayout): Promise<void> {
    const i = this.#layouts.findIndex((l) => l.name === layout.name);
    if (i < 0 && this.#layouts.length >= MAX_LAYOUTS) throw new AppError('PRECONDITION', `at most ${MAX_LAYOUTS} layouts can be saved; delete one first`);
    const next = [...this.#layouts];
    if (i >= 0) next[i] = layout;
    else next.push(layout);
    this.#layouts = next;
    await this.#write();
  }

  /** Deletes a layout by name (nothing if there is none); resolves once it is on disk. */
  async remove(name: string): Promise<void> {
    const next = this.#layouts.filter((l) => l.name !== name);
    if (next.length === this.#layouts.length) return;
    this.#layouts = next;
    await this.#write();
  }

  /** Parses the file's text; returns why it is unusable, or undefined. */
  #load(text: string): string | undefined {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      return `is not JSON (${(err as Error).message})`;
    }
    const list = (data as { layouts?: unknown } | null)?.layouts;
    if (!Array.isArray(list)) return 'has no "layouts" array';
    const layouts: PerfLayout[] = [];
    for (const [i, raw] of list.entries()) {
      const r = IPC_ARGUMENT_PARSERS.perf.saveLayout([raw]);
      if (!r.ok) return `layout ${i}: ${r.issues.join('; ')}`;
      layouts.push(r.value[0]);
    }
    this.#layouts = layouts.slice(0, MAX_LAYOUTS);
    return undefined;
  }

  #write(): Promise<void> {
    // Each write waits for the one before; each writes the state current when it starts (the latest wins).
    const run = this.#writing.catch(() => undefined).then(() => writeOwnerOnlyFile(this.path, `${JSON.stringify({ layouts: this.#layouts }, null, 2)}\n`));
    this.#writing = run;
    return run;
  }
}
