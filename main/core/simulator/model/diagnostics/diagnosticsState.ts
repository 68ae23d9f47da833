import type { SimDiagnosticsProfile } from '../../profile/profileSchema.js';

/** The IM&P diagnose modules whose items a scenario can make unhealthy (`setDiagnostic`). */
export const DIAGNOSTIC_MODULES = ['ldap', 'third_party_ldap', 'intercluster', 'calendar', 'compliance', 'msrcc'] as const;
export type DiagnosticModuleName = (typeof DIAGNOSTIC_MODULES)[number];

/** One configured server or peer a module checks. */
export interface DiagnosticItem {
  readonly name: string;
  healthy: boolean;
  /** Intercluster peers only: whether the peers exchanged their tomcat certificates. */
  certificateExchanged?: boolean;
}

/**
 * The external servers `utils diagnose` checks (designed: no real sample; reports-design.md "utils diagnose",
 * serviceability-reference D.9): built from the profile's `diagnostics` section, changed by scenarios. Also counts
 * runs per node for the `Log file: platform/log/diag<n>.log` line.
 */
export class DiagnosticsState {
  readonly #items = new Map<DiagnosticModuleName, DiagnosticItem[]>();
  readonly #runs = new Map<string, number>();

  constructor(profile: SimDiagnosticsProfile) {
    this.#items.set('ldap', profile.ldapServers.map((s) => ({ ...s })));
    this.#items.set('third_party_ldap', profile.thirdPartyLdapServers.map((s) => ({ ...s })));
    this.#items.set('intercluster', profile.interclusterPeers.map((s) => ({ ...s })));
    this.#items.set('calendar', profile.calendarServers.map((s) => ({ ...s })));
    this.#items.set('compliance', profile.complianceServers.map((s) => ({ ...s })));
    this.#items.set('msrcc', profile.msrccServers.map((s) => ({ ...s })));
  }

  /** The items of a module (empty = nothing configured). */
  items(module: DiagnosticModuleName): readonly DiagnosticItem[] {
    return this.#items.get(module) ?? [];
  }

  /** Sets an item's health; an item the profile did not configure is added (a scenario configures it). */
  set(module: DiagnosticModuleName, item: string, healthy: boolean): void {
    const list = this.#items.get(module)!;
    const found = list.find((i) => i.name.toLowerCase() === item.toLowerCase());
    if (found) found.healthy = healthy;
    else list.push(module === 'intercluster' ? { name: item, healthy, certificateExchanged: true } : { name: item, healthy });
  }

  /** The next run number of `utils diagnose` on a node (1, 2, …). */
  nextRun(node: string): number {
    const n = (this.#runs.get(node) ?? 0) + 1;
    this.#runs.set(node, n);
    return n;
  }
}
