import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Checkboxes, Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import type { FieldErrors } from '../platform/forms/forms.ts';
import { formatDate, formatDateTime } from '../platform/format.ts';
import type { SourceItem, ThemeOption } from './newsletter.service.ts';
import type { AudienceView, CampaignLine, CampaignView, ComposeValues, SendPlanView } from './newsletter.present.ts';
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

/** Who an issue goes to, in words: "tous les abonné·es", or the themes and then the territories. */
export function audienceText(ctx: ViewContext, audience: AudienceView): string {
  if (audience.everyone) return ctx.t('newsletter.audience.everyone');
  const themes = audience.themes.length ? ctx.t('newsletter.audience.themes', { list: audience.themes.join(', ') }) : '';
  if (!audience.territories.length) return themes;
  const list = audience.territories.join(', ');
  return themes ? `${themes} ${ctx.t('newsletter.audience.andIn', { list })}` : ctx.t('newsletter.audience.territories', { list });
}

export const peopleCount = (ctx: ViewContext, count: number) =>
  ctx.t(count === 1 ? 'newsletter.audience.people.one' : 'newsletter.audience.people', { count: new Intl.NumberFormat(ctx.lang === 'fr' ? 'fr-FR' : 'en-GB').format(count) });

export interface ComposeProps {
  ctx: ViewContext;
  campaign: CampaignView | null;
  candidates: SourceItem[];
  values: ComposeValues;
  errors: FieldErrors;
  /** What the audience can be made of. */
  options: { themes: ThemeOption[]; territories: ThemeOption[] };
  /** A saved campaign's audience by name, and how many people it reaches now. */
  reach?: { audience: AudienceView; count: number };
  /** The send form as it came back with a problem. */
  send?: { when: string; errors: FieldErrors };
}

export function ComposePage({ ctx, campaign, candidates, values, errors, options, reach, send }: ComposeProps) {
  const status = campaign?.status ?? 'draft';
  const action = campaign ? `/admin/lettre/${campaign.id}` : '/admin/lettre/nouvelle';
  const sendErrors = send?.errors ?? {};
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
      <ErrorSummary ctx={ctx} errors={errors} prefix="" labels={{ subject: ctx.t('newsletter.compose.subject'), intro: ctx.t('newsletter.compose.intro'), extra: ctx.t('newsletter.compose.extra') }} />
      <ErrorSummary ctx={ctx} id="send-error-summary" errors={sendErrors} prefix="send-" labels={{ when: ctx.t('newsletter.compose.whenLabel') }} />
      {status === 'draft' ? (
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
          <fieldset>
            <legend>{ctx.t('newsletter.compose.audience')}</legend>
            <p class="hint">{ctx.t('newsletter.compose.audienceHint')}</p>
            {options.themes.length > 0 && (
              <Checkboxes legend={ctx.t('newsletter.compose.audienceThemes')} name="themes" options={options.themes.map((o) => ({ value: o.slug, label: o.name }))} checked={values.themes} />
            )}
            <Checkboxes
              legend={ctx.t('newsletter.compose.audienceTerritories')}
              name="territories"
              options={options.territories.map((o) => ({ value: o.slug, label: o.name }))}
              checked={values.territories}
            />
          </fieldset>
          <button type="submit">{ctx.t('newsletter.compose.save')}</button>
        </form>
      ) : status === 'scheduled' ? (
        <p class="notice">{ctx.t('newsletter.campaign.scheduled')}</p>
      ) : (
        <p class="notice">{ctx.t('newsletter.compose.locked')}</p>
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
          {status !== 'sending' && status !== 'sent' && (
            <>
              <h2 id="send-title">{ctx.t('newsletter.compose.schedule')}</h2>
              {reach && <p>{ctx.t('newsletter.compose.reach', { people: peopleCount(ctx, reach.count), audience: audienceText(ctx, reach.audience) })}</p>}
              {status === 'scheduled' ? (
                <form method="post" action={`/admin/lettre/${campaign.id}/annuler`}>
                  <Csrf ctx={ctx} />
                  <button type="submit" class="button-secondary">
                    {ctx.t('newsletter.compose.unschedule')}
                  </button>
                </form>
              ) : (
                // A GET form: it only leads to the confirmation step, which shows the count and asks.
                <form method="get" action={`/admin/lettre/${campaign.id}/envoyer`} aria-labelledby="send-title">
                  <Field
                    ctx={ctx}
                    name="when"
                    prefix="send-"
                    label={ctx.t('newsletter.compose.whenLabel')}
                    hint={ctx.t('newsletter.compose.whenHint')}
                    errors={sendErrors}
                    type="datetime-local"
                    value={send?.when ?? ''}
                  />
                  <button type="submit">{ctx.t('newsletter.compose.send')}</button>
                </form>
              )}
            </>
          )}
        </>
      )}
    </Layout>
  );
}

/** The confirmation step: nothing is sent until its button is pressed. */
export function ConfirmSendPage({ ctx, plan, changed }: { ctx: ViewContext; plan: SendPlanView; changed?: boolean }) {
  const people = peopleCount(ctx, plan.count);
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('newsletter.send.title') }}>
      <p>
        <a href={`/admin/lettre/${plan.id}`}>{ctx.t('newsletter.send.back')}</a>
      </p>
      <h1>{ctx.t('newsletter.send.title')}</h1>
      {changed && (
        <p class="notice notice-members" role="alert">
          {ctx.t('newsletter.send.changed')}
        </p>
      )}
      <dl class="meta-list">
        <dt>{ctx.t('newsletter.send.subject')}</dt>
        <dd>{plan.subject}</dd>
        <dt>{ctx.t('newsletter.send.audience')}</dt>
        <dd>{audienceText(ctx, plan.audience)}</dd>
        <dt>{ctx.t('newsletter.send.count')}</dt>
        <dd>
          <strong>{people}</strong> <span class="muted">{ctx.t('newsletter.send.countHint')}</span>
        </dd>
        <dt>{ctx.t('newsletter.send.when')}</dt>
        <dd>{plan.at ? ctx.t('newsletter.send.at', { date: formatDateTime(plan.at, ctx.lang) }) : ctx.t('newsletter.send.now')}</dd>
      </dl>
      {plan.count === 0 ? (
        <p class="notice">{ctx.t('newsletter.send.nobody')}</p>
      ) : (
        <>
          <p class="notice">{ctx.t('newsletter.send.warning')}</p>
          <form method="post" action={`/admin/lettre/${plan.id}/envoyer`}>
            <Csrf ctx={ctx} />
            <input type="hidden" name="when" value={plan.when} />
            <input type="hidden" name="version" value={plan.version} />
            <input type="hidden" name="confirm" value="oui" />
            <p class="actions">
              <button type="submit">{ctx.t(plan.at ? 'newsletter.send.confirmAt' : 'newsletter.send.confirmNow', { people })}</button>
              <a href={`/admin/lettre/${plan.id}`}>{ctx.t('newsletter.send.cancel')}</a>
            </p>
          </form>
        </>
      )}
    </Layout>
  );
}
