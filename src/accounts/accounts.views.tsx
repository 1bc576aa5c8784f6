import type { ComponentChildren, VNode } from 'preact';
import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import type { AccountRole, Membership } from '../platform/http/access.ts';
import type { FormErrors, FormValues } from './accounts.schema.ts';

// ---- Form pieces ------------------------------------------------------------------------

const fieldId = (form: string, name: string) => `${form}-${name}`;

function Csrf({ ctx }: { ctx: ViewContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrf()} />;
}

/** The list of problems at the top of a form, each linking to its field (WCAG 3.3.1). */
function ErrorSummary({ ctx, form, errors, labels }: { ctx: ViewContext; form: string; errors?: FormErrors; labels: Record<string, string> }) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby={`${form}-errors`}>
      <h2 id={`${form}-errors`}>{ctx.t('form.errors.title')}</h2>
      <ul>
        {entries.map(([name, e]) => (
          <li>
            <a href={`#${fieldId(form, name)}`}>
              {labels[name] ? `${ctx.t(labels[name])}${ctx.lang === 'fr' ? '\u00a0: ' : ': '}` : ''}
              {ctx.t(e.key, e.params)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A problem that is not about one field (wrong password, too many attempts). */
function Problem({ title, text }: { title: string; text: string }) {
  return (
    <div class="error-summary" role="alert">
      <h2>{title}</h2>
      <p>{text}</p>
    </div>
  );
}

interface FieldProps {
  ctx: ViewContext;
  form: string;
  name: string;
  label: string;
  hint?: string;
  type?: 'text' | 'email' | 'password';
  value?: string;
  errors?: FormErrors;
  required?: boolean;
  autocomplete?: string;
  maxLength?: number;
}

function Field({ ctx, form, name, label, hint, type = 'text', value, errors, required, autocomplete, maxLength }: FieldProps) {
  const id = fieldId(form, name);
  const error = errors?.[name];
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{ctx.t(label)}</label>
      {hint && (
        <span class="hint" id={`${id}-hint`}>
          {ctx.t(hint)}
        </span>
      )}
      {error && (
        <span class="field-error" id={`${id}-error`}>
          {ctx.t(error.key, error.params)}
        </span>
      )}
      <input
        id={id}
        name={name}
        // One element for three kinds of input; preact types `type` as a discriminated union.
        type={type as 'text'}
        value={type === 'password' ? undefined : value}
        required={required}
        autocomplete={autocomplete}
        maxLength={maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
      />
    </div>
  );
}

function LangField({ ctx, form, value, errors }: { ctx: ViewContext; form: string; value: string; errors?: FormErrors }) {
  const id = fieldId(form, 'lang');
  const error = errors?.lang;
  return (
    <div class="field">
      <label for={id}>{ctx.t('accounts.field.lang')}</label>
      <span class="hint" id={`${id}-hint`}>
        {ctx.t('accounts.field.lang.hint')}
      </span>
      {error && (
        <span class="field-error" id={`${id}-error`}>
          {ctx.t(error.key, error.params)}
        </span>
      )}
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

function NextField({ next }: { next: string | null }) {
  return next ? <input type="hidden" name="suivant" value={next} /> : null;
}

const withNext = (path: string, next: string | null) => (next && next !== '/' ? `${path}?suivant=${encodeURIComponent(next)}` : path);

// ---- Sign-in ------------------------------------------------------------------------------

export interface SignInView {
  next: string | null;
  /** Which form the values and errors belong to. */
  form?: 'link' | 'password';
  values?: FormValues;
  errors?: FormErrors;
  problem?: 'invalid' | 'unverified' | 'rateLimited';
}

const emailLabels = { email: 'accounts.field.email', password: 'accounts.field.password' };

export function SignInPage({ ctx, view }: { ctx: ViewContext; view: SignInView }) {
  const linkValues = view.form === 'link' ? view.values : undefined;
  const passwordValues = view.form === 'password' ? view.values : undefined;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('accounts.signin.title'), canonical: '/connexion' }}>
      <h1>{ctx.t('accounts.signin.title')}</h1>
      <p class="lead">{ctx.t('accounts.signin.intro')}</p>
      {view.problem === 'rateLimited' && <Problem title={ctx.t('accounts.rateLimited.title')} text={ctx.t('accounts.rateLimited.text')} />}
      {view.problem === 'invalid' && <Problem title={ctx.t('accounts.signin.invalid.title')} text={ctx.t('accounts.signin.invalid')} />}
      {view.problem === 'unverified' && (
        <p class="notice" role="status">
          {ctx.t('accounts.signin.unverified')}
        </p>
      )}
      <div class="accounts-columns">
        <section class="form-card" aria-labelledby="signin-link-title">
          <h2 id="signin-link-title">{ctx.t('accounts.signin.link.title')}</h2>
          <p>{ctx.t('accounts.signin.link.text')}</p>
          <ErrorSummary ctx={ctx} form="link" errors={view.form === 'link' ? view.errors : undefined} labels={emailLabels} />
          <form method="post" action="/connexion/lien" novalidate>
            <Csrf ctx={ctx} />
            <NextField next={view.next} />
            <Field
              ctx={ctx}
              form="link"
              name="email"
              type="email"
              label="accounts.field.email"
              value={linkValues?.email}
              errors={view.form === 'link' ? view.errors : undefined}
              required
              autocomplete="email"
              maxLength={254}
            />
            <button type="submit">{ctx.t('accounts.signin.link.submit')}</button>
          </form>
        </section>
        <section class="form-card" aria-labelledby="signin-password-title">
          <h2 id="signin-password-title">{ctx.t('accounts.signin.password.title')}</h2>
          <ErrorSummary ctx={ctx} form="password" errors={view.form === 'password' ? view.errors : undefined} labels={emailLabels} />
          <form method="post" action="/connexion" novalidate>
            <Csrf ctx={ctx} />
            <NextField next={view.next} />
            <Field
              ctx={ctx}
              form="password"
              name="email"
              type="email"
              label="accounts.field.email"
              value={passwordValues?.email}
              errors={view.form === 'password' ? view.errors : undefined}
              required
              autocomplete="username"
              maxLength={254}
            />
            <Field
              ctx={ctx}
              form="password"
              name="password"
              type="password"
              label="accounts.field.password"
              errors={view.form === 'password' ? view.errors : undefined}
              required
              autocomplete="current-password"
            />
            <button type="submit">{ctx.t('accounts.signin.password.submit')}</button>
          </form>
        </section>
      </div>
      <p>
        {ctx.t('accounts.signin.noAccount')} <a href={withNext('/compte/creer', view.next)}>{ctx.t('accounts.signin.createAccount')}</a>
      </p>
    </Layout>
  );
}

/** The same page whether or not the address has an account. */
export function LinkSentPage({ ctx, email, next }: { ctx: ViewContext; email: string; next: string | null }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('accounts.linkSent.title') }}>
      <h1>{ctx.t('accounts.linkSent.title')}</h1>
      <p class="lead" role="status">
        {ctx.t('accounts.linkSent.text', { email })}
      </p>
      <p>{ctx.t('accounts.linkSent.spam')}</p>
      <p>
        <a href={withNext('/connexion', next)}>{ctx.t('accounts.linkSent.again')}</a>
      </p>
    </Layout>
  );
}

