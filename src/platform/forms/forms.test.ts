import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FORM_FIELD, parseForm, toFieldErrors } from './forms.ts';

const errorsOf = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected a failure');
  return toFieldErrors(parsed.error, input);
};

describe('toFieldErrors', () => {
  it('keeps a schema message that is an i18n key, with the limit taken from the issue', () => {
    const schema = z.object({ title: z.string().max(5, 'form.tooLong'), name: z.string().min(3, 'form.tooShort') });
    expect(errorsOf(schema, { title: 'too long here', name: 'ab' })).toEqual({
      title: { key: 'form.tooLong', params: { max: 5 } },
      name: { key: 'form.tooShort', params: { min: 3 } },
    });
  });

  it('keeps only the first message of each field', () => {
    const schema = z.object({ email: z.string().min(1, 'form.required').pipe(z.email('form.invalidEmail')) });
    expect(errorsOf(schema, { email: '' })).toEqual({ email: { key: 'form.required', params: { min: 1 } } });
  });

  it('replaces zod default English text by a catalogue key', () => {
    const schema = z.object({ a: z.string(), b: z.string().min(1), c: z.string().max(3), d: z.string().min(4), e: z.enum(['x', 'y']) });
    expect(errorsOf(schema, { b: '', c: 'abcdef', d: 'ab', e: 'z' })).toEqual({
      a: { key: 'form.required' },
      b: { key: 'form.required', params: { min: 1 } },
      c: { key: 'form.tooLong', params: { max: 3 } },
      d: { key: 'form.tooShort', params: { min: 4 } },
      e: { key: 'form.invalid' },
    });
  });

  it('tells a missing field from one of the wrong type', () => {
    const schema = z.object({ n: z.string() });
    expect(errorsOf(schema, { n: ['a', 'b'] })).toEqual({ n: { key: 'form.invalid' } });
  });

  it('puts an issue about the whole object under the form field', () => {
    const schema = z.object({ a: z.string() }).refine(() => false, 'demo.whole');
    expect(errorsOf(schema, { a: 'x' })).toEqual({ [FORM_FIELD]: { key: 'demo.whole' } });
  });

  it('keeps a refinement aimed at one field on that field', () => {
    const schema = z.object({ p: z.string(), q: z.string() }).refine((v) => v.p === v.q, { message: 'demo.differ', path: ['q'] });
    expect(errorsOf(schema, { p: 'a', q: 'b' })).toEqual({ q: { key: 'demo.differ' } });
  });
});

describe('parseForm', () => {
  const schema = z.object({ email: z.email('form.invalidEmail'), password: z.string().min(10, 'form.tooShort') });

  it('returns the typed data and what was typed', () => {
    const r = parseForm(schema, { email: 'a@b.fr', password: '0123456789', _csrf: 'x' });
    expect(r).toEqual({ ok: true, data: { email: 'a@b.fr', password: '0123456789' }, values: { email: 'a@b.fr', password: '0123456789' } });
  });

  it('never echoes secret fields or the CSRF token', () => {
    const r = parseForm(schema, { email: 'nope', password: 'short', _csrf: 'x' }, { secret: ['password'] });
    expect(r.ok).toBe(false);
    expect(r.values).toEqual({ email: 'nope' });
    if (!r.ok) expect(r.errors).toEqual({ email: { key: 'form.invalidEmail' }, password: { key: 'form.tooShort', params: { min: 10 } } });
  });

  it('turns away a body that is not an object of strings without throwing', () => {
    const r = parseForm(schema, ['a']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.password).toEqual({ key: 'form.required' });
  });
});
