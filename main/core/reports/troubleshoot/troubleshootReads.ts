/**
 * What the System Troubleshooter reads from one cluster (guide L11224-11250), each command asked once per run however
 * many tests use it: `utils service list` and `utils ntp status` per node (reference D.2, D.9), `utils dbreplication
 * runtimestate` (D.3), `utils diagnose module <m>` (D.9; the IM&P modules designed), `utils users validate all`
 * (guide L8474-8535), the users' mail IDs (`run sql`) and the cluster layout (clusterLayout.ts). Every read is one
 * progress step; a read that failed is a ReportProblem and its Result carries the error, so the test that needed it
 * says "not checked" and why — never passed.
 */
import { isNoAnswer, PollError } from '../../polling/pollError.js';
import type { NtpStatus, DiagnoseModule, DbReplicationRuntimeState, SqlTable, UsersValidation } from '../../polling/ssh/reportCommands.js';
import { diagnoseModule, dbReplicationRuntimeState, namedCliRun, ntpStatus, serviceList, usersValidate } from '../../polling/ssh/reportCommands.js';
import type { CliServiceStatus } from '../../polling/ssh/parsers/serviceList.js';
import { readNodeCertificates, type NodeCertificates } from '../certificatesReport.js';
import { cliRun, impNodesInOrder, problemOf, readClusterLayout, sqlOnImpDatabase, type ClusterLayout } from '../clusterLayout.js';
import type { ReportClusterAccess, ReportNodeInfo, ReportResult } from '../reportAccess.js';
import type { ReportContext } from '../reportContext.js';

/** A read's outcome with the node that answered (or was asked) and the command, for evidence and problems. */
export type Read<T> = ReportResult<T> & { readonly node: string; readonly source: string };

export const MAIL_SQL = 'select userid, mailid from enduser';

/**
 * How long a quick command may take before its node counts as not answering (ours; `utils service list`, `utils ntp
 * status`, `utils dbreplication runtimestate`, `show cert` answer in seconds on a healthy node). Commands that take
 * long by nature keep their own (run sql, utils diagnose: reportCommands.ts; utils users validate: the access's).
 */
export const QUICK_COMMAND_TIMEOUT_MS = 30_000;

export class TroubleshootReads {
  readonly #memo = new Map<string, Promise<unknown>>();
  /** Per node, the last command queued: a node's commands run one after the other (its SSH session is one). */
  readonly #tail = new Map<string, Promise<unknown>>();
  /** Nodes that did not answer at all: their later commands are not sent (each would wait for the same timeout). */
  readonly #silent = new Map<string, PollError>();
  #layout: Promise<ClusterLayout | undefined> | undefined;

  constructor(
    readonly ctx: ReportContext,
    readonly access: ReportClusterAccess,
  ) {}

  get cluster(): string {
    return this.access.cluster;
  }

  nodes(): readonly ReportNodeInfo[] {
    return this.access.nodes();
  }

  impNodes(): readonly ReportNodeInfo[] {
    return this.access.nodes().filter((n) => n.role === 'imp-publisher' || n.role === 'imp-subscriber');
  }

  /** The IM and Presence database publisher (where Cisco Sync Agent runs), if the cluster lists one. */
  impPublisher(): ReportNodeInfo | undefined {
    return this.access.nodes().find((n) => n.role === 'imp-publisher');
  }

  /** The node to run cluster-wide IM&P commands on: the database publisher, else a reachable IM&P node. */
  impAsk(): ReportNodeInfo | undefined {
    return impNodesInOrder(this.access)[0];
  }

  services(node: ReportNodeInfo): Promise<Read<CliServiceStatus[]>> {
    return this.#once(node, 'utils service list', QUICK_COMMAND_TIMEOUT_MS, (run) => serviceList(run));
  }

  ntp(node: ReportNodeInfo): Promise<Read<NtpStatus>> {
    return this.#once(node, 'utils ntp status', QUICK_COMMAND_TIMEOUT_MS, (run) => ntpStatus(run));
  }

  runtimeState(node: ReportNodeInfo): Promise<Read<DbReplicationRuntimeState>> {
    return this.#once(node, 'utils dbreplication runtimestate', QUICK_COMMAND_TIMEOUT_MS, (run) => dbReplicationRuntimeState(run));
  }

  diagnose(node: ReportNodeInfo, module: string): Promise<Read<DiagnoseModule>> {
    return this.#once(node, `utils diagnose module ${module}`, undefined, (run) => diagnoseModule(run, module));
  }

