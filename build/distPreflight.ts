/**
 * What `npm run dist` needs before electron-builder starts, checked in seconds so that a machine without them
 * gets one line instead of a download that retries for most of a minute (measured here: 44 s to a stack trace,
 * when DNS fails at once; a firewall that drops packets waits for each request's 10-minute timeout) or a native
 * rebuild that stops half way. The sources are those electron-builder 26 uses
 * (https://www.electron.build/docs/tutorials/offline-air-gapped-builds):
 * - the Electron distribution for each target platform and arch: `electronDist` (an unpacked Electron, a folder
 *   holding its zip, or the zip), else @electron/get's cache (`electronDownload.cache`, default ~/.cache/electron;
 *   ELECTRON_CACHE is not read by @electron/get 5), else a download from ELECTRON_MIRROR or GitHub releases;
 * - electron-builder's tools for the installers (AppImage runtime, fpm, NSIS, dmg builder): its cache
 *   (ELECTRON_BUILDER_CACHE, default ~/.cache/electron-builder), else ELECTRON_BUILDER_BINARIES_MIRROR or GitHub;
 * - with `npmRebuild` (on here: better-sqlite3 and cpu-features are native), Electron's headers from
 *   electronjs.org (cached in ~/.electron-gyp) and the modules' prebuilt binaries from GitHub.
 */
import { lookup } from 'node:dns/promises';
import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir } from 'node:os';
import path from 'node:path';

/** One Electron distribution a build needs. */
export interface ElectronTarget {
  readonly platform: NodeJS.Platform;
  readonly arch: string;
}

export interface DistNeeds {
  readonly electronVersion: string;
  readonly electron: readonly ElectronTarget[];
  /** `electronDist` as configured (a path), if any. */
  readonly electronDist?: string | undefined;
  /** @electron/get's cache root (electronDownload.cache or its default). */
  readonly electronCache: string;
  /** electron-builder's tool cache. */
  readonly builderCache: string;
  /** Whether targets other than `dir` are built (they need electron-builder's tools). */
  readonly installers: boolean;
  readonly npmRebuild: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly projectDir: string;
  /** How long one host may take to answer a TCP connect (default 5 s). */
  readonly probeTimeoutMs?: number;
}

const GITHUB = 'https://github.com/';
const HEADERS = 'https://www.electronjs.org/headers';

/** The mirror electron-builder downloads Electron from (@electron/get's variables, then its default). */
export function electronMirror(env: NodeJS.ProcessEnv): string {
  return env.npm_config_electron_mirror || env.NPM_CONFIG_ELECTRON_MIRROR || env.npm_package_config_electron_mirror || env.ELECTRON_MIRROR || `${GITHUB}electron/electron/releases/download/`;
}

/** The mirror electron-builder downloads its tools from. */
export function binariesMirror(env: NodeJS.ProcessEnv): string {
  return env.NPM_CONFIG_ELECTRON_BUILDER_BINARIES_MIRROR || env.npm_config_electron_builder_binaries_mirror || env.npm_package_config_electron_builder_binaries_mirror || env.ELECTRON_BUILDER_BINARIES_MIRROR || GITHUB;
}

/** Resolves and connects to the host of `url` (or of the HTTPS proxy, when one is set); undefined when it answers. */
export async function probe(url: string, env: NodeJS.ProcessEnv, timeoutMs = 5000): Promise<string | undefined> {
  const proxy = env.HTTPS_PROXY || env.https_proxy || env.ELECTRON_GET_USE_PROXY && (env.GLOBAL_AGENT_HTTPS_PROXY || env.GLOBAL_AGENT_HTTP_PROXY);
  const target = new URL(proxy || url);
  const port = Number(target.port) || (target.protocol === 'http:' ? 80 : 443);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const deadline = AbortSignal.timeout(timeoutMs);
  try {
    const { address } = await Promise.race([lookup(host), abortAsError(deadline, `no answer from DNS for ${host} within ${timeoutMs} ms`)]);
    await new Promise<void>((resolve, reject) => {
      const socket = connect({ host: address, port, signal: deadline });
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', (err: NodeJS.ErrnoException) => reject(err.name === 'AbortError' ? new Error(`${host}:${port} did not answer within ${timeoutMs} ms`) : err));
    });
    return undefined;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return `${proxy ? `proxy ${host}` : host} unreachable (${e.code ?? e.message})`;
  }
}

