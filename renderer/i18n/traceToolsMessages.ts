/**
 * Trace & Log Central tools: log viewer, Remote Browse, Real Time Trace, Query Wizard, Collect Crash Dump (issue 12).
 * Spread into MESSAGES_EN / MESSAGES_ZH by messages.ts; the ZH table must have every key of the EN one.
 */
export const TRACE_TOOLS_EN = {

} as const;

export const TRACE_TOOLS_ZH: Readonly<Record<keyof typeof TRACE_TOOLS_EN, string>> = {

};
