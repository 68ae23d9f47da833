import type { PerfLayout } from '../../../shared/model/views.js';
import { IPC_ARGUMENT_PARSERS } from '../../../shared/validation/ipcArguments.js';
import { AppError } from '../base/errors.js';
import { JsonStateFile } from '../base/jsonStateFile.js';

/** Most layouts kept (RTMT profiles are a handful per person; this bounds a file someone edited by hand). */
export const MAX_LAYOUTS = 200;

/** Reads the layouts file's content, each layout checked with the same parser as the saveLayout call. */
function parseLayouts(data: unknown): { ok: true; value: PerfLayout[] } | { ok: false; problem: string } {
  const list = (data as { layouts?: unknown } | null)?.layouts;
  if (!Array.isArray(list)) return { ok: false, problem: 'has no "layouts" array' };
  const layouts: PerfLayout[] = [];
  for (const [i, raw] of list.entries()) {
    const r = IPC_ARGUMENT_PARSERS.perf.saveLayout([raw]);
    if (!r.ok) return { ok: false, problem: `layout ${i}: ${r.issues.join('; ')}` };
    layouts.push(r.value[0]);
  }
  return { ok: true, value: layouts.slice(0, MAX_LAYOUTS) };
}

/**
 * The Performance view's saved chart layouts (RTMT "profiles"), kept in a JSON file in the state folder so they
 * survive a restart (base/jsonStateFile.ts: atomic writes, an unreadable file kept aside).
 */
export class PerfLayoutStore {
  #layouts: PerfLayout[] = [];

  private constructor(private readonly file: JsonStateFile<PerfLayout[]>) {}

  /** Opens the store at `path` (a missing file is an empty store). */
  static async open(path: string, onProblem: (message: string) => void = (m) => console.warn(`[layouts] ${m}; starting with no saved layouts`)): Promise<PerfLayoutStore> {
    const store = new PerfLayoutStore(new JsonStateFile(path, parseLayouts));
    store.#layouts = (await store.file.read(onProblem)) ?? [];
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
    await this.file.write(() => ({ layouts: this.#layouts }));
  }

  /** Deletes a layout by name (nothing if there is none); resolves once it is on disk. */
  async remove(name: string): Promise<void> {
    const next = this.#layouts.filter((l) => l.name !== name);
    if (next.length === this.#layouts.length) return;
    this.#layouts = next;
    await this.file.write(() => ({ layouts: this.#layouts }));
  }
}
