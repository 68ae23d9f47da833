import { afterEach, describe, expect, it } from 'vitest';
import type { AlarmTraceDownload } from '../../../shared/model/alert.js';
import { IPC_ARGUMENT_PARSERS } from '../../../shared/validation/ipcArguments.js';
import { setBridgeForTesting } from '../../ipc/bridge.js';
import { createFakeBridge } from '../../ipc/testing.js';
import { useAlarmTracesStore } from './alarmTracesStore.js';

const link = (state: AlarmTraceDownload['state'], more: Partial<AlarmTraceDownload> = {}): AlarmTraceDownload => ({ alarmId: 'a1', ruleId: 'r1', cluster: 'c1', node: 'imp-pub', atMs: 1, state, ...more });

afterEach(() => {
  setBridgeForTesting(undefined);
  useAlarmTracesStore.setState({ byAlarm: {} });
});

describe('alarm trace downloads store', () => {
  it('loads an alarm\'s download, keeps it while reloading, and shows a failed read as an error with its code', async () => {
    let answer: AlarmTraceDownload[] = [link('running', { collectionId: 'k1' })];
    let fail = false;
    let release: () => void = () => undefined;
    let gate: Promise<void> = Promise.resolve();
    const bridge = createFakeBridge({
      traces: {
        alarmTraces: async (id) => {
          await gate;
          if (fail) throw { code: 'INTERNAL', message: 'links file unreadable', retryable: true };
          return answer.filter((l) => l.alarmId === id);
        },
      },
    });
    setBridgeForTesting(bridge);
    const s = useAlarmTracesStore.getState();
    await s.load('a1');
    expect(useAlarmTracesStore.getState().byAlarm.a1).toEqual({ kind: 'ready', value: [link('running', { collectionId: 'k1' })] });
    await s.load('other');
    expect(useAlarmTracesStore.getState().byAlarm.other).toEqual({ kind: 'ready', value: [] });
    expect(bridge.calls.filter((c) => c.name === 'traces.alarmTraces').map((c) => c.args[0])).toEqual(['a1', 'other']);

    // The collection ended: while the reload is on its way the old value stays.
    answer = [link('completed', { collectionId: 'k1', bundlePath: '/b/x.zip' })];
    gate = new Promise((r) => (release = r));
    const reload = s.load('a1');
    expect(useAlarmTracesStore.getState().byAlarm.a1).toEqual({ kind: 'loading', value: [link('running', { collectionId: 'k1' })] });
    release();
    await reload;
    expect(useAlarmTracesStore.getState().byAlarm.a1).toEqual({ kind: 'ready', value: answer });

    fail = true;
    await s.load('a1');
    expect(useAlarmTracesStore.getState().byAlarm.a1).toEqual({ kind: 'error', error: { code: 'INTERNAL', message: 'links file unreadable', retryable: true } });
  });

  it('the call takes one alarm id: main refuses anything else', () => {
    expect(IPC_ARGUMENT_PARSERS.traces.alarmTraces(['a1'])).toEqual({ ok: true, value: ['a1'] });
    expect(IPC_ARGUMENT_PARSERS.traces.alarmTraces(['']).ok).toBe(false);
    expect(IPC_ARGUMENT_PARSERS.traces.alarmTraces([]).ok).toBe(false);
    expect(IPC_ARGUMENT_PARSERS.traces.alarmTraces([42]).ok).toBe(false);
  });
});
