import type { ComponentChildren } from 'preact';
import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { can } from '../platform/http/access.ts';
import { Checkboxes, Csrf, ErrorSummary, Field, FieldError, fieldAttrs } from '../platform/layout/forms.tsx';
import type { FieldErrors } from '../platform/forms/forms.ts';
import { DELIVERIES, ORG_TYPES, ROLES } from './network.schema.ts';
import type { Territory } from '../platform/territories.ts';
import type { PreferencesView } from './network.present.ts';

/** The network's public pages: what it is, joining, one-message pages, a member's preferences. */

type Theme = { slug: string; name: string };

export function NetworkPage({ ctx }: { ctx: ViewContext }) {
  const member = can.readMembersOnly(ctx.user);
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('network.title'), description: ctx.t('network.intro'), canonical: '/reseau' }}>
      <h1>{ctx.t('network.title')}</h1>
      <p class="lead">{ctx.t('network.intro')}</p>
      <h2>{ctx.t('network.how.title')}</h2>
      <p>{ctx.t('network.how.text')}</p>
      <h2>{ctx.t('network.find.title')}</h2>
      <p>{ctx.t('network.find.text')}</p>
      <p>{ctx.t('network.launch')}</p>
      <p>
        <a href="/reseau/charte">{ctx.t('network.charter.read')}</a>
      </p>
      {member ? (
        <nav aria-label={ctx.t('network.member.links')} class="actions">
          <a class="button" href="/reseau/liste">
            {ctx.t('network.member.list')}
          </a>
          <a class="button button-secondary" href="/reseau/membres">
            {ctx.t('network.member.directory')}
          </a>
          <a href="/reseau/preferences">{ctx.t('network.member.preferences')}</a>
        </nav>
      ) : (
        <p class="actions">
          <a class="button" href="/reseau/adhesion">
            {ctx.t('network.join.cta')}
          </a>
        </p>
      )}
    </Layout>
  );
}

export interface JoinValues {
  name: string;
  email: string;
  role: string;
  org_name: string;
  org_type: string;
  territory: string;
  territory_label: string;
  territory_q: string;
  themes: string[];
  motivation: string;
  directory: boolean;
  charter: boolean;
}

