import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, ErrorSummary } from '../platform/layout/forms.tsx';
import type { FieldErrors, FormValues } from '../platform/forms/forms.ts';
import { Field, LangField, Problem, labelsOf, prefixOf } from './accounts.fields.tsx';

/** Signing in (by link or password) and signing up. */

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
  errors?: FieldErrors;
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
          <ErrorSummary ctx={ctx} id="link-errors" prefix={prefixOf('link')} errors={view.form === 'link' ? view.errors : undefined} labels={labelsOf(ctx, emailLabels)} />
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
          <ErrorSummary ctx={ctx} id="password-errors" prefix={prefixOf('password')} errors={view.form === 'password' ? view.errors : undefined} labels={labelsOf(ctx, emailLabels)} />
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

export function SignUpPage({ ctx, next, values = {}, errors, rateLimited }: { ctx: ViewContext; next: string | null; values?: FormValues; errors?: FieldErrors; rateLimited?: boolean }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('accounts.signup.title'), canonical: '/compte/creer' }}>
      <h1>{ctx.t('accounts.signup.title')}</h1>
      <p class="lead">{ctx.t('accounts.signup.intro')}</p>
      {rateLimited && <Problem title={ctx.t('accounts.rateLimited.title')} text={ctx.t('accounts.rateLimited.text')} />}
      <div class="form-card">
        <ErrorSummary ctx={ctx} id="signup-errors" prefix={prefixOf('signup')} errors={errors} labels={labelsOf(ctx, signUpLabels)} />
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
