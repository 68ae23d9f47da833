import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import type { DrsComponentRow, DrsStatus } from '../../../../shared/model/drs.js';
import type { ClusterSpec } from '../../collector/collector.js';
import { isoSeconds, namesArg, startArg, weekdayNames, weekdaysArg } from './drsOptions.js';
import { DrsProgressLines } from './drsProgressLines.js';
import { pickCluster } from './drsVerb.js';

const row = (over: Partial<DrsComponentRow>): DrsComponentRow => ({ feature: 'UCM', server: 'cucm-pub', component: 'CCMDB', state: 'PENDING', percent: 0, ...over });
const status = (over: Partial<DrsStatus>): DrsStatus => ({
  operation: 'backup', state: 'RUNNING', message: 'Backup in progress', tarFilename: '2026-12-06-10-00-00.tar', storageLocation: 'NETWORK', percentage: 0, rows: [], ...over,
});

describe('imp drs option values', () => {
  it('keeps feature names exactly as typed (IM&P, CDR_CAR), trims, drops repeats and refuses an empty list', () => {
    expect(namesArg(' UCM, IM&P ,CDR_CAR,UCM')).toEqual(['UCM', 'IM&P', 'CDR_CAR']);
    expect(() => namesArg(' , ')).toThrow(InvalidArgumentError);
  });

  it('reads weekdays by short or full name, "default" as the guide\'s Tuesday to Saturday, and refuses others', () => {
    expect(weekdaysArg('sat,Mon,tuesday')).toEqual([1, 2, 6]);
    expect(weekdaysArg('default')).toEqual([2, 3, 4, 5, 6]);
    expect(weekdayNames([2, 3, 4, 5, 6])).toBe('tue,wed,thu,fri,sat');
    expect(() => weekdaysArg('mo')).toThrow(/sun,mon,tue/);
    expect(() => weekdaysArg('funday')).toThrow(InvalidArgumentError);
  });

  it("reads a start as the CLI's yyyy/mm/dd-hh:mm in UTC, or ISO 8601; refuses a date that does not exist", () => {
    expect(startArg('2026/12/08-02:30')).toBe(Date.UTC(2026, 11, 8, 2, 30));
    expect(startArg('2026-12-08T03:30+01:00')).toBe(Date.UTC(2026, 11, 8, 2, 30));
    expect(() => startArg('2026/02/30-01:00')).toThrow(InvalidArgumentError);
    expect(() => startArg('tomorrow')).toThrow(/yyyy\/mm\/dd-hh:mm/);
    expect(isoSeconds(Date.UTC(2026, 11, 8, 2, 30, 5, 120))).toBe('2026-12-08T02:30:05Z');
  });
});

describe('imp drs progress lines', () => {
  it('prints the job line on a change and each component once per change of state or percent', () => {
    const lines: string[] = [];
    const p = new DrsProgressLines((l) => lines.push(l));
    p.update(status({ rows: [row({ state: 'ACTIVE', percent: 10, logFile: '/var/log/active/platform/drf/log/a.log' }), row({ component: 'TCT' })] }));
    expect(lines).toEqual([
      'backup RUNNING 0%: 2026-12-06-10-00-00.tar (NETWORK) Backup in progress',
      'cucm-pub UCM/CCMDB ACTIVE 10% (log /var/log/active/platform/drf/log/a.log)',
    ]);
    lines.length = 0;
    p.update(status({ rows: [row({ state: 'ACTIVE', percent: 10, logFile: '/var/log/active/platform/drf/log/a.log' }), row({ component: 'TCT' })] }));
    expect(lines).toEqual([]);
    p.update(status({ percentage: 50, rows: [row({ state: 'SUCCESS', percent: 100 }), row({ component: 'TCT', state: 'ACTIVE', percent: 5 })] }));
    expect(lines).toEqual(['backup RUNNING 50%: 2026-12-06-10-00-00.tar (NETWORK) Backup in progress', 'cucm-pub UCM/CCMDB SUCCESS 100%', 'cucm-pub UCM/TCT ACTIVE 5%']);
  });
});

const spec = (nodes: Array<[string, ClusterSpec['nodes'][number]['role']]>, id = 'sim'): ClusterSpec =>
  ({ id, name: id, publisherHost: '127.0.0.1', simulated: true, nodes: nodes.map(([name, role]) => ({ name, role })) }) as unknown as ClusterSpec;

describe('imp drs cluster choice', () => {
  const c = spec([['cucm-pub', 'cucm-publisher'], ['imp-pub', 'imp-publisher'], ['imp-sub1', 'imp-subscriber']]);

  it('acts on the only cluster, or the one --cluster names; several without --cluster is refused naming them', () => {
    expect(pickCluster([c], undefined)).toBe(c);
    const other = spec([['x', 'imp-publisher']], 'lab');
    expect(pickCluster([c, other], 'lab')).toBe(other);
    expect(() => pickCluster([c, other], undefined)).toThrow(/2 clusters \(sim, lab\): name one with --cluster ID/);
    expect(() => pickCluster([c], 'nope')).toThrow(/no cluster nope: the clusters are sim/);
  });
});

describe('imp drs progress lines at the end', () => {
  it("prints the job's end after the last components' lines", () => {
    const lines: string[] = [];
    const p = new DrsProgressLines((l) => lines.push(l));
    p.update(status({ rows: [row({ state: 'ACTIVE', percent: 50 })] }));
    lines.length = 0;
    p.update(status({ state: 'SUCCESS', percentage: 100, message: 'Backup Completed...', rows: [row({ state: 'SUCCESS', percent: 100 })] }));
    expect(lines).toEqual(['cucm-pub UCM/CCMDB SUCCESS 100%', 'backup SUCCESS 100%: 2026-12-06-10-00-00.tar (NETWORK) Backup Completed...']);
  });
});
