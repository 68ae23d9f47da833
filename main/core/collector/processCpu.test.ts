import { describe, expect, it } from 'vitest';
import { processCpuPercent, type ProcessCpuSnapshot } from './processCpu.js';

const snap = (atMs: number, cpu: Record<number, number>, uptimeCs?: number): ProcessCpuSnapshot => ({ atMs, uptimeCs, cpuCs: new Map(Object.entries(cpu).map(([pid, cs]) => [Number(pid), cs])) });

describe('processCpuPercent (hrSWRunPerfCPU centi-seconds → % of one core over the poll interval)', () => {
  it('is the counter increase over the elapsed time: 15 s of CPU in 30 s is 50 %, a full core 100 %', () => {
    const r = processCpuPercent(snap(0, { 1: 100_000, 2: 7_000 }), snap(30_000, { 1: 101_500, 2: 10_000 }), 4);
    expect(r.get(1)).toBeCloseTo(50, 9);
    expect(r.get(2)).toBeCloseTo(100, 9);
  });

  it('is not the counter itself: a process with 5,210 s of CPU time that used none since is 0 %, not 521,008 %', () => {
    const r = processCpuPercent(snap(0, { 7: 521_008 }), snap(30_000, { 7: 521_008 }), 4);
    expect(r.get(7)).toBe(0);
  });

  it('a multi-threaded process may use more than one core, up to every core', () => {
    const r = processCpuPercent(snap(0, { 1: 0 }), snap(10_000, { 1: 1_800 }), 2);
    expect(r.get(1)).toBeCloseTo(180, 9);
  });

  it('uses the agent\'s hrSystemUptime as the time base when both polls have it (a node clock at another pace)', () => {
    // 1 s of our time, 30 s of the node's (a simulated cluster at speed 30): 15 s of CPU is 50 %, not 1,500 %.
    const r = processCpuPercent(snap(0, { 1: 0 }, 1_000_000), snap(1_000, { 1: 1_500 }, 1_003_000), 4);
    expect(r.get(1)).toBeCloseTo(50, 9);
    // A smaller uptime (rebooted node) falls back to our clock.
    const back = processCpuPercent(snap(0, { 1: 0 }, 1_000_000), snap(30_000, { 1: 1_500 }, 500), 4);
    expect(back.get(1)).toBeCloseTo(50, 9);
  });

  it('gives no value for a new pid, a counter that went down, or a jump no process can make', () => {
    const r = processCpuPercent(snap(0, { 1: 5_000, 2: 100 }), snap(30_000, { 1: 10, 2: 100 + 52_100_800, 3: 50 }), 8);
    expect(r.has(1)).toBe(false); // went down: pid reused or agent restarted
    expect(r.has(2)).toBe(false); // 1,736,693 % of one core with 8 cores: a discontinuity
    expect(r.has(3)).toBe(false); // first seen
  });

  it('gives nothing before two polls or when no time passed', () => {
    expect(processCpuPercent(undefined, snap(0, { 1: 5 }), 1).size).toBe(0);
    expect(processCpuPercent(snap(5, { 1: 5 }), snap(5, { 1: 9 }), 1).size).toBe(0);
  });
});
