import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DrsJobView, DrsOverview, DrsStatus } from '../../../shared/model/drs.js';
import { setBridgeForTesting } from '../../ipc/bridge.js';
import { createFakeBridge } from '../../ipc/testing.js';
import { isJobRunning, latestJob, upsertDrsJob, useDrsStore } from './drsStore.js';

const initial = useDrsStore.getState();
const status = (state: DrsStatus['state'], percentage: number): DrsStatus => ({ operation: 'backup', state, message: state, tarFilename: 'f.tar', storageLocation: 'D', percentage, rows: [] });
const view = (jobId: string, startedMs: number, s?: DrsStatus, endedMs?: number): DrsJobView => ({ cluster: 'c1', operation: 'backup', jobId, startedMs, device: 'D', features: ['UCM'], alarms: [], ...(s ? { status: s } : {}), ...(endedMs ? { endedMs } : {}) });
const overview: DrsOverview = { cluster: 'c1', masterNode: 'cucm-pub', registration: [], features: ['UCM', 'IM&P'], devices: [], schedules: [], errors: {} };

beforeEach(() => useDrsStore.setState(initial, true));
afterEach(() => setBridgeForTesting(undefined));

describe('DRS store', () => {
  it('keeps the newest job first, replaces by id, and tells running from ended', () => {
    let list = upsertDrsJob([], view('j1', 10, status('RUNNING', 20)));
    list = upsertDrsJob(list, view('j2', 20));
    list = upsertDrsJob(list, view('j1', 10, status('SUCCESS', 100), 30));
    expect(list.map((j) => j.jobId)).toEqual(['j2', 'j1']);
    expect(isJobRunning(list[0]!)).toBe(true);
    expect(isJobRunning(list[1]!)).toBe(false);
    expect(latestJob(list, 'c1', 'backup')?.jobId).toBe('j2');
    expect(latestJob(list, 'c1', 'restore')).toBeUndefined();
  });

  it('keeps a refusal in DRS\u2019s words and loses nothing (the device list stays)', async () => {
    const devices = [{ name: 'D', type: 'NETWORK', host: 'h', port: 22, path: '/b', usedBySchedules: ['S'] }];
    setBridgeForTesting(
      createFakeBridge({
        drs: {
          overview: async () => ({ ...overview, devices }),
          deleteDevice: async () => Promise.reject({ code: 'CONFLICT', message: 'Device is used by a schedule', retryable: false }),
        },
      }),
    );
    await useDrsStore.getState().loadOverview('c1');
    expect(await useDrsStore.getState().deleteDevice('c1', 'D')).toBe(false);
    expect(useDrsStore.getState().actionError).toEqual({ code: 'CONFLICT', message: 'Device is used by a schedule', retryable: false });
    expect(useDrsStore.getState().overview?.devices).toEqual(devices);
  });

  it('follows a backup from its start through pushed views, and reads history when it ends', async () => {
    let historyCalls = 0;
    setBridgeForTesting(
      createFakeBridge({
        drs: {
          overview: async () => overview,
          startBackup: async () => view('j1', 10, status('RUNNING', 0)),
          history: async () => {
            historyCalls++;
            return [];
          },
        },
      }),
    );
    await useDrsStore.getState().loadOverview('c1');
    expect(await useDrsStore.getState().startBackup('c1', 'D', ['UCM'])).toBe(true);
    useDrsStore.getState().applyJob(view('j1', 10, status('RUNNING', 50)));
    expect(latestJob(useDrsStore.getState().jobs, 'c1', 'backup')?.status?.percentage).toBe(50);
    expect(historyCalls).toBe(0);
    useDrsStore.getState().applyJob(view('j1', 10, status('SUCCESS', 100), 20));
    await new Promise((r) => setTimeout(r, 0));
    expect(historyCalls).toBe(1);
  });

  it('clears the wizard\u2019s check when an answer changes, and starts over clean', () => {
    useDrsStore.setState({ check: { kind: 'ready', value: { ok: true, items: [], kind: 'firstNode', transcript: '' } } });
    useDrsStore.getState().updateWizard({ device: 'D' });
    expect(useDrsStore.getState().check).toBeUndefined();
    expect(useDrsStore.getState().wizard.device).toBe('D');
    useDrsStore.getState().resetWizard();
    expect(useDrsStore.getState().wizard.device).toBeUndefined();
  });
});
