import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlarmHistoryFilter, SilenceInput } from '../../../shared/ipc/contract.js';
import type { AlarmHistoryEntry, AlarmRecord, AlertRule, MaintenanceWindow, Silence } from '../../../shared/model/alert.js';
import { setBridgeForTesting } from '../../ipc/bridge.js';
import { createFakeBridge, deferred, ipcFailure } from '../../ipc/testing.js';
import { newCustomDraft } from './ruleForm.js';
import { useAlertsStore } from './alertsStore.js';

/** The operator the backend records (the renderer never sends one). */
const OPERATOR = 'alice';

const initial = useAlertsStore.getState();
const alarm = (id: string, severity: AlarmRecord['severity'] = 'Critical', status: AlarmRecord['status'] = 'outstanding', at = 1): AlarmRecord => ({
  id,
  key: `CriticalServiceDown|c1|imp1|${id}`,
  ruleId: 'CriticalServiceDown',
  ruleName: 'CriticalServiceDown',
  group: 'System',
  severity,
  cluster: 'c1',
  node: 'imp1',
  instance: 'Cisco Presence Engine',
  status,
  message: 'Service Cisco Presence Engine is down',
  origin: 'poll',
  raisedAt: at,
  lastOccurrenceAt: at,
  occurrences: 1,
  flapping: false,
});
const rule = (id: string, enabled = true): AlertRule => ({ ...newCustomDraft(), id, name: id, enabled, preconfigured: false }) as AlertRule;
const silence = (id: string): Silence => ({ id, matchers: [], startsAt: 1, endsAt: 2, createdBy: OPERATOR, comment: 'x', source: 'app' });

beforeEach(() => useAlertsStore.setState(initial, true));
afterEach(() => setBridgeForTesting(undefined));

