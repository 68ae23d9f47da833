/**
 * App-wide UI state: the current view, language, theme and the selected cluster and node. Language follows the
 * system language until the user picks one (AppInfo.systemLocale, else navigator.language); the pick and the
 * theme persist in localStorage.
 */
import { create } from 'zustand';
import { localeFromTag, type Locale } from '../i18n/messages.js';

/** The views of the left navigation (RTMT drawers, serviceability-reference.md A.2). */
export const VIEWS = ['overview', 'system', 'server', 'performance', 'imp', 'ha', 'control', 'alerts', 'syslog', 'traces', 'drs', 'reports', 'jobs', 'clusters', 'audit'] as const;
/** One view. */
export type ViewId = (typeof VIEWS)[number];
/** Color theme. */
export type Theme = 'dark' | 'light';

/** State and actions of the app store. */
export interface AppState {
  readonly view: ViewId;
  readonly locale: Locale;
  /** True once the user chose a language; otherwise the system language wins. */
  readonly localeChosen: boolean;
  readonly theme: Theme;
  readonly clusterId?: string;
  readonly node?: string;
  showView(view: ViewId): void;
  chooseLocale(locale: Locale): void;
  /** Applies the system language unless the user chose one. */
  applySystemLocale(tag: string): void;
  chooseTheme(theme: Theme): void;
  selectCluster(clusterId: string | undefined): void;
  selectNode(node: string | undefined): void;
}

const LOCALE_KEY = 'imp-monitor.locale';
const THEME_KEY = 'imp-monitor.theme';

function readStored(key: string): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStored(key: string, value: string): void {
  try {
    if (typeof localStorage !== 'undefined') localStorage.setItem(key, value);
  } catch {
    // Storage can be disabled (private mode): the choice then lasts for the session only.
  }
}

function initialLocale(): { locale: Locale; chosen: boolean } {
  const stored = readStored(LOCALE_KEY);
  if (stored === 'en' || stored === 'zh') return { locale: stored, chosen: true };
  return { locale: localeFromTag(typeof navigator === 'undefined' ? undefined : navigator.language), chosen: false };
}

function initialView(): ViewId {
  const hash = typeof location === 'undefined' ? '' : location.hash.replace(/^#\/?/, '');
  return (VIEWS as readonly string[]).includes(hash) ? (hash as ViewId) : 'overview';
}

const start = initialLocale();

/** The app store (zustand). */
export const useAppStore = create<AppState>()((set, get) => ({
  view: initialView(),
  locale: start.locale,
  localeChosen: start.chosen,
  theme: readStored(THEME_KEY) === 'light' ? 'light' : 'dark',
  showView(view) {
    set({ view });
    if (typeof history !== 'undefined') history.replaceState(null, '', `#/${view}`);
  },
  chooseLocale(locale) {
    writeStored(LOCALE_KEY, locale);
    set({ locale, localeChosen: true });
  },
  applySystemLocale(tag) {
    if (!get().localeChosen) set({ locale: localeFromTag(tag) });
  },
  chooseTheme(theme) {
    writeStored(THEME_KEY, theme);
    set({ theme });
  },
  selectCluster(clusterId) {
    if (clusterId !== get().clusterId) set({ clusterId, node: undefined });
  },
  selectNode(node) {
    set({ node });
  },
}));
