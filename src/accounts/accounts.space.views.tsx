import type { ComponentChildren, VNode } from 'preact';
import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, ErrorSummary, FieldError, fieldAttrs } from '../platform/layout/forms.tsx';
import type { AccountRole, Membership } from '../platform/http/access.ts';
import type { FieldErrors, FormValues } from '../platform/forms/forms.ts';
import { Field, LangField, labelsOf, prefixOf } from './accounts.fields.tsx';

/** /compte: profile, password, sessions, personal data, deleting the account. */

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
  profile?: { values: FormValues; errors: FieldErrors };
  password?: { errors: FieldErrors };
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
        <ErrorSummary ctx={ctx} id="profile-errors" prefix={prefixOf('profile')} errors={view.profile?.errors} labels={labelsOf(ctx, profileLabels)} />
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
        <ErrorSummary ctx={ctx} id="pw-errors" prefix={prefixOf('pw')} errors={view.password?.errors} labels={labelsOf(ctx, passwordLabels)} />
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

export function DeleteAccountPage({ ctx, errors }: { ctx: ViewContext; errors?: FieldErrors }) {
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
        <ErrorSummary ctx={ctx} id="delete-errors" prefix={prefixOf('delete')} errors={errors} />
        <form method="post" action="/compte/supprimer">
          <Csrf ctx={ctx} />
          <div class="field">
            <FieldError ctx={ctx} id="delete-confirm" error={errors?.confirm} />
            <label class="checkbox" for="delete-confirm">
              <input {...fieldAttrs('confirm', { prefix: prefixOf('delete'), error: !!errors?.confirm })} type="checkbox" value="oui" required />
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
