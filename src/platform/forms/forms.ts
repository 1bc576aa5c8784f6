import type { z } from 'zod';
import type { Params } from '../i18n/i18n.ts';

/**
 * A message about a form field: an i18n key and its parameters, translated by the view.
 * The one encoding every module uses: a schema's message is a bare key (`'form.tooLong'`);
 * the limits (`{max}`, `{min}`) come from the zod issue, never from the message text.
 */
export interface FieldMessage {
  key: string;
  params?: Params;
}

/** The messages of a form, the first one per field. */
export type FieldErrors = Record<string, FieldMessage>;

/** What the person typed, echoed back into the form. */
export type FormValues = Record<string, string>;

/** The field of a message that is about the whole form, not one field: shown without a link. */
export const FORM_FIELD = '_form';

const I18N_KEY = /^[a-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/;

/** A message for a field, for errors found outside the schema (an address already taken). */
export const fieldMessage = (key: string, params?: Params): FieldMessage => (params ? { key, params } : { key });

/**
 * Turns zod issues into field messages, the first per field. A schema's own message is kept
 * when it is an i18n key; zod's default English text becomes `form.required` (nothing typed),
 * `form.tooLong`/`form.tooShort` (text limits) or `form.invalid`. `input` is the raw body, to
 * tell "nothing typed" from "not the expected type".
 */
export function toFieldErrors(error: z.ZodError, input?: unknown): FieldErrors {
  const raw = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : FORM_FIELD;
    if (out[field]) continue;
    const params: Params = {};
    if (issue.code === 'too_big') params.max = Number(issue.maximum);
    if (issue.code === 'too_small') params.min = Number(issue.minimum);
    out[field] = { key: I18N_KEY.test(issue.message) ? issue.message : defaultKey(issue, raw[field]), ...(Object.keys(params).length ? { params } : {}) };
  }
  return out;
}

function defaultKey(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_type' && (value === undefined || value === '')) return 'form.required';
  if (issue.code === 'too_small' && issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'form.required' : 'form.tooShort';
  if (issue.code === 'too_big' && issue.origin === 'string') return 'form.tooLong';
  return 'form.invalid';
}

/**
 * Parses a form body into typed values or field messages, with what was typed to echo back.
 * Anything that is not a plain object of strings is turned away field by field, never a 500.
 * `secret` fields (passwords) and the CSRF token are never echoed.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  options: { secret?: readonly string[] } = {},
): { ok: true; data: z.infer<S>; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues } {
  const raw = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const secret = new Set(['_csrf', ...(options.secret ?? [])]);
  const values: FormValues = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'string' && !secret.has(k)) values[k] = v.slice(0, 1000);
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  return { ok: false, errors: toFieldErrors(parsed.error, raw), values };
}
