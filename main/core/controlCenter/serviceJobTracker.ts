import type { JobStep, JobStepKey } from '../../../shared/model/views.js';

/** Start | Stop | Restart, as soapDoControlServices names them. */
export type ServiceAction = 'Start' | 'Stop' | 'Restart';

/** A service's status as ControlCenter reads it back. */
export interface ObservedService {
  readonly name: string;
  readonly status: 'Started' | 'Stopped' | 'Starting' | 'Stopping' | 'Unknown';
}

/** What one observation changed: steps to record, and whether the job is over. */
export interface TrackerUpdate {
  readonly steps: readonly Omit<JobStep, 'atMs'>[];
  /** Set when the job is over: the services that did not reach what was promised (empty: all did). */
  readonly done?: { readonly problems: readonly string[] };
}

const ORDER: Readonly<Record<ServiceAction, readonly JobStepKey[]>> = {
  Restart: ['stopping', 'stopped', 'starting', 'started'],
  Start: ['starting', 'started'],
  Stop: ['stopping', 'stopped'],
};

const STEP_OF: Readonly<Record<ObservedService['status'], JobStepKey | undefined>> = { Stopping: 'stopping', Stopped: 'stopped', Starting: 'starting', Started: 'started', Unknown: undefined };

/**
 * Follows a Control Center action from the statuses ControlCenter reads back, and says what the job can honestly
 * claim. Steps are those observed (a state passed between two reads is recorded when the next one shows it was
 * passed). A Restart promises the service and every service that was Started before and that stopped during the
 * job (its dependants: stopping Cisco XCP Router stops them, guide L1788; restarting it restarts them, L8072)
 * Started again; a Start promises the service Started, a Stop the service Stopped. The job is over when the
 * promise holds, when the service's own start failed (Starting, then Stopped), or when `finish()` is called at
 * the deadline: then whatever does not hold is a problem.
 */
export class ServiceJobTracker {
  readonly #service: string;
  readonly #before: ReadonlyMap<string, ObservedService['status']>;
  /** Dependants seen down during the job (were Started before). */
  readonly #dependants = new Set<string>();
  #reached = -1;
  #dependantsStep: 'none' | 'active' | 'done' = 'none';
  #sawStarting = false;

  constructor(
    readonly action: ServiceAction,
    service: string,
    before: readonly ObservedService[],
  ) {
    this.#service = before.find((s) => s.name.toLowerCase() === service.toLowerCase())?.name ?? service;
    this.#before = new Map(before.map((s) => [s.name, s.status]));
  }

  /** The service's name as ControlCenter spells it. */
  get service(): string {
    return this.#service;
  }

  /** The dependants the job now promises to bring back. */
  get dependants(): readonly string[] {
    return [...this.#dependants];
  }

  /** Takes one read-back of the node's services. */
  observe(now: readonly ObservedService[]): TrackerUpdate {
    const steps: Omit<JobStep, 'atMs'>[] = [];
    const order = ORDER[this.action];
    const own = now.find((s) => s.name === this.#service);
    const key = own ? STEP_OF[own.status] : undefined;
    let idx = key ? order.indexOf(key) : -1;
    // A Restart of a service already Stopped starts at 'starting'; a Started read before anything moved is not
    // the end of a Restart (it has not stopped yet).
    if (this.action === 'Restart' && key === 'started' && this.#reached < 0 && !this.#sawStarting) idx = -1;
    if (key === 'starting') this.#sawStarting = true;
    if (idx > this.#reached) {
      // The step reached before is over: its active form is closed.
      if (this.#reached >= 0 && !['stopped', 'started'].includes(order[this.#reached]!)) steps.push({ key: order[this.#reached]!, subject: this.#service, state: 'done' });
      for (let i = this.#reached + 1; i <= idx; i++) {
        const k = order[i]!;
        const terminal = k === 'stopped' || k === 'started';
        steps.push({ key: k, subject: this.#service, state: i < idx || terminal ? 'done' : 'active' });
      }
      this.#reached = idx;
    }

    if (this.action === 'Restart') {
      for (const s of now) {
        if (s.name === this.#service || this.#before.get(s.name) !== 'Started') continue;
        if (s.status === 'Stopping' || s.status === 'Stopped') this.#dependants.add(s.name);
      }
      const down = this.#down(now);
      if (this.#dependants.size > 0 && this.#dependantsStep === 'none') {
        this.#dependantsStep = 'active';
        steps.push({ key: 'dependants', subject: this.#service, state: 'active', detail: { key: 'step.dependantsDown', params: { services: this.dependants.join(', ') } } });
      }
      if (this.#dependantsStep === 'active' && own?.status === 'Started' && down.length === 0) {
        this.#dependantsStep = 'done';
        const services = this.dependants.join(', ');
        steps.push({ key: 'dependants', subject: this.#service, state: 'done', detail: { key: 'step.dependantsDown', params: { services } } });
        steps.push({ key: 'dependantsBack', subject: this.#service, state: 'done', detail: { key: 'step.dependantsBack', params: { services } } });
      }
    }

    // The service's own start failed: nothing more will come.
    if (this.action !== 'Stop' && this.#sawStarting && own?.status === 'Stopped') {
      steps.push({ key: 'started', subject: this.#service, state: 'failed' });
      return { steps, done: { problems: this.#problems(now) } };
    }
    if (this.#problems(now).length === 0 && this.#reached === order.length - 1) {
      steps.push({ key: 'verified', subject: this.#service, state: 'done' });
      return { steps, done: { problems: [] } };
    }
    return { steps };
  }

  /** At the deadline: what does not hold is a problem. */
  finish(now: readonly ObservedService[]): TrackerUpdate {
    const problems = this.#problems(now);
    const steps: Omit<JobStep, 'atMs'>[] = [];
    if (problems.length > 0 && this.#dependantsStep === 'active') {
      steps.push({ key: 'dependants', subject: this.#service, state: 'done', detail: { key: 'step.dependantsDown', params: { services: this.dependants.join(', ') } } });
      steps.push({ key: 'dependantsBack', subject: this.#service, state: 'failed', detail: { key: 'step.dependantsNotBack', params: { services: this.#down(now).join(', ') } } });
    }
    return { steps, done: { problems } };
  }

  /** Promised dependants not Started now. */
  #down(now: readonly ObservedService[]): string[] {
    return this.dependants.filter((d) => now.find((s) => s.name === d)?.status !== 'Started');
  }

  /** Promised services (own and dependants) not in their target state, as `name (status)`. */
  #problems(now: readonly ObservedService[]): string[] {
    const target = this.action === 'Stop' ? 'Stopped' : 'Started';
    const statusOf = (n: string) => now.find((s) => s.name === n)?.status ?? 'Unknown';
    const out: string[] = [];
    if (statusOf(this.#service) !== target) out.push(this.#service);
    if (this.action === 'Restart') out.push(...this.#down(now));
    return out;
  }
}
