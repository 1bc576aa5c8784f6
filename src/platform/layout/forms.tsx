import type { ComponentChildren } from 'preact';
import type { ViewContext } from './context.ts';
import { FORM_FIELD, type FieldErrors, type FieldMessage } from '../forms/forms.ts';

/**
 * The form pieces every module uses. A field's id is `prefix + name` (`f-email` by default);
 * a page with several forms gives each its own prefix (`signin-`), so the summary's links and
 * the fields agree.
 */

export function Csrf({ ctx }: { ctx: ViewContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrf()} />;
}

export const messageText = (ctx: ViewContext, m: FieldMessage) => ctx.t(m.key, m.params);

const isFormWide = (field: string) => field === FORM_FIELD || field === '_';

/**
 * The list of problems at the top of a form, each linking to its field (WCAG 3.3.1). Announced
 * by screen readers (role alert) and focusable by script or link (tabindex -1). `labels` gives
 * the field names shown before each message, already translated.
 */
export function ErrorSummary({
  ctx,
  errors,
  labels = {},
  prefix = 'f-',
  id = 'error-summary',
}: {
  ctx: ViewContext;
  errors?: FieldErrors;
  labels?: Record<string, string>;
  prefix?: string;
  /** Unique on the page when it holds several forms. */
  id?: string;
}) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  const colon = ctx.lang === 'fr' ? '\u00a0: ' : ': ';
  return (
    <div class="error-summary" id={id} role="alert" aria-labelledby={`${id}-title`} tabindex={-1}>
      <h2 id={`${id}-title`}>{ctx.t('form.errors.title')}</h2>
      <ul>
        {entries.map(([field, m]) => {
          const text = `${labels[field] ? `${labels[field]}${colon}` : ''}${messageText(ctx, m)}`;
          return <li>{isFormWide(field) ? text : <a href={`#${prefix}${field}`}>{text}</a>}</li>;
        })}
      </ul>
    </div>
  );
}

/** The attributes that tie an input to its label, hint and error. */
export interface FieldAttrs {
  id: string;
  name: string;
  'aria-invalid'?: 'true';
  'aria-describedby'?: string;
}

export function fieldAttrs(name: string, opts: { id?: string; prefix?: string; hint?: boolean; error?: boolean } = {}): FieldAttrs {
  const id = opts.id ?? `${opts.prefix ?? 'f-'}${name}`;
  const described = [opts.hint ? `${id}-hint` : '', opts.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { id, name, 'aria-invalid': opts.error ? 'true' : undefined, 'aria-describedby': described || undefined };
}

/** A field's message, for inputs laid out by hand (a fieldset of radios). */
export function FieldError({ ctx, id, error }: { ctx: ViewContext; id: string; error?: FieldMessage }) {
  return error ? (
    <span class="field-error" id={`${id}-error`}>
      {messageText(ctx, error)}
    </span>
  ) : null;
}

interface FieldProps {
  ctx: ViewContext;
  name: string;
  /** Already translated. */
  label: ComponentChildren;
  hint?: ComponentChildren;
  errors?: FieldErrors;
  prefix?: string;
  /** When the id is not `prefix + name`. */
  id?: string;
  class?: string;
  /** The control, given the attributes to spread on it; without it, a plain input (or textarea). */
  children?: (attrs: FieldAttrs) => ComponentChildren;
  type?: 'text' | 'email' | 'password' | 'url' | 'tel' | 'search' | 'date' | 'time' | 'datetime-local' | 'number';
  textarea?: boolean;
  rows?: number;
  value?: string;
  required?: boolean;
  autocomplete?: string;
  maxLength?: number;
  placeholder?: string;
}

/** A labelled field whose hint and error are tied to the control for screen readers. */
export function Field(props: FieldProps) {
  const { ctx, name, errors } = props;
  const error = errors?.[name];
  const attrs = fieldAttrs(name, { id: props.id, prefix: props.prefix, hint: props.hint !== undefined, error: error !== undefined });
  return (
    <div class={props.class ? `field ${props.class}` : 'field'}>
      <label for={attrs.id}>{props.label}</label>
      {props.hint !== undefined && (
        <span class="hint" id={`${attrs.id}-hint`}>
          {props.hint}
        </span>
      )}
      <FieldError ctx={ctx} id={attrs.id} error={error} />
      {props.children ? props.children(attrs) : <PlainInput {...props} attrs={attrs} />}
    </div>
  );
}

function PlainInput({ attrs, type = 'text', textarea, rows, value, required, autocomplete, maxLength, placeholder }: FieldProps & { attrs: FieldAttrs }) {
  if (textarea) {
    return (
      <textarea {...attrs} rows={rows} required={required} maxLength={maxLength} placeholder={placeholder}>
        {value ?? ''}
      </textarea>
    );
  }
  return (
    <input
      {...attrs}
      // One element for every kind of input; preact types `type` as a discriminated union.
      type={type as 'text'}
      value={type === 'password' ? undefined : value}
      required={required}
      autocomplete={autocomplete}
      maxLength={maxLength}
      placeholder={placeholder}
    />
  );
}

/** A group of checkboxes sharing one name (themes of interest): a fieldset with its legend. */
export function Checkboxes({
  legend,
  name,
  options,
  checked,
  id,
}: {
  legend: ComponentChildren;
  name: string;
  options: ReadonlyArray<{ value: string; label: ComponentChildren }>;
  checked: readonly string[];
  /** For an error summary's link. */
  id?: string;
}) {
  return (
    <fieldset id={id}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label class="checkbox">
          <input type="checkbox" name={name} value={o.value} checked={checked.includes(o.value)} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
