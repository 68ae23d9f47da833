/**
 * The preload entry (preload/index.ts) with fake contextBridge / ipcRenderer objects in place of 'electron':
 * it must expose exactly the allow-list as `window.desktop`, named functions only, and never the ipcRenderer.
 */
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { API_METHODS, EVENT_NAMES, eventChannel, invokeChannel } from '../../shared/ipc/channels.js';
import type { DesktopApi, DesktopEvents } from '../../shared/ipc/contract.js';
import type { DesktopBridge } from '../../shared/ipc/envelope.js';

type Handler = (event: unknown, ...args: unknown[]) => void;

const fake = vi.hoisted(() => {
  const exposed: Array<[string, unknown]> = [];
  const listeners = new Map<string, Set<Handler>>();
  const invoked: Array<[string, unknown[]]> = [];
  const ipcRenderer = {
    invoke: async (channel: string, ...args: unknown[]) => {
      invoked.push([channel, args]);
      return { ok: true, value: channel };
    },
    on(channel: string, l: Handler) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(l);
      return ipcRenderer;
    },
    removeListener(channel: string, l: Handler) {
      listeners.get(channel)?.delete(l);
      return ipcRenderer;
    },
    send: () => undefined,
    sendSync: () => undefined,
  };
  const contextBridge = { exposeInMainWorld: (key: string, value: unknown) => void exposed.push([key, value]) };
  return { exposed, listeners, invoked, ipcRenderer, contextBridge };
});

vi.mock('electron', () => ({ contextBridge: fake.contextBridge, ipcRenderer: fake.ipcRenderer }));

async function loadBridge(): Promise<DesktopBridge> {
  await import('../../preload/index.js');
  expect(fake.exposed).toHaveLength(1);
  const [key, value] = fake.exposed[0] as [string, DesktopBridge];
  expect(key).toBe('desktop');
  return value;
}

/** Every value reachable from the bridge (functions and objects). */
function reachable(root: unknown, seen = new Set<unknown>()): Set<unknown> {
  if ((typeof root === 'object' && root !== null) || typeof root === 'function') {
    if (seen.has(root)) return seen;
    seen.add(root);
    for (const k of Object.keys(root as object)) reachable((root as Record<string, unknown>)[k], seen);
  }
  return seen;
}

describe('preload window.desktop', () => {
  it('is typed as the DesktopBridge of the contract', async () => {
    const { createPreloadBridge } = await import('../../preload/preloadBridge.js');
    expectTypeOf(createPreloadBridge).returns.toEqualTypeOf<DesktopBridge>();
    expectTypeOf<keyof DesktopBridge['api']>().toEqualTypeOf<keyof DesktopApi>();
    expectTypeOf<keyof DesktopBridge['api']['alerts']>().toEqualTypeOf<keyof DesktopApi['alerts']>();
    expectTypeOf<keyof typeof EVENT_NAMES>().toEqualTypeOf<keyof DesktopEvents>();
  });

  it('exposes exactly the allow-listed services and methods, as functions invoking their channel', async () => {
    const bridge = await loadBridge();
    expect(Object.keys(bridge).sort()).toEqual(['api', 'on']);
    expect(Object.keys(bridge.api).sort()).toEqual(Object.keys(API_METHODS).sort());
    const expected: string[] = [];
    for (const [service, methods] of Object.entries(API_METHODS)) {
      const exposed = (bridge.api as unknown as Record<string, Record<string, unknown>>)[service] ?? {};
      expect(Object.keys(exposed).sort()).toEqual(Object.keys(methods).sort());
      for (const method of Object.keys(methods)) {
        const fn = exposed[method];
        expect(typeof fn).toBe('function');
        const channel = invokeChannel(service, method);
        expected.push(channel);
        await expect((fn as (...a: unknown[]) => Promise<unknown>)('a1', 2)).resolves.toEqual({ ok: true, value: channel });
      }
    }
    expect(fake.invoked.map(([c]) => c)).toEqual(expected);
    expect(fake.invoked.every(([, args]) => JSON.stringify(args) === '["a1",2]')).toBe(true);
    // Guards against an allow-list that silently lost its services.
    expect(expected.length).toBe(Object.values(API_METHODS).reduce((n, m) => n + Object.keys(m).length, 0));
    expect(expected.length).toBeGreaterThan(30);
  });

  it('never hands out the ipcRenderer or its methods', async () => {
    const bridge = await loadBridge();
    const all = reachable(bridge);
    for (const v of [fake.ipcRenderer, fake.ipcRenderer.invoke, fake.ipcRenderer.on, fake.ipcRenderer.send, fake.ipcRenderer.sendSync]) expect(all.has(v)).toBe(false);
  });

  it('subscribes only to allow-listed events, strips the IPC event and unsubscribes', async () => {
    const bridge = await loadBridge();
    expect(() => bridge.on('onDidSomethingElse' as keyof DesktopEvents, () => undefined)).toThrow(/Unknown event/);
    expect(() => bridge.on('__proto__' as keyof DesktopEvents, () => undefined)).toThrow(/Unknown event/);
    for (const name of Object.keys(EVENT_NAMES) as Array<keyof DesktopEvents>) {
      const got: unknown[][] = [];
      const off = bridge.on(name, (...args: unknown[]) => void got.push(args));
      const channel = eventChannel(name);
      const registered = [...(fake.listeners.get(channel) ?? [])];
      expect(registered).toHaveLength(1);
      registered[0]?.({ sender: fake.ipcRenderer }, { hello: name });
      expect(got).toEqual([[{ hello: name }]]);
      off();
      expect(fake.listeners.get(channel)?.size).toBe(0);
    }
  });
});
