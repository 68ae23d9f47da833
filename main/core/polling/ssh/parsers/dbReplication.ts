import { outputLines } from './cliText.js';

/** One server row of `utils dbreplication runtimestate` (reference D.3). */
export interface DbReplicationServer {
  readonly name: string;
  readonly ip: string;
  readonly pingMs: number | undefined;
  /** "Y/Y/Y": DB, RPC and DbMon up. */
  readonly dbRpcDbMon: string;
  readonly replQueue: number | undefined;
  readonly groupId: string;
  /** The RTMT Replicate_State: 0 init, 1 bad count, 2 setup completed (good), 3 suspect, 4 failed ([I] except 2). */
  readonly setupState: number | undefined;
  readonly setupDetails: string;
}

/** The parsed command output. */
export interface DbReplicationRuntimeState {
  readonly dbVersion: string;
  readonly servers: DbReplicationServer[];
  /** The abort message when the command could not run (ANSIBLE's known lines, reference D.3). */
  readonly error?: string;
}

const ERRORS = [/Runtime state cannot be performed.*$/m, /Cisco DB is not running.*$/m];
const ROW = /^(\S+)\s+(\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:]+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\(\S*\))\s+\((\d+)\)\s*(.*)$/;

/** Parses `utils dbreplication runtimestate`. */
export function parseDbReplicationRuntimeState(text: string): DbReplicationRuntimeState {
  const lines = outputLines(text);
  const joined = lines.join('\n');
  for (const e of ERRORS) {
    const m = e.exec(joined);
    if (m) return { dbVersion: '', servers: [], error: m[0].trim() };
  }
  const dbVersion = /DB Version:\s*(\S+)/.exec(joined)?.[1] ?? '';
  const servers: DbReplicationServer[] = [];
  for (const line of lines) {
    const m = ROW.exec(line.trim());
    if (!m) continue;
    const num = (s: string): number | undefined => (Number.isFinite(Number(s)) ? Number(s) : undefined);
    servers.push({
      name: m[1]!, ip: m[2]!, pingMs: num(m[3]!), dbRpcDbMon: m[4]!, replQueue: num(m[5]!),
      groupId: m[6]!.slice(1, -1), setupState: num(m[7]!), setupDetails: m[8]!.trim(),
    });
  }
  return { dbVersion, servers };
}
