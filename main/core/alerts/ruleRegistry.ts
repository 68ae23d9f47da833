import { Emitter } from '../base/emitter.js';
import type { Disposable } from '../base/disposable.js';
import { AppError } from '../base/errors.js';
import type { AlertRule, ThresholdCondition } from '../../../shared/model/alert.js';
import { parseAlertRuleInput, type AlertRuleInput } from '../../../shared/validation/alertRuleInput.js';
import { thresholdMath, type ThresholdMath } from './alertEvaluator.js';
import type { StateMachineRule } from './alertStateMachine.js';
import type { AlertStore } from './alertStore.js';
import { PRECONFIGURED_ALERTS, preconfiguredDefault } from './preconfiguredAlerts.js';
import { compileSyslogMatch, type CompiledSyslogMatch } from './syslogMatcher.js';

/**
 * A rule in the form the engine evaluates: timings in ms, matchers compiled, lookups precomputed. Every field is
 * always present (undefined when it does not apply), so all compiled rules share one shape and the engine's loop
 * over 10,000 of them reads fields at a fixed place (test/bench/alertsBench.ts).
 */
export interface CompiledRule {
  readonly rule: AlertRule;
  readonly id: string;
  readonly enabled: boolean;
  readonly sm: StateMachineRule;
  readonly disabledNodes: ReadonlySet<string>;
  /** The schedule is "24 hours daily" (no window to check). */
  readonly alwaysActive: boolean;
  /** object|counter of a threshold rule. */
  readonly seriesId: string | undefined;
  /** Exact instance, or undefined for every instance. */
  readonly instance: string | undefined;
  /** The threshold condition and its numbers, for a threshold rule. */
  readonly threshold: ThresholdCondition | undefined;
  readonly math: ThresholdMath | undefined;
  readonly syslog: CompiledSyslogMatch | undefined;
  readonly syslogAlso: CompiledSyslogMatch | undefined;
}

/** The identity of a series family: object|counter. */
export function seriesId(object: string, counter: string): string {
  return `${object}|${counter}`;
}

/**
 * Alert Central's rules: the preconfigured catalog overlaid with the user's changes, plus custom rules. CRUD
 * validates input (shared/validation/alertRuleInput.ts) and persists through the {@link AlertStore}. RTMT:
 * preconfigured alerts can be disabled and reset to default, never deleted.
 */
export class RuleRegistry implements Disposable {
  readonly #rules = new Map<string, AlertRule>();
  #compiled: CompiledRule[] | undefined;
  /** Compiled rules by id, kept while the rule object is unchanged (a change recompiles that rule only). */
  readonly #compiledById = new Map<string, CompiledRule>();
  readonly #onDidChange = new Emitter<{ readonly id: string; readonly rule?: AlertRule }>();
  /** Fires after a rule was created, changed, reset or deleted (`rule` absent when deleted). */
  readonly onDidChange = this.#onDidChange.event;

  constructor(private readonly store: AlertStore) {
    for (const r of PRECONFIGURED_ALERTS) this.#rules.set(r.id, r);
    for (const r of store.loadRules()) this.#rules.set(r.id, r);
  }

