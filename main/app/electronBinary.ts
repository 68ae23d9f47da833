/**
 * Finds the Electron executable without loading the `electron` package: its index.js downloads the binary when
 * missing, which must never happen from `npm start`. Plain Node; no electron import.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The absolute path of the Electron executable, or undefined when it is not installed. */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  let dir: string;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  let relative: string;
  try {
    relative = readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
  } catch {
    return undefined;
  }
  const file = env.ELECTRON_OVERRIDE_DIST_PATH ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron') : path.join(dir, 'dist', relative);
  try {
    accessSync(file, constants.X_OK);
    return file;
  } catch {
    return undefined;
  }
}

/** Whether a window can be shown (Linux needs X11 or Wayland). */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  return platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}