export function JoinPage({ ctx, values, errors: given, themes, results }: { ctx: ViewContext; values: JoinValues; errors: FieldErrors; themes: Theme[]; results: Territory[] | null }) {
  // The territory is chosen through its search field: its message goes there, and the summary links to it.
  const errors = Object.fromEntries(Object.entries(given).map(([field, m]) => [field === 'territory' ? 'territory_q' : field, m]));
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('network.join.title'), canonical: '/reseau/adhesion', scripts: ['/static/network/territory-picker.js'] }}>
      <h1>{ctx.t('network.join.title')}</h1>
      <p class="lead">{ctx.t('network.join.lead')}</p>
      <ErrorSummary ctx={ctx} errors={errors} prefix="" />
      <form method="post" action="/reseau/adhesion" class="form-card" novalidate>
        <Csrf ctx={ctx} />
        <fieldset>
          <legend>{ctx.t('network.join.you')}</legend>
          <Field ctx={ctx} name="name" prefix="" label={ctx.t('network.join.name')} errors={errors} autocomplete="name" required value={values.name} />
          <Field ctx={ctx} name="email" prefix="" label={ctx.t('network.join.email')} errors={errors} type="email" autocomplete="email" required value={values.email} />
          <Field ctx={ctx} name="role" prefix="" label={ctx.t('network.join.role')} errors={errors}>
            {(attrs) => (
              <select {...attrs} required>
                <option value="">—</option>
                {ROLES.map((r) => (
                  <option value={r} selected={values.role === r}>
                    {ctx.t(`network.join.role.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
        <fieldset>
          <legend>{ctx.t('network.join.org')}</legend>
          <Field ctx={ctx} name="org_name" prefix="" label={ctx.t('network.join.orgName')} errors={errors} autocomplete="organization" required value={values.org_name} />
          <Field ctx={ctx} name="org_type" prefix="" label={ctx.t('network.join.orgType')} errors={errors}>
            {(attrs) => (
              <select {...attrs} required>
                <option value="">—</option>
                {ORG_TYPES.map((o) => (
                  <option value={o} selected={values.org_type === o}>
                    {ctx.t(`network.join.orgType.${o}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
        <fieldset class="territory-picker" data-territory-picker="">
          <legend>{ctx.t('network.join.territory')}</legend>
          {values.territory && (
            <p class="territory-chosen" role="status">
              {ctx.t('network.join.territoryChosen', { label: values.territory_label })}
            </p>
          )}
          <input type="hidden" name="territory" value={values.territory} data-territory-code="" />
          <input type="hidden" name="territory_label" value={values.territory_label} data-territory-label="" />
          <Field ctx={ctx} name="territory_q" prefix="" label={ctx.t('network.join.territorySearch')} errors={errors}>
            {(attrs) => <input {...attrs} type="search" autocomplete="off" value={values.territory_q} data-territory-search="" />}
          </Field>
          <button type="submit" name="action" value="search-territory" class="button-secondary" formnovalidate data-territory-button="">
            {ctx.t('network.join.territorySearchButton')}
          </button>
          {results && (
            <fieldset class="territory-results">
              <legend>{ctx.t('network.join.territoryResults')}</legend>
              {results.length === 0 && <p>{ctx.t('network.join.territoryNone')}</p>}
              {results.map((r) => (
                <label class="checkbox">
                  <input type="radio" name="territory_pick" value={r.code} checked={values.territory === r.code} />
                  {r.label}
                </label>
              ))}
            </fieldset>
          )}
        </fieldset>
        {themes.length > 0 && <Checkboxes legend={ctx.t('network.join.themes')} name="themes" options={themes.map((th) => ({ value: th.slug, label: th.name }))} checked={values.themes} />}
        <Field ctx={ctx} name="motivation" prefix="" label={ctx.t('network.join.motivation')} hint={ctx.t('network.join.motivationHint')} errors={errors} textarea required value={values.motivation} />
        <label class="checkbox">
          <input type="checkbox" name="directory" value="oui" checked={values.directory} />
          {ctx.t('network.join.directory')}
        </label>
        <div class="field">
          <FieldError ctx={ctx} id="charter" error={errors.charter} />
          <label class="checkbox">
            <input {...fieldAttrs('charter', { prefix: '', error: !!errors.charter })} type="checkbox" value="oui" required checked={values.charter} />
            {ctx.t('network.join.charter.before')}
            {/* A new tab, so that the form and what was typed in it stay. */}
            <a href="/reseau/charte" target="_blank" rel="noopener">
              {ctx.t('network.join.charter.link')}
            </a>
            {ctx.t('network.join.charter.after')}
          </label>
        </div>
        <p class="actions">
          <button type="submit" name="action" value="join">
            {ctx.t('network.join.submit')}
          </button>
        </p>
      </form>
    </Layout>
  );
}

/** The charter every member accepts when joining (its text at that time is also kept with the request). */
export function CharterPage({ ctx }: { ctx: ViewContext }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('network.charter.title'), canonical: '/reseau/charte' }}>
      <h1>{ctx.t('network.charter.title')}</h1>
      <p class="lead">{ctx.t('network.charter.intro')}</p>
      <ul>
        {(['share', 'respect', 'confidential', 'noCanvassing'] as const).map((k) => (
          <li>{ctx.t(`network.charter.${k}`)}</li>
        ))}
      </ul>
      <p>{ctx.t('network.charter.moderation')}</p>
      <p>{ctx.t('network.charter.leave')}</p>
      <p class="actions">
        <a class="button" href="/reseau/adhesion">
          {ctx.t('network.join.cta')}
        </a>
      </p>
    </Layout>
  );
}

export function MessagePage({ ctx, title, message, children }: { ctx: ViewContext; title: string; message: string; children?: ComponentChildren }) {
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <h1>{title}</h1>
      <p class="lead" role="status">
        {message}
      </p>
      {children}
    </Layout>
  );
}

/** The confirmation page of a join request: what was typed, to confirm, or to drop when it is not the reader's. */
export function ConfirmJoinPage({ ctx, token, request }: { ctx: ViewContext; token: string; request: { name: string; organisation: string; territory: string; role: string } }) {
  const title = ctx.t('network.join.confirmTitle');
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <h1>{title}</h1>
      <p class="lead">{ctx.t('network.join.confirmText')}</p>
      <dl class="facts">
        <dt>{ctx.t('network.join.name')}</dt>
        <dd>
          <bdi>{request.name}</bdi>
        </dd>
        <dt>{ctx.t('network.join.orgName')}</dt>
        <dd>
          <bdi>{request.organisation}</bdi>
        </dd>
        <dt>{ctx.t('network.join.territory')}</dt>
        <dd>{request.territory}</dd>
        <dt>{ctx.t('network.join.role')}</dt>
        <dd>{ctx.t(`network.join.role.${request.role}`)}</dd>
      </dl>
      <form method="post" action={`/reseau/adhesion/confirmer/${token}`}>
        <Csrf ctx={ctx} />
        <button type="submit">{ctx.t('network.join.confirmButton')}</button>
      </form>
      <h2>{ctx.t('network.join.notMineTitle')}</h2>
      <p>{ctx.t('network.join.notMineText')}</p>
      <form method="post" action={`/reseau/adhesion/confirmer/${token}/annuler`}>
        <Csrf ctx={ctx} />
        <button type="submit" class="button-secondary">
          {ctx.t('network.join.notMineButton')}
        </button>
      </form>
    </Layout>
  );
}