  /** Every rule, preconfigured first in catalog order, then custom rules. */
  list(): AlertRule[] {
    return [...this.#rules.values()];
  }

  /** A rule by id, or NOT_FOUND. */
  get(id: string): AlertRule {
    const r = this.#rules.get(id);
    if (!r) throw new AppError('NOT_FOUND', `no alert rule ${id}`);
    return r;
  }

  /** A rule by id, or undefined (a deleted rule's alarms outlive it). */
  find(id: string): AlertRule | undefined {
    return this.#rules.get(id);
  }

  /** Creates a custom rule from unknown input; the id defaults to one derived from the name. */
  create(input: unknown): AlertRule {
    const v = this.#validate(input);
    const id = v.id ?? `custom:${v.name.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 80)}`;
    if (this.#rules.has(id)) throw new AppError('CONFLICT', `an alert rule with id ${id} exists`);
    const rule: AlertRule = { ...v, id, preconfigured: false, source: 'user' };
    return this.#put(rule);
  }

  /** Replaces a rule's settings. A preconfigured rule keeps its id, name, group and condition kind. */
  update(id: string, input: unknown): AlertRule {
    const old = this.get(id);
    // The UI may round-trip a whole rule: the read-only fields are ignored, the rest validated.
    const { preconfigured: _p, source: _s, ...rest } = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
    const v = this.#validate({ ...rest, id });
    if (old.preconfigured && v.condition.kind !== old.condition.kind) throw new AppError('VALIDATION', `condition.kind of ${id} cannot change`);
    const rule: AlertRule = old.preconfigured
      ? { ...v, id, name: old.name, group: old.group, preconfigured: true, ...(old.source ? { source: old.source } : {}) }
      : { ...v, id, preconfigured: false, source: 'user' };
    return this.#put(rule);
  }

  /** Enables or disables a rule, for every node or for one node (RTMT "Enable/Disable this alert on the following servers"). */
  setEnabled(id: string, enabled: boolean, node?: string): AlertRule {
    const old = this.get(id);
    if (node === undefined) return this.#put({ ...old, enabled });
    const set = new Set(old.disabledNodes);
    if (enabled) set.delete(node);
    else set.add(node);
    return this.#put({ ...old, disabledNodes: [...set] });
  }

  /** Deletes a custom rule; preconfigured rules cannot be deleted (PRECONDITION). */
  remove(id: string): void {
    const r = this.get(id);
    if (r.preconfigured) throw new AppError('PRECONDITION', `${id} is preconfigured: disable it instead`);
    this.#rules.delete(id);
    this.#compiledById.delete(id);
    this.store.deleteRule(id);
    this.#compiled = undefined;
    this.#onDidChange.fire({ id });
  }

  /** RTMT "Reset Alert to Default Config". */
  resetToDefault(id: string): AlertRule {
    const def = preconfiguredDefault(id);
    if (!def) throw new AppError('PRECONDITION', `${id} is not a preconfigured alert`);
    this.#rules.set(id, def);
    this.store.deleteRule(id);
    this.#compiled = undefined;
    this.#onDidChange.fire({ id, rule: def });
    return def;
  }

  /** RTMT "Reset all Alerts to Default Config" (custom rules stay). */
  resetAllToDefault(): void {
    for (const r of PRECONFIGURED_ALERTS) if (this.#rules.get(r.id) !== r) this.resetToDefault(r.id);
  }

  /**
   * Rules as the engine evaluates them. The array is cached until the next change and then rebuilt; the compiled
   * rule of an unchanged rule is the same object as before, so the engine keeps what it laid out for it.
   */
  compiled(): readonly CompiledRule[] {
    this.#compiled ??= [...this.#rules.values()].map((r) => {
      let c = this.#compiledById.get(r.id);
      if (c?.rule !== r) this.#compiledById.set(r.id, (c = compileRule(r)));
      return c;
    });
    return this.#compiled;
  }

  dispose(): void {
    this.#onDidChange.dispose();
  }

  #validate(input: unknown): AlertRuleInput {
    const r = parseAlertRuleInput(input);
    if (!r.ok) throw new AppError('VALIDATION', `invalid alert rule: ${r.issues.join('; ')}`);
    return r.value;
  }

  #put(rule: AlertRule): AlertRule {
    this.#rules.set(rule.id, rule);
    this.store.saveRule(rule);
    this.#compiled = undefined;
    this.#onDidChange.fire({ id: rule.id, rule });
    return rule;
  }
}

/** Compiles one rule. */
export function compileRule(rule: AlertRule): CompiledRule {
  const c = rule.condition;
  const threshold = c.kind === 'threshold' ? c : undefined;
  return {
    rule,
    id: rule.id,
    enabled: rule.enabled,
    sm: {
      durationMs: rule.duration.kind === 'sustained' ? rule.duration.seconds * 1000 : 0,
      keepFiringForMs: rule.keepFiringForSeconds * 1000,
      noDataPolicy: rule.noDataPolicy,
      errorPolicy: rule.errorPolicy,
    },
    disabledNodes: new Set(rule.disabledNodes),
    alwaysActive: rule.schedule.kind === 'always',
    seriesId: threshold ? seriesId(threshold.metric.object, threshold.metric.counter) : undefined,
    instance: threshold?.metric.instance !== undefined && threshold.metric.instance !== '*' ? threshold.metric.instance : undefined,
    threshold,
    math: threshold ? thresholdMath(threshold) : undefined,
    syslog: c.kind === 'syslog' ? compileSyslogMatch(c.match) : undefined,
    syslogAlso: rule.syslogAlso ? compileSyslogMatch(rule.syslogAlso) : undefined,
  };
}
