/**
 * Parses `npm start -- [--web] [--port N] [--renderer DIR] [--sim-base-port N] [--scenario NAME|FILE]
 * [--receiver-address ADDR] [--syslog-port N] [--trap-port N] [--connect URL [--server-ca FILE]]` with commander.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { ReceiverSettings } from '../../shared/model/receivers.js';
import { isIpLiteral, receiverSettingsSchema } from '../../shared/validation/receivers.js';
import { integerArg, parseCommandLine, typedPath } from '../core/base/commandLine.js';
import { parseServerUrl } from '../core/transport/serverUrl.js';

/** The launcher's options. */
export interface LaunchArgs {
  readonly web: boolean;
  readonly port?: number;
  readonly rendererDir?: string;
  /** First port of the embedded simulated cluster (default the profile's 42000; 0 = free ports). */
  readonly simBasePort?: number;
  /** Scenario the embedded cluster plays: a shipped name or a scenario file (default "demo"). */
  readonly scenario?: string;
  /** For this run only (issue 15): the receivers' address (default the saved one, else 127.0.0.1). */
  readonly receiverAddress?: string;
  /** For this run only: the syslog port, UDP and TCP (0 = off). */
  readonly syslogPort?: number;
  /** For this run only: the SNMP trap port (0 = off). */
  readonly trapPort?: number;
  /**
   * Client mode (issue 16): the origin of an IMP Monitor server (`npm run server`) this app works with instead of
   * a backend of its own; its operators log in, and it keeps the clusters, alarms and audit log.
   */
  readonly connect?: string;
  /** With --connect https://…: the PEM file of the CA that signed the server's certificate (absolute). */
  readonly serverCa?: string;
}

/** The receivers' settings the command line overrides for this run (createBackend's `receivers.overrides`). */
export function receiverOverrides(a: LaunchArgs): Partial<ReceiverSettings> {
  return {
    ...(a.receiverAddress !== undefined ? { address: a.receiverAddress } : {}),
    ...(a.syslogPort !== undefined ? { syslogUdpPort: a.syslogPort, syslogTcpPort: a.syslogPort } : {}),
    ...(a.trapPort !== undefined ? { trapPort: a.trapPort } : {}),
  };
}

/**
 * The overrides the launcher hands the Electron main process (IMP_RECEIVER_OVERRIDES, JSON of receiverOverrides);
 * undefined when absent or not valid settings (the launcher checked them already).
 */
