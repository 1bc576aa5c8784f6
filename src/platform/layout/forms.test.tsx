import { describe, expect, it } from 'vitest';
import { renderToString } from 'preact-render-to-string';
import type { ViewContext } from './context.ts';
import { ErrorSummary, Field } from './forms.tsx';

const messages: Record<string, string> = { 'form.errors.title': 'Le formulaire contient des erreurs :', 'form.tooLong': '{max} caractères au plus', 'form.required': 'Champ obligatoire' };
const ctx = {
  lang: 'fr',
  t: (key: string, params?: Record<string, string | number>) => (messages[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(params?.[k] ?? '')),
  csrf: () => 'token',
} as unknown as ViewContext;

describe('ErrorSummary', () => {
  it('links each message to its field, with its name, and leaves a form-wide message unlinked', () => {
    const html = renderToString(<ErrorSummary ctx={ctx} errors={{ title: { key: 'form.tooLong', params: { max: 80 } }, _form: { key: 'form.required' } }} labels={{ title: 'Titre' }} prefix="x-" />);
    expect(html).toContain('role="alert"');
    expect(html).toContain('tabindex="-1"');
    expect(html).toContain('aria-labelledby="error-summary-title"');
    expect(html).toContain('<a href="#x-title">Titre\u00a0: 80 caractères au plus</a>');
    expect(html).toContain('<li>Champ obligatoire</li>');
  });

  it('renders nothing without errors', () => {
    expect(renderToString(<ErrorSummary ctx={ctx} errors={{}} />)).toBe('');
  });
});

describe('Field', () => {
  it('ties the hint and the error to the input', () => {
    const html = renderToString(<Field ctx={ctx} name="title" label="Titre" hint="Court" errors={{ title: { key: 'form.required' } }} value="a" />);
    expect(html).toContain('<label for="f-title">Titre</label>');
    expect(html).toContain('<span class="hint" id="f-title-hint">Court</span>');
    expect(html).toContain('<span class="field-error" id="f-title-error">Champ obligatoire</span>');
    expect(html).toMatch(/<input id="f-title" name="title" aria-invalid="true" aria-describedby="f-title-hint f-title-error" type="text" value="a"/);
  });

  it('hands the same attributes to a control it does not draw, and never echoes a password', () => {
    const select = renderToString(
      <Field ctx={ctx} name="role" prefix="" label="Rôle">
        {(attrs) => <select {...attrs} />}
      </Field>,
    );
    expect(select).toContain('<select id="role" name="role"></select>');
    expect(renderToString(<Field ctx={ctx} name="pw" label="Mot de passe" type="password" value="secret" />)).not.toContain('secret');
  });
});
