import type { MibViewBuilder } from './mibView.js';
import { parseOid } from './oidIndex.js';
import type { SnmpInstalledService, SnmpNodeSnapshot, SnmpPastRun } from './snmpNodeSnapshot.js';
import { dateAndTime, v } from './snmpValue.js';

// SYSAPPL-MIB (RFC 2287) 1.3.6.1.2.1.54. Cisco's System Application Agent (sappagt) reports only running or
// not running (reference section C): running services get a sysApplRunTable row, stopped ones do not.
const SYSAPPL = parseOid('1.3.6.1.2.1.54.1');
const INSTALL_PKG_ENTRY = [...SYSAPPL, 1, 1, 1];
const RUN_ENTRY = [...SYSAPPL, 2, 1, 1];
const PAST_RUN_ENTRY = [...SYSAPPL, 2, 2, 1];
const EXIT_STATE = { complete: 1, failed: 2, other: 3 } as const;

/** Adds sysApplInstallPkgTable, sysApplRunTable and sysApplPastRunTable. */
export function addSysApplMib(b: MibViewBuilder, s: SnmpNodeSnapshot): void {
  b.table<SnmpInstalledService>(
    INSTALL_PKG_ENTRY,
    {
      // sysApplInstallPkgIndex (1) is not-accessible: it is only the row index.
      2: (p) => v.str(p.manufacturer),
      3: (p) => v.str(p.name),
      4: (p) => v.str(p.version),
      5: (p) => v.str(p.serialNumber),
      6: (p) => v.str(dateAndTime(p.installedAtMs)),
      7: (p) => v.str(p.location),
    },
    s.services,
    (p) => [p.index],
  );

  const running = s.services.filter((p) => p.running && p.runIndex !== undefined);
  b.table<SnmpInstalledService>(
    RUN_ENTRY,
    {
      // sysApplRunIndex (1) is not-accessible.
      2: (p) => v.str(dateAndTime(p.startedAtMs ?? s.nowMs)),
      3: () => v.int(1), // running(1)
    },
    running,
    (p) => [p.index, p.runIndex!],
  );

  const past = s.services.flatMap((p) => (p.pastRuns ?? []).map((r) => ({ pkg: p.index, ...r })));
  b.table<SnmpPastRun & { pkg: number }>(
    PAST_RUN_ENTRY,
    {
      2: (r) => v.str(dateAndTime(r.startedAtMs)),
      3: (r) => v.int(EXIT_STATE[r.exitState]),
      4: (r) => v.str(dateAndTime(r.endedAtMs)),
    },
    past,
    (r) => [r.pkg, r.runIndex],
  );
}
