import { hashString } from '../../random/seededRandom.js';
import { IMP_SERVICES, CUCM_SERVICES } from '../services/serviceCatalog.js';
import type { NodeLogTree } from './nodeLogTree.js';

/**
 * Where a UC OS node keeps its core files: `/var/log/active/core`, i.e. `core/` of the active log tree, which
 * `file list activelog core`, `file get activelog core/<name>` and RTMT's Collect Crash Dump read ([I]: from
 * recollection of UC OS nodes; serviceability-reference.md lists `utils core active list` among the health-check
 * commands of every VOS node, D.4 L1277, and RTMT's CoreDumpFileFound alert, L203/L240). Ours.
 */
export const CORE_DIR = '/core';

/** Signal a crashed service's process dies of (SIGABRT, as an assert or a watchdog abort leaves it). */
const SIGABRT = 6;

/** A core file's name as Linux `core_pattern` core.%p.%s.%e.%t writes it: core.<pid>.<signal>.<process>.<epoch s>. */
export function coreFileName(pid: number, signal: number, process: string, atMs: number): string {
  return `core.${pid}.${signal}.${process}.${Math.floor(atMs / 1000)}`;
}

/** The process name of a service (serviceCatalog), or a name made from the service's own. */
export function serviceProcess(service: string): string {
  const def = [...IMP_SERVICES, ...CUCM_SERVICES].find((s) => s.name === service);
  return def?.process ?? service.replace(/^Cisco\s+/i, '').replace(/[^A-Za-z0-9]+/g, '').toLowerCase();
}

/**
 * Writes the core file a crashed service leaves in the node's tree: an ELF core header then deterministic
 * bytes (between 256 KiB and 1 MiB, from the node, service and time), so a download is checkable. Returns its path.
 */
export function writeCoreFile(tree: NodeLogTree, node: string, service: string, atMs: number, pid?: number): string {
  const h = hashString(`${node}:${service}:${atMs}`);
  const process = serviceProcess(service);
  const path = `${CORE_DIR}/${coreFileName(pid ?? 1000 + (h % 30_000), SIGABRT, process, atMs)}`;
  const size = (256 * 1024 + (h % (768 * 1024))) & ~3;
  const data = Buffer.alloc(size);
  // ELF64 little-endian header, e_type ET_CORE (4), e_machine x86-64 (62).
  data.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0);
  data.writeUInt16LE(4, 16);
  data.writeUInt16LE(62, 18);
  let x = h >>> 0 || 1;
  for (let i = 64; i < size; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    data.writeUInt32LE(x >>> 0, i);
  }
  tree.writeFile(path, data, atMs);
  return path;
}

/** The node's core files (paths in the tree), oldest first by the time in their names. */
export function coreFiles(tree: NodeLogTree): string[] {
  const at = (p: string): number => Number(/\.(\d+)$/.exec(p)?.[1] ?? 0);
  return tree.walk(CORE_DIR).sort((a, b) => at(a) - at(b) || (a < b ? -1 : 1));
}
