import { outputLines } from './cliText.js';

/** `show version active` or `show version inactive` (serviceability-reference.md D: the CLI the collector reads). */
export interface ShowVersion {
  /** 'active' or 'inactive', from the "<Label> Master Version:" line; undefined when no such line was found. */
  readonly partition?: 'active' | 'inactive';
  /** The product build, e.g. 14.0.1.11900-4; '' when absent. A fresh inactive partition shows 0.0.0.0000-0000. */
  readonly version: string;
  /** Installed software options (COP files); empty when the CLI says "No Installed Software Options Found.". */
  readonly options: string[];
}

/**
 * Parses `show version active|inactive`:
 *   Active Master Version: 14.0.1.11900-4
 *   Active Version Installed Software Options:
 *   No Installed Software Options Found.      (or one option file name per line)
 * The reference has no sample of this command: fixtures/ref-show-version-active.txt is designed after Cisco's
 * documented layout [I]; sim-show-version-active.txt is the simulator's.
 */
export function parseShowVersion(text: string): ShowVersion {
  const lines = outputLines(text).map((l) => l.trim());
  let partition: ShowVersion['partition'];
  let version = '';
  const options: string[] = [];
  let inOptions = false;
  for (const line of lines) {
    const master = /^(Active|Inactive) Master Version:\s*(\S*)/i.exec(line);
    if (master) {
      partition = master[1]!.toLowerCase() as 'active' | 'inactive';
      version = master[2] ?? '';
      inOptions = false;
      continue;
    }
    if (/^(Active|Inactive) Version Installed Software Options:/i.test(line)) {
      inOptions = true;
      continue;
    }
    if (!inOptions || line === '' || /^No Installed Software Options Found/i.test(line) || /^admin:/.test(line)) continue;
    options.push(line);
  }
  return { ...(partition ? { partition } : {}), version, options };
}
