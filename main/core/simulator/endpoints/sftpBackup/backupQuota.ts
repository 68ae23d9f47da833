/**
 * Space accounting of the simulated backup server: bytes stored by clients plus "filler" bytes a scenario
 * adds to simulate someone else filling the disk. A write that would take usage above the quota is refused,
 * the way a full disk answers ENOSPC.
 */
export class BackupQuota {
  #quota: number;
  #stored: number;
  #filler = 0;

  constructor(quotaBytes: number, storedBytes: number) {
    this.#quota = BackupQuota.#check(quotaBytes, 'quotaBytes');
    this.#stored = Math.max(0, storedBytes);
  }

  static #check(bytes: number, what: string): number {
    if (Number.isNaN(bytes) || bytes < 0) throw new RangeError(`${what} must be ≥ 0 (Infinity for no limit), got ${bytes}`);
    return bytes;
  }

  /** Total bytes in use: stored plus filler. */
  get used(): number {
    return this.#stored + this.#filler;
  }

  get quota(): number {
    return this.#quota;
  }

  /** Changes the capacity; existing data stays even when it is now over quota (later growth fails). */
  setQuota(bytes: number): void {
    this.#quota = BackupQuota.#check(bytes, 'quotaBytes');
  }

  /** Adds `bytes` of filler, or, without an argument, fills the disk up to the quota. */
  fill(bytes?: number): void {
    if (bytes === undefined) {
      this.#filler += Math.max(0, (Number.isFinite(this.#quota) ? this.#quota : this.used) - this.used);
      return;
    }
    this.#filler += BackupQuota.#check(bytes, 'fill bytes');
  }

  /** Removes all filler. */
  unfill(): void {
    this.#filler = 0;
  }

  /** Takes `bytes` of growth if it fits under the quota; returns false (and takes nothing) otherwise. */
  reserve(bytes: number): boolean {
    if (bytes <= 0) return true;
    if (this.used + bytes > this.#quota) return false;
    this.#stored += bytes;
    return true;
  }

  /** Gives back `bytes` (a file was removed, truncated or a write failed). */
  release(bytes: number): void {
    this.#stored = Math.max(0, this.#stored - Math.max(0, bytes));
  }
}
