import { z } from 'zod';
import type { Params } from '../platform/i18n/i18n.ts';

/** A message per field, as an i18n key and its parameters; the view translates it. */
export type FormErrors = Record<string, { key: string; params?: Params }>;
/** What the person typed, echoed back into the form (never the passwords). */
export type FormValues = Record<string, string>;

const email = z.string().trim().min(1, 'form.required').max(254, 'form.tooLong').pipe(z.email('form.invalidEmail'));
const name = z.string().trim().min(1, 'form.required').max(100, 'form.tooLong');
const lang = z.enum(['fr', 'en'], 'accounts.error.invalidLang');
const newPassword = z.string().min(10, 'form.tooShort').max(200, 'form.tooLong');
const next = z.string().max(500).optional().catch(undefined);

export const signUpSchema = z.object({
  name,
  email,
  // An empty password field means "no password": sign-in by link only.
  password: z.preprocess((v) => (v === '' ? undefined : v), newPassword.optional()),
  lang,
  suivant: next,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const passwordSignInSchema = z.object({
  email,
  password: z.string().min(1, 'form.required').max(200, 'form.tooLong'),
  suivant: next,
});

export const linkRequestSchema = z.object({ email, suivant: next });

export const profileSchema = z.object({ name, lang });
export type ProfileInput = z.infer<typeof profileSchema>;

export const passwordChangeSchema = z
  // `current` is required when the account has a password, which only the service knows.
  .object({ current: z.string().max(200, 'form.tooLong').optional(), password: newPassword, confirm: z.string().max(200, 'form.tooLong') })
  .refine((v) => v.password === v.confirm, { message: 'accounts.error.passwordsDiffer', path: ['confirm'] });

export const deleteSchema = z.object({ confirm: z.literal('oui', 'accounts.error.confirmDelete') });

export const roleSchema = z.object({ role: z.enum(['user', 'animator', 'admin']) });

export const adminListQuery = z.object({
  q: z.string().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export const tokenParams = z.object({ token: z.string().max(200) });
export const userIdParams = z.object({ id: z.string().min(1).max(64) });

/**
 * Parses a form body into typed values or field messages. Anything that is not a plain
 * object of strings (a JSON array, a repeated field) is turned away field by field, never a 500.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): { ok: true; data: z.infer<S>; values: FormValues } | { ok: false; errors: FormErrors; values: FormValues } {
  const raw = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const values: FormValues = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'string' && k !== 'password' && k !== 'confirm' && k !== 'current' && k !== '_csrf') values[k] = v.slice(0, 1000);
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  const errors: FormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    if (errors[field]) continue;
    const missing = issue.code === 'invalid_type' && (raw[field] === undefined || raw[field] === '');
    const ownKey = issue.message.startsWith('form.') || issue.message.startsWith('accounts.');
    const key = ownKey ? issue.message : missing ? 'form.required' : 'form.invalid';
    const params: Params = {};
    if (issue.code === 'too_big') params.max = Number(issue.maximum);
    if (issue.code === 'too_small') params.min = Number(issue.minimum);
    errors[field] = { key, params };
  }
  return { ok: false, errors, values };
}
