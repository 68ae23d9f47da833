/**
 * The shell's build pieces: the esbuild bundles come out (preload: one CommonJS file requiring only 'electron'),
 * and the launcher's arguments are parsed strictly. electron-builder.yml and the icon: test/integration/packaging.test.ts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildShell } from '../../main/app/buildShell.js';
import { findElectronBinary, hasDisplay } from '../../main/app/electronBinary.js';
import { parseLaunchArgs } from '../../main/app/launchArgs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

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
