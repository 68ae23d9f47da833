import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDbReplicationRuntimeState } from './dbReplication.js';
import { parseHaStatus } from './haStatus.js';
import { parseNetworkCluster } from './networkCluster.js';
import { parseServiceList } from './serviceList.js';
import { parseShowPerf } from './showPerf.js';
import { parseShowStatus } from './showStatus.js';
import { parseShowVersion } from './showVersion.js';

// Golden files: fixtures/<name>.txt (ref-* from serviceability-reference.md D, sim-* captured from the simulator's
// admin CLI) and the reviewed parse in <name>.expected.json. UPDATE_FIXTURES=1 rewrites them (then review the diff).
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const PARSERS: ReadonlyArray<[RegExp, (text: string) => unknown]> = [
  [/ha-status/, parseHaStatus],
  [/dbreplication/, parseDbReplicationRuntimeState],
  [/show-perf/, parseShowPerf],
  [/service-list/, parseServiceList],
  [/show-status/, parseShowStatus],
  [/network-cluster/, parseNetworkCluster],
  [/show-version/, parseShowVersion],
];

describe('admin CLI parsers against fixtures', () => {
  // drs-* fixtures belong to drsOutput.test.ts, report-* to reportCommands.test.ts.
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt') && !f.startsWith('drs-') && !f.startsWith('report-'));
  it('has a parser for every fixture', () => {
    expect(files.length).toBeGreaterThanOrEqual(17);
    for (const f of files) expect(PARSERS.some(([re]) => re.test(f)), f).toBe(true);
  });
  for (const file of files) {
    it(file, () => {
      const parse = PARSERS.find(([re]) => re.test(file))![1];
      const actual = parse(readFileSync(join(FIXTURES, file), 'utf8'));
      const expectedPath = join(FIXTURES, file.replace(/\.txt$/, '.expected.json'));
      if (process.env.UPDATE_FIXTURES) writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
      expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
    });
  }
});

describe('parser edge cases', () => {
  it('joins a wrapped HA reason onto its node', () => {
    const [sub] = parseHaStatus('Subcluster Name: S\nNode 1 Name : a State: Failed Over Reason: \nCritical Service Down\nNode 2 Name : b State: Normal\n');
    expect(sub?.nodes).toEqual([
      { name: 'a', state: 'Failed Over', reason: 'Critical Service Down' },
      { name: 'b', state: 'Normal', reason: '' },
    ]);
  });
  it('strips ANSI colour codes and CRs before parsing', () => {
    expect(parseServiceList('\x1b[32mCisco Tomcat[STARTED]\x1b[0m\r\n')).toEqual([{ name: 'Cisco Tomcat', status: 'Started', activated: true }]);
  });
  it('service list: a line of 50,000 blanks without a tag is skipped at once (the name is what precedes the tag)', () => {
    expect(parseServiceList(`${' '.repeat(50_000)}x\nCisco Tomcat   [STARTED]\n`)).toEqual([{ name: 'Cisco Tomcat', status: 'Started', activated: true }]);
    expect(parseServiceList('   [STARTED]\n')).toEqual([]);
  });
  it('reports the abort line of a single-node runtimestate', () => {
    expect(parseDbReplicationRuntimeState('Cisco DB is not running\n').error).toBe('Cisco DB is not running');
  });
  it('show version: a fresh inactive partition, and text with no version line', () => {
    expect(parseShowVersion('Inactive Master Version: 0.0.0.0000-0000\nInactive Version Installed Software Options:\nNo Installed Software Options Found.\n')).toEqual({ partition: 'inactive', version: '0.0.0.0000-0000', options: [] });
    expect(parseShowVersion('Executed command unsuccessfully\n')).toEqual({ version: '', options: [] });
  });
  it('returns nothing for unrelated text instead of throwing', () => {
    for (const [, parse] of PARSERS) expect(() => parse('garbage \x00 ((( [[ ->')).not.toThrow();
  });
});
