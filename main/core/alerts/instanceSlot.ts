import type { AlarmRecord, AlertInstance } from '../../../shared/model/alert.js';
import { FLAP_WINDOW, nextFlapping } from './flapDetection.js';
import type { MutableInstance } from './alertStateMachine.js';
import type { StoredPoint } from './seriesStore.js';

const HISTORY_MASK = (1 << FLAP_WINDOW) - 1;

/**
 * The engine's detection state of one key, with the series point it reads. The stable-normal step (the common
 * case at 10,000 rules) works on number and boolean fields of the slot only, never touching the instance: fewer
 * cache lines per evaluation, and no boxed numbers (the instance's `lastValue` may be undefined, so each write
 * of a number there is a heap allocation kept alive by an old object; test/bench/alertsBench.ts).
 * {@link InstanceSlot.read} folds pending steps back, so every reader sees exactly what nextAlertState gives.
 */
export class InstanceSlot {
  #inst: MutableInstance | undefined = undefined;
  #dirty = false;
  #stable = false;
  /** Value and time of the last pending step (NaN when none: keeps these fields unboxed doubles). */
  #value = Number.NaN;
  #at = Number.NaN;
  #history = 0;
  #length = 0;
  #flapping = false;
  /** The series point of this key (set when a rule's run resolves its instances). */
  point: StoredPoint | undefined = undefined;
  /**
   * The active alarm of this key, mirrored from the AlarmBook by the engine (set when the slot is made, updated on
   * every alarm change), so the hot path needs no map lookup by key string.
   */
  alarm: AlarmRecord | undefined;

  constructor(
    readonly key: string,
    readonly instance: string,
    alarm: AlarmRecord | undefined,
  ) {
    this.alarm = alarm;
  }

  /** The instance, up to date (undefined until first evaluated). Callers that change it must {@link write} it. */
  read(): MutableInstance | undefined {
    const m = this.#inst;
    if (this.#dirty && m !== undefined) {
      m.lastValue = this.#value;
      m.lastEvaluatedAt = this.#at;
      m.history = this.#history;
      m.historyLength = this.#length;
      m.flapping = this.#flapping;
      this.#dirty = false;
    }
    return m;
  }

  /** Stores the instance after a change (pending steps are superseded by it). */
  write(inst: AlertInstance): void {
    this.#inst = inst as MutableInstance;
    this.#dirty = false;
    this.#history = inst.history;
    this.#length = inst.historyLength;
    this.#flapping = inst.flapping;
    this.#stable = inst.state === 'normal' && inst.reason === 'threshold' && (inst.history & 1) === 0 && inst.firedAt === undefined;
  }

  /**
   * Whether the stable-normal step applies: the instance is normal by threshold (so never fired in this episode)
   * and its last evaluation did not breach. A step keeps it so.
   */
  get isStableNormal(): boolean {
    return this.#stable;
  }

  /**
   * In-place equivalent of nextAlertState for a stable-normal instance given a fresh, non-breaching value: the
   * state stays normal (over the threshold or in the band, both are 'clear' for a normal instance), only value,
   * time, history and flapping change. The flap percentage cannot rise (no new change enters the window), so an
   * instance not flapping stays so; a flapping one is recomputed (it may stop). pushHistoryBits(…, false), inlined.
   */
  stepStableNormal(value: number, now: number): void {
    const h = (this.#history << 1) & HISTORY_MASK;
    const len = this.#length < FLAP_WINDOW ? this.#length + 1 : FLAP_WINDOW;
    this.#history = h;
    this.#length = len;
    if (this.#flapping) this.#flapping = nextFlapping(true, h, len);
    this.#value = value;
    this.#at = now;
    this.#dirty = true;
  }
}
