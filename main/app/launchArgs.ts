/** Parses `npm start -- [--web] [--port N] [--renderer DIR] [--sim-base-port N]`; bad input comes back as a message. */

/** The launcher's options. */
export interface LaunchArgs {
  readonly web: boolean;
  readonly port?: number;
  readonly rendererDir?: string;
  /** First port of the embedded simulated cluster (default the profile's 42000; 0 = free ports). */
  readonly simBasePort?: number;
}

/** Parsed arguments or what is wrong with them. */
export type LaunchArgsResult = { readonly ok: true; readonly value: LaunchArgs } | { readonly ok: false; readonly message: string };

/** Parses argv (without node and script). `--port` implies nothing else; `--web` forces web mode. */
export function parseLaunchArgs(argv: readonly string[]): LaunchArgsResult {
  let web = false;
  let port: number | undefined;
  let rendererDir: string | undefined;
  let simBasePort: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--web':
        web = true;
        break;
      case '--port': {
        const v = value();
        const n = Number(v);
        if (v === undefined || !/^\d+$/.test(v) || n < 0 || n > 65_535) return { ok: false, message: `--port needs a number 0-65535, got ${v ?? 'nothing'}` };
        port = n;
        break;
      }
      case '--renderer': {
        const v = value();
        if (!v) return { ok: false, message: '--renderer needs a directory' };
        rendererDir = v;
        break;
      }
      case '--sim-base-port': {
        const v = value();
        const n = Number(v);
        if (v === undefined || !/^\d+$/.test(v) || n > 65_000) return { ok: false, message: `--sim-base-port needs a number 0-65000 (0 = free ports), got ${v ?? 'nothing'}` };
        simBasePort = n;
        break;
      }
      default:
        return { ok: false, message: `unknown argument '${a}'` };
    }
  }
  return { ok: true, value: { web, ...(port !== undefined ? { port } : {}), ...(rendererDir !== undefined ? { rendererDir } : {}), ...(simBasePort !== undefined ? { simBasePort } : {}) } };
}
