import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { typedPath } from '../../base/commandLine.js';
import { appStateDir } from '../../base/stateDir.js';

/** Where a verb acts: a collector config, a running `npm run sim`'s endpoints file, or (neither) the embedded cluster. */
export interface Where {
  /** The headless collector's cluster config (YAML or JSON). */
  readonly configPath?: string;
  /** The endpoints file a running `npm run sim -- --endpoints-file PATH` wrote. */
  readonly endpointsPath?: string;
  /** The state folder read and written (default the app's: IMP_MONITOR_STATE_DIR or ~/.imp-monitor). */
  readonly dataDir: string;
}

/** Adds `--config FILE` | `--endpoints FILE` (one or neither) and `--data-dir DIR`. */
export function addWhereOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--config <FILE>', "the clusters of a collector config (YAML or JSON, as npm run collector reads; pins in the config's stateDir)"))
    .addOption(new Option('--endpoints <FILE>', 'the simulated cluster of a running `npm run sim -- --endpoints-file FILE`').conflicts('config'))
    .addOption(new Option('--data-dir <DIR>', "state folder read and written (default: the app's, $IMP_MONITOR_STATE_DIR or ~/.imp-monitor)"));
}

/**
 * The Where of the options of addWhereOptions. Relative paths resolve against the folder the command was typed in:
 * `npm run` starts it in the project folder and names the caller's in INIT_CWD (as `npm start --scenario` does).
 */
export function whereOf(options: { config?: string; endpoints?: string; dataDir?: string }, env: NodeJS.ProcessEnv): Where {
  return {
    ...(options.config !== undefined ? { configPath: typedPath(options.config, env) } : {}),
    ...(options.endpoints !== undefined ? { endpointsPath: typedPath(options.endpoints, env) } : {}),
    // The default is the app's own folder, read as the app reads it (a relative IMP_MONITOR_STATE_DIR included).
    dataDir: options.dataDir !== undefined ? typedPath(options.dataDir, env) : resolve(appStateDir(env)),
  };
}
