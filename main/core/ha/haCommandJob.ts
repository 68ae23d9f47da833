import type { HaCommandRequest, JobStatus, PrgStatus, UsersMoved } from '../../../shared/model/views.js';
import { AppError } from '../base/errors.js';
import { realPollClock, type PollClock } from '../polling/base/pollClock.js';
import type { JobResult, JobRunner } from '../jobs/jobRunner.js';
import { TRANSITIONAL_STATES } from './prgView.js';
import { SRM_STATE_LABELS, type SrmStateId } from '../../../shared/ha/srmStates.js';

/** What the HA job needs from the backend. */
export interface HaJobDeps {
  readonly jobs: JobRunner;
  /** Runs the `utils ha …` command on a node of the group, answering its yes/no question. */
  readonly run: (command: string) => Promise<{ ok: true; output: string } | { ok: false; error: unknown }>;
  /** Asks the collector to poll HA (and the JSM counters) now. */
  readonly refresh: () => void;
  /** The group as the PRG view shows it now (from the collector's latest polls). */
  readonly view: () => PrgStatus | undefined;
  readonly clock?: PollClock;
  /** Between two looks at the pair (default 3 s). */
  readonly pollIntervalMs?: number;
  /** How long the pair may take to settle (default 30 min: 15,000 users at the guide's login rate). */
  readonly settleTimeoutMs?: number;
}

const TRANSITIONAL_LABELS = new Set([...TRANSITIONAL_STATES].map((s) => SRM_STATE_LABELS[s].en.toLowerCase()));
const isTransitional = (g: PrgStatus) => g.nodes.some((n) => TRANSITIONAL_LABELS.has(n.state.trim().toLowerCase()));
const statesOf = (g: PrgStatus) => g.nodes.map((n) => `${n.name} ${n.state}${n.reason ? ` (${n.reason})` : ''}`).join(', ');

/** The pair's end states each command aims at (Table 4 rows 3 and 1). */
function settled(action: HaCommandRequest['action'], target: string, g: PrgStatus): boolean {
  if (isTransitional(g)) return false;
  const is = (n: string, s: SrmStateId) => g.nodes.find((x) => x.name === n)?.state.trim().toLowerCase() === SRM_STATE_LABELS[s].en.toLowerCase();
  const peer = g.nodes.find((n) => n.name !== target)?.name ?? '';
  if (action === 'failover') return (is(target, 'idle') || is(target, 'failedOver')) && is(peer, 'runningInBackupMode');
  return g.nodes.every((n) => is(n.name, 'normal'));
}

/** Who moves where in this command, from the pair before it (Normal for a failover; failed over for a fallback). */
interface Moving {
  readonly from: string;
  readonly to: string;
  readonly total: number;
  /** Users of `to` itself: its sessions before the users arrive (failover), none for a fallback home. */
  readonly base: number;
}

function usersToMove(req: HaCommandRequest, before: PrgStatus | undefined): Moving | undefined {
  if (!before || req.action === 'recover') return undefined;
  const target = before.nodes.find((n) => n.name === req.target);
  const peer = before.nodes.find((n) => n.name !== req.target);
  if (!target || !peer) return undefined;
  if (req.action === 'failover') {
    const total = target.assignedUsers ?? target.composedSessions;
    const base = peer.assignedUsers ?? peer.composedSessions;
    return total === undefined || base === undefined ? undefined : { from: target.name, to: peer.name, total, base };
  }
  return target.assignedUsers === undefined ? undefined : { from: peer.name, to: target.name, total: target.assignedUsers, base: 0 };
}

/** Users moved so far by this command: the receiving node's ActiveJsmSessions above its own users. */
function movedSoFar(m: Moving, g: PrgStatus): UsersMoved | undefined {
  const active = g.nodes.find((n) => n.name === m.to)?.activeJsmSessions;
  if (active === undefined) return undefined;
  return { from: m.from, to: m.to, total: m.total, moved: Math.max(0, Math.min(m.total, active - m.base)) };
}

