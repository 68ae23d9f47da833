import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The architecture rules of DEVELOPERS.md are enforced by lint (eslint.config.js), not goodwill: these cases lint
// probe code placed in each layer and each main/core folder, and expect the rule to fire (or not). The folders'
// imports are an allow-list (eslint-plugin-boundaries, default disallow): see eslint.config.js.
const root = process.cwd();
const eslint = new ESLint({ cwd: root });

/** The allow-list as eslint.config.js declares it (read from the config itself, so the two cannot drift). */
interface LayerConfig {
  CORE_ALLOW: Record<string, readonly string[]>;
  APP_ALLOW: readonly string[];
  COMPOSITION_ROOTS: readonly string[];
  SIMULATOR_STARTER: string;
}
let layers: LayerConfig;
beforeAll(async () => {
  layers = (await import(pathToFileURL(join(root, 'eslint.config.js')).href)) as LayerConfig;
});

async function lint(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

/** Lints `import * as target from <spec>` in a probe file of `fromFolder` (main/core/<fromFolder>/layerProbe.ts). */
async function lintCoreImport(fromFolder: string, targetFile: string): Promise<string[]> {
  return lint(`main/core/${fromFolder}/layerProbe.ts`, `import * as target from '../../../${targetFile.replace(/\.ts$/, '.js')}';\nexport const probe = target;\n`);
}

/** A real module of each main/core folder today (the resolver must find the target for the rule to judge it). */
function moduleOf(folder: string): string | undefined {
  const dir = join(root, 'main/core', folder);
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => e.name)
    .sort();
  return files[0] === undefined ? undefined : `main/core/${folder}/${files[0]}`;
}

