/**
 * What electron-builder would put in the app, computed by electron-builder itself (app-builder-lib 26), without
 * the Electron binary (which cannot be downloaded here): a real `Packager` loads and validates the configuration
 * as `electron-builder` does, then a Linux platform packager runs the one step of its `doPack` that decides the
 * app's contents, `copyAppFiles` (its `files` matchers, the production node_modules collector, the asar packer and
 * `asarUnpack`), and copies `extraResources`. It skips what needs Electron: unpacking the Electron distribution,
 * rebuilding native modules for Electron's ABI, renaming the executable, fuses, signing and the targets.
 * The archive written is read back with @electron/asar, the library electron-builder packs it with.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Arch, AsyncTaskManager } from 'builder-util';
import type * as AsarModule from '@electron/asar';
import type * as AppBuilderLib from 'app-builder-lib';
import type { Configuration, Packager as PackagerType, PackagerOptions, PlatformPackager, Target } from 'app-builder-lib';
import type { FileMatcher } from 'app-builder-lib/out/fileMatcher.js';
import type * as TargetFactory from 'app-builder-lib/out/targets/targetFactory.js';

// app-builder-lib is CommonJS without an exports map: its modules are loaded as electron-builder loads them.
const require = createRequire(import.meta.url);
const appBuilder = require('app-builder-lib') as typeof AppBuilderLib;
// The copy of @electron/asar that app-builder-lib itself resolves.
const asar = createRequire(require.resolve('app-builder-lib'))('@electron/asar') as typeof AsarModule;
/** Copies extraResources/extraFiles (exported by fileMatcher.js, marked internal in its declarations). */
const { copyFiles } = require('app-builder-lib/out/fileMatcher.js') as { copyFiles(matchers: FileMatcher[] | null, transformer: null): Promise<void> };
const targetFactory = require('app-builder-lib/out/targets/targetFactory.js') as typeof TargetFactory;

/** The packed app: files inside app.asar, unpacked beside it, and extra resources, all relative and with '/'. */
export interface PackedApp {
  /** Files (not folders) in app.asar, including those whose bytes live in app.asar.unpacked. */
  readonly asar: readonly string[];
  readonly unpacked: readonly string[];
  readonly extraResources: readonly string[];
  /** Reads one of the app's own files (outside node_modules) from app.asar. */
  readFile(inAsar: string): Buffer;
  readonly configuration: Configuration;
  /** The targets electron-builder makes of the configuration, per platform, when the command line names none. */
  readonly targets: Readonly<Record<'linux' | 'win' | 'mac', readonly Target[]>>;
}

/** Private members of PlatformPackager that doPack composes (typed here, since their declarations are private). */
interface PackSteps {
  computeAsarOptions(options: unknown): Promise<unknown>;
  copyAppFiles(taskManager: AsyncTaskManager, asarOptions: unknown, resourcesPath: string, defaultDestination: string, packContext: unknown, options: unknown, excludePatterns: unknown[], macroExpander: (p: string) => string): void;
  getExtraFileMatchers(isResources: boolean, appOutDir: string, options: unknown): Array<{ computeParsedPatterns(out: unknown[], from: string): void }> | null;
}

export interface PackOptions {
  /** A configuration file instead of `<projectDir>/electron-builder.yml` (e.g. a mutated copy). */
  readonly configPath?: string;
  /**
   * false: leave node_modules out, as electron-builder does when a `beforeBuild` hook says the modules are handled
   * elsewhere (its `_nodeModulesHandledExternally` flag, set here directly since the hook runs only with the native
   * rebuild this harness skips). Several times faster, for checks of the app's own files.
   */
  readonly nodeModules?: boolean;
}

/**
 * Packs `projectDir`'s app as `electron-builder --linux --dir` would lay out resources/, into a temporary folder
 * that is removed before returning.
 */
