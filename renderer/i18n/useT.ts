/** React hook giving the translate function of the current UI language. */
import { useCallback } from 'react';
import { useAppStore } from '../app/appStore.js';
import { translate, type Locale, type MessageKey } from './messages.js';

/** A bound translate function. */
export type TranslateFn = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

/** Returns `t(key, params)` in the current language and the language itself. */
export function useT(): { t: TranslateFn; locale: Locale } {
  const locale = useAppStore((s) => s.locale);
  const t = useCallback<TranslateFn>((key, params) => translate(locale, key, params), [locale]);
  return { t, locale };
}