const onDisk = readdirSync(join(root, 'main/core'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
/**
 * Every folder the rules must hold for: today's, the ones issue 11 adds, the next issues' (no code yet), and one
 * nobody declared.
 */
const FOLDERS = [...new Set([
  ...onDisk,
  'base', 'polling', 'collector', 'storage', 'alerts', 'notify', 'receivers', 'credentials', 'transport', 'export',
  'headless', 'backend', 'simulator', 'ha', 'perfmon', 'jobs', 'controlCenter', 'clusters', 'cli',
  'traces', 'drs', 'reports', 'audit', 'server', 'newthing',
])].sort();
const SIM_INTERNAL = 'main/core/simulator/runtime/simCluster.ts';
const SIM_STARTER = 'main/core/simulator/embeddedCluster.ts';
/** One module per folder on disk (for the simulator one behind its starter: the starter has its own cases below). */
const TARGETS = onDisk
  .map((folder) => [folder, folder === 'simulator' ? SIM_INTERNAL : moduleOf(folder)] as const)
  .filter((t): t is readonly [string, string] => t[1] !== undefined);
const ALLOW_LIST = /boundaries\/dependencies: .*allow-list/;

describe('layer rules: main/core folders by allow-list', () => {
  it('knows a module of the simulator and of the simulator starter to aim at', () => {
    expect(TARGETS.map(([f]) => f)).toContain('simulator');
    expect(moduleOf('simulator')).toBeDefined();
    expect(readdirSync(join(root, 'main/core/simulator'))).toContain(layers.SIMULATOR_STARTER);
  });

  it('declares lists that keep imports going down', () => {
    const { CORE_ALLOW, COMPOSITION_ROOTS } = layers;
    expect([...COMPOSITION_ROOTS].sort()).toEqual(['backend', 'cli', 'headless', 'server']);
    expect(CORE_ALLOW['base']).toEqual([]);
    expect(CORE_ALLOW['simulator']).toEqual(['base']);
    for (const [folder, allowed] of Object.entries(CORE_ALLOW)) {
      expect(allowed, folder).not.toContain('simulator');
      expect(allowed, folder).not.toContain(folder);
      // Only the entry points on top (the command line, the server) reuse another composition root.
      if (!['cli', 'server'].includes(folder)) expect(allowed.filter((f) => COMPOSITION_ROOTS.includes(f)), folder).toEqual([]);
    }
    // No cycle: a folder never reaches itself through the lists (depth-first search over the allow graph).
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (folder: string, path: string[]): void => {
      if (done.has(folder)) return;
      expect(visiting.has(folder), `cycle ${[...path, folder].join(' -> ')}`).toBe(false);
      visiting.add(folder);
      for (const next of CORE_ALLOW[folder] ?? []) visit(next, [...path, folder]);
      visiting.delete(folder);
      done.add(folder);
    };
    for (const folder of Object.keys(CORE_ALLOW)) visit(folder, []);
  });

  it.each(FOLDERS.filter((f) => f !== 'simulator'))('refuses main/core/%s/ a module of the simulator other than its starter', async (folder) => {
    expect((await lintCoreImport(folder, SIM_INTERNAL)).join('\n')).toMatch(ALLOW_LIST);
  });

  it.each(FOLDERS)('main/core/%s/ may import exactly the folders it declares (every other folder is refused)', async (folder) => {
    const allowed = new Set([folder, ...(layers.CORE_ALLOW[folder] ?? [])]);
    const refusedSomething: string[] = [];
    for (const [target, file] of TARGETS) {
      const messages = (await lintCoreImport(folder, file)).filter((m) => m.startsWith('boundaries/'));
      if (allowed.has(target)) {
        expect(messages, `${folder} -> ${file}`).toEqual([]);
      } else {
        expect(messages.join('\n'), `${folder} -> ${file}`).toMatch(ALLOW_LIST);
        refusedSomething.push(target);
      }
    }
    // Every folder is refused at least one other folder (so each row above proved a forbidden import fails).
    expect(refusedSomething.length).toBeGreaterThan(0);
  });

  it('lets a folder nobody declared import shared/ and its own files, and nothing else of main/core/', async () => {
    expect(layers.CORE_ALLOW['newthing']).toBeUndefined();
    for (const [target, file] of TARGETS) {
      expect((await lintCoreImport('newthing', file)).join('\n'), target).toMatch(ALLOW_LIST);
    }
    expect(await lint('main/core/newthing/layerProbe.ts', "import type { Sample } from '../../../shared/model/sample.js';\nexport type X = Sample;\n")).toEqual([]);
  });

  it.each(['backend', 'headless', 'cli', 'server'])('lets the composition root %s/ start the simulator through its one starter module only', async (folder) => {
    expect(layers.COMPOSITION_ROOTS).toContain(folder);
    expect(await lintCoreImport(folder, SIM_STARTER)).toEqual([]);
    expect((await lintCoreImport(folder, SIM_INTERNAL)).join('\n')).toMatch(ALLOW_LIST);
    expect((await lintCoreImport(folder, 'main/core/simulator/cli/simMain.ts')).join('\n')).toMatch(ALLOW_LIST);
  });

  it.each(FOLDERS.filter((f) => !['backend', 'headless', 'cli', 'server', 'simulator'].includes(f)))('refuses main/core/%s/ even the simulator starter', async (folder) => {
    expect((await lintCoreImport(folder, SIM_STARTER)).join('\n')).toMatch(ALLOW_LIST);
  });

  it.each(['notify/notificationPipeline.ts', 'receivers/syslogReceiver.ts', 'polling/poller.ts', 'collector/collector.ts', 'alerts/alertEngine.ts', 'backend/createBackend.ts'])(
    'refuses the simulator the monitor module %s',
    async (target) => {
      const file = `main/core/${target}`;
      expect(readdirSync(join(root, 'main/core', target.split('/')[0]!)), 'probe target moved').toContain(target.split('/')[1]);
      expect((await lintCoreImport('simulator', file)).join('\n')).toMatch(ALLOW_LIST);
      // Its command line (npm run sim) is part of it and bound the same way.
      expect((await lint('main/core/simulator/cli/layerProbe.ts', `import * as t from '../../../../${file.replace(/\.ts$/, '.js')}';\nexport const probe = t;\n`)).join('\n')).toMatch(ALLOW_LIST);
    },
  );

  it.each([
    ['a type-only import', "import type { SimCluster } from '../simulator/runtime/simCluster.js';\nexport type X = SimCluster;\n"],
    ['a re-export', "export { startSimCluster } from '../simulator/runtime/simCluster.js';\n"],
    ['an export-all', "export * from '../simulator/runtime/simCluster.js';\n"],
    ['a dynamic import', "export async function load(): Promise<unknown> {\n  return import('../simulator/runtime/simCluster.js');\n}\n"],
    ['a side-effect import', "import '../simulator/runtime/simCluster.js';\n"],
  ])('refuses a forbidden module reached by %s', async (_label, code) => {
    expect((await lint('main/core/notify/layerProbe.ts', code)).join('\n')).toMatch(ALLOW_LIST);
  });

  it.each([
    ['simulator', 'main/core/base/disposable.ts'],
    ['polling', 'main/core/base/errors.ts'],
    ['collector', 'main/core/polling/poller.ts'],
    ['notify', 'main/core/alerts/alertEngine.ts'],
    ['export', 'main/core/storage/storage.ts'],
    ['backend', 'main/core/transport/backend.ts'],
    ['headless', 'main/core/collector/collector.ts'],
  ])('allows main/core/%s/ to import %s', async (folder, file) => {
    expect(await lintCoreImport(folder, file)).toEqual([]);
  });

  it('allows a folder its own files and shared/, the simulator included (within itself, across its subfolders)', async () => {
    expect(await lint('main/core/simulator/cli/layerProbe.ts', "import * as t from '../runtime/simCluster.js';\nexport const probe = t;\n")).toEqual([]);
    expect(await lint('main/core/alerts/layerProbe.ts', "import type { Sample } from '../../../shared/model/sample.js';\nexport type X = Sample;\n")).toEqual([]);
  });

  it('lets tests import anything, the simulator included', async () => {
    expect(await lint('main/core/polling/layerProbe.test.ts', "import * as t from '../simulator/runtime/simCluster.js';\nexport const probe = t;\n")).toEqual([]);
    expect(await lint('test/integration/layerProbe.test.ts', "import * as t from '../../main/core/simulator/runtime/simCluster.js';\nexport const probe = t;\n")).toEqual([]);
    expect(await lint('test/kits/layerProbe.ts', "import * as t from '../../main/core/notify/notificationPipeline.js';\nexport const probe = t;\n")).toEqual([]);
  });

  it('refuses a file outside every folder (directly in main/core/ or main/), which no allow-list would hold', async () => {
    for (const file of ['main/core/layerProbe.ts', 'main/layerProbe.ts']) {
      const spec = file === 'main/layerProbe.ts' ? './core/simulator/runtime/simCluster.js' : './simulator/runtime/simCluster.js';
      expect((await lint(file, `import * as t from '${spec}';\nexport const probe = t;\n`)).join('\n'), file).toMatch(/boundaries\/no-unknown-files/);
    }
  });

  it('refuses imports the allow-list cannot read: a computed import(), a require() of a local file', async () => {
    expect((await lint('main/core/polling/layerProbe.ts', 'export const probe = (x: string): Promise<unknown> => import(`../simulator/${x}`);\n')).join('\n')).toMatch(/computed path escapes the layer lint/);
    const required = "import { createRequire } from 'node:module';\nexport const probe = (): unknown => createRequire(import.meta.url)('../simulator/runtime/simCluster.js');\n";
    expect((await lint('main/core/polling/layerProbe.ts', required)).join('\n')).toMatch(/local file escapes the layer lint/);
    // A package's internals stay reachable (the simulator's SSH endpoint uses ssh2's).
    expect(await lint('main/core/simulator/layerProbe.ts', "import { createRequire } from 'node:module';\nexport const probe = (): unknown => createRequire(import.meta.url)('ssh2/lib/protocol/utils.js');\n")).toEqual([]);
  });

  it('has no JavaScript sources in the linted layers (the layer lint reads TypeScript only)', () => {
    const js: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (/\.(c|m)?js$/.test(e.name)) js.push(join(dir, e.name));
      }
    };
    for (const layer of ['main', 'shared', 'renderer', 'preload']) walk(layer);
    expect(js).toEqual([]);
  });

  it('refuses production code the tests folder', async () => {
    expect((await lint('main/core/alerts/layerProbe.ts', "import * as t from '../../../test/kits/engineTestKit.js';\nexport const probe = t;\n")).join('\n')).toMatch(ALLOW_LIST);
  });
});

