import { readFile, rename } from 'node:fs/promises';
import { writeOwnerOnlyFile } from '../credentials/secureFile.js';

/**
 * A small piece of app state kept as one JSON file in the state folder (saved layouts, silences). Reading checks
 * the content with the caller's parser; a file that cannot be used is renamed aside (`.unreadable-<time>`, never
 * deleted) and the caller starts empty, told why. Writes are atomic and owner-only (temp file + rename) and
 * serialized: each waits for the one before, so concurrent saves never interleave and the latest state wins.
 */
export class JsonStateFile<T> {
  #writing: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    /** Turns parsed JSON into the state, or returns why it cannot (a message naming the bad part). */
    private readonly parse: (data: unknown) => { ok: true; value: T } | { ok: false; problem: string },
  ) {}

  /** Reads the file: its state, or undefined when it is missing or unusable (then `onProblem` says why). */
  async read(onProblem: (message: string) => void): Promise<T | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') onProblem(`cannot read ${this.path}: ${(err as Error).message}`);
      return undefined;
    }
    let problem: string;
    try {
      const r = this.parse(JSON.parse(text));
      if (r.ok) return r.value;
      problem = r.problem;
    } catch (err) {
      problem = `is not JSON (${(err as Error).message})`;
    }
    const aside = `${this.path}.unreadable-${Date.now()}`;
    await rename(this.path, aside).catch(() => undefined);
    onProblem(`${this.path} ${problem}; kept as ${aside}`);
    return undefined;
  }

  /** Writes `state()` as it is when this write's turn comes; resolves once it is on disk. */
  write(state: () => unknown): Promise<void> {
    const run = this.#writing.catch(() => undefined).then(() => writeOwnerOnlyFile(this.path, `${JSON.stringify(state(), null, 2)}\n`));
    this.#writing = run;
    return run;
  }
}
