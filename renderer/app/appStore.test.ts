import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppStore, VIEWS } from './appStore.js';

const initial = useAppStore.getState();

/** A localStorage of its own for one test. */
function stubStorage(entries: Record<string, string> = {}): Map<string, string> {
  const stored = new Map(Object.entries(entries));
  vi.stubGlobal('localStorage', { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) });
  return stored;
}

beforeEach(() => useAppStore.setState(initial, true));
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('appStore', () => {
  it('starts on the overview, dark, in the browser language until the user picks one', async () => {
    stubStorage();
    vi.stubGlobal('navigator', { language: 'en-US' });
    vi.resetModules();
    const fresh = (await import('./appStore.js')).useAppStore.getState();
    expect(fresh).toMatchObject({ view: 'overview', theme: 'dark', locale: 'en', localeChosen: false });
  });

  it('showView changes the view and the URL hash', () => {
    const replaced: string[] = [];
    vi.stubGlobal('history', { replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) });
    for (const v of VIEWS) useAppStore.getState().showView(v);
    expect(useAppStore.getState().view).toBe(VIEWS.at(-1));
    expect(replaced).toEqual(VIEWS.map((v) => `#/${v}`));
  });

  it('chooseLocale stores the pick, and the system language no longer wins', () => {
    const stored = stubStorage();
    useAppStore.getState().applySystemLocale('zh-CN');
    expect(useAppStore.getState().locale).toBe('zh');
    useAppStore.getState().chooseLocale('en');
    expect(useAppStore.getState()).toMatchObject({ locale: 'en', localeChosen: true });
    expect(stored.get('imp-monitor.locale')).toBe('en');
    useAppStore.getState().applySystemLocale('zh-TW');
    expect(useAppStore.getState().locale).toBe('en');
  });

  it('chooseTheme stores the theme', () => {
    const stored = stubStorage();
    useAppStore.getState().chooseTheme('light');
    expect(useAppStore.getState().theme).toBe('light');
    expect(stored.get('imp-monitor.theme')).toBe('light');
  });

  it('a storage that throws (private mode) keeps the choice for the session', () => {
    vi.stubGlobal('localStorage', { getItem: () => { throw new Error('SecurityError'); }, setItem: () => { throw new Error('SecurityError'); } });
    useAppStore.getState().chooseTheme('light');
    useAppStore.getState().chooseLocale('zh');
    expect(useAppStore.getState()).toMatchObject({ theme: 'light', locale: 'zh' });
  });

  it('selectCluster clears the node only when the cluster changes; selectNode sets it', () => {
    useAppStore.getState().selectCluster('c1');
    useAppStore.getState().selectNode('imp1');
    useAppStore.getState().selectCluster('c1');
    expect(useAppStore.getState()).toMatchObject({ clusterId: 'c1', node: 'imp1' });
    useAppStore.getState().selectCluster('c2');
    expect(useAppStore.getState().clusterId).toBe('c2');
    expect(useAppStore.getState().node).toBeUndefined();
  });

  it('at start it reads the stored language and theme, and the view from the URL hash', async () => {
    stubStorage({ 'imp-monitor.locale': 'zh', 'imp-monitor.theme': 'light' });
    vi.stubGlobal('location', { hash: '#/alerts' });
    vi.resetModules();
    const fresh = (await import('./appStore.js')).useAppStore.getState();
    expect(fresh).toMatchObject({ locale: 'zh', localeChosen: true, theme: 'light', view: 'alerts' });
  });

  it('at start an unknown hash opens the overview and an unknown stored language follows the browser', async () => {
    stubStorage({ 'imp-monitor.locale': 'fr' });
    vi.stubGlobal('location', { hash: '#/nowhere' });
    vi.stubGlobal('navigator', { language: 'zh-Hans-CN' });
    vi.resetModules();
    const fresh = (await import('./appStore.js')).useAppStore.getState();
    expect(fresh).toMatchObject({ locale: 'zh', localeChosen: false, view: 'overview', theme: 'dark' });
  });
});
