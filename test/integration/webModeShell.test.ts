/**
 * The shell's build pieces: electron-builder.yml keeps its required keys and points at files that exist, the
 * icon is a 512x512 PNG, the esbuild bundles come out (preload: one CommonJS file requiring only 'electron'),
 * and the launcher's arguments are parsed strictly.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildShell } from '../../main/app/buildShell.js';
import { findElectronBinary, hasDisplay } from '../../main/app/electronBinary.js';
import { parseLaunchArgs } from '../../main/app/launchArgs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('electron-builder.yml', () => {
  it('has the required keys, targets for each platform, and existing icons', async () => {
    const cfg = parse(await readFile(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
    expect(cfg.appId).toMatch(/^[a-z0-9]+(\.[a-z0-9]+)+$/i);
    expect(cfg.productName).toBe('IMP Monitor');
    const targets = (k: string) => (cfg[k] as { target: string[] }).target;
    expect(targets('linux')).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(targets('win')).toContain('nsis');
    expect(targets('mac')).toContain('dmg');
    for (const k of ['icon', 'linux', 'win', 'mac']) {
      const icon = k === 'icon' ? (cfg.icon as string) : (cfg[k] as { icon: string }).icon;
      expect(existsSync(path.join(root, icon)), icon).toBe(true);
    }
    const files = cfg.files as string[];
    for (const dir of ['dist/main/', 'dist/preload/', 'dist/renderer/']) expect(files.some((f) => f.startsWith(dir))).toBe(true);
    expect((cfg.extraMetadata as { main: string }).main).toBe('dist/main/main.mjs');
  });

  it('uses a 512x512 PNG icon', async () => {
    const png = await readFile(path.join(root, 'build', 'icons', 'icon.png'));
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});

describe('buildShell', () => {
  it('bundles main (ESM) and the preload (CommonJS requiring only electron) to the names electron-builder packages', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'shell-'));
    try {
      const b = await buildShell(root, out);
      expect(path.relative(out, b.main)).toBe(path.join('main', 'main.mjs'));
      const preload = await readFile(b.preload, 'utf8');
      expect([...new Set(preload.match(/require\("[^"]+"\)/g))]).toEqual(['require("electron")']);
      expect(preload).toContain('exposeInMainWorld');
      expect(preload).not.toMatch(/^import /m);
      const main = await readFile(b.main, 'utf8');
      expect(main).toMatch(/from "electron"/);
      expect(main).toContain('registerSchemesAsPrivileged');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe('launcher', () => {
  it('parses --web, --port and --renderer, and refuses anything else', () => {
    expect(parseLaunchArgs([])).toEqual({ ok: true, value: { web: false } });
    expect(parseLaunchArgs(['--web', '--port', '8080'])).toEqual({ ok: true, value: { web: true, port: 8080 } });
    expect(parseLaunchArgs(['--web', '--port=0', '--renderer', 'out/r'])).toEqual({ ok: true, value: { web: true, port: 0, rendererDir: 'out/r' } });
    for (const bad of [['--port'], ['--port', 'x'], ['--port', '70000'], ['--port', '-1'], ['--renderer'], ['--verbose'], ['web']]) {
      expect(parseLaunchArgs(bad)).toMatchObject({ ok: false });
    }
  });

  it('finds no Electron binary when only the npm package is installed, without loading the package', () => {
    // The electron package is installed (types), its binary is not downloaded here; loading the package would try.
    expect(existsSync(path.join(root, 'node_modules', 'electron', 'package.json'))).toBe(true);
    const binary = findElectronBinary({});
    expect(binary === undefined || existsSync(binary)).toBe(true);
    if (!existsSync(path.join(root, 'node_modules', 'electron', 'path.txt'))) expect(binary).toBeUndefined();
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'win32')).toBe(true);
  });
});
