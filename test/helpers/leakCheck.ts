/**
 * Open-handle check for test suites (as VS Code's ensureNoDisposablesAreLeakedInTestSuite, for Node handles):
 * records, with node:async_hooks, every socket, server, timer, child process, pipe, signal and file watcher that the
 * project's own code creates while a suite runs, forgets each one when Node destroys it, and after the suite, once
 * handles closing on the next ticks have had a grace period, lists those still alive with their creation stacks.
 *
 * "The project's own": created with a frame of this repository (not node_modules, not vitest) on the stack, async
 * frames included, or created by a handle that is itself the project's (a socket a server of ours accepted, a timer
 * armed in a socket's callback by ssh2). Vitest's own timers and the worker's channel are not counted.
 *
 * What counts as a leak: every socket, server, child process, pipe, signal or file watcher still open; every
 * interval (unref'd or not: it runs for ever); a one-shot timer that keeps the process alive (ref'd). A one-shot
 * unref'd timer is not counted (it fires once and never holds the process, as Jest's --detectOpenHandles), nor are
 * in-flight requests (fs, DNS), which end on their own.
 */
import { createHook } from 'node:async_hooks';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SELF = fileURLToPath(import.meta.url);

/** The handle types that stay open until closed (async_hooks type names). */
export const HANDLE_TYPES: ReadonlySet<string> = new Set([
  'TCPWRAP',
  'TCPSERVERWRAP',
  'UDPWRAP',
  'PIPEWRAP',
  'PIPESERVERWRAP',
  'PROCESSWRAP',
  'SIGNALWRAP',
  'FSEVENTWRAP',
  'STATWATCHER',
  'WORKER',
  'Timeout',
]);

/** One handle still alive after the suite. */
export interface Leak {
  readonly type: string;
  /** For a Timeout: 'interval' or 'timeout' (ref'd). */
  readonly detail?: string;
  /**
   * Where it was created, as Vitest formats stacks (source-mapped), followed, for a handle created in a callback
   * (a server's accepted socket, a socket opened after a DNS lookup), by where the resource that ran that callback
   * was created ("via TYPE, created:").
   */
  readonly stack: string;
}

interface Tracked {
  readonly type: string;
  readonly resource: object;
  /** Where it was created: always for a handle; for another resource only when nothing of ours ran it. */
  readonly created?: Error;
  /** The nearest resource of ours with a creation stack in whose callback (or its callbacks') this one was created. */
  readonly parent?: Tracked;
}

/** A running check; {@link LeakCheck.stop} ends the recording. */
export interface LeakCheck {
  /** Handles recorded and alive right now that count as leaks. */
  current(): Leak[];
  /** Waits until no leak is left or `graceMs` passed (handles closing on the next ticks); returns what is left. */
  settle(graceMs?: number): Promise<Leak[]>;
  /** Stops recording (the handles recorded so far stay tracked until destroyed or the check is dropped). */
  stop(): void;
}

function isProjectFile(file: string | null | undefined): boolean {
  if (!file) return false;
  const path = file.startsWith('file://') ? fileURLToPath(file) : file;
  return path.startsWith(REPO) && !path.includes('/node_modules/') && path !== SELF && !path.endsWith('/leakCheckSetup.ts');
}

/** Whether the code creating a resource right now is the project's (a frame of ours, async frames included). */
function createdByProject(): boolean {
  const savedPrepare = Error.prepareStackTrace;
  const savedLimit = Error.stackTraceLimit;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  try {
    Error.prepareStackTrace = (_e, sites) => sites;
    Error.stackTraceLimit = 25;
    Error.captureStackTrace(holder, createdByProject);
    return (holder.stack ?? []).some((s) => isProjectFile(s.getFileName()));
  } finally {
    Error.prepareStackTrace = savedPrepare;
    Error.stackTraceLimit = savedLimit;
  }
}

function leakOf(t: Tracked): Leak | undefined {
  if (t.type === 'Timeout') {
    const timer = t.resource as { hasRef?: () => boolean; _repeat?: number | null; _destroyed?: boolean };
    if (timer._destroyed) return undefined;
    const interval = typeof timer._repeat === 'number';
    if (!interval && timer.hasRef?.() === false) return undefined;
    return { type: t.type, detail: interval ? 'interval' : 'timeout', stack: stackOf(t) };
  }
  return { type: t.type, stack: stackOf(t) };
}

function framesOf(e: Error): string[] {
  return (e.stack ?? '')
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => !l.includes(SELF) && !l.includes('node:internal/async_hooks'));
}

function stackOf(t: Tracked): string {
  const lines = t.created ? framesOf(t.created).slice(0, 12) : [];
  let p = t.parent;
  for (let depth = 0; p?.created && depth < 3; depth++, p = p.parent) lines.push(`via ${p.type}, created:`, ...framesOf(p.created).slice(0, 8));
  return lines.join('\n');
}

function capture(type: string, frames: number): Error {
  const savedLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = frames;
  const created = new Error(`${type} created`);
  Error.stackTraceLimit = savedLimit;
  return created;
}

/** Starts recording the project's handles in this process. */
export function startLeakCheck(): LeakCheck {
  const tracked = new Map<number, Tracked>();
  // Resources of the project that are not handles themselves (TLS wraps, immediates, DNS and fs requests): a
  // handle created in their callbacks is the project's too.
  const ours = new Map<number, Tracked>();
  const hook = createHook({
    init(asyncId, type, triggerAsyncId, resource) {
      if (type === 'PROMISE') return;
      const trigger = tracked.get(triggerAsyncId) ?? ours.get(triggerAsyncId);
      if (!trigger && !createdByProject()) return;
      const handle = HANDLE_TYPES.has(type);
      // Stacks cost: a resource run by one of ours (the ticks and requests of a socket's stream) keeps none and
      // points at the nearest one that has one, so chains stay short and cheap.
      const parent = trigger && !trigger.created ? trigger.parent : trigger;
      const created = handle || !trigger ? capture(type, handle ? 20 : 12) : undefined;
      (handle ? tracked : ours).set(asyncId, { type, resource, created, parent });
    },
    destroy(asyncId) {
      tracked.delete(asyncId);
      ours.delete(asyncId);
    },
  });
  hook.enable();
  const current = (): Leak[] => [...tracked.values()].map(leakOf).filter((l): l is Leak => l !== undefined);
  return {
    current,
    async settle(graceMs = 2_000) {
      const until = Date.now() + graceMs;
      for (;;) {
        const left = current();
        if (left.length === 0 || Date.now() >= until) return left;
        await new Promise((r) => setTimeout(r, 25).unref());
      }
    },
    stop: () => hook.disable(),
  };
}

/** The report of a failed check: one block per handle, type first, then where it was created. */
export function formatLeaks(leaks: readonly Leak[], suite: string): string {
  const lines = [`${leaks.length} handle(s) left open by ${suite} (sockets, servers, timers, child processes of its own; see README "Leak check"):`];
  leaks.forEach((l, i) => {
    lines.push(`  ${i + 1}. ${l.type}${l.detail ? ` (${l.detail})` : ''}, created:`);
    // Frames without their "at ": Vitest would take a message line starting with "at" for its own stack.
    for (const f of l.stack.split('\n')) lines.push(f.startsWith('via ') ? `    ${f}` : `      ${f.replace(/^at /, '')}`);
  });
  return lines.join('\n');
}
