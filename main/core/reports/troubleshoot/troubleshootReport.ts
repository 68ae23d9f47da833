/**
 * The System Troubleshooter (issue 14; guide "运行系统故障诊断程序" L11224-11250, "系统配置故障诊断程序" L11269): per
 * cluster, the guide's fifteen categories in its order (L11228-11243), each test Passed / Failed / Warning or — ours —
 * Not checked with why, carrying the problem, the guide's solution and where a person fixes it (the Fix link's window),
 * from shared/reports/troubleshootCatalog.ts. Every command is asked once per cluster (troubleshootReads.ts); a
 * command that failed makes the tests that needed it "not checked" with its error, never passed.
 */
import { TROUBLESHOOT_CATEGORIES, type TroubleshootCategory, type TroubleshootReport, type TroubleshootTest } from '../../../../shared/model/reports.js';
import { AppError } from '../../base/errors.js';
import type { ReportGenerator } from '../reportContext.js';
import { calendarChecks, complianceChecks, externalServerChecks, interclusterChecks, ldapChecks, microsoftRccChecks, thirdPartyLdapChecks } from './diagnoseChecks.js';
import { presenceEngineChecks, sipProxyChecks, syncAgentChecks, xcpStatusChecks } from './serviceChecks.js';
import { systemChecks } from './systemChecks.js';
import { jabberRedundancyChecks, topologyChecks } from './topologyChecks.js';
import { TroubleshootReads } from './troubleshootReads.js';
import { userChecks } from './userChecks.js';

type CategoryCheck = (reads: TroubleshootReads) => Promise<TroubleshootTest[]>;

/** One check per category, in the guide's order (TROUBLESHOOT_CATEGORIES). */
export const CATEGORY_CHECKS: Readonly<Record<TroubleshootCategory, CategoryCheck>> = {
  system: systemChecks,
  'sync-agent': syncAgentChecks,
  'presence-engine': presenceEngineChecks,
  'sip-proxy': sipProxyChecks,
  'microsoft-rcc': microsoftRccChecks,
  calendar: calendarChecks,
  intercluster: interclusterChecks,
  topology: topologyChecks,
  'jabber-redundancy': jabberRedundancyChecks,
  'external-servers': externalServerChecks,
  compliance: complianceChecks,
  'third-party-ldap': thirdPartyLdapChecks,
  ldap: ldapChecks,
  'xcp-status': xcpStatusChecks,
  'user-configuration': userChecks,
};

/** "2 failed, 1 warning, 3 not checked" (or "all N passed") for the run's summary line. */
export function troubleshootSummary(tests: readonly TroubleshootTest[]): string {
  const n = (r: TroubleshootTest['result']) => tests.filter((t) => t.result === r).length;
  const parts = [n('failed') && `${n('failed')} failed`, n('warning') && `${n('warning')} warning${n('warning') === 1 ? '' : 's'}`, n('not-checked') && `${n('not-checked')} not checked`].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : `all ${tests.length} passed`;
}

export const troubleshootReport: ReportGenerator<TroubleshootReport> = async (ctx) => {
  const tests: TroubleshootTest[] = [];
  for (const access of ctx.clusters) {
    ctx.signal.throwIfAborted();
    const reads = new TroubleshootReads(ctx, access);
    // Categories run together; each command is asked once (the reads are shared) and the node's SSH session is pooled.
    const perCategory = await Promise.all(TROUBLESHOOT_CATEGORIES.map((c) => CATEGORY_CHECKS[c](reads)));
    ctx.signal.throwIfAborted();
    TROUBLESHOOT_CATEGORIES.forEach((c, i) => {
      for (const t of perCategory[i]!) {
        if (t.category !== c) throw new AppError('INTERNAL', `troubleshooter check for ${c} returned a ${t.category} test`);
        tests.push(t);
      }
    });
  }
  // Nothing read at all is still a report: every test says "not checked" and why (partial failures are data).
  return { kind: 'troubleshoot', tests };
};
