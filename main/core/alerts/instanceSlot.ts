import type { AlarmRecord, AlertInstance } from '../../../shared/model/alert.js';
import { FLAP_WINDOW } from './flapDetection.js';
import type { MutableInstance } from './alertStateMachine.js';

const HISTORY_MASK = (1 << FLAP_WINDOW) - 1;

/**
 * The engine's detection state of one key. The stable-normal step (the common case at 10,000 rules) writes the
 * value and time into number-only fields of the slot instead of the instance, because the instance's
 * `lastValue` may be undefined and so holds boxed numbers: one heap allocation per write, kept alive by an
 * old object, which made garbage collection the main cost of an evaluation (test/bench/alertsBench.ts).
 * {@link InstanceSlot.read} folds them back, so every reader sees exactly what nextAlertState would give.
 */
export class InstanceSlot {
  #inst: MutableInstance | undefined = undefined;
  /** Value and time of pending stable-normal steps (NaN when none: keeps these fields unboxed doubles). */
  #value = Number.NaN;
  #at = Number.NaN;
  #dirty = false;

  /**
   * The active alarm of this key, mirrored from the AlarmBook by the engine (set when the slot is made, updated on
   * every alarm change), so the hot path needs no map lookup by key string.
   */
  alarm: AlarmRecord | undefined;

  constructor(readonly key: string, alarm: AlarmRecord | undefined) {
    this.alarm = alarm;
  }

  /** The instance, up to date (undefined until first evaluated). Callers may update it in place. */
  read(): MutableInstance | undefined {
    const m = this.#inst;
    if (this.#dirty && m !== undefined) {
      m.lastValue = this.#value;
      m.lastEvaluatedAt = this.#at;
      this.#dirty = false;
    }
    return m;
  }

  /** Replaces the instance (pending steps are dropped: the new instance supersedes them). */
  write(inst: AlertInstance): void {
    this.#inst = inst as MutableInstance;
    this.#dirty = false;
  }

  /**
   * The stable-normal step if it applies: the instance is normal by threshold, its last evaluation did not breach
   * and it is not flapping. Returns false (and changes nothing) otherwise.
   */
  isStableNormal(): boolean {
    const m = this.#inst;
    return m !== undefined && m.state === 'normal' && m.reason === 'threshold' && (m.history & 1) === 0 && !m.flapping;
  }

  /**
   * In-place equivalent of nextAlertState for a stable-normal instance ({@link isStableNormal}) given a fresh,
   * non-breaching value: only the value, time and history change, and the flap percentage cannot rise (no new
   * change enters the window), so flapping stays false. pushHistory(history, length, false), inlined.
   */
  stepStableNormal(value: number, now: number): void {
    const m = this.#inst!;
    m.history = (m.history << 1) & HISTORY_MASK;
    m.historyLength = m.historyLength < FLAP_WINDOW ? m.historyLength + 1 : FLAP_WINDOW;
    this.#value = value;
    this.#at = now;
    this.#dirty = true;
  }
}