describe('layer rules: top-level layers', () => {
  it.each([
    ['electron in main/core', 'main/core/base/layerProbe.ts', "import { app } from 'electron';\nexport const x = app;\n", /electron/],
    ['Node APIs in shared/', 'shared/layerProbe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /No Node APIs/],
    ['Node APIs in the renderer', 'renderer/layerProbe.ts', "import { createSocket } from 'dgram';\nexport const x = createSocket;\n", /No Node APIs/],
    ['electron in the renderer', 'renderer/layerProbe.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", /bridge/],
    ['main code in the renderer', 'renderer/layerProbe.ts', "import { AppError } from '../main/core/base/errors.js';\nexport const x = AppError;\n", ALLOW_LIST],
    ['the preload in the renderer', 'renderer/layerProbe.ts', "import * as t from '../preload/index.js';\nexport const x = t;\n", ALLOW_LIST],
    ['shared importing main/core', 'shared/layerProbe.ts', "import { AppError } from '../main/core/base/errors.js';\nexport const x = AppError;\n", ALLOW_LIST],
    ['main/core importing main/app', 'main/core/backend/layerProbe.ts', "import * as t from '../../app/windows.js';\nexport const x = t;\n", ALLOW_LIST],
    ['main/app importing the simulator', 'main/app/layerProbe.ts', "import * as t from '../core/simulator/runtime/simCluster.js';\nexport const x = t;\n", ALLOW_LIST],
    ['main/app importing the simulator starter', 'main/app/layerProbe.ts', "import * as t from '../core/simulator/embeddedCluster.js';\nexport const x = t;\n", ALLOW_LIST],
    ['the preload importing main/core', 'preload/layerProbe.ts', "import * as t from '../main/core/base/errors.js';\nexport const x = t;\n", ALLOW_LIST],
    ['a utils grab-bag', 'main/core/base/layerProbe.ts', "import * as t from './utils';\nexport const x = t;\n", /utils grab-bags/],
  ])('refuses %s', async (_label, file, code, pattern) => {
    expect((await lint(file, code)).join('\n')).toMatch(pattern);
  });

  it('allows shared/ in every layer and main/core to main/app', async () => {
    for (const file of ['renderer/layerProbe.ts', 'preload/layerProbe.ts', 'main/app/layerProbe.ts', 'main/core/base/layerProbe.ts', 'shared/model/layerProbe.ts']) {
      const spec = `${'../'.repeat(file.split('/').length - 1)}shared/ipc/channels.js`;
      expect(await lint(file, `import * as t from '${spec}';\nexport const x = t;\n`), file).toEqual([]);
    }
    for (const folder of layers.APP_ALLOW) {
      const target = moduleOf(folder);
      if (target === undefined) continue;
      expect(await lint('main/app/layerProbe.ts', `import * as t from '../../${target.replace(/\.ts$/, '.js')}';\nexport const x = t;\n`), target).toEqual([]);
    }
    expect(await lint('main/app/layerProbe.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([]);
    expect(await lint('preload/layerProbe.ts', "import { contextBridge } from 'electron';\nexport const x = contextBridge;\n")).toEqual([]);
  });
});
