/**
 * Bundles the Electron main process and the preload with esbuild: dist/main/main.mjs (ESM, npm packages left
 * external, including native ones) and dist/preload/index.cjs (one CommonJS file: sandboxed preloads cannot load
 * ES modules or other files, and may require only 'electron').
 *
 * Data files the main process reads at run time through `new URL('./x', import.meta.url)` (the simulator's
 * default profile and shipped scenarios) are copied beside the bundle: once bundled, `import.meta.url` is
 * dist/main/main.mjs, so `./profiles/default.yaml` must be dist/main/profiles/default.yaml, inside what
 * electron-builder packs (`files: dist/main/**`). esbuild leaves such URLs alone and does not copy their targets.
 *
 * Run on its own (`npm run build:shell`): `tsx main/app/buildShell.ts`.
 */
import { cp, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, stop, type Plugin } from 'esbuild';

/** The bundles written, and the data files copied beside the main bundle. */
export interface ShellBundles {
  readonly main: string;
  readonly preload: string;
  /** Absolute paths of the copied data files or folders (their targets as the bundle resolves them). */
  readonly assets: readonly string[];
}

/** `new URL('./relative', import.meta.url)` with a literal relative path: the only form the copier understands. */
const IMPORT_META_URL_ASSET = /new URL\(\s*(['"])(\.{1,2}\/[^'"]*)\1\s*,\s*import\.meta\.url\s*\)/g;

/** Builds both bundles under `outDir` (default `<project>/dist`). */
export async function buildShell(projectDir: string, outDir = path.join(projectDir, 'dist')): Promise<ShellBundles> {
  const main = path.join(outDir, 'main', 'main.mjs');
  const preload = path.join(outDir, 'preload', 'index.cjs');
  const assets = new Map<string, string>(); // target beside the bundle -> source
  try {
    await bundle(projectDir, main, preload, assets);
  } finally {
    // esbuild keeps a service child process for later builds: end it, the caller does not build again soon.
    await stop();
  }
  for (const [target, source] of assets) {
    await rm(target, { recursive: true, force: true });
    // Folders are copied without TypeScript (tests or helpers living beside the data).
    await cp(source, target, { recursive: true, filter: (f) => !/\.tsx?$/.test(f) });
  }
  return { main, preload, assets: [...assets.keys()].sort() };
}

async function bundle(projectDir: string, main: string, preload: string, assets: Map<string, string>): Promise<void> {
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
    plugins: [collectImportMetaUrlAssets(path.dirname(main), assets)],
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
}

/**
 * Records every `new URL('./x', import.meta.url)` of the bundled sources as target (resolved against the bundle's
 * folder) -> source (resolved against the source file's folder). Two sources wanting the same target fail the
 * build, as does a target whose source does not exist.
 */
function collectImportMetaUrlAssets(bundleDir: string, assets: Map<string, string>): Plugin {
  return {
    name: 'import-meta-url-assets',
    setup(b) {
      b.onLoad({ filter: /\.[cm]?tsx?$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const text = await readFile(args.path, 'utf8');
        for (const m of text.matchAll(IMPORT_META_URL_ASSET)) {
          const rel = m[2] as string;
          const source = path.resolve(path.dirname(args.path), rel);
          const target = path.resolve(bundleDir, rel);
          const earlier = assets.get(target);
          if (earlier !== undefined && earlier !== source) {
            throw new Error(`${rel} of ${args.path} and ${earlier} would both be ${target} beside the bundle: rename one`);
          }
          try {
            await stat(source);
          } catch {
            throw new Error(`${args.path} reads ${rel} (${source}), which does not exist`);
          }
          assets.set(target, source);
        }
        return undefined; // esbuild loads the file itself
      });
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  buildShell(projectDir).then(
    (b) => console.log(`[build:shell] ${path.relative(projectDir, b.main)}, ${path.relative(projectDir, b.preload)}, ${b.assets.length} data file(s) beside the main bundle`),
    (err: unknown) => {
      console.error(`[build:shell] ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
