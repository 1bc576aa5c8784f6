import type { ViewContext } from '../platform/layout/context.ts';
import type { FieldErrors } from '../platform/forms/forms.ts';
import { Field as PlatformField, FieldError } from '../platform/layout/forms.tsx';

/** Form pieces of the accounts pages, on top of the platform's (layout/forms.tsx). */

/** Field ids are `<form>-<name>`: the sign-in page and /compte hold several forms. */
export const prefixOf = (form: string) => `${form}-`;

/** Catalogue keys of field names, as the error summaries show them. */
export const labelsOf = (ctx: ViewContext, keys: Record<string, string>) => Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, ctx.t(key)]));

interface FieldProps {
  ctx: ViewContext;
  form: string;
  name: string;
  /** Catalogue keys. */
  label: string;
  hint?: string;
  type?: 'text' | 'email' | 'password';
  value?: string;
  errors?: FieldErrors;
  required?: boolean;
  autocomplete?: string;
  maxLength?: number;
}

/** The platform's field, with the label and hint given as catalogue keys. */
export function Field({ ctx, form, label, hint, ...rest }: FieldProps) {
  return <PlatformField ctx={ctx} prefix={prefixOf(form)} label={ctx.t(label)} hint={hint ? ctx.t(hint) : undefined} {...rest} />;
}

/** A problem that is not about one field (wrong password, too many attempts). */
export function Problem({ title, text }: { title: string; text: string }) {
  return (
    <div class="error-summary" role="alert">
      <h2>{title}</h2>
      <p>{text}</p>
    </div>
  );
}

export function LangField({ ctx, form, value, errors }: { ctx: ViewContext; form: string; value: string; errors?: FieldErrors }) {
  const id = `${prefixOf(form)}lang`;
  const error = errors?.lang;
  return (
    <div class="field">
      <label for={id}>{ctx.t('accounts.field.lang')}</label>
      <span class="hint" id={`${id}-hint`}>
        {ctx.t('accounts.field.lang.hint')}
      </span>
      <FieldError ctx={ctx} id={id} error={error} />
      <select id={id} name="lang" aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`} aria-invalid={error ? 'true' : undefined}>
        {(['fr', 'en'] as const).map((l) => (
          <option value={l} selected={value === l} lang={l}>
            {ctx.t(`accounts.lang.${l}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
