import { describe, expect, it } from 'vitest';
import type { AlarmRecord, AlertRule, ThresholdCondition } from '../../../shared/model/alert.js';
import { alarmHeadline, alarmHoverText, sortForWall } from './alarmHeadline.js';
import { newCustomDraft } from './ruleForm.js';

const NOW = Date.UTC(2026, 11, 6, 3, 0, 0);
const MIN = 60_000;

const alarm = (id: string, o: Partial<AlarmRecord> = {}): AlarmRecord => ({
  id,
  key: id,
  ruleId: 'CriticalServiceDown',
  ruleName: 'CriticalServiceDown',
  group: 'System',
  severity: 'Critical',
  cluster: 'c1',
  node: 'imp-sub3',
  instance: 'Cisco XCP Router',
  status: 'outstanding',
  message: 'CriticalServiceDown on imp-sub3 (Cisco XCP Router): value 1 over threshold 0.5 (IMP Monitor Service\\Down)',
  origin: 'poll',
  raisedAt: NOW - 12 * MIN,
  lastOccurrenceAt: NOW - 5_000,
  occurrences: 3,
  lastValue: 1,
  flapping: false,
  ...o,
});

const thresholdRule = (id: string, condition: Omit<ThresholdCondition, 'kind' | 'valueAs'> & Partial<Pick<ThresholdCondition, 'valueAs'>>): AlertRule => ({
  ...newCustomDraft(),
  id,
  name: id,
  group: 'System',
  description: id,
  preconfigured: true,
  severity: 'Critical',
  condition: { kind: 'threshold', valueAs: 'absolute', ...condition },
  emailEnabled: false,
});

const serviceDown = thresholdRule('CriticalServiceDown', { metric: { object: 'IMP Monitor Service', counter: 'Down' }, direction: 'over', threshold: 0.5 });
const cpu = thresholdRule('CpuPegging', { metric: { object: 'Processor', instance: '_Total', counter: '% CPU Time' }, direction: 'over', threshold: 99 });
const partition = thresholdRule('LowActivePartitionAvailableDiskSpace', { metric: { object: 'Partition', instance: 'Active', counter: '% Used' }, direction: 'over', threshold: 96 });
const threads = thresholdRule('TotalProcessesAndThreadsExceededThreshold', { metric: { object: 'System', counter: 'Total Threads' }, direction: 'over', threshold: 5000 });

describe('wall-screen order of active alarms', () => {
  it('puts the worst severity first however new a lesser alarm is, then the longest-lasting condition', () => {
    const list = [
      alarm('w-new', { severity: 'Warning', raisedAt: NOW - MIN }),
      alarm('c-young', { severity: 'Critical', raisedAt: NOW - 5 * MIN }),
      alarm('e-old', { severity: 'Error', raisedAt: NOW - 90 * MIN }),
      alarm('c-old', { severity: 'Critical', raisedAt: NOW - 60 * MIN }),
      alarm('em', { severity: 'Emergency', raisedAt: NOW - 2 * MIN }),
      alarm('w-old', { severity: 'Warning', raisedAt: NOW - 300 * MIN }),
    ];
    expect(sortForWall(list).map((a) => a.id)).toEqual(['em', 'c-old', 'c-young', 'e-old', 'w-old', 'w-new']);
  });
  it('lists alarms nobody acknowledged before acknowledged ones of the same severity', () => {
    const acked = alarm('acked', { status: 'acknowledged', raisedAt: NOW - 60 * MIN, ack: { by: 'x', comment: '', atMs: NOW } });
    const open = alarm('open', { raisedAt: NOW - MIN });
    expect(sortForWall([acked, open]).map((a) => a.id)).toEqual(['open', 'acked']);
  });
  it('does not reorder its input', () => {
    const list = [alarm('b', { severity: 'Warning' }), alarm('a')];
    sortForWall(list);
    expect(list.map((a) => a.id)).toEqual(['b', 'a']);
  });
});