/** The CLI's last meaningful line: what it answered after the yes/no question (never the transcript). */
function cliOutcome(output: string): { ok: boolean; line: string } {
  const lines = output.split(/\r?\n/).map((l) => l.replace(/^.*\(yes\/no\):\s*(yes)?/i, '').trim()).filter(Boolean);
  const failed = lines.findIndex((l) => /executed unsuccessfully|invalid|not enabled|cancelled|error/i.test(l));
  if (failed >= 0) return { ok: false, line: lines.slice(Math.max(0, failed - 1), failed + 1).join(' ') };
  return { ok: true, line: lines.at(-1) ?? '' };
}

/**
 * An HA command (Failover, Fallback, Recover; guide L2216-2242) as a job that stays running until the pair
 * settles in the state the command aims at (failover: Idle or Failed Over / Running in Backup Mode; fallback
 * and recover: Normal / Normal) with no node in a transitional state, reporting each pair state it observes,
 * where the pair is heading and how many users moved so far (PrgStatus.users from the JSM counters). The CLI's
 * answer is checked but never shown as the result: its yes/no transcript is not a result.
 */
export function startHaCommandJob(deps: HaJobDeps, req: HaCommandRequest, runOn: string): JobStatus {
  const clock = deps.clock ?? realPollClock;
  const pollMs = deps.pollIntervalMs ?? 3000;
  const timeoutMs = deps.settleTimeoutMs ?? 30 * 60_000;
  const group = deps.view()?.name ?? req.target;
  const titleKey = `ha.title.${req.action}`;
  const title = req.action === 'recover' ? `Recover ${req.target}` : `${req.action === 'failover' ? 'Failover' : 'Fallback'} of ${req.target}`;
  return deps.jobs.start({ kind: 'ha', title, titleText: { key: titleKey, params: { target: req.target } } }, async (p): Promise<JobResult> => {
    const command = `utils ha ${req.action} ${req.target}`;
    p.step({ key: 'haRequested', subject: runOn, state: 'active', detail: { key: 'step.command', params: { command } } });
    p.progress(undefined, `${command} sent to ${runOn}`, { key: 'ha.sent', params: { command, node: runOn } });
    const r = await deps.run(command);
    if (!r.ok) throw r.error;
    const out = cliOutcome(r.output);
    if (!out.ok) throw new AppError('PRECONDITION', `${command} was refused: ${out.line}`);
    p.step({ key: 'haRequested', subject: runOn, state: 'done', detail: { key: 'step.command', params: { command } } });
    const deadline = clock.now() + timeoutMs;
    const moving = usersToMove(req, deps.view());
    let last = '';
    let g: PrgStatus | undefined;
    for (;;) {
      deps.refresh();
      await clock.sleep(pollMs, p.signal);
      p.signal.throwIfAborted();
      g = deps.view();
      if (!g) {
        // The group is gone (cluster removed or renamed): the deadline still ends the job.
        if (clock.now() >= deadline) throw new AppError('NOT_FOUND', `${group} is no longer monitored; the pair's end state is unknown`);
        continue;
      }
      const states = statesOf(g);
      const users = g.users ?? (moving ? movedSoFar(moving, g) : undefined);
      p.ha({ group, headingTo: g.headingTo, users });
      if (states !== last) {
        last = states;
        p.step({ key: 'haTransition', subject: group, state: isTransitional(g) ? 'active' : 'done', detail: { key: 'step.pairStates', params: { states } } });
      }
      if (users) p.progress(users.total > 0 ? users.moved / users.total : undefined, `${users.moved} of ${users.total} users moved to ${users.to}`, { key: 'ha.moving', params: { moved: users.moved, total: users.total, node: users.to } });
      // Settled: the pair in its end states and every moved user's session re-created (ActiveJsmSessions).
      if (settled(req.action, req.target, g) && (!users || users.moved >= users.total)) break;
      if (clock.now() >= deadline) {
        p.step({ key: 'haSettled', subject: group, state: 'failed', detail: { key: 'step.pairStates', params: { states } } });
        return { message: `The pair did not settle within ${Math.round(timeoutMs / 60_000)} min: ${states}`, messageText: { key: 'ha.notSettled', params: { minutes: Math.round(timeoutMs / 60_000), states } }, problems: [states] };
      }
    }
    p.step({ key: 'haSettled', subject: group, state: 'done', detail: { key: 'step.pairStates', params: { states: statesOf(g) } } });
    p.ha({ group });
    return { message: `The pair settled: ${statesOf(g)}`, messageText: { key: 'ha.settled', params: { states: statesOf(g) } } };
  });
}
