import { join, sep } from 'node:path';
import type { TraceArchiveFormat } from '../../../shared/model/traces.js';
import { WORK_FOLDER_LOCK } from './workFolderLock.js';

/**
 * Where things go (issue 12 "Bundle"): every node file is named by its path relative to the node's active log root,
 * absolute in form (`/epas/trace/xcp/log/rtr-jsm-1.log.gz`, the path `file list activelog` and SFTP show); in the
 * work folder and in the bundle it lands at `<node>/<that path without its leading slash>`.
 */

/** The active log root of a real node: LogCollection's `absolutepath` is this + the relative path (reference B.5). */
export const ACTIVE_LOG_ROOT = '/var/log/active';

/** The state file inside a work folder. */
export const STATE_FILE_NAME = 'collection-state.json';
export const MANIFEST_NAME = 'MANIFEST.sha256';
export const COLLECTION_JSON_NAME = 'collection.json';
/** The folder (inside a node's folder) holding diagnostics a preset adds (CLI outputs, Perfmon counters). */
export const EXTRAS_DIR = '_diagnostics';

/** `<outDir>/<label>.collecting`: the resumable work folder of a collection. */
export function workDirFor(outDir: string, label: string): string {
  return join(outDir, `${label}.collecting`);
}

/** The archive a collection writes (`.part` while it is written). */
export function archivePathFor(outDir: string, label: string, format: TraceArchiveFormat): string {
  return join(outDir, `${label}.${format === 'zip' ? 'zip' : 'tar.gz'}`);
}

/** A label safe as a file name: letters, digits, dot, dash, underscore; others become '_'. */
export function safeLabel(label: string): string {
  const s = label.trim().replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return s.slice(0, 120) || 'traces';
}

/** A label from the time: `traces-20261206-092512` (UTC). */
export function defaultLabel(nowMs: number): string {
  const d = new Date(nowMs).toISOString(); // 2026-12-06T09:25:12.345Z
  return `traces-${d.slice(0, 10).replace(/-/g, '')}-${d.slice(11, 19).replace(/:/g, '')}`;
}

/**
 * The relative path of a node file from what the node said: `/var/log/active/x/y` → `/x/y`; a path already relative
 * to the root (SFTP, `file list activelog`) passes unchanged. Undefined for a path that is unsafe as an archive
 * entry or a local file name ('..' or '.' segments, backslashes, control characters, empty): a hostile or broken
 * node never writes outside the work folder, and every name fits one line of MANIFEST.sha256.
 */
export function relativeNodePath(pathFromNode: string): string | undefined {
  let p = pathFromNode;
  if (p === ACTIVE_LOG_ROOT) return undefined;
  if (p.startsWith(`${ACTIVE_LOG_ROOT}/`)) p = p.slice(ACTIVE_LOG_ROOT.length);
  if (!p.startsWith('/')) p = `/${p}`;
  if (/[\\\u0000-\u001f\u007f]/.test(p)) return undefined;
  const parts = p.split('/').slice(1);
  if (parts.length === 0 || parts.some((s) => s === '' || s === '.' || s === '..')) return undefined;
  return `/${parts.join('/')}`;
}

/** The absolute path LogCollection / DIME know a relative node path by. */
export function absoluteNodePath(relPath: string): string {
  return `${ACTIVE_LOG_ROOT}${relPath}`;
}

/** Top-level names of a work folder and a bundle that no node folder may take (compared case-insensitively). */
const RESERVED_TOP_LEVEL = new Set([STATE_FILE_NAME, MANIFEST_NAME, COLLECTION_JSON_NAME, WORK_FOLDER_LOCK].map((n) => n.toLowerCase()));

/**
 * A node's folder in the work folder and in the bundle: its name, or cluster_node when two clusters share it. A node
 * whose name is one of the bundle's own files (a host really called `collection.json`) gets `node_` in front, so
 * that no entry is both a file and a folder.
 */
export function nodeFolderName(cluster: string, node: string, ambiguous: boolean): string {
  const n = safeLabel(node);
  const folder = ambiguous ? `${safeLabel(cluster)}_${n}` : n;
  return RESERVED_TOP_LEVEL.has(folder.toLowerCase()) ? `node_${folder}` : folder;
}

/** The entry name of a node file inside the bundle (always '/'-separated). */
export function bundleEntryName(nodeFolder: string, relPath: string): string {
  return `${nodeFolder}/${relPath.replace(/^\/+/, '')}`;
}

/** The local file of a node file inside the work folder. */
export function localPathFor(workDir: string, nodeFolder: string, relPath: string): string {
  return join(workDir, nodeFolder, ...relPath.replace(/^\/+/, '').split('/')).split('/').join(sep);
}
