/**
 * Query Wizard (RTMT Trace & Log Central, serviceability-reference.md A.6): a string or regular expression searched
 * across services and nodes in a time range, or in a collected bundle.
 * - On the nodes: the files of the chosen services in the range come from the node (LogCollection selectLogFiles,
 *   reference B.4), then each file is searched on the node with `file search activelog <file> <reg-exp>
 *   [ignorecase]` (reference D.6) over the node's one trace CLI session; only matching lines travel. `file search`
 *   prints no line numbers, so node hits carry none (the viewer finds the line when the file is opened).
 * - In a bundle: every text entry is streamed (a .gz gunzipped on the way) and matched line by line, with line
 *   numbers. MANIFEST.sha256, collection.json and binary entries (core files) are not searched.
 * A node that fails is data (`errors`); hits stop at TRACE_SEARCH_MAX_HITS with `truncated`.
 */
import { TRACE_SEARCH_MAX_HITS, type TraceSearchHit, type TraceSearchRequest, type TraceSearchResult, type TraceTimeRange } from '../../../shared/model/traces.js';
import type { ErrorPayload } from '../../../shared/errors.js';
import { AppError, toErrorPayload } from '../base/errors.js';
import { searchActivelog } from '../polling/ssh/cliLogCommands.js';
import { searchBundle } from './bundleSearch.js';
import { logTimeSelection } from './collectionPlan.js';
import { compileFind } from './logDocuments.js';
import { ACTIVE_LOG_ROOT, type LogTimeSelection, type TraceToolClients } from './traceToolPorts.js';

export interface TraceSearchDeps {
  readonly clients?: TraceToolClients;
  readonly signal?: AbortSignal;
  /** Most hits returned (default TRACE_SEARCH_MAX_HITS). */
  readonly maxHits?: number;
}

/** LogCollection's time selection of a range (RelText units, reference B.4; collectionPlan.ts, as a collection asks). */
export function toLogTimeSelection(range: TraceTimeRange): LogTimeSelection {
  if (range.kind === 'absolute' && !(range.toMs > range.fromMs)) throw new AppError('VALIDATION', 'The time range is empty (its end is not after its start)');
  return logTimeSelection(range);
}

/** A plain text as a regular expression for `file search` (which takes one). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The path relative to the active log root of a path a node gave (absolute under /var/log/active, or already relative). */
export function toNodeRelative(path: string): string {
  if (path === ACTIVE_LOG_ROOT) return '/';
  if (path.startsWith(`${ACTIVE_LOG_ROOT}/`)) return path.slice(ACTIVE_LOG_ROOT.length);
  return path.startsWith('/') ? path : `/${path}`;
}

/** Searches on the nodes or in a bundle (see the file comment). */
export async function searchTraces(deps: TraceSearchDeps, request: TraceSearchRequest): Promise<TraceSearchResult> {
  // Checked before anything is asked of a node: a bad expression is the user's to fix.
  compileFind({ pattern: request.pattern, regex: request.regex, ignoreCase: request.ignoreCase });
  const max = deps.maxHits ?? TRACE_SEARCH_MAX_HITS;
  if (request.where === 'bundle') return searchBundle(request.bundlePath, request, max, deps.signal);
  const clients = deps.clients;
  if (!clients) throw new AppError('PRECONDITION', 'Searching on the nodes needs the node clients');
  const time = toLogTimeSelection(request.range);
  const regex = request.regex ? request.pattern : escapeRegex(request.pattern);
  const hits: TraceSearchHit[] = [];
  const errors: { node: string; error: ErrorPayload }[] = [];
  let truncated = false;
  // Nodes one after another (each has one trace CLI session); a node's failure does not stop the others.
  for (const sel of request.nodes) {
    if (truncated || deps.signal?.aborted) break;
    try {
      const selected = await clients.logCollection(sel.cluster, sel.node).selectLogFiles({ serviceLogs: sel.serviceLogs, systemLogs: sel.systemLogs, time }, { signal: deps.signal });
      if (!selected.ok) throw selected.error;
      const paths = [...new Set([...selected.value.map((f) => toNodeRelative(f.absolutePath)), ...(sel.files ?? []).map(toNodeRelative)])].sort();
      const ran = await clients.cli(sel.cluster, sel.node, async (session) => {
        const problems: string[] = [];
        for (const path of paths) {
          if (hits.length >= max || deps.signal?.aborted) break;
          const found = await searchActivelog(session, path, regex, { ignoreCase: request.ignoreCase, recurse: false });
          if (!found.ok) {
            problems.push(`${path}: ${found.error.message}`);
            if (found.error.code === 'POLL_CONNECT' || found.error.code === 'POLL_TIMEOUT') throw found.error;
            continue;
          }
          for (const h of found.value) {
            if (hits.length >= max) {
              truncated = true;
              break;
            }
            hits.push({ cluster: sel.cluster, node: sel.node, path: toNodeRelative(h.path || path), text: h.text });
          }
        }
        return problems;
      });
      if (!ran.ok) throw ran.error;
      if (ran.value.length > 0) errors.push({ node: sel.node, error: { code: 'POLL_PROTOCOL', message: `file search failed on ${ran.value.length} file(s): ${ran.value.slice(0, 3).join('; ')}`, retryable: false } });
    } catch (err) {
      errors.push({ node: sel.node, error: toErrorPayload(err) });
    }
  }
  return { hits, truncated, errors };
}

