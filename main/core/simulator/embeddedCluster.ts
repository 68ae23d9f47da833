import type { AsyncDisposable } from '../base/disposable.js';
import { loadProfile } from './profile/loadProfile.js';
import { defaultSimIdentityDir } from './runtime/nodeCertificateStore.js';
import type { EndpointsFile } from './runtime/endpointsFile.js';
import { startSimCluster, type SimCluster } from './runtime/simCluster.js';
import { loadScenario } from './scenarios/loadScenario.js';

export type { SimCluster } from './runtime/simCluster.js';

/**
 * The one door of the simulator for composition roots (createBackend, the headless collector, the `imp` command
 * line): start the embedded simulated cluster on loopback, then reach it only as a real cluster is reached, over
 * its published endpoints document and the settings an administrator makes on its nodes. Nothing else of
 * `main/core/simulator/` may be imported by the monitor's side (the lint allow-list enforces it).
 */

/** Options of {@link startEmbeddedCluster}. */
export interface EmbeddedClusterOptions {
  /**
   * The state folder of the app (or of the headless collector): the nodes keep their tomcat certificates under
   * it across restarts, as real nodes do (`<stateDir>/simulator/<profile>`).
   */
  readonly stateDir: string;
  /** A shipped scenario's name, a scenario file (YAML or JSON), or null for none (default null). */
  readonly scenario?: string | null;
  /** Virtual seconds per real second (default 1; 0 = a manual clock driven by tests). */
  readonly speed?: number;
  /** First port (default the profile's stable ports; 0 = any free ports). */
  readonly basePort?: number;
  /** A profile file (default the shipped profile). */
  readonly profilePath?: string;
  /** Seed of the model's random numbers (default 1). */
  readonly seed?: number;
}

/** A running embedded simulated cluster. */
export interface EmbeddedCluster extends AsyncDisposable {
  /** The profile's name (the cluster's name in the endpoints document). */
  readonly name: string;
  /**
   * Every node's endpoints as plain JSON, the same document `npm run sim --endpoints-file` writes; the monitor
   * parses it like a file it read (clusters/embeddedClusterSpec.ts).
   */
  readonly endpoints: unknown;
  /** The community the nodes' SNMP agents answer and send notifications with. */
  readonly snmpCommunity: string;
  // No door to the nodes' remote syslog or trap destinations: they are set through each node's admin CLI over SSH
  // (`utils remotesyslog set server`, `utils snmp config 2c trap add`; receivers/nodeReceiverSetup.ts), as on a real
  // node in Serviceability, never through shared memory (issue 15).
  /** The simulator itself, for tests that drive its model's clock; composition roots never use it. */
  readonly simulator: SimCluster;
  /** Closes every socket and timer of the simulated cluster. */
  dispose(): Promise<void>;
}

/** Starts the embedded simulated cluster; resolves once every endpoint listens. */
export async function startEmbeddedCluster(options: EmbeddedClusterOptions): Promise<EmbeddedCluster> {
  const profile = options.profilePath ? loadProfile(options.profilePath) : loadProfile();
  // Read the scenario before any socket opens, so a bad name fails without a cluster to close.
  const scenario = options.scenario ? loadScenario(options.scenario) : undefined;
  // The nodes keep their tomcat certificates in the state folder across restarts, as real nodes do.
  const identityDir = defaultSimIdentityDir(profile.name, { IMP_MONITOR_STATE_DIR: options.stateDir });
  const sim = await startSimCluster({ profile, seed: options.seed ?? 1, speed: options.speed ?? 1, identityDir, ...(options.basePort !== undefined ? { basePort: options.basePort } : {}) });
  try {
    if (scenario) sim.runScenario(scenario);
  } catch (err) {
    await sim.dispose();
    throw err;
  }
  const community = profile.endpoints.snmpCommunity;
  const endpoints: EndpointsFile = sim.endpoints();
  return {
    name: profile.name,
    endpoints: JSON.parse(JSON.stringify(endpoints)) as unknown,
    snmpCommunity: community,
    simulator: sim,
    dispose: () => sim.dispose(),
  };
}
