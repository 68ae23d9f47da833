/**
 * zod schemas of Trace & Log Central's requests (shared/model/traces.ts), used by the IPC argument parsers and by
 * `imp traces` (one schema per shape). Limits are designed: far above what a person selects in the wizard.
 */
import { z } from 'zod';
import { TRACE_ARCHIVE_FORMATS, TRACE_EXTRAS, TRACE_RANGE_UNITS } from '../model/traces.js';

const MAX_NAME = 255;
/** Longest path accepted (Linux PATH_MAX). */
const MAX_PATH = 4096;
/** Most nodes in one request, services per node and explicit files per node (designed). */
const MAX_NODES = 64;
const MAX_SERVICES = 200;
const MAX_FILES = 5000;

const name = z.string().min(1, 'must not be empty').max(MAX_NAME);
const timeMs = z.number().int().min(0).max(8.64e15);
export const tracePathSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_PATH)
  .refine((p) => !p.includes('\0'), 'must not contain NUL');
/** A path on a node, relative to its active log root: absolute form, no `..` segments. */
export const nodeLogPathSchema = tracePathSchema.refine((p) => p.startsWith('/') && !p.split('/').includes('..'), 'must start with / and not contain ..');

export const traceTimeRangeSchema = z.discriminatedUnion('kind', [
  // LogCollection's RelTime is a byte (reference B.4): 1..127 units.
  z.strictObject({ kind: z.literal('relative'), amount: z.number().int().min(1).max(127), unit: z.enum(TRACE_RANGE_UNITS) }),
  z
    .strictObject({ kind: z.literal('absolute'), fromMs: timeMs, toMs: timeMs, timeZone: z.string().min(1).max(64) })
    .refine((r) => r.fromMs < r.toMs, { message: 'the time range is empty: fromMs must be before toMs', path: ['toMs'] }),
]);

export const traceNodeSelectionSchema = z
  .strictObject({
    cluster: name,
    node: name,
    serviceLogs: z.array(name).max(MAX_SERVICES),
    systemLogs: z.array(name).max(MAX_SERVICES),
    files: z.array(nodeLogPathSchema).max(MAX_FILES).optional(),
  })
  .refine((n) => n.serviceLogs.length + n.systemLogs.length + (n.files?.length ?? 0) > 0, { message: 'select at least one service, system log or file' });

export const traceCollectRequestSchema = z.strictObject({
  nodes: z.array(traceNodeSelectionSchema).min(1, 'select at least one node').max(MAX_NODES),
  range: traceTimeRangeSchema,
  archive: z.enum(TRACE_ARCHIVE_FORMATS),
  outDir: tracePathSchema,
  presetId: name.optional(),
  pseudonymize: z.boolean().optional(),
  extras: z.array(z.enum(TRACE_EXTRAS)).max(TRACE_EXTRAS.length).optional(),
  label: z
    .string()
    .min(1)
    .max(80)
    .regex(/^[A-Za-z0-9._ -]+$/, 'letters, digits, space, dot, dash and underscore only')
    .optional(),
});

export const logSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('remote'), cluster: name, node: name, path: nodeLogPathSchema }),
  z.strictObject({ kind: z.literal('bundle'), bundlePath: tracePathSchema, entry: tracePathSchema }),
  z.strictObject({ kind: z.literal('file'), path: tracePathSchema }),
]);

export const logFindQuerySchema = z.strictObject({
  pattern: z.string().min(1).max(1024),
  regex: z.boolean(),
  ignoreCase: z.boolean(),
  fromLine: z.number().int().min(0),
  backwards: z.boolean().optional(),
});

const searchText = { pattern: z.string().min(1, 'must not be empty').max(1024), regex: z.boolean(), ignoreCase: z.boolean() };
export const traceSearchRequestSchema = z.discriminatedUnion('where', [
  z.strictObject({ where: z.literal('nodes'), nodes: z.array(traceNodeSelectionSchema).min(1).max(MAX_NODES), range: traceTimeRangeSchema, ...searchText }),
  z.strictObject({ where: z.literal('bundle'), bundlePath: tracePathSchema, ...searchText }),
]);

export const tailRequestSchema = z.strictObject({
  cluster: name,
  node: name,
  paths: z.array(nodeLogPathSchema).min(1).max(8),
  filter: z.string().min(1).max(1024).optional(),
});

const host = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_NAME)
  .regex(/^[A-Za-z0-9.:_[\]-]+$/, 'a host name or IP address');

export const traceDestinationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('local'), dir: tracePathSchema }),
  z.strictObject({
    kind: z.literal('sftp'),
    host,
    port: z.number().int().min(1).max(65_535),
    username: name,
    directory: tracePathSchema,
    hostKeyFingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'an OpenSSH SHA256 fingerprint').optional(),
  }),
]);

export const traceScheduleInputSchema = z.strictObject({
  id: name.optional(),
  name: z.string().min(1).max(80),
  enabled: z.boolean(),
  nodes: z.array(traceNodeSelectionSchema).min(1).max(MAX_NODES),
  // RTMT's Schedule Collection: hourly at most, a month at least (designed bounds).
  everyHours: z.number().int().min(1).max(24 * 31),
  lastHours: z.number().int().min(1).max(24 * 31),
  archive: z.enum(TRACE_ARCHIVE_FORMATS),
  pseudonymize: z.boolean(),
  destination: traceDestinationSchema,
  keep: z.number().int().min(1).max(1000),
  password: z.string().min(1).max(1024).optional(),
});
