import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Mode of the state files the app writes (secrets, pins, silences, layouts, endpoints): owner read/write only. */
export const OWNER_ONLY_MODE = 0o600;

/**
 * Writes `data` to `path` so that a reader (or a crash) never sees half a file: a temp file in the same folder,
 * created with `mode` (default 0600) and fsynced, then renamed over the target (rename is atomic within a file
 * system) and the folder fsynced, so the new file survives a power loss too. The folder is made (0700) when missing. The temp file is removed when anything fails.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = OWNER_ONLY_MODE): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fh = await open(tmp, 'wx', mode);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await chmod(tmp, mode); // the umask may have narrowed or a platform widened it
    await rename(tmp, path);
    await syncFolder(dirname(path));
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Makes the rename itself durable: until the folder's entry is on disk, a power loss can bring back the old file.
 * Folders cannot be opened for fsync on Windows (EPERM/EISDIR): there NTFS journals the rename, so it is skipped.
 */
async function syncFolder(folder: string): Promise<void> {
  let fh;
  try {
    fh = await open(folder, 'r');
    await fh.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EISDIR' && code !== 'EINVAL') throw err;
  } finally {
    await fh?.close();
  }
}

/**
 * A JSON state file written atomically ({@link writeFileAtomic}) and serialized: a write starts only once the one
 * before it ended, so two saves never interleave; a write asked for while another waits joins it, and the waiting
 * write takes the state as it is when its turn comes, so the last state asked for is the one on disk. Each
 * `write` resolves once a file holding at least that state is on disk (or rejects with that write's error).
 */
export class JsonStateWriter {
  #running: Promise<void> = Promise.resolve();
  #queued: { promise: Promise<void>; latest: () => unknown } | undefined;

  constructor(
    readonly path: string,
    private readonly mode = OWNER_ONLY_MODE,
  ) {}

  /** Writes `state()` (pretty JSON and a newline) as it is when this write's turn comes. */
  write(state: () => unknown): Promise<void> {
    if (this.#queued) {
      this.#queued.latest = state;
      return this.#queued.promise;
    }
    const queued = { latest: state, promise: Promise.resolve() };
    queued.promise = this.#running.catch(() => undefined).then(() => {
      this.#queued = undefined;
      // The latest state asked for: callers hand a function reading their current state, so it is theirs too.
      return writeFileAtomic(this.path, `${JSON.stringify(queued.latest(), null, 2)}\n`, this.mode);
    });
    this.#queued = queued;
    this.#running = queued.promise;
    return queued.promise;
  }

  /** Resolves once every write asked for so far has ended (successfully or not). */
  async settled(): Promise<void> {
    await this.#running.catch(() => undefined);
  }
}

/**
 * A small piece of app state kept as one JSON file in the state folder (saved layouts, silences). Reading checks
 * the content with the caller's parser (a zod schema, one per file format); a file that cannot be used is renamed
 * aside (`.unreadable-<time>`, never deleted) and the caller starts empty, told why. Writes as
 * {@link JsonStateWriter}: atomic, owner-only, serialized, the latest state wins.
 */
export class JsonStateFile<T> extends JsonStateWriter {
  constructor(
    path: string,
    /** Turns parsed JSON into the state, or returns why it cannot (a message naming the bad part). */
    private readonly parse: (data: unknown) => { ok: true; value: T } | { ok: false; problem: string },
    mode = OWNER_ONLY_MODE,
  ) {
    super(path, mode);
  }

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
}
