/**
 * `npm start`: the Electron app when its binary is installed and a display exists, otherwise the local web mode,
 * which prints its URL with the access token. `npm start -- --web [--port N] [--renderer DIR]` forces web mode;
 * `--sim-base-port N` moves the embedded simulated cluster's ports (0 = free ports).
 * Never imports 'electron' (the package downloads its binary when loaded); Electron runs as a child process.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../core/backend/createBackend.js';
import { SimPortInUseError } from '../core/simulator/runtime/simCluster.js';
import { startWebMode } from '../core/transport/webMode.js';
import { findElectronBinary, hasDisplay } from './electronBinary.js';
import { parseLaunchArgs } from './launchArgs.js';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<number> {
  const parsed = parseLaunchArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`[launch] ${parsed.message}\nUsage: npm start -- [--web] [--port N] [--renderer DIR] [--sim-base-port N]`);
    return 2;
  }
  const args = parsed.value;
  const rendererDir = path.resolve(args.rendererDir ?? path.join(projectDir, 'dist', 'renderer'));
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    console.error(`[launch] no built renderer at ${rendererDir} (index.html missing): build the renderer first, or pass --renderer DIR`);
    return 1;
  }
  const electron = args.web ? undefined : findElectronBinary();
  if (electron && hasDisplay()) return runElectron(electron, rendererDir, args.simBasePort);
  if (!args.web) console.log(`[launch] ${electron ? 'no display' : 'Electron binary not installed'}: starting web mode`);
  return runWeb(rendererDir, args.port, args.simBasePort);
}

async function runElectron(binary: string, rendererDir: string, simBasePort: number | undefined): Promise<number> {
  const { buildShell } = await import('./buildShell.js');
  const bundles = await buildShell(projectDir);
  // V8 flags of Electron's main process must be on its command line (Electron's --js-flags; set at run time they
  // reach only renderers): the same young generation as the npm scripts give Node (README, "Node flags").
  const child = spawn(binary, ['--js-flags=--max-semi-space-size=32', bundles.main], { stdio: 'inherit', env: { ...process.env, IMP_RENDERER_DIR: rendererDir, ...(simBasePort !== undefined ? { IMP_SIM_BASE_PORT: String(simBasePort) } : {}) } });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

async function runWeb(rendererDir: string, port: number | undefined, simBasePort: number | undefined): Promise<number> {
  const backend = await createBackend({ transport: 'web', ...(simBasePort !== undefined ? { simBasePort } : {}) });
  const web = await startWebMode({ backend, rendererDir, ...(port !== undefined ? { port } : {}) });
  console.log(`IMP Monitor (web mode) is at:\n  ${web.server.url}\nThe token in the URL is the only key: do not share it. Ctrl+C stops.`);
  return new Promise((resolve) => {
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
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof SimPortInUseError) {
      // One line that names the port and says what to do (the embedded cluster's ports are fixed by default).
      console.error(`[launch] the embedded simulated cluster cannot start: ${err.message}; start with --sim-base-port 0 (free ports) or another --sim-base-port N`);
      process.exit(1);
    }
    console.error('[launch]', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
