import type { ComponentChildren } from 'preact';
import { Card, CardGrid } from '../platform/layout/card.tsx';
import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Checkboxes, Csrf, ErrorSummary, Field, FieldError, fieldAttrs } from '../platform/layout/forms.tsx';
import type { FieldErrors } from '../platform/forms/forms.ts';
import { formatDate } from '../platform/format.ts';
import { paragraphs } from '../platform/text.ts';
import type { CampaignItem, ThemeOption } from './newsletter.service.ts';

/** The public pages of the newsletter: subscribe, confirm, unsubscribe, personal data, archive. */

export interface SubscribeFormValues {
  email: string;
  themes: string[];
  /** A territory code, or '' for "not said". */
  territory: string;
  consent: boolean;
}

/** The territory as a select: one place, or none said. */
function TerritorySelect({ ctx, territories, value, prefix }: { ctx: ViewContext; territories: ThemeOption[]; value: string; prefix: string }) {
  return (
    <Field ctx={ctx} name="territory" prefix={prefix} label={ctx.t('newsletter.subscribe.territory')} hint={ctx.t('newsletter.subscribe.territoryHint')}>
      {(attrs) => (
        <select {...attrs}>
          <option value="">{ctx.t('newsletter.subscribe.territoryNone')}</option>
          {territories.map((o) => (
            <option value={o.slug} selected={value === o.slug}>
              {o.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function SubscribePage({ ctx, themes, territories, values, errors }: { ctx: ViewContext; themes: ThemeOption[]; territories: ThemeOption[]; values: SubscribeFormValues; errors: FieldErrors }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('newsletter.title'), description: ctx.t('newsletter.lead'), canonical: '/lettre' }}>
      <h1>{ctx.t('newsletter.title')}</h1>
      <p class="lead">{ctx.t('newsletter.lead')}</p>
      <ErrorSummary ctx={ctx} errors={errors} prefix="" labels={{ email: ctx.t('newsletter.subscribe.email'), consent: ctx.t('newsletter.subscribe.title') }} />
      <section class="form-card" aria-labelledby="subscribe-title">
        <h2 id="subscribe-title">{ctx.t('newsletter.subscribe.title')}</h2>
        <form method="post" action="/lettre" novalidate>
          <Csrf ctx={ctx} />
          <Field ctx={ctx} name="email" prefix="" label={ctx.t('newsletter.subscribe.email')} errors={errors} type="email" autocomplete="email" required value={values.email} />
          {themes.length > 0 && <Checkboxes legend={ctx.t('newsletter.subscribe.themes')} name="themes" options={themes.map((th) => ({ value: th.slug, label: th.name }))} checked={values.themes} />}
          <TerritorySelect ctx={ctx} territories={territories} value={values.territory} prefix="" />
          <div class="field">
            <FieldError ctx={ctx} id="consent" error={errors.consent} />
            <label class="checkbox">
              <input {...fieldAttrs('consent', { prefix: '', error: !!errors.consent })} type="checkbox" value="oui" required checked={values.consent} />
              {ctx.t('newsletter.subscribe.consent')}
            </label>
          </div>
          <p class="hint">{ctx.t('newsletter.subscribe.privacy')}</p>
          <p class="actions">
            <button type="submit">{ctx.t('newsletter.subscribe.button')}</button>
          </p>
        </form>
      </section>
      <p>
        <a href="/lettre/archives">{ctx.t('newsletter.archive.link')}</a>
      </p>
    </Layout>
  );
}

/** A one-message page (confirmation results, unsubscribe results, invalid links). */
export function MessagePage({
  ctx,
  titleKey,
  messageKey,
  params,
  children,
}: {
  ctx: ViewContext;
  titleKey: string;
  messageKey: string;
  params?: Record<string, string>;
  children?: ComponentChildren;
}) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t(titleKey) }}>
      <h1>{ctx.t(titleKey)}</h1>
      <p class="lead" role="status">
        {ctx.t(messageKey, params)}
      </p>
      {children}
    </Layout>
  );
}

export function ConfirmPage({ ctx, token }: { ctx: ViewContext; token: string }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('newsletter.confirm.title') }}>
      <h1>{ctx.t('newsletter.confirm.title')}</h1>
      <p class="lead">{ctx.t('newsletter.confirm.text')}</p>
      <form method="post" action={`/lettre/confirmer/${token}`}>
        <Csrf ctx={ctx} />
        <button type="submit">{ctx.t('newsletter.confirm.button')}</button>
      </form>
    </Layout>
  );
}

export function UnsubscribePage({ ctx, token, email, subscribed }: { ctx: ViewContext; token: string; email: string; subscribed: boolean }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('newsletter.unsubscribe.title') }}>
      <h1>{ctx.t('newsletter.unsubscribe.title')}</h1>
      {subscribed ? (
        <>
          <p class="lead">{ctx.t('newsletter.unsubscribe.text', { email })}</p>
          <form method="post" action={`/lettre/desinscription/${token}/confirmer`}>
            <Csrf ctx={ctx} />
            <button type="submit">{ctx.t('newsletter.unsubscribe.button')}</button>
          </form>
        </>
      ) : (
        <p class="lead" role="status">
          {ctx.t('newsletter.unsubscribe.already')}
        </p>
      )}
      {subscribed && (
        <p>
          <a href={`/lettre/preferences/${token}`}>{ctx.t('newsletter.preferences.instead')}</a>
        </p>
      )}
      <DataSection ctx={ctx} token={token} />
    </Layout>
  );
}

