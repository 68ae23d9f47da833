/**
 * What a report generator gets (issue 14): the clusters it reads (one ReportClusterAccess each), its options with
 * their defaults filled in, the report's time, a cancel signal, progress and the place to put what it could not
 * read. A generator returns its data; it never throws for one node or one command failing (that is a problem), only
 * when nothing at all could be read (AppError) or when cancelled (the signal's reason).
 */
import type { ReportOptions, ReportProblem } from '../../../shared/model/reports.js';
import type { ReportClusterAccess } from './reportAccess.js';

export interface ReportContext {
  readonly clusters: readonly ReportClusterAccess[];
  readonly options: Required<ReportOptions>;
  /** The report's time (also "generated at" unless the run ends later). */
  readonly nowMs: number;
  readonly signal: AbortSignal;
  /** Adds `count` steps to the known total (a step = one node asked one thing). */
  plan(count: number): void;
  /** One step done; `label` says what runs next (shown as progress). */
  step(label: string): void;
  problem(p: ReportProblem): void;
}

export type ReportGenerator<T> = (ctx: ReportContext) => Promise<T>;

/** The options' defaults (ours where the guide gives none: 15K OVA as the simulated profile, 30 days warning). */
export const REPORT_OPTION_DEFAULTS: Required<ReportOptions> = { ovaUsers: 15000, activeActive: false, warnDays: 30 };
