/** The interface a node served a log file's bytes through. */
export type ServedVia = 'sftp' | 'dime' | 'soap' | 'cli';

interface PathCount {
  bytes: number;
  /** Times the file's last byte went out (a read that reached the end of the file). */
  completions: number;
}

/**
 * A node's own count of the log bytes it served, per file and interface: what a test (or a curious operator) asks
 * the node to prove that a resumed collection fetched no complete file twice. SFTP counts each READ answer; DIME
 * counts each slice once the socket took it; LogCollection's base64 GetOneFile counts the whole file per answer;
 * `file get` counts the pushed files.
 */
export class ServedBytes {
  readonly #byPath = new Map<string, Map<ServedVia, PathCount>>();

  /** Records `length` bytes of `path` from `offset`; `size` is the file's size then (the end counts a completion). */
  record(path: string, via: ServedVia, offset: number, length: number, size: number): void {
    if (length <= 0 && !(size === 0 && offset === 0)) return;
    let perVia = this.#byPath.get(path);
    if (!perVia) this.#byPath.set(path, (perVia = new Map()));
    let c = perVia.get(via);
    if (!c) perVia.set(via, (c = { bytes: 0, completions: 0 }));
    c.bytes += Math.max(0, length);
    if (offset + length >= size) c.completions += 1;
  }

  /** Bytes of `path` served (through one interface, or all). */
  bytes(path: string, via?: ServedVia): number {
    return this.#sum(path, via, (c) => c.bytes);
  }

  /** Times `path` was served to its end (through one interface, or all). */
  completions(path: string, via?: ServedVia): number {
    return this.#sum(path, via, (c) => c.completions);
  }

  /** Every path served at least once, sorted. */
  paths(): string[] {
    return [...this.#byPath.keys()].sort();
  }

  /** Bytes served in total. */
  total(via?: ServedVia): number {
    let sum = 0;
    for (const p of this.#byPath.keys()) sum += this.bytes(p, via);
    return sum;
  }

  #sum(path: string, via: ServedVia | undefined, pick: (c: PathCount) => number): number {
    const perVia = this.#byPath.get(path);
    if (!perVia) return 0;
    if (via) return perVia.has(via) ? pick(perVia.get(via)!) : 0;
    let sum = 0;
    for (const c of perVia.values()) sum += pick(c);
    return sum;
  }
}
