import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { AppError } from '../../base/errors.js';
import { profileSchema, type SimProfile } from './profileSchema.js';

/** Path of the default profile shipped with the simulator. */
export const DEFAULT_PROFILE_PATH = fileURLToPath(new URL('./profiles/default.yaml', import.meta.url));

/** Validates raw profile data; throws AppError('SIM_PROFILE') naming every bad field. */
export function parseProfile(raw: unknown, source = 'profile'): SimProfile {
  const result = profileSchema.safeParse(raw);
  if (!result.success) throw new AppError('SIM_PROFILE', `${source} is not a valid cluster profile:\n${formatIssues(result.error.issues)}`);
  return result.data;
}

/** Reads a JSON or YAML profile file (by extension; YAML otherwise) and validates it. */
export function loadProfile(path: string = DEFAULT_PROFILE_PATH): SimProfile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new AppError('SIM_PROFILE', `cannot read profile ${path}: ${(err as Error).message}`, { cause: err });
  }
  let raw: unknown;
  try {
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new AppError('SIM_PROFILE', `profile ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message}`, { cause: err });
  }
  return parseProfile(raw, `profile ${path}`);
}

/** Formats zod issues as "  - field.path: message" lines. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `  - ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('\n');
}
