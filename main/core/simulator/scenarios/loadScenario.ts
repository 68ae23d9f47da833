import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { AppError } from '../../base/errors.js';
import { formatIssues } from '../profile/loadProfile.js';
import { scenarioSchema, type Scenario } from './scenarioSchema.js';

/** Folder of the scenarios shipped with the simulator. */
export const SCENARIO_DIR = fileURLToPath(new URL('./files/', import.meta.url));

/** Validates raw scenario data; throws AppError('SIM_SCENARIO') naming every bad field. */
export function parseScenario(raw: unknown, source = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(raw);
  if (!result.success) throw new AppError('SIM_SCENARIO', `${source} is not a valid scenario:\n${formatIssues(result.error.issues)}`);
  return result.data;
}

/** Reads a scenario file (JSON by extension, YAML otherwise); a bare name loads a shipped scenario. */
export function loadScenario(pathOrName: string): Scenario {
  const path = /[\\/.]/.test(pathOrName) ? pathOrName : `${SCENARIO_DIR}${pathOrName}.yaml`;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new AppError('SIM_SCENARIO', `cannot read scenario ${path}: ${(err as Error).message}`, { cause: err });
  }
  let raw: unknown;
  try {
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new AppError('SIM_SCENARIO', `scenario ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message}`, { cause: err });
  }
  return parseScenario(raw, `scenario ${path}`);
}

/** Names of the shipped scenarios. */
export function listShippedScenarios(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}
