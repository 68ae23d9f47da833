import { normalizeTreePath, type VfsEntry } from '../../model/logs/virtualFileTree.js';
import type { NodeLogTree } from '../../model/logs/nodeLogTree.js';

/** What an activelog path names: a directory's entries, the files a wildcard matches, or one file. */
export interface ActivelogSelection {
  /** Tree path of the directory searched. */
  readonly dir: string;
  readonly entries: VfsEntry[];
  /** True when the path named a single file. */
  readonly single: boolean;
}

/** Turns a `*`/`?` pattern into an anchored regular expression. */
function globRegExp(glob: string): RegExp {
  const src = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${src}$`);
}

/**
 * Resolves a CLI activelog path ("platform/log/servm*.log", "/epas/trace", "syslog/CiscoSyslog") against the
 * node's log tree; wildcards are allowed in the last component. Undefined when nothing matches or the path
 * escapes the tree.
 */
export function selectActivelog(tree: NodeLogTree, input: string): ActivelogSelection | undefined {
  const p = normalizeTreePath(input.startsWith('/') ? input : `/${input}`);
  if (p === undefined) return undefined;
  const last = p.slice(p.lastIndexOf('/') + 1);
  if (/[*?]/.test(last)) {
    const dir = p.slice(0, p.lastIndexOf('/')) || '/';
    const re = globRegExp(last);
    const entries = (tree.list(dir) ?? []).filter((e) => re.test(e.name));
    return entries.length > 0 ? { dir, entries, single: false } : undefined;
  }
  const st = tree.stat(p);
  if (!st) return undefined;
  if (st.kind === 'directory') return { dir: p, entries: tree.list(p) ?? [], single: false };
  return { dir: p.slice(0, p.lastIndexOf('/')) || '/', entries: [st], single: true };
}

/** Files of a selection; with `recurse`, also every file below its directories. */
export function selectionFiles(tree: NodeLogTree, sel: ActivelogSelection, recurse: boolean): VfsEntry[] {
  const out: VfsEntry[] = [];
  for (const e of sel.entries) {
    if (e.kind === 'file') out.push(e);
    else if (recurse) out.push(...tree.walk(e.path).map((f) => tree.stat(f)!).filter(Boolean));
  }
  return out;
}

/** "12,705,464" */
export function withThousands(n: number): string {
  return n.toLocaleString('en-US');
}
