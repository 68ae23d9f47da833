/**
 * Waits on a condition, not on the clock: calls `fn` every `stepMs` until it returns a value other than
 * undefined, and fails after `timeoutMs` naming what it waited for. The one wait of the integration tests.
 */
export async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 90_000, stepMs = 300): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
