/**
 * Bundles the Electron main process and the preload with esbuild: dist/main/main.mjs (ESM, npm packages left
 * external, including native ones) and dist/preload/index.cjs (one CommonJS file: sandboxed preloads cannot load
 * ES modules or other files, and may require only 'electron').
 */
import path from 'node:path';
import { build } from 'esbuild';

/** The bundles written. */
export interface ShellBundles {
  readonly main: string;
  readonly preload: string;
}

/** Builds both bundles under `outDir` (default `<project>/dist`). */
export async function buildShell(projectDir: string, outDir = path.join(projectDir, 'dist')): Promise<ShellBundles> {
  const main = path.join(outDir, 'main', 'main.mjs');
  const preload = path.join(outDir, 'preload', 'index.cjs');
  await build({
    entryPoints: [path.join(projectDir, 'main', 'app', 'main.ts')],
    outfile: main,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  await build({
    entryPoints: [path.join(projectDir, 'preload', 'index.ts')],
    outfile: preload,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'chrome120',
    external: ['electron'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return { main, preload };
}
