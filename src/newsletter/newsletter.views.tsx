import type { ComponentChildren } from 'preact';
import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { formatDate, formatDateTime } from '../platform/format.ts';
import { paragraphs } from '../platform/text.ts';
import type { CampaignItem, SourceItem, ThemeOption } from './newsletter.service.ts';
import type { NewsletterCampaignsTable } from './newsletter.tables.ts';

type Errors = Record<string, string>;

function ErrorSummary({ ctx, errors, labels }: { ctx: ViewContext; errors: Errors; labels: Record<string, string> }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{ctx.t('form.errors.title')}</h2>
      <ul>
        {entries.map(([field, key]) => (
          <li>
            <a href={`#${field}`}>
              {labels[field] ? `${ctx.t(labels[field])} : ` : ''}
              {ctx.t(key)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function FieldError({ ctx, id, error }: { ctx: ViewContext; id: string; error?: string }) {
  return error ? (
    <span class="field-error" id={`${id}-error`}>
      {ctx.t(error)}
    </span>
  ) : null;
}

function Csrf({ ctx }: { ctx: ViewContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrf()} />;
}

export interface SubscribeFormValues {
  email: string;
  themes: string[];
  consent: boolean;
}

export function SubscribePage({ ctx, themes, values, errors }: { ctx: ViewContext; themes: ThemeOption[]; values: SubscribeFormValues; errors: Errors }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('newsletter.title'), description: ctx.t('newsletter.lead'), canonical: '/lettre' }}>
      <h1>{ctx.t('newsletter.title')}</h1>
      <p class="lead">{ctx.t('newsletter.lead')}</p>
      <ErrorSummary ctx={ctx} errors={errors} labels={{ email: 'newsletter.subscribe.email', consent: 'newsletter.subscribe.title' }} />
      <section class="form-card" aria-labelledby="subscribe-title">
        <h2 id="subscribe-title">{ctx.t('newsletter.subscribe.title')}</h2>
        <form method="post" action="/lettre" novalidate>
          <Csrf ctx={ctx} />
          <div class="field">
            <label for="email">{ctx.t('newsletter.subscribe.email')}</label>
            <FieldError ctx={ctx} id="email" error={errors.email} />
            <input
              id="email"
              name="email"
              type="email"
              autocomplete="email"
              required
              value={values.email}
              aria-invalid={errors.email ? 'true' : undefined}
              aria-describedby={errors.email ? 'email-error' : undefined}
            />
          </div>
          {themes.length > 0 && (
            <fieldset>
              <legend>{ctx.t('newsletter.subscribe.themes')}</legend>
              {themes.map((th) => (
                <label class="checkbox">
                  <input type="checkbox" name="themes" value={th.slug} checked={values.themes.includes(th.slug)} />
                  {th.name}
                </label>
              ))}
            </fieldset>
          )}
          <div class="field">
            <FieldError ctx={ctx} id="consent" error={errors.consent} />
            <label class="checkbox">
              <input
                id="consent"
                type="checkbox"
                name="consent"
                value="oui"
                required
                checked={values.consent}
                aria-invalid={errors.consent ? 'true' : undefined}
                aria-describedby={errors.consent ? 'consent-error' : undefined}
              />
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
      <DataSection ctx={ctx} token={token} />
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
        <ul class="cards">
          {issues.map((i) => (
            <li class="card">
              <span class="card-kind">{ctx.t('newsletter.issue.title', { number: i.number })}</span>
              <h2 class="h3">
                <a href={`/lettre/archives/${i.number}`}>{i.subject}</a>
              </h2>
              <span class="card-date">{ctx.t('newsletter.archive.sentOn', { date: formatDate(i.sentAt, ctx.lang) })}</span>
            </li>
          ))}
        </ul>
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
function IssueBody({ ctx, subject, intro, items, kicker }: { ctx: ViewContext; subject: string; intro: string; items: CampaignItem[]; kicker: string }) {
  return (
    <article class="newsletter-issue">
      <p class="card-kind">{kicker}</p>
      <h1>{subject}</h1>
      {paragraphs(intro).map((p) => (
        <p>{p}</p>
      ))}
      <ul class="cards newsletter-items">
        {items.map((i) => (
          <li class="card">
            <span class="card-kind">{ctx.t(`newsletter.kind.${i.kind}`)}</span>
            <h2 class="h3">
              <a href={i.url}>{i.title}</a>
            </h2>
            {i.date && <span class="card-date">{formatDate(i.date, ctx.lang)}</span>}
            {i.summary && <p>{i.summary}</p>}
          </li>
        ))}
      </ul>
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

export function PreviewPage({ ctx, campaign }: { ctx: ViewContext; campaign: NewsletterCampaignsTable & { itemList: CampaignItem[] } }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('newsletter.preview.title', { subject: campaign.subject }) }}>
      <p>
        <a href={`/admin/lettre/${campaign.id}`}>{ctx.t('newsletter.preview.back')}</a>
      </p>
      <IssueBody ctx={ctx} subject={campaign.subject} intro={campaign.intro} items={campaign.itemList} kicker={ctx.siteName} />
    </Layout>
  );
}

export function AdminPage({ ctx, counts, campaigns, bouncesMessage }: { ctx: ViewContext; counts: Record<string, number>; campaigns: NewsletterCampaignsTable[]; bouncesMessage?: string }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('newsletter.admin.title') }}>
      <h1>{ctx.t('newsletter.admin.title')}</h1>
      <p>{ctx.t('newsletter.admin.counts', counts)}</p>
      <p class="actions">
        <a class="button" href="/admin/lettre/nouvelle">
          {ctx.t('newsletter.admin.new')}
        </a>
        <a href="/admin/lettre/abonnes.csv">{ctx.t('newsletter.admin.export')}</a>
      </p>
      <h2>{ctx.t('newsletter.admin.campaigns')}</h2>
      {campaigns.length === 0 ? (
        <p>{ctx.t('newsletter.admin.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t('newsletter.admin.col.subject')}</th>
                <th scope="col">{ctx.t('newsletter.admin.col.status')}</th>
                <th scope="col">{ctx.t('newsletter.admin.col.recipients')}</th>
                <th scope="col">{ctx.t('newsletter.admin.col.date')}</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr>
                  <td>
                    <a href={`/admin/lettre/${c.id}`}>{c.subject}</a>
                  </td>
                  <td>{ctx.t(`newsletter.status.${c.status}`)}</td>
                  <td>{c.recipients}</td>
                  <td>{formatDate(c.sent_at ?? c.scheduled_at ?? c.updated_at, ctx.lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="bounces-title">{ctx.t('newsletter.admin.bounces.title')}</h2>
      {bouncesMessage && (
        <p class="flash" role="status">
          {bouncesMessage}
        </p>
      )}
      <form method="post" action="/admin/lettre/rebonds" aria-labelledby="bounces-title">
        <Csrf ctx={ctx} />
        <div class="field">
          <label for="addresses">{ctx.t('newsletter.admin.bounces.label')}</label>
          <textarea id="addresses" name="addresses" />
        </div>
        <button type="submit">{ctx.t('newsletter.admin.bounces.button')}</button>
      </form>
    </Layout>
  );
}

export interface ComposeValues {
  subject: string;
  intro: string;
  items: string[];
  extra: string;
}

export function ComposePage({
  ctx,
  campaign,
  candidates,
  values,
  errors,
}: {
  ctx: ViewContext;
  campaign: (NewsletterCampaignsTable & { itemList: CampaignItem[] }) | null;
  candidates: SourceItem[];
  values: ComposeValues;
  errors: Errors;
}) {
  const locked = campaign && (campaign.status === 'sending' || campaign.status === 'sent');
  const action = campaign ? `/admin/lettre/${campaign.id}` : '/admin/lettre/nouvelle';
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('newsletter.compose.title') }}>
      <p>
        <a href="/admin/lettre">{ctx.t('newsletter.admin.title')}</a>
      </p>
      <h1>{campaign ? campaign.subject : ctx.t('newsletter.compose.title')}</h1>
      {campaign && (
        <p>
          <span class="badge">{ctx.t(`newsletter.status.${campaign.status}`)}</span>{' '}
          {campaign.status === 'scheduled' && campaign.scheduled_at && ctx.t('newsletter.compose.scheduledFor', { date: formatDateTime(campaign.scheduled_at, ctx.lang) })}{' '}
          {campaign.recipients > 0 && ctx.t('newsletter.compose.progress', { recipients: campaign.recipients })}
        </p>
      )}
      {locked ? (
        <p class="notice">{ctx.t('newsletter.compose.locked')}</p>
      ) : (
        <>
          <ErrorSummary ctx={ctx} errors={errors} labels={{ subject: 'newsletter.compose.subject', intro: 'newsletter.compose.intro', extra: 'newsletter.compose.extra' }} />
          <form method="post" action={action} class="form-card" novalidate>
            <Csrf ctx={ctx} />
            <div class="field">
              <label for="subject">{ctx.t('newsletter.compose.subject')}</label>
              <FieldError ctx={ctx} id="subject" error={errors.subject} />
              <input id="subject" name="subject" type="text" required value={values.subject} aria-invalid={errors.subject ? 'true' : undefined} />
            </div>
            <div class="field">
              <label for="intro">
                {ctx.t('newsletter.compose.intro')}
                <span class="hint" id="intro-hint">
                  {ctx.t('newsletter.compose.introHint')}
                </span>
              </label>
              <FieldError ctx={ctx} id="intro" error={errors.intro} />
              <textarea id="intro" name="intro" aria-describedby="intro-hint">
                {values.intro}
              </textarea>
            </div>
            <fieldset>
              <legend>{ctx.t('newsletter.compose.items')}</legend>
              <p class="hint">{candidates.length ? ctx.t('newsletter.compose.itemsHint') : ctx.t('newsletter.compose.noItems')}</p>
              {candidates.map((c) => {
                const key = `${c.kind}:${c.id}`;
                return (
                  <label class="checkbox">
                    <input type="checkbox" name="items" value={key} checked={values.items.includes(key)} />
                    <span>
                      {ctx.t(`newsletter.kind.${c.kind}`)} — {c.title} <span class="muted small">({formatDate(c.startsAt ?? c.publishedAt, ctx.lang)})</span>
                    </span>
                  </label>
                );
              })}
            </fieldset>
            <div class="field">
              <label for="extra">
                {ctx.t('newsletter.compose.extra')}
                <span class="hint" id="extra-hint">
                  {ctx.t('newsletter.compose.extraHint')}
                </span>
              </label>
              <FieldError ctx={ctx} id="extra" error={errors.extra} />
              <textarea id="extra" name="extra" aria-describedby="extra-hint">
                {values.extra}
              </textarea>
            </div>
            <button type="submit">{ctx.t('newsletter.compose.save')}</button>
          </form>
        </>
      )}
      {campaign && (
        <>
          <h2>{ctx.t('newsletter.compose.current')}</h2>
          <ol>
            {campaign.itemList.map((i) => (
              <li>
                <a href={i.url}>{i.title}</a>
              </li>
            ))}
          </ol>
          <p>
            <a href={`/admin/lettre/${campaign.id}/apercu`}>{ctx.t('newsletter.compose.preview')}</a>
          </p>
          <h2 id="test-title">{ctx.t('newsletter.compose.test')}</h2>
          <form method="post" action={`/admin/lettre/${campaign.id}/test`} aria-labelledby="test-title">
            <Csrf ctx={ctx} />
            <div class="field">
              <label for="to">{ctx.t('newsletter.compose.testTo')}</label>
              <input id="to" name="to" type="email" value={ctx.user?.email ?? ''} />
            </div>
            <button type="submit" class="button-secondary">
              {ctx.t('newsletter.compose.test')}
            </button>
          </form>
          {!locked && (
            <>
              <h2 id="send-title">{ctx.t('newsletter.compose.schedule')}</h2>
              <form method="post" action={`/admin/lettre/${campaign.id}/envoyer`} aria-labelledby="send-title">
                <Csrf ctx={ctx} />
                <div class="field">
                  <label for="when">{ctx.t('newsletter.compose.when')}</label>
                  <FieldError ctx={ctx} id="when" error={errors.when} />
                  <input id="when" name="when" type="datetime-local" />
                </div>
                <button type="submit">{ctx.t('newsletter.compose.send')}</button>
              </form>
              {campaign.status === 'scheduled' && (
                <form method="post" action={`/admin/lettre/${campaign.id}/annuler`}>
                  <Csrf ctx={ctx} />
                  <button type="submit" class="button-secondary">
                    {ctx.t('newsletter.compose.unschedule')}
                  </button>
                </form>
              )}
            </>
          )}
        </>
      )}
    </Layout>
  );
}
