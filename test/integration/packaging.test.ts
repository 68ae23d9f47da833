/**
 * Packaging (issue 11), checked with electron-builder 26's own code rather than ours:
 * - electron-builder.yml is loaded and validated as its Packager does (app-builder-lib's getConfig and
 *   validateConfiguration: ajv over its scheme.json), and mutated copies are refused;
 * - what it packs (its `files` matchers, production node_modules collector and asar packer, through
 *   test/helpers/electronBuilderPack.ts) is the built app: the bundles `npm run build:shell` writes, the renderer,
 *   package.json, the data files the main bundle reads beside itself, and the production modules it imports; no
 *   tests, TypeScript, source maps or simulator fixtures; a widened `files` list is caught;
 * - the installers it makes of the `target` lists are AppImage and deb, nsis, dmg, and the deb's own checks pass;
 * - `npm run dist` stops in seconds with one line when the Electron binary cannot be had (as on these machines).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire, builtinModules } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type * as BuilderUtil from 'builder-util';
import type * as ConfigModule from 'app-builder-lib/out/util/config/config.js';
import { checkDistPrerequisites } from '../../build/distPreflight.js';
import { packAppContents, type PackedApp } from '../helpers/electronBuilderPack.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
// electron-builder's own loader and validator, as its Packager calls them (app-builder-lib is CommonJS).
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as typeof ConfigModule;
const { DebugLogger } = require('builder-util') as typeof BuilderUtil;

const tmpDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tmpDirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** Writes a copy of electron-builder.yml changed by `mutate` (paths inside stay relative to the project). */
async function mutatedConfig(mutate: (cfg: Record<string, unknown>) => void): Promise<string> {
  const cfg = parse(await readFile(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
  mutate(cfg);
  const dir = await mkdtemp(path.join(tmpdir(), 'eb-config-'));
  tmpDirs.push(dir);
  const file = path.join(dir, 'electron-builder.yml');
  await writeFile(file, stringify(cfg));
  return file;
}

/** Loads a configuration as electron-builder's Packager does, then validates it with electron-builder's schema. */
async function validate(configPath: string | null): Promise<void> {
  const config = await getConfig(root, configPath, null);
  await validateConfiguration(config, new DebugLogger(false));
}

/** Files of the packed app outside node_modules that are not the built app. */
function notBuiltApp(files: readonly string[]): string[] {
  return files.filter((f) => !f.startsWith('node_modules/')).filter((f) => !/^dist\/(main|preload|renderer)\//.test(f) && f !== 'package.json');
}

/** Files that never belong in the package, wherever they are outside node_modules. */
function forbidden(files: readonly string[]): string[] {
  return files
    .filter((f) => !f.startsWith('node_modules/'))
    .filter((f) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(f) || /^test\//.test(f) || /\.tsx?$/.test(f) || /\.map$/.test(f) || /(^|\/)fixtures\//.test(f));
}

describe("electron-builder.yml, by electron-builder's own schema", () => {
  it('is valid as electron-builder loads it', async () => {
    await expect(validate(null)).resolves.toBeUndefined();
  });

  it.each([
    ['an unknown key', (c: Record<string, unknown>) => (c.filez = ['dist/**']), /configuration has an unknown property 'filez'/],
    ['a value of the wrong type', (c: Record<string, unknown>) => (c.asar = 'sometimes'), /configuration\.asar should be/],
    ['an unknown key of a platform (reported on the platform)', (c: Record<string, unknown>) => ((c.linux as Record<string, unknown>).targett = ['deb']), /configuration\.linux should be/],
    ['an option of one target put on another (dmg.title on nsis)', (c: Record<string, unknown>) => ((c.nsis as Record<string, unknown>).title = 'IMP Monitor'), /configuration\.nsis should be/],
  ])('refuses a copy with %s', async (_name, mutate, message) => {
    await expect(validate(await mutatedConfig(mutate))).rejects.toThrow(message);
  });

  it('points at icons that exist: one 512x512 PNG, from which electron-builder derives .ico and .icns', async () => {
    const config = await getConfig(root, null, null);
    const icons = new Set([config.icon, config.linux?.icon, config.win?.icon, config.mac?.icon].filter((i): i is string => typeof i === 'string'));
    expect([...icons]).toEqual(['build/icons/icon.png']);
    const png = await readFile(path.join(root, 'build', 'icons', 'icon.png'));
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});

describe('what electron-builder packs', () => {
  let packed: PackedApp;
  beforeAll(async () => {
    // The bundles as `npm run dist` builds them. The renderer only when missing: dist/renderer is shared with
    // the browser tests running beside this suite, and a rebuild empties it first.
    const shell = spawnSync('npm', ['run', '--silent', 'build:shell'], { cwd: root, encoding: 'utf8' });
    expect(shell.status, shell.stderr).toBe(0);
    if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
      const renderer = spawnSync('npm', ['run', '--silent', 'build:renderer'], { cwd: root, encoding: 'utf8' });
      expect(renderer.status, renderer.stderr).toBe(0);
    }
    packed = await packAppContents(root);
  }, 240_000);

  it('is the built app: the main and preload bundles, the renderer and package.json, nothing else of ours', async () => {
    expect(notBuiltApp(packed.asar)).toEqual([]);
    expect(forbidden(packed.asar)).toEqual([]);
    for (const f of ['dist/main/main.mjs', 'dist/preload/index.cjs', 'dist/renderer/index.html', 'package.json']) expect(packed.asar).toContain(f);
    // Every file of the built renderer goes in.
    const renderer = (await readdir(path.join(root, 'dist', 'renderer'), { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && !e.name.endsWith('.map'))
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
    expect(renderer.length).toBeGreaterThan(1);
    expect(packed.asar).toEqual(expect.arrayContaining(renderer));
    expect(packed.extraResources).toEqual([]);
  });

  it('packs a package.json whose main is the bundled main process', () => {
    const pkg = JSON.parse(packed.readFile('package.json').toString('utf8')) as { main?: string; name: string };
    expect(pkg.main).toBe('dist/main/main.mjs');
    expect(pkg.name).toBe('imp-monitor');
  });

  it('packs the data files the main bundle reads beside itself at run time (the simulator profile and scenarios)', () => {
    const main = packed.readFile('dist/main/main.mjs').toString('utf8');
    const reads = [...main.matchAll(/new URL\("(\.{1,2}\/[^"]*)", import\.meta\.url\)/g)].map((m) => path.posix.join('dist/main', m[1] as string)); // keeps a folder's trailing '/'
    // The embedded simulated cluster loads its default profile and the shipped scenarios (`demo` by default).
    expect(reads.length).toBeGreaterThanOrEqual(2);
    for (const r of reads) {
      if (r.endsWith('/')) expect(packed.asar.some((f) => f.startsWith(r)), `${r} (a folder) is packed`).toBe(true);
      else expect(packed.asar, `${r} is packed`).toContain(r);
    }
    expect(packed.asar.filter((f) => /^dist\/main\/.*\.ya?ml$/.test(f))).toEqual(expect.arrayContaining(['dist/main/profiles/default.yaml', 'dist/main/files/demo.yaml']));
  });

  it('packs every package the main bundle imports, with the native binaries unpacked, and no dev tools', () => {
    const main = packed.readFile('dist/main/main.mjs').toString('utf8');
    const builtins = new Set(builtinModules);
    const specifiers = new Set(
      // A specifier is a package name (or node: builtin): no blank, comma or parenthesis — so words like the
      // simulated SQL parser's keyword list ("from", "where") are not read as an import.
      [...main.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)"(@?[a-z0-9][\w@./:-]*)"/g)]
        .map((m) => m[1] as string)
        .filter((s) => !s.startsWith('node:') && !builtins.has(s) && s !== 'electron'),
    );
    const packages = new Set([...specifiers].map((s) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/')));
    expect([...packages]).toEqual(expect.arrayContaining(['better-sqlite3', 'ssh2', 'net-snmp', 'yaml', 'zod']));
    for (const p of packages) expect(packed.asar, `node_modules/${p} is packed`).toContain(`node_modules/${p}/package.json`);
    // Native modules run from outside the archive (asarUnpack), as Electron cannot dlopen inside it.
    expect(packed.unpacked).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(packed.asar).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    for (const dev of ['electron', 'electron-builder', 'vite', 'vitest', 'typescript', 'esbuild', 'tsx', 'eslint', 'playwright-core']) {
      expect(packed.asar.some((f) => f.startsWith(`node_modules/${dev}/`)), `${dev} is not packed`).toBe(false);
    }
  });

  it('makes AppImage and deb on Linux, nsis on Windows and dmg on macOS of the target lists, and the deb has what it needs', async () => {
    const names = Object.fromEntries(Object.entries(packed.targets).map(([k, ts]) => [k, ts.map((t) => t.name)]));
    expect(names).toEqual({ linux: ['appImage', 'deb'], win: ['nsis'], mac: ['dmg'] });
    // The deb's control file needs a home page and a maintainer: electron-builder's own check (FpmTarget).
    const deb = packed.targets.linux.find((t) => t.name === 'deb') as unknown as { checkOptions(): Promise<{ maintainer: string; url: string }> };
    await expect(deb.checkOptions()).resolves.toMatchObject({ maintainer: expect.stringMatching(/<.+@.+>/), url: expect.stringMatching(/^https:\/\//) });
    // No `deb.depends`: set, it would replace electron-builder's list (GTK, NSS, …, libsecret for safeStorage).
    expect(packed.configuration.deb?.depends).toBeUndefined();
  });
});

describe("the file check sees what a wider `files` list lets in", () => {
  it('catches tests, TypeScript sources and simulator fixtures packed by a mutated copy', async () => {
    const configPath = await mutatedConfig((c) => {
      (c.files as string[]).push('test/integration/**/*', 'main/core/simulator/adminCli/**/*');
    });
    await expect(validate(configPath)).resolves.toBeUndefined(); // valid for the schema: only the file check sees it
    const wide = await packAppContents(root, { configPath, nodeModules: false });
    expect(wide.asar).toContain('test/integration/packaging.test.ts');
    expect(notBuiltApp(wide.asar)).toEqual(expect.arrayContaining(['test/integration/packaging.test.ts', 'main/core/simulator/adminCli/adminCli.ts']));
    expect(forbidden(wide.asar)).toEqual(expect.arrayContaining(['test/integration/packaging.test.ts', 'main/core/simulator/adminCli/fixtures/help.txt']));
  }, 120_000);
});

describe('npm run dist where the Electron binary cannot be had', () => {
  /** A loopback port nothing listens on: connections are refused at once. */
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }

  function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
    const started = Date.now();
    return new Promise((resolve) => {
      const child = spawn('npm', ['run', '--silent', 'dist', '--', ...args], { cwd: root, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
    });
  }

  async function offlineEnv(): Promise<NodeJS.ProcessEnv> {
    const port = await closedPort();
    const home = await mkdtemp(path.join(tmpdir(), 'dist-home-'));
    tmpDirs.push(home);
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CACHE_HOME: path.join(home, '.cache') };
    for (const k of Object.keys(env)) if (/proxy|^ELECTRON_|electron/i.test(k)) delete env[k];
    // Every download source on a closed loopback port, every cache empty.
    Object.assign(env, {
      ELECTRON_MIRROR: `https://127.0.0.1:${port}/`,
      ELECTRON_BUILDER_BINARIES_MIRROR: `https://127.0.0.1:${port}/`,
      npm_config_disturl: `https://127.0.0.1:${port}/`,
      // npm's own update check (registry.npmjs.org): with HOME moved it no longer reads ~/.npmrc, so unless the
      // npm that started the tests exported update-notifier=false, `npm run dist` would look up and connect off
      // the machine (seen with strace when vitest runs without npm/npx above it).
      npm_config_update_notifier: 'false',
    });
    return env;
  }

  it('stops within seconds, before building anything, with one line saying what it needs', async () => {
    const bundle = path.join(root, 'dist', 'preload', 'index.cjs');
    const before = existsSync(bundle) ? (await stat(bundle)).mtimeMs : undefined;
    const r = await run([], await offlineEnv());
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    const version = (require('electron/package.json') as { version: string }).version;
    expect(lines[0]).toMatch(new RegExp(`^\\[dist\\] cannot build installers for ${process.platform}-${process.arch} here: missing the Electron ${version.replace(/\./g, '\\.')} binary`));
    for (const what of ['electronDist', 'ELECTRON_MIRROR', 'GitHub', 'ELECTRON_BUILDER_CACHE', 'ECONNREFUSED']) expect(lines[0]).toContain(what);
    // Seconds, not the minute electron-builder's own retries take (load on these shared machines included).
    expect(r.ms).toBeLessThan(30_000);
    expect(existsSync(bundle) ? (await stat(bundle)).mtimeMs : undefined).toBe(before);
  }, 60_000);

  it('takes a seeded Electron cache (zip and SHASUMS256) for the download, as electron-builder does offline', async () => {
    const env = await offlineEnv();
    const cache = path.join(env.XDG_CACHE_HOME as string, 'electron');
    const version = (require('electron/package.json') as { version: string }).version;
    const zip = path.join(cache, 'some-mirror-hash', `electron-v${version}-linux-x64.zip`);
    await mkdir(path.dirname(zip), { recursive: true });
    await writeFile(zip, '');
    const needs = { electronVersion: version, electron: [{ platform: 'linux' as const, arch: 'x64' }], electronCache: cache, builderCache: path.join(cache, 'none'), installers: false, npmRebuild: false, env, projectDir: root };
    // Without the checksums file @electron/get fetches SHASUMS256.txt even for a cached zip.
    expect(await checkDistPrerequisites(needs)).toMatch(new RegExp(`missing SHASUMS256\\.txt-${version.replace(/\./g, '\\.')} in ${cache}.*ECONNREFUSED`));
    await writeFile(path.join(cache, `SHASUMS256.txt-${version}`), '');
    expect(await checkDistPrerequisites(needs)).toBeUndefined();
    // The installers' tools are another download: an empty tool cache and no mirror stop the build.
    expect(await checkDistPrerequisites({ ...needs, installers: true })).toMatch(/missing electron-builder's installer tools .*ECONNREFUSED/);
  });

  it('says which electronDist is missing when one is given', async () => {
    const r = await run(['--dir', '--config.electronDist=/nonexistent/electron'], await offlineEnv());
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('electronDist /nonexistent/electron does not exist');
    expect(r.stderr).not.toContain("electron-builder's installer tools"); // --dir builds no installer
  }, 60_000);

  it('refuses an option electron-builder does not know with exit 2', async () => {
    const r = await run(['--bogus-option'], await offlineEnv());
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^\[dist\] Unknown argument: bogus-option/);
  }, 60_000);
});
