/**
 * Schemas of the reports' inputs (issue 14): a report request with its options' ranges, a report kind, a report id
 * and the find-a-user query. Pure (zod only).
 */
import { z } from 'zod';
import { REPORT_KINDS } from '../model/reports.js';

/** The OVA sizes a node's capacity is computed from (users per node; guide L6999-7017, L12177-12468). */
export const REPORT_OVA_USERS = [500, 1000, 2000, 5000, 15000, 25000] as const;

export const reportKindSchema = z.enum(REPORT_KINDS);

export const reportOptionsSchema = z
  .object({
    ovaUsers: z
      .number()
      .int()
      .refine((n) => (REPORT_OVA_USERS as readonly number[]).includes(n), { message: `must be one of ${REPORT_OVA_USERS.join(', ')}` })
      .optional(),
    activeActive: z.boolean().optional(),
    warnDays: z.number().int().min(1, 'must be at least 1 day').max(3650, 'must be at most 3650 days').optional(),
  })
  .strict();

export const reportRequestSchema = z
  .object({
    kind: reportKindSchema,
    clusters: z.array(z.string().min(1).max(255)).min(1, 'name at least one cluster, or leave it out for every cluster').max(64).optional(),
    options: reportOptionsSchema.optional(),
    /** A run of the UI's Watch mode (kept apart: only the latest watch run of a kind is kept). */
    watch: z.boolean().optional(),
  })
  .strict();

/** A report id as the backend makes them (letters, digits, dashes). */
export const reportIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a report id');

/**
 * A user ID, directory URI or a prefix of one: printable. An apostrophe is allowed (o'brien is a real user ID; the
 * SQL literal doubles it, reportCommands.sqlLiteral); double quotes, backslashes, ';' and wildcards are refused.
 */
export const findUserQuerySchema = z
  .string()
  .trim()
  .min(1, 'type a user ID or directory URI')
  .max(128, 'must be at most 128 characters')
  .regex(/^[^"\\;%*?\p{Cc}]+$/u, "must not contain double quotes, backslashes, ';', '%', '*', '?' or control characters");
