import { z } from 'zod';
import { parseForm as parsePlatformForm } from '../platform/forms/forms.ts';

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

/** The platform's form parsing; passwords are never echoed back into a form. */
export const parseForm = <S extends z.ZodType>(schema: S, body: unknown) => parsePlatformForm(schema, body, { secret: ['password', 'confirm', 'current'] });
