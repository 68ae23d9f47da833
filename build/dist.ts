/**
 * `npm run dist [-- electron-builder options]`: the installers per electron-builder.yml (AppImage and deb on
 * Linux, nsis on Windows, dmg on macOS; `--linux`, `--win`, `--mac`, `--x64`/`--arm64`, `--dir`,
 * `--config.electronDist=DIR` … as electron-builder takes them).
 * 1. Reads the options with electron-builder's own command line, loads and validates electron-builder.yml with its
 *    own loader and schema, and checks that the Electron binary and electron-builder's tools can be had
 *    (build/distPreflight.ts); if not, one line on stderr and exit 1, before anything is built or rebuilt.
 * 2. Builds the shell bundles (`npm run build:shell`) and the renderer (`npm run build:renderer`).
 * 3. Runs electron-builder with the same arguments.
 * Exit 2 on bad usage.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as AppBuilderLib from 'app-builder-lib';
import type * as ElectronVersionModule from 'app-builder-lib/out/electron/electronVersion.js';
import type * as ConfigModule from 'app-builder-lib/out/util/config/config.js';
import type * as ElectronGetModule from 'app-builder-lib/out/util/electronGet.js';
import type * as BuilderUtil from 'builder-util';
import type * as BuilderModule from 'electron-builder/out/builder.js';
import { checkDistPrerequisites, type ElectronTarget } from './distPreflight.js';

// electron-builder's own command line, loader, validator and cache locations (CommonJS, loaded as it loads them).
const require = createRequire(import.meta.url);
type Builder = typeof BuilderModule;
const builder = require('electron-builder/out/builder.js') as Builder;
const { Platform } = require('app-builder-lib') as typeof AppBuilderLib;
const { Arch, DebugLogger } = require('builder-util') as typeof BuilderUtil;
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as typeof ConfigModule;
const { getElectronVersion } = require('app-builder-lib/out/electron/electronVersion.js') as typeof ElectronVersionModule;
const { defaultElectronGetCacheRoot, getCacheDirectory } = require('app-builder-lib/out/util/electronGet.js') as typeof ElectronGetModule;

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(code: number, line: string): never {
  console.error(`[dist] ${line}`);
  process.exit(code);
}

async function main(argv: string[]): Promise<number> {
  let usageError: string | undefined;
  const yargs = builder
    .configureBuildCommand(builder.createYargs())
    .strict()
    .exitProcess(false)
    .fail((msg: string | null, err: Error | undefined) => {
      usageError = msg ?? err?.message ?? 'bad arguments';
    });
  const args = (await yargs.parse(argv)) as Parameters<Builder['normalizeOptions']>[0] & { help?: boolean; version?: boolean };
  if (usageError) fail(2, `${usageError} (usage: npm run dist -- --help)`);
  if (args.help || args.version) return 0;
  const options = builder.normalizeOptions(args);
  const cli = options.config;
  const configPath = typeof cli === 'string' ? cli : null;
  const config = await getConfig(projectDir, configPath, typeof cli === 'object' ? cli : null);
  try {
    await validateConfiguration(config, new DebugLogger(false));
  } catch (err) {
    fail(1, `electron-builder.yml is not valid: ${(err as Error).message.split('\n').slice(1).join(' ').replace(/\s+/g, ' ').trim()}`);
  }
  const targets = options.targets && options.targets.size > 0 ? options.targets : Platform.current().createTarget();
  const electron: ElectronTarget[] = [];
  let installers = false;
  for (const [platform, archToTypes] of targets) {
    const archs = archToTypes.size > 0 ? [...archToTypes.keys()] : [Arch[process.arch as keyof typeof Arch] as number];
    for (const arch of archs) electron.push({ platform: platform.nodeName, arch: Arch[arch] as string });
    const types = [...archToTypes.values()].flat();
    if (!args.dir && !(types.length > 0 && types.every((t) => t === 'dir'))) installers = true;
  }
  const electronDist = typeof config.electronDist === 'string' ? config.electronDist : undefined;
  const problem = await checkDistPrerequisites({
    electronVersion: await getElectronVersion(projectDir, config),
    electron,
    electronDist,
    // electronDownload.cache: the legacy options shape (ElectronDownloadOptions) names the cache; the other has none.
    electronCache: (config.electronDownload as { cache?: string | null } | null | undefined)?.cache ?? defaultElectronGetCacheRoot(),
    builderCache: getCacheDirectory({ allowEnvVarOverride: true }),
    installers,
    npmRebuild: config.npmRebuild !== false,
    env: process.env,
    projectDir,
  });
  if (problem) fail(1, problem);
  for (const script of ['build:shell', 'build:renderer']) {
    const r = spawnSync('npm', ['run', '--silent', script], { cwd: projectDir, stdio: 'inherit' });
    if (r.status !== 0) fail(1, `npm run ${script} failed (exit ${r.status ?? r.signal})`);
  }
  const r = spawnSync(process.execPath, [require.resolve('electron-builder/cli.js'), ...argv], { cwd: projectDir, stdio: 'inherit' });
  return r.status ?? 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => fail(1, err instanceof Error ? err.message : String(err)),
);
