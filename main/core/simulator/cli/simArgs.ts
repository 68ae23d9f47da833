import { AppError } from '../../base/errors.js';

/** Options of `npm run sim`. */
export interface SimArgs {
  readonly profile?: string;
  readonly scenario?: string;
  readonly speed: number;
  readonly seed: number;
  readonly endpointsFile?: string;
  readonly basePort?: number;
  readonly help: boolean;
}

/** Usage text of `npm run sim`. */
export const SIM_USAGE = `Usage: npm run sim -- [--profile FILE] [--scenario FILE|NAME] [--speed N] [--seed N]
                     [--endpoints-file PATH] [--base-port N]

Starts the simulated IM and Presence cluster on loopback (each node on its own 127.0.0.0/8 address, the profile's
endpoints.addressBase + node index; 127.0.0.1 with per-node ports where the OS has no 127/8 aliases) and prints
every node's endpoints.
  --profile FILE         cluster profile (JSON or YAML); default: the shipped 5-node profile
  --scenario FILE|NAME   timeline of faults to play (a file, or a shipped scenario name; "demo" by default
                         with npm start, none with npm run sim)
  --speed N              virtual seconds per real second (default 1 = real time)
  --seed N               seed of every random series (default 1); same seed + scenario = same series
  --endpoints-file PATH  write the endpoints as JSON once every endpoint listens
  --base-port N          first port (default from the profile: 42000): SSH N, SNMP N+1, HTTPS SOAP N+2 on every
                         node, backup SFTP N+99; 0 = free ports (free on every node address)`;

/** Parses `npm run sim` arguments; throws AppError('VALIDATION') with the usage for bad ones. */
export function parseSimArgs(argv: readonly string[]): SimArgs {
  let profile: string | undefined;
  let scenario: string | undefined;
  let speed = 1;
  let seed = 1;
  let endpointsFile: string | undefined;
  let basePort: number | undefined;
  let help = false;
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new AppError('VALIDATION', `${flag} needs a value\n\n${SIM_USAGE}`);
    return v;
  };
  const number = (text: string, flag: string, min: number, max: number): number => {
    const n = Number(text);
    if (!Number.isFinite(n) || n < min || n > max) throw new AppError('VALIDATION', `${flag} must be a number from ${min} to ${max}, got "${text}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const take = (): string => {
      if (inline !== undefined) return inline;
      const v = value(i, flag);
      i++;
      return v;
    };
    switch (flag) {
      case '--profile':
        profile = take();
        break;
      case '--scenario':
        scenario = take();
        break;
      case '--speed':
        speed = number(take(), '--speed', 0.001, 100_000);
        break;
      case '--seed':
        seed = Math.trunc(number(take(), '--seed', 0, 2 ** 32 - 1));
        break;
      case '--endpoints-file':
        endpointsFile = take();
        break;
      case '--base-port':
        basePort = Math.trunc(number(take(), '--base-port', 0, 65000));
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new AppError('VALIDATION', `unknown option "${arg}"\n\n${SIM_USAGE}`);
    }
  }
  return { profile, scenario, speed, seed, endpointsFile, basePort, help };
}