/** The subscriber's themes and territory, behind the token of their issues. */
export function PreferencesPage({
  ctx,
  token,
  email,
  themes,
  territories,
  values,
}: {
  ctx: ViewContext;
  token: string;
  email: string;
  themes: ThemeOption[];
  territories: ThemeOption[];
  values: { themes: string[]; territory: string };
}) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('newsletter.preferences.title') }}>
      <h1>{ctx.t('newsletter.preferences.title')}</h1>
      <p class="lead">{ctx.t('newsletter.preferences.text', { email })}</p>
      <form method="post" action={`/lettre/preferences/${token}`} class="form-card">
        <Csrf ctx={ctx} />
        {themes.length > 0 && <Checkboxes legend={ctx.t('newsletter.subscribe.themes')} name="themes" options={themes.map((th) => ({ value: th.slug, label: th.name }))} checked={values.themes} />}
        <TerritorySelect ctx={ctx} territories={territories} value={values.territory} prefix="" />
        <p class="actions">
          <button type="submit">{ctx.t('newsletter.preferences.save')}</button>
        </p>
      </form>
      <p>
        <a href={`/lettre/desinscription/${token}`}>{ctx.t('newsletter.unsubscribe.title')}</a>
      </p>
    </Layout>
  );
}

export function DataSection({ ctx, token }: { ctx: ViewContext; token: string }) {
  return (
    <section aria-labelledby="data-title">
      <h2 id="data-title">{ctx.t('newsletter.data.title')}</h2>
      <p>{ctx.t('newsletter.data.text')}</p>
      <div class="actions">
        <a class="button button-secondary" href={`/lettre/mes-donnees/${token}`} download="lettre-mes-donnees.json">
          {ctx.t('newsletter.data.download')}
        </a>
        <form method="post" action={`/lettre/desinscription/${token}/effacer`} class="inline-form">
          <Csrf ctx={ctx} />
          <button type="submit" class="button-danger">
            {ctx.t('newsletter.data.erase')}
          </button>
        </form>
      </div>
    </section>
  );
}

export function ArchivePage({ ctx, issues }: { ctx: ViewContext; issues: Array<{ number: number; subject: string; sentAt: string }> }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('newsletter.archive.title'), canonical: '/lettre/archives' }}>
      <h1>{ctx.t('newsletter.archive.title')}</h1>
      {issues.length === 0 ? (
        <p>{ctx.t('newsletter.archive.empty')}</p>
      ) : (
        <CardGrid>
          {issues.map((i) => (
            <Card
              href={`/lettre/archives/${i.number}`}
              title={i.subject}
              headingLevel={2}
              kicker={ctx.t('newsletter.issue.title', { number: i.number })}
              meta={<p class="card-date">{ctx.t('newsletter.archive.sentOn', { date: formatDate(i.sentAt, ctx.lang) })}</p>}
            />
          ))}
        </CardGrid>
      )}
      <p>
        <a class="button" href="/lettre">
          {ctx.t('newsletter.subscribe.title')}
        </a>
      </p>
    </Layout>
  );
}

/** The issue as a web page (archive and animators' preview): the same words as the message. */
export function IssueBody({ ctx, subject, intro, items, kicker }: { ctx: ViewContext; subject: string; intro: string; items: CampaignItem[]; kicker: string }) {
  return (
    <article class="newsletter-issue">
      <p class="card-kind">{kicker}</p>
      <h1>{subject}</h1>
      {paragraphs(intro).map((p) => (
        <p>{p}</p>
      ))}
      <CardGrid class="newsletter-items">
        {items.map((i) => (
          <Card href={i.url} title={i.title} headingLevel={2} kicker={ctx.t(`newsletter.kind.${i.kind}`)} meta={i.date && <p class="card-date">{formatDate(i.date, ctx.lang)}</p>}>
            {i.summary && <p>{i.summary}</p>}
          </Card>
        ))}
      </CardGrid>
    </article>
  );
}

export function IssuePage({ ctx, issue }: { ctx: ViewContext; issue: { number: number; subject: string; intro: string; sentAt: string; items: CampaignItem[] } }) {
  return (
    <Layout ctx={ctx} meta={{ title: `${ctx.t('newsletter.issue.title', { number: issue.number })} : ${issue.subject}`, canonical: `/lettre/archives/${issue.number}` }}>
      <IssueBody
        ctx={ctx}
        subject={issue.subject}
        intro={issue.intro}
        items={issue.items}
        kicker={`${ctx.t('newsletter.issue.title', { number: issue.number })} · ${formatDate(issue.sentAt, ctx.lang)}`}
      />
      <p class="actions">
        <a href="/lettre/archives">{ctx.t('newsletter.archive.title')}</a>
        <a class="button" href="/lettre">
          {ctx.t('newsletter.subscribe.title')}
        </a>
      </p>
    </Layout>
  );
}