export function LinkConfirmPage({ ctx, token, purpose }: { ctx: ViewContext; token: string; purpose: 'signin' | 'signup' }) {
  const signup = purpose === 'signup';
  const title = ctx.t(signup ? 'accounts.link.signupTitle' : 'accounts.link.title');
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <h1>{title}</h1>
      <div class="form-card">
        <p>{ctx.t(signup ? 'accounts.link.signupText' : 'accounts.link.text')}</p>
        <form method="post" action={`/connexion/lien/${token}`}>
          <Csrf ctx={ctx} />
          <button type="submit">{ctx.t(signup ? 'accounts.link.signupSubmit' : 'accounts.link.submit')}</button>
        </form>
      </div>
    </Layout>
  );
}

export function LinkProblemPage({ ctx, reason }: { ctx: ViewContext; reason: 'expired' | 'used' | 'unknown' }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('accounts.link.problem.title') }}>
      <h1>{ctx.t('accounts.link.problem.title')}</h1>
      <p class="lead" role="alert">
        {ctx.t(`accounts.link.${reason}`)}
      </p>
      <section class="form-card" aria-labelledby="link-again-title">
        <h2 id="link-again-title">{ctx.t('accounts.signin.link.title')}</h2>
        <form method="post" action="/connexion/lien" novalidate>
          <Csrf ctx={ctx} />
          <Field ctx={ctx} form="link" name="email" type="email" label="accounts.field.email" required autocomplete="email" maxLength={254} />
          <button type="submit">{ctx.t('accounts.signin.link.submit')}</button>
        </form>
      </section>
    </Layout>
  );
}

