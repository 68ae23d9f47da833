import { toDisposable, type Disposable } from './disposable.js';

/** A typed event: subscribe with a listener, get a Disposable back (vscode Event<T>). */
export type Event<T> = (listener: (e: T) => void) => Disposable;

/** Fires events to listeners; a throwing listener is reported and does not stop the others. */
export class Emitter<T> implements Disposable {
  #listeners = new Set<(e: T) => void>();
  #disposed = false;

  constructor(private readonly onListenerError: (err: unknown) => void = (err) => console.error('[Emitter]', err)) {}

  readonly event: Event<T> = (listener) => {
    if (this.#disposed) return toDisposable(() => undefined);
    this.#listeners.add(listener);
    return toDisposable(() => this.#listeners.delete(listener));
  };

  get listenerCount(): number {
    return this.#listeners.size;
  }

  fire(e: T): void {
    for (const l of [...this.#listeners]) {
      try {
        l(e);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  dispose(): void {
    this.#disposed = true;
    this.#listeners.clear();
  }
}
