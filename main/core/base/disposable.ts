/** Something that holds a socket, timer or listener and releases it on `dispose()` (vscode lifecycle.ts). */
export interface Disposable {
  dispose(): void;
}

/** Something whose release is asynchronous (a server that must close its sockets). */
export interface AsyncDisposable {
  dispose(): Promise<void>;
}

/** Wraps a function as an idempotent Disposable. */
export function toDisposable(fn: () => void): Disposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      fn();
    },
  };
}

/**
 * Owns a set of disposables and releases them all, in reverse order of addition, once. A disposable that throws
 * does not stop the others: every one is released, then the errors are thrown together as one AggregateError.
 */
export class DisposableStore implements Disposable {
  #items = new Set<Disposable>();
  #disposed = false;

  get isDisposed(): boolean {
    return this.#disposed;
  }

  /** How many disposables the store still holds. */
  get size(): number {
    return this.#items.size;
  }

  add<T extends Disposable>(d: T): T {
    if (this.#disposed) d.dispose();
    else this.#items.add(d);
    return d;
  }

  /** Disposes `d` now and forgets it (a timer that fired), so the store does not hold it until its own disposal. */
  delete(d: Disposable): void {
    if (this.#items.delete(d)) d.dispose();
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const items = [...this.#items].reverse();
    this.#items.clear();
    const errors: unknown[] = [];
    for (const d of items) {
      try {
        d.dispose();
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, `dispose failed: ${errors.length} of ${items.length} disposables threw`);
  }

  /**
   * For a start that failed half-way: disposes what was built and rethrows `startError`, the error a person must
   * see. A failure of the clean-up is kept beside it (`suppressed`, as in TC39's SuppressedError), never in its place.
   */
  async disposeAndRethrow(startError: unknown): Promise<never> {
    try {
      await this.dispose();
    } catch (disposeError) {
      if (startError instanceof Error) Object.assign(startError, { suppressed: disposeError });
    }
    throw startError;
  }
}

/**
 * Owns async disposables (servers, databases) and awaits their release one after the other, in reverse order of
 * addition. As {@link DisposableStore}: one that throws or rejects does not stop the others; every one is
 * released, then the errors are thrown together as one AggregateError.
 */
export class AsyncDisposableStore implements AsyncDisposable {
  #items: Array<Disposable | AsyncDisposable> = [];
  #disposed = false;
  #disposing: Promise<void> | undefined;

  get isDisposed(): boolean {
    return this.#disposed;
  }

  /** Adds `d`; on a store already disposed, `d` is disposed at once (a failure is reported, never left unhandled). */
  add<T extends Disposable | AsyncDisposable>(d: T): T {
    if (!this.#disposed) {
      this.#items.push(d);
      return d;
    }
    const warn = (err: unknown) => console.warn('[AsyncDisposableStore] dispose after the store was disposed failed:', err);
    try {
      void Promise.resolve(d.dispose()).catch(warn);
    } catch (err) {
      warn(err);
    }
    return d;
  }

  /**
   * Releases everything once. A later call (a quit while a close runs) resolves when the first is done, so its
   * caller never goes on while sockets are still closing; the errors are reported to the first caller only.
   */
  dispose(): Promise<void> {
    if (this.#disposing) return this.#disposing.catch(() => undefined);
    this.#disposing = this.#disposeAll();
    return this.#disposing;
  }

  async #disposeAll(): Promise<void> {
    this.#disposed = true;
    const items = this.#items.reverse();
    this.#items = [];
    const errors: unknown[] = [];
    for (const d of items) {
      try {
        await d.dispose();
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, `dispose failed: ${errors.length} of ${items.length} disposables threw`);
  }

  /**
   * For a start that failed half-way: disposes what was built and rethrows `startError`, the error a person must
   * see. A failure of the clean-up is kept beside it (`suppressed`, as in TC39's SuppressedError), never in its place.
   */
  async disposeAndRethrow(startError: unknown): Promise<never> {
    try {
      await this.dispose();
    } catch (disposeError) {
      if (startError instanceof Error) Object.assign(startError, { suppressed: disposeError });
    }
    throw startError;
  }
}
