/**
 * Whether a path lies inside one of some folders, after symbolic links are followed (issue 16): a server's trace
 * methods (traces/localRoots.ts) and its bundle downloads (transport/fileDownload.ts) confine local files to its
 * bundle folders with this one check.
 */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** The real path of `path`, or of its nearest existing ancestor joined with the rest. */
function realOrNearest(path: string): string {
  let existing = resolve(path);
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) break;
    rest.unshift(existing.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
    existing = parent;
  }
  let real: string;
  try {
    real = realpathSync(existing);
  } catch {
    real = existing;
  }
  return rest.length > 0 ? resolve(real, ...rest) : real;
}

/** Whether `path` is one of `roots` or inside one (after links are followed). */
export function insideRoots(path: string, roots: readonly string[]): boolean {
  const p = realOrNearest(path);
  return roots.some((root) => {
    const r = realOrNearest(root);
    const rel = relative(r, p);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
}
