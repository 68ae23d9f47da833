/**
 * Remote Browse (RTMT Trace & Log Central, serviceability-reference.md A.6): one directory of a node's active log
 * tree. SFTP first (sizes and dates from the server's attributes); when SFTP cannot be had, the admin CLI's
 * `file list activelog <dir> detail` (reference D.6, guide L9627-9634). Paths are relative to the active log root
 * (design of issue 12 "Paths"): '/' is the root, '/epas/trace' a folder in it.
 */
import type { RemoteLogEntry } from '../../../shared/model/traces.js';
import { AppError } from '../base/errors.js';
import { listActivelog } from '../polling/ssh/cliLogCommands.js';
import type { TraceToolClients } from './traceToolPorts.js';

/** Normalises a node path: absolute, no '.', '..' or empty segments; '..' is refused rather than resolved. */
export function normalizeNodePath(path: string): string {
  const trimmed = path.trim();
  if (trimmed === '') return '/';
  const parts = trimmed.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw new AppError('VALIDATION', `A node path may not contain "..": ${path}`);
  return `/${parts.join('/')}`;
}

/** Directories first, then files, each by name. */
export function sortEntries(entries: readonly RemoteLogEntry[]): RemoteLogEntry[] {
  return [...entries].sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'directory' ? -1 : 1));
}

/** One directory of the node's log tree, by SFTP or else by `file list activelog`. */
export async function browseRemote(clients: TraceToolClients, cluster: string, node: string, dir: string): Promise<RemoteLogEntry[]> {
  const path = normalizeNodePath(dir);
  const sftp = await clients.sftp(cluster, node);
  if (sftp.ok) {
    const listed = await sftp.value.list(path);
    if (listed.ok) return sortEntries(listed.value);
    // A directory that does not exist is the answer, not a reason to try the CLI.
    if (listed.error.code !== 'POLL_CONNECT' && listed.error.code !== 'POLL_TIMEOUT') throw listed.error;
  }
  const viaCli = await clients.cli(cluster, node, (s) => listActivelog(s, path));
  const result = viaCli.ok ? viaCli.value : viaCli;
  if (result.ok) return sortEntries(result.value);
  if (!sftp.ok) throw new AppError(result.error.code, `${node}: SFTP failed (${sftp.error.message}); file list activelog failed (${result.error.message})`, { cause: result.error });
  throw result.error;
}