// ---- Sign-up ------------------------------------------------------------------------------

const signUpLabels = { name: 'accounts.field.name', email: 'accounts.field.email', password: 'accounts.field.password.optional', lang: 'accounts.field.lang' };

export function SignUpPage({ ctx, next, values = {}, errors, rateLimited }: { ctx: ViewContext; next: string | null; values?: FormValues; errors?: FormErrors; rateLimited?: boolean }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('accounts.signup.title'), canonical: '/compte/creer' }}>
      <h1>{ctx.t('accounts.signup.title')}</h1>
      <p class="lead">{ctx.t('accounts.signup.intro')}</p>
      {rateLimited && <Problem title={ctx.t('accounts.rateLimited.title')} text={ctx.t('accounts.rateLimited.text')} />}
      <div class="form-card">
        <ErrorSummary ctx={ctx} form="signup" errors={errors} labels={signUpLabels} />
        <form method="post" action="/compte/creer" novalidate>
          <Csrf ctx={ctx} />
          <NextField next={next} />
          <Field ctx={ctx} form="signup" name="name" label="accounts.field.name" hint="accounts.field.name.hint" value={values.name} errors={errors} required autocomplete="name" maxLength={100} />
          <Field ctx={ctx} form="signup" name="email" type="email" label="accounts.field.email" value={values.email} errors={errors} required autocomplete="email" maxLength={254} />
          <Field ctx={ctx} form="signup" name="password" type="password" label="accounts.field.password.optional" hint="accounts.field.password.hint" errors={errors} autocomplete="new-password" />
          <LangField ctx={ctx} form="signup" value={values.lang ?? ctx.lang} errors={errors} />
          <p class="muted small">{ctx.t('accounts.signup.privacy')}</p>
          <button type="submit">{ctx.t('accounts.signup.submit')}</button>
        </form>
      </div>
      <p>
        {ctx.t('accounts.signup.haveAccount')} <a href={withNext('/connexion', next)}>{ctx.t('accounts.signin.title')}</a>
      </p>
    </Layout>
  );
}

export function SignUpSentPage({ ctx, email }: { ctx: ViewContext; email: string }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('accounts.signup.sent.title') }}>
      <h1>{ctx.t('accounts.signup.sent.title')}</h1>
      <p class="lead" role="status">
        {ctx.t('accounts.signup.sent.text', { email })}
      </p>
      <p>{ctx.t('accounts.linkSent.spam')}</p>
    </Layout>
  );
}

// ---- Personal space -----------------------------------------------------------------------

export interface AccountSpaceView {
  name: string;
  email: string;
  lang: 'fr' | 'en';
  role: AccountRole;
  membership: Membership;
  hasPassword: boolean;
  /** How soon after signing in an account without a password may choose one. */
  recentSignInMinutes: number;
  sections: VNode[];
  profile?: { values: FormValues; errors: FormErrors };
  password?: { errors: FormErrors };
}

const profileLabels = { name: 'accounts.field.name', lang: 'accounts.field.lang' };
const passwordLabels = { current: 'accounts.field.currentPassword', password: 'accounts.field.newPassword', confirm: 'accounts.field.confirmPassword' };

