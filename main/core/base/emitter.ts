import { toDisposable, type Disposable } from './disposable.js';

/** A typed event: subscribe with a listener, get a Disposable back (vscode Event<T>). */
export type Event<T> = (listener: (e: T) => void) => Disposable;

/** Fires events to listeners; a throwing listener is reported and does not stop the others. */
export class Emitter<T> implements Disposable {
  /**
   * Replaced, never changed in place (copy on subscribe/unsubscribe): fire() walks the array it read without
   * copying it, so a listener that (un)subscribes during fire() does not disturb the walk, and firing allocates
   * nothing (the alert engine fires thousands of alarm changes per evaluation; test/bench/alertsBench.ts).
   */
  #listeners: ReadonlyArray<(e: T) => void> = [];
  #disposed = false;

  constructor(private readonly onListenerError: (err: unknown) => void = (err) => console.error('[Emitter]', err)) {}

  readonly event: Event<T> = (listener) => {
    if (this.#disposed) return toDisposable(() => undefined);
    // A wrapper per subscription, so the same function subscribed twice is two listeners, each removed by its own
    // disposable (what a Set could not give).
    const entry = (e: T): void => listener(e);
    this.#listeners = [...this.#listeners, entry];
    return toDisposable(() => {
      this.#listeners = this.#listeners.filter((l) => l !== entry);
    });
  };

  get listenerCount(): number {
    return this.#listeners.length;
  }

  fire(e: T): void {
    const listeners = this.#listeners;
    for (let i = 0; i < listeners.length; i++) {
      const l = listeners[i]!;
      try {
        l(e);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  dispose(): void {
    this.#disposed = true;
    this.#listeners = [];
  }
}