describe('alarm sentences', () => {
  it('names the stopped service first, with how long since it was raised (en and zh)', () => {
    expect(alarmHeadline(alarm('1'), serviceDown, 'en', NOW)).toBe('Cisco XCP Router stopped on imp-sub3 for 12 min');
    expect(alarmHeadline(alarm('1'), serviceDown, 'zh', NOW)).toBe('imp-sub3 上的 Cisco XCP Router 已停止 12分钟');
  });
  it('counts from when the condition was raised, not from the last poll', () => {
    const a = alarm('1', { raisedAt: NOW - 2 * 3600_000 - 5 * MIN, lastOccurrenceAt: NOW - 1000 });
    expect(alarmHeadline(a, serviceDown, 'en', NOW)).toBe('Cisco XCP Router stopped on imp-sub3 for 2 hr, 5 min');
    expect(alarmHeadline(a, serviceDown, 'zh', NOW)).toBe('imp-sub3 上的 Cisco XCP Router 已停止 2小时5分钟');
  });
  it('never shows the engine\u2019s threshold arithmetic', () => {
    for (const locale of ['en', 'zh'] as const) {
      const text = alarmHeadline(alarm('1'), serviceDown, locale, NOW);
      expect(text).not.toMatch(/threshold|0\.5|IMP Monitor Service/);
    }
  });
  it('writes node-level status alarms as sentences', () => {
    const down = alarm('2', { ruleId: 'ServerDown', ruleName: 'ServerDown', node: 'cucm-pub', instance: '', raisedAt: NOW - 3 * MIN });
    expect(alarmHeadline(down, undefined, 'en', NOW)).toBe('cucm-pub unreachable for 3 min');
    expect(alarmHeadline(down, undefined, 'zh', NOW)).toBe('cucm-pub 无法访问，已持续 3分钟');
    const failed = alarm('3', { ruleId: 'SRMFailed', ruleName: 'SRMFailed', instance: '', raisedAt: NOW - 40_000 });
    expect(alarmHeadline(failed, undefined, 'zh', NOW)).toBe('imp-sub3 正在故障模式下运行（高可用性），已持续 40秒');
  });
  it('quotes counters with their value and limit, in percent where the counter is one', () => {
    const hot = alarm('4', { ruleId: 'CpuPegging', ruleName: 'CpuPegging', instance: '_Total', lastValue: 99.6, raisedAt: NOW - 4 * MIN });
    expect(alarmHeadline(hot, cpu, 'en', NOW)).toBe('CPU at 99.6% on imp-sub3 for 4 min (limit 99%)');
    expect(alarmHeadline(hot, cpu, 'zh', NOW)).toBe('imp-sub3 的 CPU 为 99.6%，已持续 4分钟（阈值 99%）');
    const disk = alarm('5', { ruleId: partition.id, ruleName: partition.name, instance: 'Active', lastValue: 97.2, raisedAt: NOW - MIN });
    expect(alarmHeadline(disk, partition, 'en', NOW)).toBe('Active partition 97.2% used on imp-sub3 for 1 min (limit 96%)');
    const many = alarm('6', { ruleId: threads.id, ruleName: threads.name, instance: '', lastValue: 5230, raisedAt: NOW - 10 * MIN });
    expect(alarmHeadline(many, threads, 'en', NOW)).toBe('Total Threads at 5,230 on imp-sub3 for 10 min (over 5,000)');
    expect(alarmHeadline(many, threads, 'zh', NOW)).toBe('imp-sub3 的 Total Threads 为 5,230，已持续 10分钟（高于 5,000）');
  });
  it('writes syslog events with the rule name and how long ago they came', () => {
    const ev = alarm('7', { ruleId: 'CoreDumpFileFound', ruleName: 'CoreDumpFileFound', instance: '', origin: 'syslog', lastValue: undefined, raisedAt: NOW - 7 * MIN });
    expect(alarmHeadline(ev, undefined, 'en', NOW)).toBe('CoreDumpFileFound on imp-sub3, 7 min ago');
    expect(alarmHeadline(ev, undefined, 'zh', NOW)).toBe('imp-sub3 上的 CoreDumpFileFound，7分钟前');
  });
  it('names the message itself when the rule only matched its severity (SyslogSeverityMatchFound)', () => {
    const ev = alarm('8', { ruleId: 'SyslogSeverityMatchFound', ruleName: 'SyslogSeverityMatchFound', instance: '', origin: 'syslog', lastValue: undefined, raisedAt: NOW - 15_000, message: '%CCM_SERVICEMANAGER-SERVICEMANAGER-2-ServiceFailed: %[ServiceName=Cisco XCP Router]' });
    expect(alarmHeadline(ev, undefined, 'en', NOW)).toBe('ServiceFailed from CCM_SERVICEMANAGER-SERVICEMANAGER on imp-sub3, 15 sec ago');
    expect(alarmHeadline(ev, undefined, 'zh', NOW)).toBe('imp-sub3 上 CCM_SERVICEMANAGER-SERVICEMANAGER 的 ServiceFailed，15秒前');
    // A message without a CiscoLog head keeps the rule's name.
    expect(alarmHeadline({ ...ev, message: 'plain text' }, undefined, 'en', NOW)).toBe('SyslogSeverityMatchFound on imp-sub3, 15 sec ago');
  });
  it('gives the whole story on hover: the sentence, then the engine\u2019s message', () => {
    const text = alarmHoverText(alarm('1'), serviceDown, 'en', NOW);
    expect(text.split('\n')[0]).toBe('Cisco XCP Router stopped on imp-sub3 for 12 min');
    expect(text).toContain('IMP Monitor Service\\Down');
  });
});
