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

/** Owns a set of disposables and releases them all, in reverse order of addition, once. */
export class DisposableStore implements Disposable {
  #items: Disposable[] = [];
  #disposed = false;

  get isDisposed(): boolean {
    return this.#disposed;
  }

  add<T extends Disposable>(d: T): T {
    if (this.#disposed) d.dispose();
    else this.#items.push(d);
    return d;
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const items = this.#items.reverse();
    this.#items = [];
    const errors: unknown[] = [];
    for (const d of items) {
      try {
        d.dispose();
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, 'dispose failed');
  }
}

/** Owns async disposables (servers) and awaits their release in reverse order. */
export class AsyncDisposableStore implements AsyncDisposable {
  #items: Array<Disposable | AsyncDisposable> = [];
  #disposed = false;

  add<T extends Disposable | AsyncDisposable>(d: T): T {
    if (this.#disposed) void d.dispose();
    else this.#items.push(d);
    return d;
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    const items = this.#items.reverse();
    this.#items = [];
    for (const d of items) await d.dispose();
  }
}
