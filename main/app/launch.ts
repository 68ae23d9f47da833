/**
 * `npm start`: the Electron app when its binary is installed and a display exists, otherwise the local web mode,
 * which prints its URL with the access token. `npm start -- --web [--port N] [--renderer DIR]` forces web mode;
 * `--sim-base-port N` moves the embedded simulated cluster's ports (0 = free ports); `--scenario NAME|FILE` picks
 * what it plays (default demo). `--connect URL [--server-ca FILE]` (issue 16) makes either a client of an IMP Monitor
 * server (`npm run server`): no backend of its own, every call and event goes to the server, whose operators log in
 * (main/core/transport/remoteBackend.ts). Options are parsed by commander (launchArgs.ts); bad usage exits 2 with the usage.
 * Never imports 'electron' (the package downloads its binary when loaded); Electron runs as a child process.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../core/backend/createBackend.js';
import { AppError } from '../core/base/errors.js';
import type { Backend } from '../core/transport/backend.js';
import { connectToServer } from '../core/transport/remoteBackend.js';
import { startWebMode } from '../core/transport/webMode.js';
import { findElectronBinary, hasDisplay } from './electronBinary.js';
import { LAUNCH_SYNOPSIS, parseLaunchArgs, receiverOverrides, type LaunchArgs } from './launchArgs.js';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<number> {
  const parsed = parseLaunchArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`[launch] ${parsed.message}\nUsage: ${LAUNCH_SYNOPSIS}\n\n${parsed.usage}`);
    return 2;
  }
  if (parsed.help !== undefined) {
    console.log(parsed.help);
    return 0;
  }
  const args = parsed.value;
  const rendererDir = path.resolve(args.rendererDir ?? path.join(projectDir, 'dist', 'renderer'));
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    console.error(`[launch] no built renderer at ${rendererDir} (index.html missing): build the renderer first, or pass --renderer DIR`);
    return 1;
  }
  if (args.serverCa !== undefined) {
    const problem = await serverCaProblem(args.serverCa);
    if (problem !== undefined) {
      console.error(`[launch] --server-ca ${args.serverCa}: ${problem}`);
      return 1;
    }
  }
  const electron = args.web ? undefined : findElectronBinary();
  if (electron && hasDisplay()) return runElectron(electron, rendererDir, args);
  if (!args.web) console.log(`[launch] ${electron ? 'no display' : 'Electron binary not installed'}: starting web mode`);
  return runWeb(rendererDir, args);
}

async function runElectron(binary: string, rendererDir: string, args: LaunchArgs): Promise<number> {
  const { buildShell } = await import('./buildShell.js');
  const bundles = await buildShell(projectDir);
  // V8 flags of Electron's main process must be on its command line (Electron's --js-flags; set at run time they
  // reach only renderers): the same young generation as the npm scripts give Node (README, "Node flags").
  // The Electron main process (main.ts) reads the embedded cluster's options from its environment.
  const env = {
    ...process.env,
    IMP_RENDERER_DIR: rendererDir,
    ...(args.simBasePort !== undefined ? { IMP_SIM_BASE_PORT: String(args.simBasePort) } : {}),
    ...(args.scenario !== undefined ? { IMP_SIM_SCENARIO: scenarioPath(args.scenario) } : {}),
    // `--receiver-address/--syslog-port/--trap-port` for this run, as JSON receiver settings overrides.
    ...(Object.keys(receiverOverrides(args)).length > 0 ? { IMP_RECEIVER_OVERRIDES: JSON.stringify(receiverOverrides(args)) } : {}),
    // Client mode (issue 16): main.ts connects to this server instead of building a backend.
    ...(args.connect !== undefined ? { IMP_CONNECT_URL: args.connect } : {}),
    ...(args.serverCa !== undefined ? { IMP_SERVER_CA: args.serverCa } : {}),
  };
  const child = spawn(binary, ['--js-flags=--max-semi-space-size=32', bundles.main], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

/**
 * A scenario FILE given relative to where `npm start` was typed resolves against that folder (npm runs the script
 * in the project folder and names the caller's in INIT_CWD); the simulator's loadScenario reads a bare name,
 * without "/", "\\" or ".", as a shipped scenario.
 */
function scenarioPath(scenario: string): string {
  return /[\\/.]/.test(scenario) ? path.resolve(process.env.INIT_CWD ?? process.cwd(), scenario) : scenario;
}

/** Why a --server-ca file cannot be used, or undefined (read again by whoever connects). */
async function serverCaProblem(file: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return `cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
  return text.includes('-----BEGIN CERTIFICATE-----') ? undefined : 'not a PEM certificate (no -----BEGIN CERTIFICATE----- line)';
}

async function runWeb(rendererDir: string, args: LaunchArgs): Promise<number> {
  const backend: Backend =
    args.connect !== undefined
      ? await connectToServer({ url: args.connect, transport: 'web', ...(args.serverCa !== undefined ? { ca: await readFile(args.serverCa, 'utf8') } : {}) })
      : await createBackend({
          transport: 'web',
          ...(args.simBasePort !== undefined ? { simBasePort: args.simBasePort } : {}),
          ...(args.scenario !== undefined ? { scenario: scenarioPath(args.scenario) } : {}),
          ...(Object.keys(receiverOverrides(args)).length > 0 ? { receivers: { overrides: receiverOverrides(args) } } : {}),
        });
  const web = await startWebMode({ backend, rendererDir, ...(args.port !== undefined ? { port: args.port } : {}) });
  // Ctrl+C is handled before the URL is printed: whoever reads the URL may stop us at once.
  const stopped = new Promise<number>((resolve) => {
    const stop = () => {
      web.dispose().then(
        () => resolve(0),
        (err: unknown) => {
          console.error('[launch] dispose failed:', err);
          resolve(1);
        },
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const role = args.connect !== undefined ? `web mode, client of ${args.connect}: log in as one of its operators` : 'web mode';
  console.log(`IMP Monitor (${role}) is at:\n  ${web.server.url}\nThe token in the URL is the only key: do not share it. Ctrl+C stops.`);
  return stopped;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    // CONFLICT at start: a port of the embedded cluster is taken (the app never imports the simulator, so it knows
    // the error by its code). One line that names the port and says what to do (its ports are fixed by default).
    if (err instanceof AppError && err.code === 'CONFLICT') {
      console.error(`[launch] the embedded simulated cluster cannot start: ${err.message}; start with --sim-base-port 0 (free ports) or another --sim-base-port N`);
      process.exit(1);
    }
    console.error('[launch]', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
