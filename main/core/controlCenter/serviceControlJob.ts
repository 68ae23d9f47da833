import type { ServiceControlRequest } from '../../../shared/model/views.js';
import { AppError } from '../base/errors.js';
import { realPollClock, type PollClock } from '../polling/base/pollClock.js';
import type { ControlCenterClient } from '../polling/soap/controlCenterClient.js';
import type { JobResult, JobRunner } from '../jobs/jobRunner.js';
import { serviceRestartNote, serviceRestartNoteText } from './serviceRestartNotes.js';
import { ServiceJobTracker, type ServiceAction } from './serviceJobTracker.js';

/** How a Control Center job reads the node back. */
export interface ServiceJobOptions {
  /** Between two read-backs of ControlCenter (one soapGetServiceStatus each, inside the node's SOAP budget). */
  readonly pollIntervalMs?: number;
  /** After which the job ends with whatever does not hold as problems (default 5 min, as controlAndWait). */
  readonly timeoutMs?: number;
  readonly clock?: PollClock;
  /** Called once the job is over (the collector polls the node's services again). */
  readonly onDone?: () => void;
}

const ACTION: Readonly<Record<ServiceControlRequest['action'], ServiceAction>> = { start: 'Start', stop: 'Stop', restart: 'Restart' };

/**
 * Starts, stops or restarts a service as a job whose steps are what ControlCenter reads back (soapDoControlServices,
 * then soapGetServiceStatus of every service of the node until the promise holds; ServiceJobTracker). It succeeds
 * only when each service it acted on and the dependants it promised are in their target state; otherwise it
 * ends as completedWithProblems naming them.
 */
export function startServiceControlJob(jobs: JobRunner, client: ControlCenterClient, req: ServiceControlRequest, options: ServiceJobOptions = {}) {
  const type = ACTION[req.action];
  const clock = options.clock ?? realPollClock;
  // Every second for the first 30 s, where a restart's steps (the dependants stopping with it) pass quickly, then
  // every 2 s: a slow restart holds at most 30 of the node's 80 SOAP requests a minute (RequestBudget).
  const pollMsAt = (elapsedMs: number): number => options.pollIntervalMs ?? (elapsedMs < 30_000 ? 1000 : 2000);
  const timeoutMs = options.timeoutMs ?? 300_000;
  return jobs.start(
    { kind: 'service', title: `${type} ${req.service} on ${req.node}`, titleText: { key: `service.title.${req.action}`, params: { service: req.service, node: req.node } } },
    async (p): Promise<JobResult> => {
      try {
        const startedAt = clock.now();
        const deadline = startedAt + timeoutMs;
        const before = await client.serviceStatus([], { deadline });
        if (!before.ok) throw before.error;
        const tracker = new ServiceJobTracker(type, req.service, before.value);
        if (!before.value.some((s) => s.name === tracker.service)) throw new AppError('NOT_FOUND', `${req.service} is not a service of ${req.node}`);
        p.step({ key: 'requested', subject: tracker.service, state: 'done' });
        p.progress(undefined, `${type} requested`, { key: 'service.requested', params: { service: tracker.service } });
        const sent = await client.control(type, [tracker.service], { deadline });
        if (!sent.ok) throw sent.error;
        // The answer to the request is the first read-back (e.g. Stopping).
        let now = before.value.map((s) => sent.value.find((x) => x.name === s.name) ?? s);
        let update = tracker.observe(now);
        for (;;) {
          for (const s of update.steps) p.step(s);
          if (update.done) break;
          if (clock.now() >= deadline) {
            update = tracker.finish(now);
            continue;
          }
          await clock.sleep(pollMsAt(clock.now() - startedAt), p.signal);
          p.signal.throwIfAborted();
          const st = await client.serviceStatus([], { deadline: Math.max(deadline, clock.now() + 30_000) });
          if (!st.ok) throw st.error;
          now = st.value;
          update = tracker.observe(now);
        }
        const problems = update.done.problems;
        const note = serviceRestartNote(tracker.service);
        const noteText = serviceRestartNoteText(tracker.service);
        if (problems.length > 0) {
          const named = problems.map((n) => `${n} (${now.find((s) => s.name === n)?.status ?? 'Unknown'})`).join(', ');
          return { message: `Completed with problems: ${named} did not reach ${type === 'Stop' ? 'Stopped' : 'Started'}`, messageText: { key: 'service.problems', params: { services: named, target: type === 'Stop' ? 'Stopped' : 'Started' } }, note, noteText, problems };
        }
        const deps = tracker.dependants;
        if (deps.length > 0) return { message: `${tracker.service} restarted; its dependants are Started again: ${deps.join(', ')}`, messageText: { key: 'service.restartedWithDependants', params: { service: tracker.service, services: deps.join(', ') } }, note, noteText };
        const status = type === 'Stop' ? 'Stopped' : 'Started';
        return { message: `${tracker.service} is ${status}`, messageText: { key: `service.is${status}`, params: { service: tracker.service } }, note, noteText };
      } finally {
        options.onDone?.();
      }
    },
  );
}
