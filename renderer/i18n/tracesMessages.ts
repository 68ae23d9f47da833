/**
 * Trace & Log Central: Collect Files wizard, collections, Local Browse, Schedule Collection (issue 12).
 * Spread into MESSAGES_EN / MESSAGES_ZH by messages.ts; the ZH table must have every key of the EN one.
 */
export const TRACES_EN = {
  'nav.traces': 'Trace & Log Central',
} as const;

export const TRACES_ZH: Readonly<Record<keyof typeof TRACES_EN, string>> = {
  'nav.traces': '跟踪和日志中心',
};
