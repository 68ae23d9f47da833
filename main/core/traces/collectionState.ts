import { z } from 'zod';
import type { ErrorPayload } from '../../../shared/errors.js';
import type { TraceCollectRequest, TraceTransport, TraceTrigger } from '../../../shared/model/traces.js';
import { traceCollectRequestSchema } from '../../../shared/validation/traces.js';
import { JsonStateFile } from '../base/jsonStateFile.js';
import { join } from 'node:path';
import { STATE_FILE_NAME } from './bundleLayout.js';

/**
 * The resumable state of one collection, kept in its work folder as `collection-state.json` (written atomically,
 * base/jsonStateFile.ts): what was asked, what each node planned, and how far each file got. `resume(workDir)`
 * reads it back, skips complete files and continues partial ones from `doneBytes`.
 */

export const COLLECTION_STATE_VERSION = 1;

export type FileState = 'pending' | 'fetching' | 'done' | 'skipped' | 'failed';

/** One planned node file. */
export interface StateFile {
  /** Relative to the node's active log root ('/epas/trace/xcp/log/rtr-jsm-1.log'). */
  path: string;
  /** As LogCollection knows it ('/var/log/active/epas/...'), for DIME. */
  absolutePath: string;
  /** The service or system log it was selected for; undefined for an explicit file. */
  log?: string;
  /** Size the node reported at planning (0 with `sizeUnknown` when it could not be asked). */
  size: number;
  /** An explicit file that could not be stat'ed (no SFTP): its size is learned when it is fetched. */
  sizeUnknown?: boolean;
  modifiedMs: number;
  state: FileState;
  /** Bytes in the local file (the resume offset). */
  doneBytes: number;
  via?: TraceTransport;
  /** Why it failed or was skipped, or what changed (size while read). */
  reason?: string;
  /** Size at the end of the read when it differs from `size`. */
  finalSize?: number;
}

/** A diagnostics file a preset added (H3b's extras), already written in the node's folder. */
export interface StateExtra {
  name: string;
  source: string;
  /** Relative to the node folder ('_diagnostics/show-process-using-most-cpu.txt'). */
  entry: string;
}

export interface StateNode {
  cluster: string;
  node: string;
  /** Folder name in the work folder and the bundle. */
  folder: string;
  planned: boolean;
  /** Why planning failed (the node is then failed; resume plans it again). */
  error?: ErrorPayload;
  /** Requested names the node does not list. */
  unknownLogs?: string[];
  files: StateFile[];
  extras?: StateExtra[];
}

export interface CollectionStateDoc {
  version: number;
  id: string;
  label: string;
  request: TraceCollectRequest;
  trigger: TraceTrigger;
  startedAtMs: number;
  /** The time range resolved at the start (a resumed plan uses it, not a relative range moved to the new now). */
  fromMs: number;
  toMs: number;
  toolVersion: string;
  nodes: StateNode[];
  /** Set once the archive was written. */
  bundlePath?: string;
  /** The last state the collection ended in. */
  state?: string;
}

const errorPayload = z.object({ code: z.string(), message: z.string(), retryable: z.boolean() }) as unknown as z.ZodType<ErrorPayload>;
const fileSchema = z.object({
  path: z.string().min(1),
  absolutePath: z.string().min(1),
  log: z.string().optional(),
  size: z.number().int().min(0),
  sizeUnknown: z.boolean().optional(),
  modifiedMs: z.number(),
  state: z.enum(['pending', 'fetching', 'done', 'skipped', 'failed']),
  doneBytes: z.number().int().min(0),
  via: z.enum(['sftp', 'dime', 'cli']).optional(),
  reason: z.string().optional(),
  finalSize: z.number().int().min(0).optional(),
});
const triggerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('manual') }),
  z.object({ kind: z.literal('schedule'), scheduleId: z.string() }),
  z.object({ kind: z.literal('alert'), ruleId: z.string(), alarmId: z.string() }),
]);
const stateSchema = z.object({
  version: z.literal(COLLECTION_STATE_VERSION),
  id: z.string().min(1),
  label: z.string().min(1),
  request: traceCollectRequestSchema,
  trigger: triggerSchema,
  startedAtMs: z.number(),
  fromMs: z.number(),
  toMs: z.number(),
  toolVersion: z.string(),
  nodes: z.array(
    z.object({
      cluster: z.string(),
      node: z.string(),
      folder: z.string().min(1),
      planned: z.boolean(),
      error: errorPayload.optional(),
      unknownLogs: z.array(z.string()).optional(),
      files: z.array(fileSchema),
      extras: z.array(z.object({ name: z.string(), source: z.string(), entry: z.string() })).optional(),
    }),
  ),
  bundlePath: z.string().optional(),
  state: z.string().optional(),
});

/** Parses a state document (a message naming the bad field when it cannot be used). */
export function parseCollectionState(data: unknown): { ok: true; value: CollectionStateDoc } | { ok: false; problem: string } {
  const r = stateSchema.safeParse(data);
  if (r.success) return { ok: true, value: r.data as CollectionStateDoc };
  return { ok: false, problem: `is not a collection state: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
}

/** The state file of a work folder. */
export function collectionStateFile(workDir: string): JsonStateFile<CollectionStateDoc> {
  return new JsonStateFile(join(workDir, STATE_FILE_NAME), parseCollectionState);
}
