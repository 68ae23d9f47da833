import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { normalizeTreePath } from '../../model/logs/virtualFileTree.js';

/**
 * Maps a client path to a disk path under `root` (a real path without symlinks), or undefined when the
 * path climbs above the root or contains NUL. The client sees `root` as "/".
 */
export function resolveInRoot(root: string, clientPath: string): { readonly client: string; readonly disk: string } | undefined {
  const client = normalizeTreePath(clientPath);
  if (client === undefined) return undefined;
  return { client, disk: client === '/' ? root : join(root, client) };
}

/** Sum of the sizes of the regular files under `dir` (symlinks are not followed). */
export async function diskUsage(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await diskUsage(path);
    else if (entry.isFile()) total += (await lstat(path)).size;
  }
  return total;
}
