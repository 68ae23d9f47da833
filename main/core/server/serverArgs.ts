/**
 * The command line of `npm run server` (issue 16): `[--config FILE] [--listen ADDR:PORT] [--data-dir DIR]`, parsed
 * with commander like the other command lines (base/commandLine.ts); bad usage is exit 2 with the usage.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseCommandLine, typedPath } from '../base/commandLine.js';
import { parseListen, type ListenAddress } from './listenAddress.js';

/** What the command line asked. */
export interface ServerArgs {
  readonly configPath?: string;
  readonly listen?: ListenAddress;
  readonly dataDir?: string;
}

/** The outcome of parsing: options, the help text, or bad usage (message and usage). */
export type ServerArgsResult =
  | { readonly kind: 'ok'; readonly args: ServerArgs }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'usage'; readonly message: string; readonly usage: string };

function serverCommand(): Command {
  return new Command('npm run server --')
    .usage('[--config FILE] [--listen ADDR:PORT] [--data-dir DIR]')
    .description(
      'The IMP Monitor server: the whole backend headless (collector, history, Alert Central, notifications, receivers, /metrics, the audit log) serving the UI to named operators who log in. Listens on 127.0.0.1:8443 by default; any other address needs TLS (tls.certFile and tls.keyFile in the config). Without a config it monitors the embedded simulated cluster on free ports.',
    )
    .addOption(new Option('--config <FILE>', 'server config (JSON: listen, tls, publicHosts, dataDir, sessions, lockout, embeddedSimulator, metrics; see README "Server mode")'))
    .addOption(
      new Option('--listen <ADDR:PORT>', 'where to listen (beats the config; default 127.0.0.1:8443)').argParser((v) => {
        try {
          return parseListen(v, '--listen');
        } catch (err) {
          throw new InvalidArgumentError((err as Error).message);
        }
      }),
    )
    .addOption(new Option('--data-dir <DIR>', 'the data folder: history, operators, sessions, audit log, settings (beats the config; default $IMP_MONITOR_STATE_DIR, else ~/.imp-monitor)'))
    .helpOption('-h, --help', 'show this help')
    .allowExcessArguments(false);
}

/** Usage text of `npm run server`. */
export function serverUsage(): string {
  return serverCommand().helpInformation().trimEnd();
}

/** Parses argv (without node and script); relative paths resolve against the folder the command was typed in. */
export function parseServerArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ServerArgsResult {
  const r = parseCommandLine<{ config?: string; listen?: ListenAddress; dataDir?: string }>(serverCommand(), argv);
  if (r.kind !== 'ok') return r;
  const { config, listen, dataDir } = r.options;
  if (config === '') return { kind: 'usage', message: '--config needs a file', usage: serverUsage() };
  if (dataDir === '') return { kind: 'usage', message: '--data-dir needs a folder', usage: serverUsage() };
  return {
    kind: 'ok',
    args: {
      ...(config !== undefined ? { configPath: typedPath(config, env) } : {}),
      ...(listen !== undefined ? { listen } : {}),
      ...(dataDir !== undefined ? { dataDir: typedPath(dataDir, env) } : {}),
    },
  };
}