export async function packAppContents(projectDir: string, opts: PackOptions = {}): Promise<PackedApp> {
  const configPath = opts.configPath;
  const out = await mkdtemp(path.join(tmpdir(), 'eb-pack-'));
  let resourcesPath = '';
  const made: Record<'linux' | 'win' | 'mac', Target[]> = { linux: [], win: [], mac: [] };
  class AppContentsPackager extends appBuilder.LinuxPackager {
    override async pack(outDir: string, arch: Arch, targets: Target[], taskManager: AsyncTaskManager): Promise<void> {
      const steps = this as unknown as PackSteps;
      if (opts.nodeModules === false) (this.info as unknown as { _nodeModulesHandledExternally: boolean })._nodeModulesHandledExternally = true;
      const appOutDir = this.computeAppOutDir(outDir, arch);
      resourcesPath = path.join(appOutDir, 'resources');
      const options = this.createGetFileMatchersOptions(outDir, arch, this.platformSpecificBuildOptions);
      const excludePatterns: unknown[] = [];
      const extraResources = steps.getExtraFileMatchers(true, appOutDir, options);
      for (const m of extraResources ?? []) m.computeParsedPatterns(excludePatterns, this.info.projectDir);
      const packContext = { appOutDir, outDir, arch, targets, packager: this, electronPlatformName: 'linux' };
      const asarOptions = await steps.computeAsarOptions(this.platformSpecificBuildOptions);
      steps.copyAppFiles(taskManager, asarOptions, resourcesPath, path.join(resourcesPath, 'app'), packContext, this.platformSpecificBuildOptions, excludePatterns, options.macroExpander);
      await taskManager.awaitTasks();
      await copyFiles(extraResources as FileMatcher[] | null, null);
      // The installers each platform's packager makes of the configuration's `target` lists (as `npm run dist`
      // with no target names on the command line).
      const platforms = [
        ['linux', appBuilder.Platform.LINUX, this],
        ['win', appBuilder.Platform.WINDOWS, new appBuilder.WinPackager(this.info)],
        ['mac', appBuilder.Platform.MAC, new appBuilder.MacPackager(this.info)],
      ] as const;
      for (const [key, platform, packager] of platforms) {
        const p = packager as unknown as PlatformPackager<never>;
        for (const names of targetFactory.computeArchToTargetNamesMap(new Map(), p, platform).values()) {
          made[key].push(...targetFactory.createTargets(new Map(), names, outDir, p));
        }
      }
    }
  }
  const options: PackagerOptions = {
    projectDir,
    targets: appBuilder.Platform.LINUX.createTarget('dir'),
    // A config path as `extends` (as electron-builder's CLI does with -c FILE) plus our output folder.
    config: { extends: path.resolve(projectDir, configPath ?? 'electron-builder.yml'), directories: { output: out } },
    platformPackagerFactory: (info: PackagerType) => new AppContentsPackager(info) as unknown as PlatformPackager<never>,
  };
  try {
    const packager = new appBuilder.Packager(options);
    await packager.build();
    const archive = path.join(resourcesPath, 'app.asar');
    const unpackedDir = `${archive}.unpacked`;
    const unpacked = await listFiles(unpackedDir);
    const extra = (await listFiles(resourcesPath)).filter((p) => p !== 'app.asar' && !p.startsWith('app.asar.unpacked/'));
    const asarFiles: string[] = [];
    const contents = new Map<string, Buffer>();
    for (const entry of asar.listPackage(archive, { isPack: false })) {
      const f = entry.replace(/\\/g, '/').replace(/^\//, '');
      const stat = asar.statFile(archive, f) as { files?: unknown; link?: unknown; unpacked?: boolean };
      if (stat.files !== undefined || stat.link !== undefined) continue;
      asarFiles.push(f);
      // The app's own files are kept to read; node_modules are only listed.
      if (!stat.unpacked && !f.startsWith('node_modules/')) contents.set(f, asar.extractFile(archive, f));
    }
    return {
      asar: asarFiles,
      unpacked,
      extraResources: extra,
      readFile: (f) => {
        const b = contents.get(f);
        if (!b) throw new Error(`${f} is not a packed file in app.asar`);
        return b;
      },
      configuration: packager.config,
      targets: made,
    };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  } catch {
    return [];
  }
}