function Panel({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="form-card accounts-panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function AccountSpacePage({ ctx, view }: { ctx: ViewContext; view: AccountSpaceView }) {
  const profileValues = view.profile?.values ?? { name: view.name, lang: view.lang };
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('accounts.space.title') }}>
      <h1>{ctx.t('accounts.space.title')}</h1>

      <Panel id="profile-title" title={ctx.t('accounts.space.profile')}>
        <dl class="accounts-facts">
          <dt>{ctx.t('accounts.space.email')}</dt>
          <dd>
            {view.email}
            <span class="hint">{ctx.t('accounts.space.emailHint')}</span>
          </dd>
          <dt>{ctx.t('accounts.space.role')}</dt>
          <dd>{ctx.t(`accounts.role.${view.role}`)}</dd>
          <dt>{ctx.t('accounts.space.membership')}</dt>
          <dd>{ctx.t(`accounts.membership.${view.membership}`)}</dd>
        </dl>
        <ErrorSummary ctx={ctx} form="profile" errors={view.profile?.errors} labels={profileLabels} />
        <form method="post" action="/compte/profil" novalidate>
          <Csrf ctx={ctx} />
          <Field
            ctx={ctx}
            form="profile"
            name="name"
            label="accounts.field.name"
            hint="accounts.field.name.hint"
            value={profileValues.name}
            errors={view.profile?.errors}
            required
            autocomplete="name"
            maxLength={100}
          />
          <LangField ctx={ctx} form="profile" value={profileValues.lang ?? view.lang} errors={view.profile?.errors} />
          <button type="submit">{ctx.t('accounts.space.saveProfile')}</button>
        </form>
      </Panel>

      {view.sections}

      <Panel id="password-title" title={ctx.t('accounts.space.password')}>
        <p>{ctx.t(view.hasPassword ? 'accounts.space.password.has' : 'accounts.space.password.none', { minutes: view.recentSignInMinutes })}</p>
        <ErrorSummary ctx={ctx} form="pw" errors={view.password?.errors} labels={passwordLabels} />
        <form method="post" action="/compte/mot-de-passe" novalidate>
          <Csrf ctx={ctx} />
          {/* Lets password managers file the new password under the right account. */}
          <input type="hidden" name="username" autocomplete="username" value={view.email} />
          {view.hasPassword && (
            <Field ctx={ctx} form="pw" name="current" type="password" label="accounts.field.currentPassword" errors={view.password?.errors} required autocomplete="current-password" />
          )}
          <Field
            ctx={ctx}
            form="pw"
            name="password"
            type="password"
            label="accounts.field.newPassword"
            hint="accounts.field.newPassword.hint"
            errors={view.password?.errors}
            required
            autocomplete="new-password"
          />
          <Field ctx={ctx} form="pw" name="confirm" type="password" label="accounts.field.confirmPassword" errors={view.password?.errors} required autocomplete="new-password" />
          <button type="submit">{ctx.t('accounts.space.password.submit')}</button>
        </form>
      </Panel>

      <Panel id="sessions-title" title={ctx.t('accounts.space.sessions')}>
        <p>{ctx.t('accounts.space.sessions.text')}</p>
        <form method="post" action="/compte/deconnexion-partout">
          <Csrf ctx={ctx} />
          <button type="submit" class="button-secondary">
            {ctx.t('accounts.space.sessions.submit')}
          </button>
        </form>
      </Panel>

      <Panel id="data-title" title={ctx.t('accounts.space.data')}>
        <p>{ctx.t('accounts.space.data.text')}</p>
        <p>
          <a class="button button-secondary" href="/compte/donnees.json" download="palabre-mes-donnees.json">
            {ctx.t('accounts.space.data.download')}
          </a>
        </p>
      </Panel>

      <Panel id="delete-title" title={ctx.t('accounts.space.delete')}>
        <p>{ctx.t('accounts.space.delete.text')}</p>
        <p>
          <a class="button button-danger" href="/compte/supprimer">
            {ctx.t('accounts.space.delete.link')}
          </a>
        </p>
      </Panel>
    </Layout>
  );
}

