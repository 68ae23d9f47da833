/**
 * Issues opaque SFTP handles (4-byte counters, well under the protocol's 256-byte limit) and maps them back
 * to the state a server keeps per open file or directory.
 */
export class SftpHandleTable<T> {
  #next = 1;
  #open = new Map<number, T>();

  /** Stores `state` and returns its new handle. */
  open(state: T): Buffer {
    const id = this.#next++ >>> 0;
    const handle = Buffer.alloc(4);
    handle.writeUInt32BE(id, 0);
    this.#open.set(id, state);
    return handle;
  }

  /** The state behind `handle`, or undefined for an unknown or malformed handle. */
  get(handle: Buffer): T | undefined {
    return handle.length === 4 ? this.#open.get(handle.readUInt32BE(0)) : undefined;
  }

  /** Forgets `handle`; returns its state, or undefined when it was not open. */
  close(handle: Buffer): T | undefined {
    if (handle.length !== 4) return undefined;
    const id = handle.readUInt32BE(0);
    const state = this.#open.get(id);
    this.#open.delete(id);
    return state;
  }

  /** Every open state (to release them when the channel closes). */
  values(): IterableIterator<T> {
    return this.#open.values();
  }

  /** Forgets every handle. */
  clear(): void {
    this.#open.clear();
  }

  get size(): number {
    return this.#open.size;
  }
}