export function receiverOverridesFromEnv(text: string | undefined): Partial<ReceiverSettings> | undefined {
  if (!text) return undefined;
  try {
    const r = receiverSettingsSchema.partial().safeParse(JSON.parse(text));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

function addressArg(value: string): string {
  if (!isIpLiteral(value)) throw new InvalidArgumentError(`--receiver-address needs an IPv4 or IPv6 address (127.0.0.1, 0.0.0.0 or one of this machine's), got ${value === '' ? 'nothing' : value}`);
  return value;
}

function connectArg(value: string): string {
  const r = parseServerUrl(value);
  if (!r.ok) throw new InvalidArgumentError(`--connect: ${r.message}`);
  return r.value.origin;
}

/** Options that set up this app's own backend: a client has none (the server has the cluster and the receivers). */
const LOCAL_BACKEND_OPTIONS = [
  ['simBasePort', '--sim-base-port'],
  ['scenario', '--scenario'],
  ['receiverAddress', '--receiver-address'],
  ['syslogPort', '--syslog-port'],
  ['trapPort', '--trap-port'],
] as const;

/** Parsed arguments, the help text (`--help`), or what is wrong with them (with the usage). */
export type LaunchArgsResult =
  | { readonly ok: true; readonly value: LaunchArgs; readonly help?: string }
  | { readonly ok: false; readonly message: string; readonly usage: string };

/** The one-line synopsis printed with a bad usage. */
export const LAUNCH_SYNOPSIS = 'npm start -- [--web] [--port N] [--renderer DIR] [--sim-base-port N] [--scenario NAME|FILE] [--receiver-address ADDR] [--syslog-port N] [--trap-port N] [--connect URL [--server-ca FILE]]';

function launchCommand(): Command {
  return new Command('npm start --')
    .usage('[--web] [--port N] [--renderer DIR] [--sim-base-port N] [--scenario NAME|FILE] [--receiver-address ADDR] [--syslog-port N] [--trap-port N] [--connect URL [--server-ca FILE]]')
    .description('IMP Monitor: the Electron window where Electron and a display exist, otherwise web mode (prints its URL with the access token).')
    .addOption(new Option('--web', 'force web mode (a URL for any browser on this machine)'))
    .addOption(new Option('--port <N>', 'port of web mode on 127.0.0.1 (default: any free port)').argParser(integerArg(0, 65_535, '--port needs a number 0-65535')))
    .addOption(new Option('--renderer <DIR>', 'built UI to serve (default dist/renderer)'))
    .addOption(new Option('--sim-base-port <N>', "first port of the embedded simulated cluster (default the profile's 42000; 0 = free ports)").argParser(integerArg(0, 65_000, '--sim-base-port needs a number 0-65000 (0 = free ports)')))
    .addOption(new Option('--scenario <NAME|FILE>', 'scenario the embedded cluster plays: a shipped name (demo, ha-row-01 … ha-row-24) or a scenario file (YAML or JSON); default demo'))
    .addOption(new Option('--receiver-address <ADDR>', 'address the syslog and trap receivers bind for this run (default the saved one, else 127.0.0.1; 0.0.0.0 = every interface)').argParser(addressArg))
    .addOption(new Option('--syslog-port <N>', 'syslog receiver port, UDP and TCP, for this run (default 5514; 0 = off; below 1024 needs root or CAP_NET_BIND_SERVICE)').argParser(integerArg(0, 65_535, '--syslog-port needs a number 0-65535 (0 = off)')))
    .addOption(new Option('--trap-port <N>', 'SNMP trap receiver port for this run (default 10162; 0 = off; 162 needs root or CAP_NET_BIND_SERVICE)').argParser(integerArg(0, 65_535, '--trap-port needs a number 0-65535 (0 = off)')))
    .addOption(new Option('--connect <URL>', 'work as a client of an IMP Monitor server (npm run server), e.g. https://imp.example.com:8443: its operators log in; no embedded cluster or receivers here').argParser(connectArg))
    .addOption(new Option('--server-ca <FILE>', "with --connect https://…: PEM file of the CA that signed the server's certificate (or the certificate itself when self-signed)"))
    .helpOption('-h, --help', 'show this help')
    .allowExcessArguments(false);
}

/** Parses argv (without node and script). `--port` implies nothing else; `--web` forces web mode. */
export function parseLaunchArgs(argv: readonly string[]): LaunchArgsResult {
  const r = parseCommandLine<{ web?: boolean; port?: number; renderer?: string; simBasePort?: number; scenario?: string; receiverAddress?: string; syslogPort?: number; trapPort?: number; connect?: string; serverCa?: string }>(launchCommand(), argv);
  if (r.kind === 'usage') return { ok: false, message: r.message, usage: r.usage };
  if (r.kind === 'help') return { ok: true, value: { web: false }, help: r.text };
  const o = r.options;
  if (o.renderer === '') return { ok: false, message: '--renderer needs a directory', usage: launchCommand().helpInformation().trimEnd() };
  if (o.scenario === '') return { ok: false, message: '--scenario needs a name or a file', usage: launchCommand().helpInformation().trimEnd() };
  if (o.serverCa !== undefined) {
    if (o.serverCa === '') return { ok: false, message: '--server-ca needs a PEM file', usage: launchCommand().helpInformation().trimEnd() };
    if (o.connect === undefined) return { ok: false, message: '--server-ca goes with --connect https://…', usage: launchCommand().helpInformation().trimEnd() };
    if (!o.connect.startsWith('https:')) return { ok: false, message: `--server-ca is for a server on https://; ${o.connect} is plain http`, usage: launchCommand().helpInformation().trimEnd() };
  }
  if (o.connect !== undefined) {
    const local = LOCAL_BACKEND_OPTIONS.filter(([key]) => o[key] !== undefined).map(([, flag]) => flag);
    if (local.length > 0) return { ok: false, message: `${local.join(', ')} ${local.length === 1 ? 'sets' : 'set'} up a backend of this app's own; with --connect the server has the clusters and receivers (set them in its config)`, usage: launchCommand().helpInformation().trimEnd() };
  }
  return {
    ok: true,
    value: {
      web: o.web === true,
      ...(o.port !== undefined ? { port: o.port } : {}),
      ...(o.renderer !== undefined ? { rendererDir: o.renderer } : {}),
      ...(o.simBasePort !== undefined ? { simBasePort: o.simBasePort } : {}),
      ...(o.scenario !== undefined ? { scenario: o.scenario } : {}),
      ...(o.receiverAddress !== undefined ? { receiverAddress: o.receiverAddress } : {}),
      ...(o.syslogPort !== undefined ? { syslogPort: o.syslogPort } : {}),
      ...(o.trapPort !== undefined ? { trapPort: o.trapPort } : {}),
      ...(o.connect !== undefined ? { connect: o.connect } : {}),
      ...(o.serverCa !== undefined ? { serverCa: typedPath(o.serverCa) } : {}),
    },
  };
}
