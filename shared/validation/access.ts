/** Schemas of the session, operators and audit methods (issue 16). Pure: zod only. */
import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, OPERATOR_NAME_PATTERN, ROLES, passwordProblem } from '../model/access.js';

/** An operator name (shared/model/access.ts OPERATOR_NAME_PATTERN). */
export const operatorNameSchema = z.string().regex(OPERATOR_NAME_PATTERN, 'an operator name: letters, digits, . _ @ -, at most 64 characters, starting with a letter or digit');

/** A password as typed at login (any length up to the bound; the account's own rules are not revealed here). */
export const loginPasswordSchema = z.string().min(1, 'must not be empty').max(MAX_PASSWORD_LENGTH);

/** A new password: the length rules of passwordProblem. */
export const newPasswordSchema = z.string().superRefine((p, ctx) => {
  const problem = passwordProblem(p);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const roleSchema = z.enum(ROLES);

export const operatorInputSchema = z
  .strictObject({ name: operatorNameSchema, role: roleSchema, password: z.string() })
  .superRefine((o, ctx) => {
    const problem = passwordProblem(o.password, o.name);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });

const timeMs = z.number().int().min(0).max(8.64e15);

export const auditFilterSchema = z.strictObject({
  sinceMs: timeMs.optional(),
  untilMs: timeMs.optional(),
  operator: z.string().min(1).max(64).optional(),
  action: z.string().min(1).max(128).regex(/^[A-Za-z0-9._-]+$/, 'an action or a prefix ending with "."').optional(),
  result: z.enum(['ok', 'failed', 'refused']).optional(),
  text: z.string().min(1).max(255).optional(),
  beforeSeq: z.number().int().min(1).optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
});
