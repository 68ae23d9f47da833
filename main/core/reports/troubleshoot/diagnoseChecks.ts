/**
 * System Troubleshooter categories the node checks itself with `utils diagnose module <name>` (reference D.9; the IM&P
 * modules and their layout are designed, reports-design "utils diagnose"): Microsoft RCC (msrcc, guide L11270),
 * calendar (L1059, L5049), intercluster (peers connected and certificates exchanged, L4512, L5280), external server
 * entries (external database and file server, L6780-6798), third-party compliance servers, third-party LDAP (L2930)
 * and LDAP connections (L1941). The module's word maps to the test: Passed → passed, Failed → failed, Warning →
 * warning, Skipped ("nothing configured") → not checked with that reason; a module that could not be run → not
 * checked with the error.
 */
import type { TroubleshootCategory, TroubleshootTest } from '../../../../shared/model/reports.js';
import type { DiagnoseModule } from '../../polling/ssh/reportCommands.js';
import type { ReportNodeInfo } from '../reportAccess.js';
import { listText, makeTest, notCheckedByRead, notCheckedNoNode } from './troubleshootTest.js';
import type { TroubleshootReads } from './troubleshootReads.js';

/** An item state that is fine (the designed module's words: reachable, connected, …). */
const GOOD_STATE = /^(reachable|connected|ok|passed|healthy|up|running|yes|mounted)\b/i;

/** The items a failed or warning module names, as "item state: detail". */
export function badItems(m: DiagnoseModule): string[] {
  return m.items.filter((i) => !GOOD_STATE.test(i.state)).map((i) => `${i.item} ${i.state}${i.detail ? `: ${i.detail}` : ''}`);
}

/** One diagnose module as one test, run on `node` (default: the IM&P database publisher, else a reachable IM&P node). */
export async function diagnoseTest(reads: TroubleshootReads, category: TroubleshootCategory, test: string, module: string, node?: ReportNodeInfo): Promise<TroubleshootTest> {
  const ask = node ?? reads.impAsk();
  if (!ask) return notCheckedNoNode(reads.cluster, category, test, 'IM and Presence node');
  const r = await reads.diagnose(ask, module);
  if (!r.ok) return notCheckedByRead(reads.cluster, category, test, r);
  const m = r.value;
  const evidence = `${r.source} on ${r.node}: ${m.result}${m.detail ? ` - ${m.detail}` : ''}`;
  const items = badItems(m);
  const detail = m.detail || listText(items) || m.result;
  switch (m.result) {
    case 'passed':
      return makeTest(reads.cluster, category, test, 'passed', { evidence });
    case 'skipped':
      return makeTest(reads.cluster, category, test, 'not-checked', { problemCode: 'not-checked-nothing-configured', values: { detail: m.detail || `${module}: nothing configured` }, evidence });
    case 'failed':
    case 'warning':
      return makeTest(reads.cluster, category, test, m.result, { problemCode: m.result === 'failed' ? 'diagnose-failed' : 'diagnose-warning', values: { module, detail }, subjects: items, evidence });
  }
}

export async function microsoftRccChecks(reads: TroubleshootReads): Promise<TroubleshootTest[]> {
  return [await diagnoseTest(reads, 'microsoft-rcc', 'msrcc', 'msrcc')];
}

export async function calendarChecks(reads: TroubleshootReads): Promise<TroubleshootTest[]> {
  return [await diagnoseTest(reads, 'calendar', 'calendar', 'calendar')];
}

export async function interclusterChecks(reads: TroubleshootReads): Promise<TroubleshootTest[]> {
  return [await diagnoseTest(reads, 'intercluster', 'peers', 'intercluster')];
}

export async function externalServerChecks(reads: TroubleshootReads): Promise<TroubleshootTest[]> {
  return [await diagnoseTest(reads, 'external-servers', 'entries', 'external_servers')];
}

export async function complianceChecks(reads: TroubleshootReads): Promise<TroubleshootTest[]> {
  return [await diagnoseTest(reads, 'compliance', 'servers', 'compliance')];
}

export async function thirdPartyLdapChecks(reads: TroubleshootReads): Promise<TroubleshootTest[]> {
  return [await diagnoseTest(reads, 'third-party-ldap', 'servers', 'third_party_ldap')];
}

export async function ldapChecks(reads: TroubleshootReads): Promise<TroubleshootTest[]> {
  return [await diagnoseTest(reads, 'ldap', 'servers', 'ldap')];
}
