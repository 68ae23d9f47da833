import { Option, type Command } from 'commander';
import { AppError } from '../../base/errors.js';
import type { CollectorConfig, Secret } from '../../collector/collectorConfig.js';
import type { CliIo } from './cliIo.js';
import { promptSecret } from './promptSecret.js';

/**
 * Secrets never travel as a plain argument (they would stay in the shell history and in `ps`): a verb that needs
 * one declares `--<name>-env VAR` (the name of an environment variable holding it), and without it a person at a
 * terminal is asked for it; a script without a terminal gets a clear error instead of a prompt.
 */

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function camel(name: string): string {
  return `${name}-env`.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Declares `--<name>-env VAR` on a verb: `name` in kebab case (e.g. "security-password"), `what` says what it is. */
export function addSecretOption(cmd: Command, name: string, what: string): Command {
  return cmd.addOption(new Option(`--${name}-env <VAR>`, `environment variable holding ${what} (asked for at a terminal when not given)`));
}

/** The secret declared by addSecretOption: from the named variable, else asked for at a terminal. */
export async function readSecretOption(io: CliIo, options: Record<string, unknown>, name: string, what: string): Promise<string> {
  const variable = options[camel(name)];
  if (typeof variable === 'string') {
    if (!ENV_NAME.test(variable)) throw new AppError('VALIDATION', `--${name}-env takes the name of an environment variable, not the secret itself`);
    const value = io.env[variable];
    if (value === undefined || value === '') throw new AppError('VALIDATION', `environment variable ${variable} (--${name}-env) is not set`);
    return value;
  }
  return promptSecret(io, `${what[0]!.toUpperCase()}${what.slice(1)}`, `${what} is needed: give it with --${name}-env VAR (no terminal to ask on)`);
}

function envSecrets(config: CollectorConfig): Array<{ variable: string; what: string }> {
  const out: Array<{ variable: string; what: string }> = [];
  const add = (s: Secret | undefined, what: string): void => {
    if (s !== undefined && typeof s !== 'string' && !out.some((o) => o.variable === s.env)) out.push({ variable: s.env, what });
  };
  for (const c of config.clusters) {
    add(c.admin.password, `the OS administrator password of cluster ${c.id} (${c.admin.username})`);
    add(c.application.password, `the application user password of cluster ${c.id} (${c.application.username})`);
    if (c.snmp.version === '2c') add(c.snmp.community, `the SNMP community of cluster ${c.id}`);
    else {
      add(c.snmp.authKey, `the SNMPv3 authentication key of cluster ${c.id}`);
      add(c.snmp.privKey, `the SNMPv3 privacy key of cluster ${c.id}`);
    }
  }
  return out;
}

/**
 * The environment a collector config's `{ env: NAME }` secrets are read from: the process's, with every variable
 * the config names but the environment lacks asked for at a terminal (without one, the config's own error names
 * the missing variable).
 */
export async function configSecretsEnv(io: CliIo, config: CollectorConfig): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = { ...io.env };
  if (!io.interactive) return env;
  for (const { variable, what } of envSecrets(config)) {
    if (env[variable] === undefined || env[variable] === '') env[variable] = await promptSecret(io, `${what} ($${variable} is not set)`, `environment variable ${variable} is not set`);
  }
  return env;
}