export function ButtonPage({ ctx, title, text, action, button }: { ctx: ViewContext; title: string; text: string; action: string; button: string }) {
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <h1>{title}</h1>
      <p class="lead">{text}</p>
      <form method="post" action={action}>
        <Csrf ctx={ctx} />
        <button type="submit">{button}</button>
      </form>
    </Layout>
  );
}

export function PreferencesPage({ ctx, member }: { ctx: ViewContext; member: PreferencesView | null }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('network.preferences.title') }}>
      <h1>{ctx.t('network.preferences.title')}</h1>
      {member && (
        <form method="post" action="/reseau/preferences" class="form-card">
          <Csrf ctx={ctx} />
          <fieldset>
            <legend>{ctx.t('network.list.preferences')}</legend>
            {DELIVERIES.map((d) => (
              <label class="checkbox">
                <input type="radio" name="delivery" value={d} checked={member.delivery === d} />
                {ctx.t(`network.delivery.${d}`)}
              </label>
            ))}
          </fieldset>
          <label class="checkbox">
            <input type="checkbox" name="directory" value="oui" checked={member.inDirectory} />
            {ctx.t('network.preferences.directory')}
          </label>
          <p class="actions">
            <button type="submit">{ctx.t('network.preferences.save')}</button>
          </p>
        </form>
      )}
      {member ? (
        <>
          <h2>{ctx.t('network.leave.title')}</h2>
          <p>{ctx.t('network.leave.text')}</p>
          <form method="post" action="/reseau/quitter">
            <Csrf ctx={ctx} />
            <button type="submit" class="button-danger">
              {ctx.t('network.leave.button')}
            </button>
          </form>
        </>
      ) : (
        <>
          <p>{ctx.t('network.preferences.notMember')}</p>
          <p class="actions">
            <a class="button" href="/reseau/adhesion">
              {ctx.t('network.preferences.join')}
            </a>
          </p>
        </>
      )}
    </Layout>
  );
}
