import { AppError } from '../../base/errors.js';
import { loadProfile } from '../profile/loadProfile.js';
import { loadScenario } from '../scenarios/loadScenario.js';
import { writeEndpointsFile, type EndpointsFile } from '../runtime/endpointsFile.js';
import { SimPortInUseError, startSimCluster } from '../runtime/simCluster.js';
import { parseSimArgs, simUsage } from './simArgs.js';

/** Formats the endpoints as a table for the terminal. */
export function formatEndpoints(e: EndpointsFile): string {
  const hosts = [...new Set(e.nodes.map((n) => n.ssh.host))];
  const where = hosts.length === 1 ? `all on ${hosts[0]}, a block of ports per node` : 'each node on its own loopback address, the same ports on every node';
  const lines = [`Simulated IM and Presence cluster endpoints (${where}):`, ''];
  for (const n of e.nodes) {
    lines.push(`  ${n.name.padEnd(10)} ${n.role.padEnd(15)} ssh/sftp ${n.ssh.host}:${n.ssh.port} (${n.ssh.username} / ${n.ssh.password})`);
    if (n.snmp) lines.push(`  ${''.padEnd(26)} snmp     ${n.snmp.host}:${n.snmp.port} (community ${n.snmp.community}; v3 ${n.snmp.v3.user} SHA/AES)`);
    if (n.soap) lines.push(`  ${''.padEnd(26)} soap     https://${n.soap.host}:${n.soap.port} (${n.soap.username}; CA ${n.soap.caFile})`);
  }
  lines.push('', `  backup SFTP server ${e.backupServer.host}:${e.backupServer.port} (${e.backupServer.username} / ${e.backupServer.password})`);
  const imp = e.nodes[1] ?? e.nodes[0]!;
  lines.push('', `  Try: ssh -o StrictHostKeyChecking=no -p ${imp.ssh.port} ${imp.ssh.username}@${imp.ssh.host} utils ha status`);
  return lines.join('\n');
}

/** Runs the simulator standalone until SIGINT/SIGTERM. */
export async function main(argv: readonly string[], defaults: { scenario?: string } = {}): Promise<void> {
  const args = parseSimArgs(argv);
  if (args.help) {
    console.log(simUsage());
    return;
  }
  const profile = loadProfile(args.profile);
  const scenarioName = args.scenario ?? defaults.scenario;
  const scenario = scenarioName ? loadScenario(scenarioName) : undefined;
  const cluster = await startSimCluster({ profile, seed: args.seed, speed: args.speed, basePort: args.basePort });
  if (scenario) cluster.runScenario(scenario);
  const endpoints = cluster.endpoints();
  if (args.endpointsFile) await writeEndpointsFile(args.endpointsFile, endpoints);
  console.log(formatEndpoints(endpoints));
  console.log(`\nprofile ${profile.name}, seed ${args.seed}, speed x${args.speed}${scenario ? `, scenario "${scenario.name}"` : ''}. Ctrl-C to stop.`);
  cluster.model.onDidEvent((e) => {
    if (e.kind === 'scenario' || e.kind === 'scenario-error' || e.kind === 'power' || e.kind === 'ha') console.log(`[${new Date(e.atMs).toISOString()}] ${e.kind}: ${e.text}`);
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('stopping…');
    void cluster.dispose().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Exit 2 for bad usage (with the usage text), 1 for a start that failed (one line), as every command line here.
  let usageOk = true;
  try {
    parseSimArgs(process.argv.slice(2));
  } catch (err) {
    usageOk = false;
    console.error(err instanceof AppError ? `error: ${err.message}` : err);
    process.exit(2);
  }
  if (usageOk) {
    main(process.argv.slice(2)).catch((err: unknown) => {
      if (err instanceof SimPortInUseError) console.error(`error: ${err.message}: start with --base-port 0 (free ports) or another --base-port N`);
      else console.error(err instanceof AppError ? `error: ${err.message}` : err);
      process.exit(1);
    });
  }
}
