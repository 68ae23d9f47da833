/**
 * `npm start`: the Electron app when its binary is installed and a display exists, otherwise the local web mode,
 * which prints its URL with the access token. `npm start -- --web [--port N] [--renderer DIR]` forces web mode.
 * Never imports 'electron' (the package downloads its binary when loaded); Electron runs as a child process.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../core/backend/createBackend.js';
import { startWebMode } from '../core/transport/webMode.js';
import { findElectronBinary, hasDisplay } from './electronBinary.js';
import { parseLaunchArgs } from './launchArgs.js';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<number> {
  const parsed = parseLaunchArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`[launch] ${parsed.message}\nUsage: npm start -- [--web] [--port N] [--renderer DIR]`);
    return 2;
  }
  const args = parsed.value;
  const rendererDir = path.resolve(args.rendererDir ?? path.join(projectDir, 'dist', 'renderer'));
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    console.error(`[launch] no built renderer at ${rendererDir} (index.html missing): build the renderer first, or pass --renderer DIR`);
    return 1;
  }
  const electron = args.web ? undefined : findElectronBinary();
  if (electron && hasDisplay()) return runElectron(electron, rendererDir);
  if (!args.web) console.log(`[launch] ${electron ? 'no display' : 'Electron binary not installed'}: starting web mode`);
  return runWeb(rendererDir, args.port);
}

async function runElectron(binary: string, rendererDir: string): Promise<number> {
  const { buildShell } = await import('./buildShell.js');
  const bundles = await buildShell(projectDir);
  // V8 flags of Electron's main process must be on its command line (Electron's --js-flags; set at run time they
  // reach only renderers): the same young generation as the npm scripts give Node (README, "Node flags").
  const child = spawn(binary, ['--js-flags=--max-semi-space-size=32', bundles.main], { stdio: 'inherit', env: { ...process.env, IMP_RENDERER_DIR: rendererDir } });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

async function runWeb(rendererDir: string, port: number | undefined): Promise<number> {
  const backend = await createBackend({ transport: 'web' });
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
    console.error('[launch]', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
