import { AppError } from '../base/errors.js';

/** The command line of `npm run collector`. */
export interface CollectorArgs {
  readonly configPath?: string;
  readonly metricsPort?: number;
  readonly help: boolean;
}

/** Usage text of `npm run collector`. */
export const COLLECTOR_USAGE = `usage: npm run collector -- [--config FILE] [--metrics-port N]
  --config FILE      clusters to monitor (YAML or JSON; see README "Headless collector and Prometheus").
                     Without it the embedded simulated cluster is started and monitored.
  --metrics-port N   port of /metrics on 127.0.0.1 (0 = any free port; default: the config's, else 9464)`;

/** Parses `--config FILE`, `--metrics-port N` (also `--opt=value`) and `--help`; bad input is a VALIDATION error. */
export function parseCollectorArgs(argv: readonly string[]): CollectorArgs {
  let configPath: string | undefined;
  let metricsPort: number | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0 && arg.startsWith('--')) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new AppError('VALIDATION', `${name} needs a value\n${COLLECTOR_USAGE}`);
      return v;
    };
    if (name === '--help' || name === '-h') help = true;
    else if (name === '--config') configPath = value();
    else if (name === '--metrics-port') {
      const text = value();
      const port = Number(text);
      if (!/^\d+$/.test(text) || port > 65_535) throw new AppError('VALIDATION', `--metrics-port must be an integer in 0..65535 (got "${text}")`);
      metricsPort = port;
    } else throw new AppError('VALIDATION', `unknown argument "${arg}"\n${COLLECTOR_USAGE}`);
  }
  return { help, ...(configPath !== undefined ? { configPath } : {}), ...(metricsPort !== undefined ? { metricsPort } : {}) };
}
