// Entry point of `npm run server -- [--config FILE] [--listen ADDR:PORT] [--data-dir DIR]` (issue 16): the whole
// backend headless for a team, serving the UI to named operators. Options by commander (serverArgs.ts) and the JSON
// config (serverConfig.ts); the command line beats the config. Exit 2: bad usage, an invalid config, or a listen
// address off the machine without TLS (refused before anything binds). Exit 1: a start that failed (one line).
// SIGINT/SIGTERM stop it gracefully: alarms, silences, the notification log, sessions and the audit log are in the
// data folder and a restart keeps them.
import { readFile } from 'node:fs/promises';
import { USAGE_EXIT_CODE } from '../base/commandLine.js';
import { AppError } from '../base/errors.js';
import { appStateDir } from '../base/stateDir.js';
import { DEFAULT_LISTEN, formatListen, plainHttpProblem } from './listenAddress.js';
import { parseServerArgs } from './serverArgs.js';
import { loadServerConfig, type ServerConfig } from './serverConfig.js';
import { DEFAULT_RENDERER_DIR, startServer, type RunningServer, type ServerOptions } from './serverMode.js';

const log = (line: string) => console.log(`[server] ${line}`);

function fail(message: string, exitCode: number): never {
  console.error(`[server] ${message}`);
  process.exit(exitCode);
}

function messageOf(err: unknown): string {
  return err instanceof AppError ? err.message : err instanceof Error ? err.message : String(err);
}

let running: RunningServer | undefined;
let stopping = false;

async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping (sessions, alarms, silences and the audit log are kept in the data folder)`);
  try {
    await running?.dispose();
    log('stopped');
  } catch (err) {
    console.error(`[server] error while stopping: ${messageOf(err)}`);
    process.exitCode = 1;
  }
  process.exit();
}

/** The server's options from the command line and the config (the command line wins). */
async function serverOptions(): Promise<ServerOptions> {
  const parsed = parseServerArgs(process.argv.slice(2));
  if (parsed.kind === 'help') {
    console.log(parsed.text);
    process.exit(0);
  }
  if (parsed.kind === 'usage') fail(`${parsed.message}\n\n${parsed.usage}`, USAGE_EXIT_CODE);
  const args = parsed.args;
  let config: ServerConfig | undefined;
  if (args.configPath !== undefined) {
    try {
      config = await loadServerConfig(args.configPath);
    } catch (err) {
      fail(messageOf(err), USAGE_EXIT_CODE);
    }
  }
  const listen = args.listen ?? config?.listen ?? DEFAULT_LISTEN;
  const problem = plainHttpProblem(listen, config?.tls !== undefined);
  if (problem !== undefined) fail(problem, USAGE_EXIT_CODE);
  let tls: ServerOptions['tls'];
  if (config?.tls) {
    const read = async (file: string, what: string) => {
      try {
        return await readFile(file);
      } catch (err) {
        return fail(`cannot read tls.${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? messageOf(err)}`, 1);
      }
    };
    tls = { cert: await read(config.tls.certFile, 'certFile'), key: await read(config.tls.keyFile, 'keyFile') };
  }
  const sessions = config?.sessions;
  const lockout = config?.lockout;
  const policy = {
    ...(sessions?.idleTimeoutSec !== undefined ? { idleTimeoutMs: sessions.idleTimeoutSec * 1000 } : {}),
    ...(sessions?.maxAgeSec !== undefined ? { maxAgeMs: sessions.maxAgeSec * 1000 } : {}),
    ...(lockout?.maxFailures !== undefined ? { maxFailures: lockout.maxFailures } : {}),
    ...(lockout?.lockSec !== undefined ? { lockMs: lockout.lockSec * 1000 } : {}),
  };
  const sim = config?.embeddedSimulator;
  return {
    stateDir: args.dataDir ?? config?.dataDir ?? appStateDir(),
    listen,
    ...(tls ? { tls } : {}),
    ...(config?.publicHosts ? { publicHosts: config.publicHosts } : {}),
    ...(Object.keys(policy).length > 0 ? { policy } : {}),
    // Without a config: the embedded simulated cluster on free ports, as `npm start` runs it; with one, only when asked.
    embedded: {
      enabled: sim?.enabled ?? config === undefined,
      basePort: sim?.basePort ?? 0,
      ...(sim?.scenario !== undefined ? { scenario: sim.scenario } : {}),
    },
    metricsListen: config?.metrics?.listen ?? { host: '127.0.0.1', port: 0 },
    // `npm run server` builds the UI into dist/renderer first; IMP_RENDERER_DIR names another (as for Electron).
    rendererDir: process.env.IMP_RENDERER_DIR || DEFAULT_RENDERER_DIR,
  };
}

process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));

const options = await serverOptions();
try {
  running = await startServer(options);
} catch (err) {
  if (err instanceof AppError && err.code === 'VALIDATION') fail(messageOf(err), USAGE_EXIT_CODE);
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') fail(`cannot listen on ${formatListen(options.listen)}: ${code}`, 1);
  if (err instanceof AppError && err.code === 'CONFLICT') fail(`the embedded simulated cluster cannot start: ${err.message}; set embeddedSimulator.basePort to 0 (free ports) in the config`, 1);
  fail(messageOf(err), 1);
}
if (stopping) {
  await running.dispose();
  process.exit();
}
const sessions = running.backend.sessions;
log(`data folder: ${options.stateDir}`);
if (running.metricsUrl) log(`metrics: ${running.metricsUrl}`);
if (sessions && !sessions.hasAdmin()) {
  const setup = sessions.state(undefined).setupCommand;
  log('no admin account yet: every login is refused until one exists. On this machine, create it with:');
  console.log(`  IMP_ADMIN_PASSWORD='…' ${setup ?? 'npm run imp -- operators add --name admin --role admin --password-env IMP_ADMIN_PASSWORD'}`);
}
// Last, so whoever waits for the URL has read everything above it.
console.log(`IMP Monitor server is at:\n  ${running.url}/\nOperators log in there with their name and password. Ctrl+C stops.`);