  usersValidate(node: ReportNodeInfo): Promise<Read<UsersValidation>> {
    return this.#once(node, 'utils users validate all', undefined, (run) => usersValidate(run));
  }

  /** The node's own and trust certificates (certificatesReport.ts: two lists, then one detail per certificate). */
  certificates(node: ReportNodeInfo): Promise<Read<NodeCertificates>> {
    return this.#once(node, 'show cert list own|trust and show cert', QUICK_COMMAND_TIMEOUT_MS, async (run) => {
      const r = await readNodeCertificates(run, this.cluster, node.name, { nowMs: this.ctx.nowMs, warnDays: this.ctx.options.warnDays, signal: this.ctx.signal });
      const failed = r.failures[0];
      // Any certificate that could not be read leaves the node unchecked (with the first failure's words).
      if (failed) return { ok: false, error: new PollError(failed.error.code, 'ssh', node.name, `${failed.source}: ${failed.error.message}${r.failures.length > 1 ? ` (and ${r.failures.length - 1} more)` : ''}`) };
      return { ok: true, value: r };
    });
  }

  /** `run sql select userid, mailid from enduser` on the first IM&P node whose database answers. */
  mailIds(): Promise<Read<SqlTable>> {
    const key = `sql|${MAIL_SQL}`;
    let p = this.#memo.get(key) as Promise<Read<SqlTable>> | undefined;
    if (!p) {
      this.ctx.plan(1);
      p = sqlOnImpDatabase(this.access, MAIL_SQL).then((r) => {
        const node = r.node ?? '';
        const source = `run sql ${MAIL_SQL}`;
        if (!r.ok) this.ctx.problem(problemOf(this.cluster, source, r.error, node || undefined));
        this.ctx.step(`${this.cluster}: users' mail IDs read`);
        return r.ok ? { ok: true as const, value: r.value, node, source } : { ok: false as const, error: r.error, node, source };
      });
      this.#memo.set(key, p);
    }
    return p;
  }

  /** Groups, nodes and assigned users (undefined when no database answered; clusterLayout records the problem). */
  layout(): Promise<ClusterLayout | undefined> {
    this.#layout ??= readClusterLayout(this.ctx, this.access);
    return this.#layout;
  }

  #once<T>(node: ReportNodeInfo, source: string, timeoutMs: number | undefined, read: (run: ReturnType<typeof cliRun>) => Promise<ReportResult<T>>): Promise<Read<T>> {
    const key = `${node.name}|${source}`;
    let p = this.#memo.get(key) as Promise<Read<T>> | undefined;
    if (!p) {
      this.ctx.plan(1);
      const prev = this.#tail.get(node.name) ?? Promise.resolve();
      p = prev.then(() => this.#read(node, source, timeoutMs, read));
      this.#tail.set(node.name, p.catch(() => undefined));
      this.#memo.set(key, p);
    }
    return p;
  }

  async #read<T>(node: ReportNodeInfo, source: string, timeoutMs: number | undefined, read: (run: ReturnType<typeof cliRun>) => Promise<ReportResult<T>>): Promise<Read<T>> {
    let r: ReportResult<T>;
    const silent = this.#silent.get(node.name);
    if (silent) {
      r = { ok: false, error: new PollError(silent.code, 'ssh', node.name, `not sent: ${node.name} did not answer an earlier command (${silent.message})`) };
    } else if (node.reachability === 'down') {
      // The collector sees the node down: asking would only wait for a timeout. Not checked, and why.
      r = { ok: false, error: new PollError('POLL_CONNECT', 'ssh', node.name, `${node.name} is unreachable (the monitor sees it down)`) };
    } else {
      try {
        const run = cliRun(this.access, node.name);
        r = await read(namedCliRun(node.name, timeoutMs === undefined ? run : (command, t) => run(command, t ?? timeoutMs)));
      } catch (err) {
        r = { ok: false, error: err instanceof PollError ? err : new PollError('POLL_PARSE', 'ssh', node.name, err instanceof Error ? err.message : String(err)) };
      }
    }
    if (!r.ok && !silent && isNoAnswer(r.error.code)) this.#silent.set(node.name, r.error);
    if (!r.ok) this.ctx.problem(problemOf(this.cluster, source, r.error, node.name));
    this.ctx.step(`${this.cluster}: ${source} on ${node.name}`);
    this.ctx.signal.throwIfAborted();
    return { ...r, node: node.name, source };
  }
}