describe('alertsStore loads', () => {
  it('loadActive: loading, then the active alarms worst first', async () => {
    const answer = deferred<AlarmRecord[]>();
    setBridgeForTesting(createFakeBridge({ alerts: { listActive: () => answer.promise } }));
    const done = useAlertsStore.getState().loadActive();
    expect(useAlertsStore.getState().activeLoad.kind).toBe('loading');
    answer.resolve([alarm('w', 'Warning', 'outstanding', 5), alarm('c', 'Critical', 'outstanding', 1)]);
    await done;
    expect(useAlertsStore.getState().activeLoad.kind).toBe('ready');
    expect(useAlertsStore.getState().active.map((a) => a.id)).toEqual(['c', 'w']);
  });

  it('loadRules, loadHistory and loadSilences: loading then ready with their data; history keeps its filter', async () => {
    const rules = deferred<AlertRule[]>();
    const history = deferred<AlarmRecord[]>();
    const silences = deferred<Silence[]>();
    const bridge = createFakeBridge({ alerts: { listRules: () => rules.promise, history: () => history.promise, listSilences: () => silences.promise } });
    setBridgeForTesting(bridge);
    const filter: AlarmHistoryFilter = { cluster: 'c1', minSeverity: 'Critical', limit: 50 };
    const loading = [useAlertsStore.getState().loadRules(), useAlertsStore.getState().loadHistory(filter), useAlertsStore.getState().loadSilences()];
    const s = useAlertsStore.getState();
    expect([s.rulesLoad.kind, s.historyLoad.kind, s.silencesLoad.kind]).toEqual(['loading', 'loading', 'loading']);
    expect(s.historyFilter).toEqual(filter);
    rules.resolve([rule('r1'), rule('r2')]);
    history.resolve([alarm('h1', 'Critical', 'cleared')]);
    silences.resolve([silence('s1')]);
    await Promise.all(loading);
    const after = useAlertsStore.getState();
    expect([after.rulesLoad.kind, after.historyLoad.kind, after.silencesLoad.kind]).toEqual(['ready', 'ready', 'ready']);
    expect(after.rules.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(after.history.map((a) => a.id)).toEqual(['h1']);
    expect(after.silences.map((x) => x.id)).toEqual(['s1']);
    expect(bridge.calls.find((c) => c.name === 'alerts.history')?.args).toEqual([filter]);
  });

  it('loadHistory without a filter reuses the last one', async () => {
    const bridge = createFakeBridge({ alerts: { history: async () => [] } });
    setBridgeForTesting(bridge);
    await useAlertsStore.getState().loadHistory({ node: 'imp2', limit: 10 });
    await useAlertsStore.getState().loadHistory();
    expect(bridge.calls.map((c) => c.args[0])).toEqual([{ node: 'imp2', limit: 10 }, { node: 'imp2', limit: 10 }]);
  });

  it('each load shows an error from the bridge as its own error state', async () => {
    const fail = (code: 'POLL_TIMEOUT' | 'VALIDATION' | 'INTERNAL' | 'NOT_FOUND') => async () => {
      throw ipcFailure(code, `${code} happened`, code === 'POLL_TIMEOUT');
    };
    setBridgeForTesting(createFakeBridge({ alerts: { listRules: fail('INTERNAL'), listActive: fail('POLL_TIMEOUT'), history: fail('VALIDATION'), listSilences: fail('NOT_FOUND') } }));
    const st = useAlertsStore.getState();
    await Promise.all([st.loadRules(), st.loadActive(), st.loadHistory(), st.loadSilences()]);
    const s = useAlertsStore.getState();
    expect(s.rulesLoad).toEqual({ kind: 'error', error: { code: 'INTERNAL', message: 'INTERNAL happened', retryable: false } });
    expect(s.activeLoad).toEqual({ kind: 'error', error: { code: 'POLL_TIMEOUT', message: 'POLL_TIMEOUT happened', retryable: true } });
    expect(s.historyLoad).toEqual({ kind: 'error', error: { code: 'VALIDATION', message: 'VALIDATION happened', retryable: false } });
    expect(s.silencesLoad).toEqual({ kind: 'error', error: { code: 'NOT_FOUND', message: 'NOT_FOUND happened', retryable: false } });
  });
});

describe('alertsStore pushed changes', () => {
  it('applyAlarmChanges merges updates, drops inactive alarms and announces only new critical ones once loaded', async () => {
    setBridgeForTesting(createFakeBridge({ alerts: { listActive: async () => [alarm('a1')] } }));
    // Before the first load nothing is announced (the list would announce every old alarm).
    useAlertsStore.getState().applyAlarmChanges([alarm('early')]);
    expect(useAlertsStore.getState().takeAnnouncements()).toEqual([]);
    await useAlertsStore.getState().loadActive();
    useAlertsStore.getState().applyAlarmChanges([alarm('a2'), alarm('w1', 'Warning'), alarm('a1', 'Critical', 'resolved')]);
    expect(useAlertsStore.getState().active.map((a) => a.id).sort()).toEqual(['a2', 'w1']);
    expect(useAlertsStore.getState().takeAnnouncements().map((a) => a.id)).toEqual(['a2']);
    expect(useAlertsStore.getState().takeAnnouncements()).toEqual([]);
  });
});

describe('alertsStore actions', () => {
  it('acknowledge sends the comment and until but no operator, and updates the alarm in place', async () => {
    const bridge = createFakeBridge({
      alerts: {
        listActive: async () => [alarm('a1')],
        acknowledge: async (input) => ({ ...alarm(input.alarmId), status: 'acknowledged', ack: { by: OPERATOR, comment: input.comment ?? '', atMs: 2, untilMs: input.untilMs } }),
      },
    });
    setBridgeForTesting(bridge);
    await useAlertsStore.getState().loadActive();
    await expect(useAlertsStore.getState().acknowledge('a1', 'on it', 5_000)).resolves.toBe(true);
    expect(bridge.calls.find((c) => c.name === 'alerts.acknowledge')?.args).toEqual([{ alarmId: 'a1', comment: 'on it', untilMs: 5_000 }]);
    expect(useAlertsStore.getState().active[0]).toMatchObject({ id: 'a1', status: 'acknowledged', ack: { by: OPERATOR, comment: 'on it', untilMs: 5_000 } });
    expect(useAlertsStore.getState().actionError).toBeUndefined();
    await useAlertsStore.getState().acknowledge('a1');
    expect(bridge.calls.filter((c) => c.name === 'alerts.acknowledge').at(-1)?.args).toEqual([{ alarmId: 'a1' }]);
  });

  it('unacknowledge sends the comment and puts the alarm back to outstanding; the open journal is reloaded', async () => {
    const journal: AlarmHistoryEntry[] = [{ alarmId: 'a1', key: 'k', atMs: 1, event: 'raised', status: 'outstanding' }];
    const bridge = createFakeBridge({
      alerts: {
        listActive: async () => [{ ...alarm('a1'), status: 'acknowledged', ack: { by: OPERATOR, comment: '', atMs: 1 } }],
        unacknowledge: async (id, comment) => {
          journal.push({ alarmId: id, key: 'k', atMs: 3, event: 'unacknowledged', by: OPERATOR, comment, status: 'outstanding' });
          return alarm(id);
        },
        journal: async () => [...journal],
      },
    });
    setBridgeForTesting(bridge);
    await useAlertsStore.getState().loadActive();
    await useAlertsStore.getState().loadJournal('a1');
    await expect(useAlertsStore.getState().unacknowledge('a1', 'not mine')).resolves.toBe(true);
    expect(bridge.calls.find((c) => c.name === 'alerts.unacknowledge')?.args).toEqual(['a1', 'not mine']);
    expect(useAlertsStore.getState().active[0]?.status).toBe('outstanding');
    expect(useAlertsStore.getState().journal?.entries.map((e) => [e.event, e.by ?? '', e.comment ?? ''])).toEqual([['raised', '', ''], ['unacknowledged', OPERATOR, 'not mine']]);
  });

  it('addNote adds to the journal of that alarm; a journal of another alarm is left alone; a refusal returns false', async () => {
    const notes: AlarmHistoryEntry[] = [];
    const bridge = createFakeBridge({
      alerts: {
        addNote: async (id, text) => {
          if (!text.trim()) throw ipcFailure('VALIDATION', 'empty note');
          const e: AlarmHistoryEntry = { alarmId: id, key: 'k', atMs: 4, event: 'note', by: OPERATOR, comment: text, status: 'outstanding' };
          notes.push(e);
          return e;
        },
        journal: async (id) => notes.filter((n) => n.alarmId === id),
      },
    });
    setBridgeForTesting(bridge);
    await useAlertsStore.getState().loadJournal('a1');
    await expect(useAlertsStore.getState().addNote('a1', 'restarted the engine')).resolves.toBe(true);
    expect(useAlertsStore.getState().journal).toMatchObject({ alarmId: 'a1', load: { kind: 'ready' }, entries: [{ event: 'note', by: OPERATOR, comment: 'restarted the engine' }] });
    await useAlertsStore.getState().addNote('a2', 'elsewhere');
    expect(useAlertsStore.getState().journal?.entries).toHaveLength(1);
    await expect(useAlertsStore.getState().addNote('a1', ' ')).resolves.toBe(false);
    expect(useAlertsStore.getState().actionError?.code).toBe('VALIDATION');
  });

  it('loadOperator shows who the backend records', async () => {
    setBridgeForTesting(createFakeBridge({ app: { info: async () => ({ version: '1', platform: 'linux', systemLocale: 'en', startedAtMs: 1, operator: OPERATOR }) as never } }));
    await useAlertsStore.getState().loadOperator();
    expect(useAlertsStore.getState().operator).toBe(OPERATOR);
  });

  it('a failed action shows as actionError, the list unchanged; the next action clears the error', async () => {
    let refuse = true;
    const bridge = createFakeBridge({
      alerts: {
        listActive: async () => [alarm('a1')],
        clear: async () => {
          if (refuse) throw ipcFailure('NOT_FOUND', 'no such alarm');
        },
      },
    });
    setBridgeForTesting(bridge);
    await useAlertsStore.getState().loadActive();
    await useAlertsStore.getState().clear('a1');
    expect(useAlertsStore.getState().actionError).toEqual({ code: 'NOT_FOUND', message: 'no such alarm', retryable: false });
    expect(useAlertsStore.getState().active.map((a) => a.id)).toEqual(['a1']);
    refuse = false;
    await expect(useAlertsStore.getState().clear('a1', 'fixed by restart')).resolves.toBe(true);
    expect(useAlertsStore.getState().actionError).toBeUndefined();
    expect(useAlertsStore.getState().active).toEqual([]);
    expect(bridge.calls.filter((c) => c.name === 'alerts.clear').map((c) => c.args)).toEqual([['a1', undefined], ['a1', 'fixed by restart']]);
  });

  it('clearAll asks main to clear the alarms confirmed (no operator sent), then reloads the active list', async () => {
    let stored = [alarm('a1'), alarm('a2')];
    const bridge = createFakeBridge({
      alerts: {
        listActive: async () => stored,
        clearAll: async () => {
          const n = stored.length;
          stored = [];
          return n;
        },
      },
    });
    setBridgeForTesting(bridge);
    await useAlertsStore.getState().loadActive();
    await useAlertsStore.getState().clearAll(['a1', 'a2']);
    expect(bridge.calls.find((c) => c.name === 'alerts.clearAll')?.args).toEqual([['a1', 'a2']]);
    expect(useAlertsStore.getState().active).toEqual([]);
    expect(useAlertsStore.getState().activeLoad.kind).toBe('ready');
  });

  it('silence sends the form\'s matchers, window and comment (no creator), then reloads; updateSilence sends the id', async () => {
    const made: [string, SilenceInput][] = [];
    const bridge = createFakeBridge({
      alerts: {
        silence: async (input) => {
          made.push(['new', input]);
          return 's9';
        },
        updateSilence: async (id, input) => {
          made.push([id, input]);
          return silence(id);
        },
        listSilences: async () => [silence('s9')],
      },
    });
    setBridgeForTesting(bridge);
    const input: SilenceInput = { matchers: { ruleId: 'CriticalServiceDown', node: 'imp1' }, startsAtMs: 10, endsAtMs: 10 + 7_200_000, comment: 'upgrade' };
    await expect(useAlertsStore.getState().silence(input)).resolves.toBe(true);
    await expect(useAlertsStore.getState().updateSilence('s9', { ...input, comment: 'longer' })).resolves.toBe(true);
    expect(made).toEqual([['new', input], ['s9', { ...input, comment: 'longer' }]]);
    expect(made.every(([, i]) => !('createdBy' in i))).toBe(true);
    expect(bridge.calls.map((c) => c.name)).toEqual(['alerts.silence', 'alerts.listSilences', 'alerts.updateSilence', 'alerts.listSilences']);
    expect(useAlertsStore.getState().silences.map((x) => x.id)).toEqual(['s9']);
  });

  it('maintenance: load, save (then reload) and delete; a refused window shows as actionError and returns false', async () => {
    const windows: MaintenanceWindow[] = [];
    const bridge = createFakeBridge({
      alerts: {
        listMaintenance: async () => [...windows],
        saveMaintenance: async (input) => {
          if (input.schedule.kind === 'weekly' && input.schedule.days.length === 0) throw ipcFailure('VALIDATION', 'no day');
          const w: MaintenanceWindow = { ...input, id: input.id ?? 'm1', createdBy: OPERATOR, createdAtMs: 1, source: 'app' };
          windows.splice(0, windows.length, w);
          return w;
        },
        deleteMaintenance: async () => {
          windows.splice(0);
        },
      },
    });
    setBridgeForTesting(bridge);
    await useAlertsStore.getState().loadMaintenance();
    expect(useAlertsStore.getState().maintenanceLoad.kind).toBe('ready');
    const weekly = { cluster: 'c1', node: 'imp1', comment: 'patching', schedule: { kind: 'weekly' as const, days: [0], startMinute: 120, durationMinutes: 60, timeZone: 'Asia/Shanghai' } };
    await expect(useAlertsStore.getState().saveMaintenance(weekly)).resolves.toBe(true);
    expect(useAlertsStore.getState().maintenance.map((w) => [w.id, w.createdBy])).toEqual([['m1', OPERATOR]]);
    await expect(useAlertsStore.getState().saveMaintenance({ ...weekly, schedule: { ...weekly.schedule, days: [] } })).resolves.toBe(false);
    expect(useAlertsStore.getState().actionError?.message).toBe('no day');
    await useAlertsStore.getState().deleteMaintenance('m1');
    expect(useAlertsStore.getState().maintenance).toEqual([]);
    expect(bridge.calls.find((c) => c.name === 'alerts.deleteMaintenance')?.args).toEqual(['m1']);
  });

  it('expireSilence ends it and reloads; a refusal shows as actionError', async () => {
    let fail = false;
    const bridge = createFakeBridge({
      alerts: {
        expireSilence: async (id) => {
          if (fail) throw ipcFailure('PRECONDITION', 'silence from settings cannot be ended here');
          return { ...silence(id), endsAt: 1 };
        },
        listSilences: async () => [],
      },
    });
    setBridgeForTesting(bridge);
    await useAlertsStore.getState().expireSilence('s1');
    expect(bridge.calls.map((c) => c.name)).toEqual(['alerts.expireSilence', 'alerts.listSilences']);
    fail = true;
    await useAlertsStore.getState().expireSilence('s2');
    expect(useAlertsStore.getState().actionError?.code).toBe('PRECONDITION');
  });

  it('saveRule adds or replaces the rule and returns it; a refused rule returns undefined with actionError', async () => {
    setBridgeForTesting(createFakeBridge({
      alerts: {
        listRules: async () => [rule('r1'), rule('r2')],
        saveRule: async (input) => {
          const r = input as AlertRule;
          if (!r.name) throw ipcFailure('VALIDATION', 'alerts.saveRule: 0.name: Required');
          return r;
        },
      },
    }));
    await useAlertsStore.getState().loadRules();
    await expect(useAlertsStore.getState().saveRule({ ...rule('r2'), enabled: false })).resolves.toMatchObject({ id: 'r2', enabled: false });
    await useAlertsStore.getState().saveRule(rule('r3'));
    expect(useAlertsStore.getState().rules.map((r) => [r.id, r.enabled])).toEqual([['r1', true], ['r2', false], ['r3', true]]);
    await expect(useAlertsStore.getState().saveRule({ ...rule('r4'), name: '' })).resolves.toBeUndefined();
    expect(useAlertsStore.getState().actionError).toEqual({ code: 'VALIDATION', message: 'alerts.saveRule: 0.name: Required', retryable: false });
    expect(useAlertsStore.getState().rules.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
  });

  it('resetRule replaces the rule with the default main returns', async () => {
    setBridgeForTesting(createFakeBridge({ alerts: { listRules: async () => [rule('r1', false)], resetRule: async (id) => rule(id, true) } }));
    await useAlertsStore.getState().loadRules();
    await useAlertsStore.getState().resetRule('r1');
    expect(useAlertsStore.getState().rules.map((r) => [r.id, r.enabled])).toEqual([['r1', true]]);
  });

  it('setSuspended sends the rule and the flag, then reloads the rules from main', async () => {
    const bridge = createFakeBridge({ alerts: { setSuspended: async () => undefined, listRules: async () => [rule('r1')] } });
    setBridgeForTesting(bridge);
    await useAlertsStore.getState().setSuspended('r1', true);
    expect(bridge.calls.map((c) => [c.name, ...c.args])).toEqual([['alerts.setSuspended', 'r1', true], ['alerts.listRules']]);
    expect(useAlertsStore.getState().rules.map((r) => r.id)).toEqual(['r1']);
  });
});
