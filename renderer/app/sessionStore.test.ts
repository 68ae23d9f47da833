import { afterEach, describe, expect, it } from 'vitest';
import type { SessionState } from '../../shared/model/access.js';
import { call } from '../ipc/api.js';
import { setBridgeForTesting } from '../ipc/bridge.js';
import { createFakeBridge, ipcFailure } from '../ipc/testing.js';
import { useSessionStore } from './sessionStore.js';

const SERVER_OUT: SessionState = { mode: 'server', loggedIn: false };
const OTTO: SessionState = { mode: 'server', loggedIn: true, operator: 'otto', role: 'operator' };

afterEach(() => {
  setBridgeForTesting(undefined);
  useSessionStore.setState({ session: undefined, reason: undefined, loadError: undefined, endedOperator: undefined });
});

describe('session store', () => {
  it('logs in with what the person typed; the name comes back from the server, never sent as who acts', async () => {
    const bridge = createFakeBridge({ session: { state: async () => SERVER_OUT, login: async (name: string) => (name === 'otto' ? OTTO : Promise.reject(ipcFailure('AUTH_FAILED', 'wrong'))) } });
    setBridgeForTesting(bridge);
    await useSessionStore.getState().load();
    expect(useSessionStore.getState().session).toEqual(SERVER_OUT);
    expect(await useSessionStore.getState().login('eve', 'x')).toMatchObject({ code: 'AUTH_FAILED' });
    expect(useSessionStore.getState().session?.loggedIn).toBe(false);
    expect(await useSessionStore.getState().login('otto', 'otto-password')).toBeUndefined();
    expect(useSessionStore.getState().session).toEqual(OTTO);
    expect(bridge.calls.map((c) => c.name)).toEqual(['session.state', 'session.login', 'session.login']);
  });

  it('any call answering AUTH_REQUIRED ends the session in the UI with the reason', async () => {
    let state: SessionState = OTTO;
    setBridgeForTesting(createFakeBridge({ session: { state: async () => state }, alerts: { listActive: async () => Promise.reject(ipcFailure('AUTH_REQUIRED', 'Log in first')) } }));
    await useSessionStore.getState().load();
    state = SERVER_OUT;
    await expect(call('alerts', 'listActive')).rejects.toMatchObject({ code: 'AUTH_REQUIRED' });
    expect(useSessionStore.getState().session).toMatchObject({ mode: 'server', loggedIn: false });
    expect(useSessionStore.getState().reason).toBe('expired');
    expect(useSessionStore.getState().endedOperator).toBe('otto');
  });

  it('a backend without the session namespace: app.info says who acts (desktop, admin)', async () => {
    setBridgeForTesting(createFakeBridge({ app: { info: async () => ({ name: 'IMP Monitor', version: '1', transport: 'electron', systemLocale: 'en', startedAtMs: 1, operator: 'alice', mode: 'desktop' }) } }));
    await useSessionStore.getState().load();
    expect(useSessionStore.getState().session).toEqual({ mode: 'desktop', loggedIn: true, operator: 'alice', role: 'admin' });
  });

  it('a server that does not answer: the error is kept for the retry', async () => {
    setBridgeForTesting(createFakeBridge({ session: { state: async () => Promise.reject(ipcFailure('INTERNAL', 'Web mode server unreachable', true)) } }));
    await useSessionStore.getState().load();
    expect(useSessionStore.getState().session).toBeUndefined();
    expect(useSessionStore.getState().loadError).toMatchObject({ code: 'INTERNAL', retryable: true });
  });
});
