import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import type { FieldErrors } from '../platform/forms/forms.ts';
import { formatDate, formatDateTime } from '../platform/format.ts';
import type { SourceItem } from './newsletter.service.ts';
import type { CampaignLine, CampaignView, ComposeValues } from './newsletter.present.ts';
import { IssueBody } from './newsletter.public.views.tsx';

/** The animators' pages of the newsletter: campaigns, composer, preview, bounces. */

export function PreviewPage({ ctx, campaign }: { ctx: ViewContext; campaign: CampaignView }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('newsletter.preview.title', { subject: campaign.subject }) }}>
      <p>
        <a href={`/admin/lettre/${campaign.id}`}>{ctx.t('newsletter.preview.back')}</a>
      </p>
      <IssueBody ctx={ctx} subject={campaign.subject} intro={campaign.intro} items={campaign.items} kicker={ctx.siteName} />
    </Layout>
  );
}

export function AdminPage({ ctx, counts, campaigns, bouncesMessage }: { ctx: ViewContext; counts: Record<string, number>; campaigns: CampaignLine[]; bouncesMessage?: string }) {
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
                  <td>{formatDate(c.date, ctx.lang)}</td>
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
        <Field ctx={ctx} name="addresses" prefix="" label={ctx.t('newsletter.admin.bounces.label')} textarea />
        <button type="submit">{ctx.t('newsletter.admin.bounces.button')}</button>
      </form>
    </Layout>
  );
}

export function ComposePage({ ctx, campaign, candidates, values, errors }: { ctx: ViewContext; campaign: CampaignView | null; candidates: SourceItem[]; values: ComposeValues; errors: FieldErrors }) {
  const locked = campaign?.locked;
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
          {campaign.status === 'scheduled' && campaign.scheduledAt && ctx.t('newsletter.compose.scheduledFor', { date: formatDateTime(campaign.scheduledAt, ctx.lang) })}{' '}
          {campaign.recipients > 0 && ctx.t('newsletter.compose.progress', { recipients: campaign.recipients })}
        </p>
      )}
      {locked ? (
        <p class="notice">{ctx.t('newsletter.compose.locked')}</p>
      ) : (
        <>
          <ErrorSummary
            ctx={ctx}
            errors={errors}
            prefix=""
            labels={{ subject: ctx.t('newsletter.compose.subject'), intro: ctx.t('newsletter.compose.intro'), extra: ctx.t('newsletter.compose.extra') }}
          />
          <form method="post" action={action} class="form-card" novalidate>
            <Csrf ctx={ctx} />
            <Field ctx={ctx} name="subject" prefix="" label={ctx.t('newsletter.compose.subject')} errors={errors} required value={values.subject} />
            <Field ctx={ctx} name="intro" prefix="" label={ctx.t('newsletter.compose.intro')} hint={ctx.t('newsletter.compose.introHint')} errors={errors} textarea value={values.intro} />
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
            <Field ctx={ctx} name="extra" prefix="" label={ctx.t('newsletter.compose.extra')} hint={ctx.t('newsletter.compose.extraHint')} errors={errors} textarea value={values.extra} />
            <button type="submit">{ctx.t('newsletter.compose.save')}</button>
          </form>
        </>
      )}
      {campaign && (
        <>
          <h2>{ctx.t('newsletter.compose.current')}</h2>
          <ol>
            {campaign.items.map((i) => (
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
            <Field ctx={ctx} name="to" prefix="" label={ctx.t('newsletter.compose.testTo')} type="email" value={ctx.user?.email ?? ''} />
            <button type="submit" class="button-secondary">
              {ctx.t('newsletter.compose.test')}
            </button>
          </form>
          {!locked && (
            <>
              <h2 id="send-title">{ctx.t('newsletter.compose.schedule')}</h2>
              <form method="post" action={`/admin/lettre/${campaign.id}/envoyer`} aria-labelledby="send-title">
                <Csrf ctx={ctx} />
                <Field ctx={ctx} name="when" prefix="" label={ctx.t('newsletter.compose.when')} errors={errors} type="datetime-local" />
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
