/**
 * Zod issues as a person reads them: the path of the bad field (`silences[0].matchers[1].field`) and what is
 * expected. Pure: no Node, no DOM. Used by the readers of the app's files (notifications.json, silences.json, the
 * credential and trust stores).
 */
import type { z } from 'zod';

/** Formats a zod path: `silences[0].matchers[1].field`; the empty path is `root`. */
export function formatIssuePath(path: readonly PropertyKey[], root = '(root)'): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? root : out;
}

/** Every issue of a failed parse as "path message" ("smtp.port must be a number from 1 to 65535"). */
export function describeIssues(error: z.ZodError, root = '(root)'): string[] {
  return error.issues.map((i) =>
    i.code === 'unrecognized_keys' ? `${formatIssuePath(i.path, root)} has unknown field(s) ${i.keys.join(', ')}` : `${formatIssuePath(i.path, root)} ${i.message}`,
  );
}