export function DeleteAccountPage({ ctx, errors }: { ctx: ViewContext; errors?: FormErrors }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('accounts.delete.title') }}>
      <h1>{ctx.t('accounts.delete.title')}</h1>
      <div class="form-card">
        <p class="lead">{ctx.t('accounts.delete.intro')}</p>
        <ul>
          <li>{ctx.t('accounts.delete.erased')}</li>
          <li>{ctx.t('accounts.delete.kept')}</li>
        </ul>
        <p>
          <a href="/compte/donnees.json" download="palabre-mes-donnees.json">
            {ctx.t('accounts.space.data.download')}
          </a>
        </p>
        <ErrorSummary ctx={ctx} form="delete" errors={errors} labels={{}} />
        <form method="post" action="/compte/supprimer">
          <Csrf ctx={ctx} />
          <div class="field">
            <label class="checkbox" for="delete-confirm">
              <input type="checkbox" id="delete-confirm" name="confirm" value="oui" required aria-invalid={errors?.confirm ? 'true' : undefined} />
              <span>{ctx.t('accounts.delete.confirm')}</span>
            </label>
          </div>
          <p class="actions">
            <button type="submit" class="button-danger">
              {ctx.t('accounts.delete.submit')}
            </button>
            <a href="/compte">{ctx.t('accounts.delete.cancel')}</a>
          </p>
        </form>
      </div>
    </Layout>
  );
}

// ---- Administration -----------------------------------------------------------------------

export interface AdminAccountRow {
  id: string;
  name: string;
  email: string;
  role: AccountRole;
  membership: Membership;
  verified: boolean;
  created: string;
}

export function AdminAccountsPage({ ctx, rows, q, page, hasMore }: { ctx: ViewContext; rows: AdminAccountRow[]; q: string; page: number; hasMore: boolean }) {
  const pageUrl = (p: number) => `/admin/comptes?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('accounts.admin.title') }}>
      <h1>{ctx.t('accounts.admin.title')}</h1>
      <form method="get" action="/admin/comptes" role="search" class="accounts-search">
        <label for="admin-q">{ctx.t('accounts.admin.search')}</label>
        <input id="admin-q" type="search" name="q" value={q} maxLength={100} />
        <button type="submit">{ctx.t('accounts.admin.searchSubmit')}</button>
      </form>
      {rows.length === 0 ? (
        <p>{ctx.t('accounts.admin.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t('accounts.admin.col.name')}</th>
                <th scope="col">{ctx.t('accounts.admin.col.email')}</th>
                <th scope="col">{ctx.t('accounts.admin.col.membership')}</th>
                <th scope="col">{ctx.t('accounts.admin.col.created')}</th>
                <th scope="col">{ctx.t('accounts.admin.col.role')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row">{r.name}</th>
                  <td>
                    {r.email}
                    {!r.verified && <span class="hint">{ctx.t('accounts.admin.unverified')}</span>}
                  </td>
                  <td>{ctx.t(`accounts.membership.${r.membership}`)}</td>
                  <td>{r.created}</td>
                  <td>
                    <form method="post" action={`/admin/comptes/${r.id}/role`} class="accounts-role-form">
                      <Csrf ctx={ctx} />
                      <label for={`role-${r.id}`} class="visually-hidden">
                        {ctx.t('accounts.admin.roleOf', { name: r.name })}
                      </label>
                      <select id={`role-${r.id}`} name="role">
                        {(['user', 'animator', 'admin'] as const).map((role) => (
                          <option value={role} selected={r.role === role}>
                            {ctx.t(`accounts.role.${role}`)}
                          </option>
                        ))}
                      </select>
                      <button type="submit" class="button-small">
                        {ctx.t('accounts.admin.change')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="actions" aria-label={ctx.t('accounts.admin.title')}>
        {page > 1 && <a href={pageUrl(page - 1)}>{ctx.t('accounts.admin.previous')}</a>}
        {hasMore && <a href={pageUrl(page + 1)}>{ctx.t('accounts.admin.next')}</a>}
      </nav>
    </Layout>
  );
}
