/**
 * zod schemas of the Disaster Recovery System's requests (shared/model/drs.ts), used by the IPC argument parsers and
 * by `imp drs` (one schema per shape). Field rules are the guide's Backup Device and Scheduler windows (L10083-10095,
 * L10142-10161) with its words; no value may carry a control character (it would reach the cluster's CLI).
 */
import { z } from 'zod';
import { DRS_FREQUENCIES, DRS_MAX_BACKUPS_TO_KEEP, DRS_NAME_PATTERN } from '../model/drs.js';

const MAX_NAME = 255;
/** No control characters or quotes: every value ends up as a word of an admin CLI command. */
const CLI_SAFE = /^[^\u0000-\u001f\u007f"']*$/;
const cliText = (max: number) => z.string().max(max).regex(CLI_SAFE, 'must not contain control characters or quotes');

const clusterId = z.string().min(1, 'must not be empty').max(MAX_NAME);
/** Device and schedule names (guide L10085). */
export const drsNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64)
  .regex(DRS_NAME_PATTERN, 'can contain only alphanumeric characters, spaces ( ), dashes (-) and underscores (_)')
  .refine((s) => s.trim() !== '', 'must not be only spaces');
/** A feature as the cluster registers it (UCM, CDR_CAR, PLM, IM&P …). */
export const drsFeatureSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9&_.-]+$/, 'is not a feature name');
export const drsFeaturesSchema = z.array(drsFeatureSchema).min(1, 'select at least one feature').max(32);
/** A host name, IPv4 or IPv6 address. */
export const drsHostSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(253)
  .regex(/^[A-Za-z0-9.:-]+$/, 'must be a host name or IP address');
export const drsNodeSchema = z.string().min(1).max(MAX_NAME).regex(/^[A-Za-z0-9._-]+$/, 'must be a node host name');
/** "2026-12-06-10-00-00" with or without ".tar". */
export const drsBackupFileSchema = z.string().regex(/^\d{4}(-\d\d){5}(\.tar)?$/, 'must be a backup file name (yyyy-mm-dd-hh-mm-ss.tar)');
const secret = z.string().min(1, 'must not be empty').max(256).regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters');

export const drsDeviceInputSchema = z.strictObject({
  cluster: clusterId,
  name: drsNameSchema,
  host: drsHostSchema,
  port: z.number().int().min(1).max(65535).optional(),
  path: cliText(1024).refine((p) => p.startsWith('/') && !p.includes(' ') && !p.split('/').includes('..'), 'must be an absolute directory path without spaces or .., for example /backups'),
  username: cliText(64).min(1, 'must not be empty').refine((u) => !/\s/.test(u), 'must not contain spaces'),
  password: secret,
  backupsToKeep: z.number().int().min(1).max(DRS_MAX_BACKUPS_TO_KEEP).optional(),
});

const timeMs = z.number().int().min(0).max(8.64e15);

export const drsScheduleInputSchema = z
  .strictObject({
    cluster: clusterId,
    name: drsNameSchema,
    device: drsNameSchema,
    features: drsFeaturesSchema,
    startMs: timeMs,
    frequency: z.enum(DRS_FREQUENCIES),
    weekdays: z.array(z.number().int().min(0).max(6)).min(1).max(7).optional(),
    enabled: z.boolean().optional(),
    replace: z.boolean().optional(),
  })
  .refine((s) => s.frequency !== 'weekly' || (s.weekdays?.length ?? 0) > 0, { message: 'a weekly schedule needs at least one day', path: ['weekdays'] });

export const drsRestoreRequestSchema = z.strictObject({
  cluster: clusterId,
  device: drsNameSchema,
  fileName: drsBackupFileSchema,
  features: drsFeaturesSchema,
  servers: z.array(drsNodeSchema).min(1, 'select at least one server').max(64),
  integrityCheck: z.boolean(),
  securityPassword: secret,
  databaseFrom: drsNodeSchema.optional(),
  kind: z.enum(['firstNode', 'subsequentNodes', 'entireCluster', 'oneStep']),
});
