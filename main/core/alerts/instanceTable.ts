import type { AlarmRecord, AlertInstance } from '../../../shared/model/alert.js';
import { FLAP_WINDOW, nextFlapping } from './flapDetection.js';
import type { MutableInstance } from './alertStateMachine.js';

const HISTORY_MASK = (1 << FLAP_WINDOW) - 1;
const STABLE = 1;
const FLAPPING = 2;
/** A stable-normal step is pending: the instance object lags the columns until read(). */
const DIRTY = 4;

/**
 * The engine's detection state of every key (rule|cluster|node|instance), as rows of a table: the numbers the
 * per-evaluation loop touches live in typed-array columns indexed by row (value, time, flap history, flags, the
 * series point the row reads), the instance object and the active alarm in plain arrays beside them. The
 * stable-normal step — the common case at 10,000 rules — reads and writes a few contiguous arrays and allocates
 * nothing; {@link InstanceTable.read} folds pending steps into the instance object, so every reader sees exactly
 * what nextAlertState gives (alertEngine.fastPath.test.ts).
 */
export class InstanceTable {
  readonly #rows = new Map<string, number>();
  readonly #free: number[] = [];
  #end = 0;
  #capacity = 256;
  #point = new Int32Array(256);
  #value = new Float64Array(256);
  #at = new Float64Array(256);
  #history = new Int32Array(256);
  #length = new Uint8Array(256);
  #flags = new Uint8Array(256);
  readonly #inst: Array<MutableInstance | undefined> = [];
  readonly #alarm: Array<AlarmRecord | undefined> = [];
  readonly #key: string[] = [];
  readonly #instance: string[] = [];

  /** The row of a key, if it has one. */
  rowOf(key: string): number | undefined {
    return this.#rows.get(key);
  }

  /** The row of a key, made (empty, not yet evaluated) when missing. */
  ensure(key: string, instance: string, alarm: AlarmRecord | undefined): number {
    const known = this.#rows.get(key);
    if (known !== undefined) return known;
    const row = this.#free.pop() ?? this.#end++;
    if (row >= this.#capacity) this.#grow(this.#capacity * 2);
    this.#rows.set(key, row);
    this.#key[row] = key;
    this.#instance[row] = instance;
    this.#inst[row] = undefined;
    this.#alarm[row] = alarm;
    this.#point[row] = -1;
    this.#value[row] = Number.NaN;
    this.#at[row] = Number.NaN;
    this.#history[row] = 0;
    this.#length[row] = 0;
    this.#flags[row] = 0;
    return row;
  }

  /** Removes a key's row (its number may be reused by a later key). */
  remove(key: string): void {
    const row = this.#rows.get(key);
    if (row === undefined) return;
    this.#rows.delete(key);
    this.#inst[row] = undefined;
    this.#alarm[row] = undefined;
    this.#free.push(row);
  }

  /** Keys with a row. */
  keys(): IterableIterator<string> {
    return this.#rows.keys();
  }

  key(row: number): string {
    return this.#key[row]!;
  }

  instance(row: number): string {
    return this.#instance[row]!;
  }

  /** The series point (index in the SeriesStore) the row reads. */
  point(row: number): number {
    return this.#point[row]!;
  }

  setPoint(row: number, point: number): void {
    this.#point[row] = point;
  }

  /** The active alarm of the row, mirrored from the AlarmBook by the engine (no map lookup on the hot path). */
  alarm(row: number): AlarmRecord | undefined {
    return this.#alarm[row];
  }

  setAlarm(row: number, alarm: AlarmRecord | undefined): void {
    this.#alarm[row] = alarm;
  }

  /** The instance, up to date (undefined until first evaluated). Callers that change it must {@link write} it. */
  read(row: number): MutableInstance | undefined {
    const m = this.#inst[row];
    const flags = this.#flags[row]!;
    if ((flags & DIRTY) !== 0 && m !== undefined) {
      m.lastValue = this.#value[row];
      m.lastEvaluatedAt = this.#at[row]!;
      m.history = this.#history[row]!;
      m.historyLength = this.#length[row]!;
      m.flapping = (flags & FLAPPING) !== 0;
      this.#flags[row] = flags & ~DIRTY;
    }
    return m;
  }

  /** Stores the instance after a change (pending steps are superseded by it). */
  write(row: number, inst: AlertInstance): void {
    this.#inst[row] = inst as MutableInstance;
    this.#history[row] = inst.history;
    this.#length[row] = inst.historyLength;
    const stable = inst.state === 'normal' && inst.reason === 'threshold' && (inst.history & 1) === 0 && inst.firedAt === undefined;
    this.#flags[row] = (stable ? STABLE : 0) | (inst.flapping ? FLAPPING : 0);
  }

  /**
   * Whether the stable-normal step applies: the instance is normal by threshold (so never fired in this episode)
   * and its last evaluation did not breach. A step keeps it so.
   */
  isStableNormal(row: number): boolean {
    return (this.#flags[row]! & STABLE) !== 0;
  }

  /**
   * In-place equivalent of nextAlertState for a stable-normal instance given a fresh, non-breaching value: the
   * state stays normal (over the threshold or in the band, both are 'clear' for a normal instance), only value,
   * time, history and flapping change. The flap percentage cannot rise (no new change enters the window), so an
   * instance not flapping stays so; a flapping one is recomputed (it may stop). pushHistoryBits(…, false), inlined.
   */
  stepStableNormal(row: number, value: number, now: number): void {
    const h = (this.#history[row]! << 1) & HISTORY_MASK;
    const len = Math.min(this.#length[row]! + 1, FLAP_WINDOW);
    this.#history[row] = h;
    this.#length[row] = len;
    let flags = this.#flags[row]! | DIRTY;
    if ((flags & FLAPPING) !== 0 && !nextFlapping(true, h, len)) flags &= ~FLAPPING;
    this.#flags[row] = flags;
    this.#value[row] = value;
    this.#at[row] = now;
  }

  #grow(capacity: number): void {
    const grow = <A extends Int32Array | Uint8Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    this.#point = grow(this.#point, (n) => new Int32Array(n));
    this.#value = grow(this.#value, (n) => new Float64Array(n));
    this.#at = grow(this.#at, (n) => new Float64Array(n));
    this.#history = grow(this.#history, (n) => new Int32Array(n));
    this.#length = grow(this.#length, (n) => new Uint8Array(n));
    this.#flags = grow(this.#flags, (n) => new Uint8Array(n));
    this.#capacity = capacity;
  }
}
