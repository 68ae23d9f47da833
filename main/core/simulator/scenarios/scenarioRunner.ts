import { DisposableStore, type Disposable } from '../../base/disposable.js';
import { AppError } from '../../base/errors.js';
import { durationMs, type Scenario, type ScenarioAction } from './scenarioSchema.js';
import type { ScenarioTarget } from './scenarioTarget.js';

/** Checks that every node, service and group a scenario names exists; throws AppError('SIM_SCENARIO') otherwise. */
export function validateScenario(scenario: Scenario, target: ScenarioTarget): void {
  const problems: string[] = [];
  const { model } = target;
  scenario.steps.forEach((step, i) => {
    const names = 'node' in step ? [step.node] : 'nodes' in step ? [...step.nodes] : [];
    for (const n of names) if (!model.nodes.has(n)) problems.push(`steps.${i}: unknown node "${n}"`);
    if ('service' in step && 'node' in step && model.nodes.has(step.node) && !model.node(step.node).services.get(step.service)) {
      problems.push(`steps.${i}: node "${step.node}" has no service "${step.service}"`);
    }
    if (step.action === 'setMailId' && !model.users.find(step.user)) problems.push(`steps.${i}: unknown user "${step.user}"`);
    if (step.action === 'haRecover' && !model.hosting.groups.some((g) => g.name === step.group)) problems.push(`steps.${i}: unknown group "${step.group}"`);
  });
  if (scenario.expect && !model.hosting.groups.some((g) => g.name === scenario.expect!.group)) problems.push(`expect.group: unknown group "${scenario.expect.group}"`);
  if (problems.length > 0) throw new AppError('SIM_SCENARIO', `scenario "${scenario.name}" does not fit this cluster:\n  - ${problems.join('\n  - ')}`);
}

/** Applies one action to the target now. Failures of the action are reported as model events, not thrown. */
export function applyAction(action: ScenarioAction, target: ScenarioTarget): void {
  const { model } = target;
  const svc = (node: string) => model.node(node).services;
  switch (action.action) {
    case 'stopService':
      svc(action.node).stop(action.service, 'admin');
      break;
    case 'startService':
      svc(action.node).start(action.service, 'admin');
      break;
    case 'restartService':
      svc(action.node).stop(action.service, 'admin');
      model.scheduler.setTimeout(5000, () => svc(action.node).start(action.service, 'admin'));
      break;
    case 'crashService':
      svc(action.node).crash(action.service);
      break;
    case 'failServiceStart': {
      const def = svc(action.node).get(action.service)!.definition.name;
      if (action.enabled) svc(action.node).failToStart.add(def);
      else svc(action.node).failToStart.delete(def);
      break;
    }
    case 'powerOff':
      model.powerOff(action.node);
      break;
    case 'powerOn':
      model.powerOn(action.node);
      break;
    case 'reboot':
      model.reboot(action.node);
      break;
    case 'isolateNode':
      model.setIsolated(action.node, action.isolated);
      break;
    case 'cutHeartbeat':
      model.setHeartbeatCut(action.nodes[0], action.nodes[1], action.cut);
      break;
    case 'breakReplication':
      model.setReplicationBroken(action.node, action.broken);
      break;
    case 'setMftFreeSpace':
      model.setMftFreeSpace(action.percent);
      break;
    case 'setMftExternal':
      if (action.mounted !== undefined) model.mft.mounted = action.mounted;
      if (action.dbConnected !== undefined) model.mft.dbConnected = action.dbConnected;
      if (action.dbFull !== undefined) model.mft.dbFull = action.dbFull;
      model.event('mft', `external file server mounted=${model.mft.mounted} db connected=${model.mft.dbConnected} db full=${model.mft.dbFull}`);
      break;
    case 'fillBackupServer':
      target.fillBackupServer(action.bytes, action.full);
      break;
    case 'loginStorm':
      model.sessions.loginStorm(model.now(), durationMs(action.window) / 1000);
      model.event('sessions', `login storm over ${durationMs(action.window) / 1000} s`);
      break;
    case 'sessionInflation':
      model.setSessionInflation(action.node, action.factor);
      break;
    case 'expireCertificate':
      model.setCertificateExpiry(action.node, action.unit, action.days);
      break;
    case 'degradeEndpoint':
      target.setEndpointDegradation(action.node, action.protocol, action.unresponsive ? { unresponsive: true } : { delayMs: action.delayMs ?? 5000 });
      break;
    case 'restoreEndpoint':
      target.setEndpointDegradation(action.node, action.protocol, undefined);
      break;
    case 'haFailover':
    case 'haFallback':
    case 'haRecover': {
      const r = action.action === 'haFailover' ? target.ha.failover(action.node) : action.action === 'haFallback' ? target.ha.fallback(action.node) : target.ha.recover(action.group);
      model.event('scenario', `${action.action}: ${r.message}`);
      break;
    }
    case 'restartSrm':
      target.ha.restartSrm(action.node);
      break;
    case 'srmFault':
      target.ha.setFault(action.node, action.fault, action.enabled);
      break;
    case 'injectDuplicates':
      model.injectDuplicates(action.kind, action.values);
      break;
    case 'validateUsers':
      model.runUserValidation();
      break;
    case 'setMailId':
      model.setMailId(action.user, action.mailId);
      break;
    case 'clearDuplicates':
      model.clearDuplicates();
      break;
    case 'setDiagnostic':
      model.setDiagnostic(action.module, action.item, action.healthy);
      break;
    case 'raiseAlarm':
      model.alarms.raise(action.node, action.alarm, action.text);
      break;
    case 'note':
      model.event('scenario', action.text);
      break;
  }
}

/** A scenario scheduled on the model's virtual clock. */
export interface RunningScenario extends Disposable {
  readonly scenario: Scenario;
  /** Virtual time the scenario started. */
  readonly startMs: number;
  /** Virtual time of the last step plus the settle time (first pass for repeating scenarios). */
  readonly endMs: number;
}

/** Schedules every step of a scenario on the model's clock from now. */
export function runScenario(scenario: Scenario, target: ScenarioTarget): RunningScenario {
  validateScenario(scenario, target);
  const { model } = target;
  const store = new DisposableStore();
  const startMs = model.now();
  const last = Math.max(...scenario.steps.map((s) => durationMs(s.at)));
  const schedulePass = (offsetMs: number): void => {
    for (const step of scenario.steps) {
      store.add(
        model.scheduler.at(startMs + offsetMs + durationMs(step.at), () => {
          try {
            applyAction(step, target);
          } catch (err) {
            model.event('scenario-error', `${scenario.name}: ${step.action} failed: ${(err as Error).message}`);
          }
        }),
      );
    }
  };
  schedulePass(0);
  if (scenario.repeat !== undefined) {
    const period = Math.max(durationMs(scenario.repeat), last + 1000);
    // Each interval fires at startMs + k * period: schedule the next pass from there.
    store.add(model.scheduler.setInterval(period, (t) => schedulePass(t - startMs)));
  }
  model.event('scenario', `scenario "${scenario.name}" started`);
  return { scenario, startMs, endMs: startMs + last + durationMs(scenario.settle), dispose: () => store.dispose() };
}
