import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let persistentDir: string | undefined;

/**
 * The environment for Debian's Net-SNMP tools (snmpwalk, snmpbulkwalk, snmpget, snmptrap, snmptrapd) in tests:
 * no MIB loading (numeric OIDs only) and a persistent directory of this test process's own, with its
 * `cert_indexes` folder made beforehand. Without it, the first tool run on a fresh machine creates
 * /var/lib/snmp/cert_indexes and prints "Created directory: …" on stderr, which broke tests that expect a clean
 * stderr depending on which test ran first; the tools also write snmpapp.conf there, so tests never touch the
 * host's /var/lib/snmp. The folder is removed when the process exits.
 */
export function netSnmpEnv(): NodeJS.ProcessEnv {
  if (persistentDir === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'net-snmp-'));
    mkdirSync(join(dir, 'cert_indexes'), { mode: 0o700 });
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    persistentDir = dir;
  }
  return { ...process.env, MIBS: '', MIBDIRS: '/nonexistent', SNMP_PERSISTENT_DIR: persistentDir };
}