function abortAsError(signal: AbortSignal, message: string): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error(message)), { once: true }));
}

/** The Electron zip of one target in @electron/get's cache (any mirror's folder), if there. */
export function cachedElectronZip(cacheRoot: string, version: string, t: ElectronTarget): string | undefined {
  const name = `electron-v${version}-${t.platform}-${t.arch}.zip`;
  if (!existsSync(cacheRoot)) return undefined;
  for (const dir of readdirSync(cacheRoot)) {
    const zip = path.join(cacheRoot, dir, name);
    if (existsSync(zip)) return zip;
  }
  return undefined;
}

function hasEntries(dir: string): boolean {
  try {
    return readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

/**
 * Returns undefined when a build can start, otherwise one line saying what is missing and what would do.
 * Hosts are probed only for what is not already on disk, all at once.
 */
export async function checkDistPrerequisites(needs: DistNeeds): Promise<string | undefined> {
  const missing: string[] = [];
  const hosts = new Map<string, Promise<string | undefined>>();
  const reach = (url: string) => {
    const key = new URL(url).host;
    if (!hosts.has(key)) hosts.set(key, probe(url, needs.env, needs.probeTimeoutMs));
    return hosts.get(key) as Promise<string | undefined>;
  };
  const list = needs.electron.map((t) => `${t.platform}-${t.arch}`).join(', ');
  const checks: Promise<void>[] = [];
  if (needs.electronDist) {
    const dist = path.resolve(needs.projectDir, needs.electronDist);
    if (!existsSync(dist)) missing.push(`electronDist ${dist} does not exist`);
  } else {
    const mirror = electronMirror(needs.env);
    const notCached = needs.electron.filter((t) => !cachedElectronZip(needs.electronCache, needs.electronVersion, t));
    if (notCached.length > 0) {
      checks.push(
        reach(mirror).then((err) => {
          if (err) missing.push(`the Electron ${needs.electronVersion} binary for ${notCached.map((t) => `${t.platform}-${t.arch}`).join(', ')} (not in ${needs.electronCache}; ${err})`);
        }),
      );
    } else if (!existsSync(path.join(needs.electronCache, `SHASUMS256.txt-${needs.electronVersion}`)) && !existsSync(path.join(needs.electronCache, 'SHASUMS256.txt'))) {
      // @electron/get fetches SHASUMS256.txt even for a cached zip unless it is seeded beside the cache.
      checks.push(
        reach(mirror).then((err) => {
          if (err) missing.push(`SHASUMS256.txt-${needs.electronVersion} in ${needs.electronCache} to verify the cached Electron zips offline (${err})`);
        }),
      );
    }
  }
  if (needs.installers && !hasEntries(needs.builderCache)) {
    checks.push(
      reach(binariesMirror(needs.env)).then((err) => {
        if (err) missing.push(`electron-builder's installer tools (not in ${needs.builderCache}; ${err})`);
      }),
    );
  }
  if (needs.npmRebuild && !existsSync(path.join(homedir(), '.electron-gyp', needs.electronVersion))) {
    checks.push(
      reach(needs.env.npm_config_disturl || HEADERS).then((err) => {
        if (err) missing.push(`Electron's headers to rebuild better-sqlite3 for Electron (not in ~/.electron-gyp; ${err})`);
      }),
    );
  }
  await Promise.all(checks);
  if (missing.length === 0) return undefined;
  return (
    `cannot build installers for ${list} here: missing ${missing.join('; ')}. ` +
    `It needs the Electron binary (--config.electronDist=DIR with an unpacked Electron, or network to GitHub releases or an ELECTRON_MIRROR) ` +
    `and electron-builder's tools (network to GitHub or an ELECTRON_BUILDER_BINARIES_MIRROR, or a seeded ELECTRON_BUILDER_CACHE): see README "Installers"`
  );
}
