import { Layout } from '../platform/layout/layout.tsx';
import { Card, CardGrid } from '../platform/layout/card.tsx';
import { Pagination } from '../platform/layout/pagination.tsx';
import type { NavItem, ViewContext } from '../platform/layout/context.ts';
import { formatDateTime } from '../platform/format.ts';
import { OUTBOX_STATUSES, type OutboxStatus } from '../platform/mail/outbox.ts';
import type { OutboxMessageView, OutboxRowView } from './admin.service.ts';
import { Csrf } from '../platform/layout/forms.tsx';

export const LIVE_SCRIPT = '/static/admin/outbox-live.js';

export type Counts = Record<OutboxStatus, number>;

function statusLabel(ctx: ViewContext, status: OutboxStatus, smtp: boolean) {
  return ctx.t(status === 'pending' && !smtp ? 'admin.status.pendingOffline' : `admin.status.${status}`);
}

/** The counters, kept current by the page's script through /admin/courriels/flux. */
function LiveCounts({ ctx, counts }: { ctx: ViewContext; counts: Counts }) {
  return (
    <p class="outbox-counts" data-live-counts="/admin/courriels/flux" aria-live="polite">
      {ctx.t('admin.outbox.counts', counts)}
    </p>
  );
}

export function AdminDashboard({ ctx, links, smtp, counts }: { ctx: ViewContext; links: NavItem[]; smtp: boolean; counts: Counts }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('admin.title'), scripts: [LIVE_SCRIPT] }}>
      <h1>{ctx.t('admin.title')}</h1>
      <p class="lead">{ctx.t('admin.intro')}</p>
      <section aria-labelledby="admin-tools">
        <h2 id="admin-tools">{ctx.t('admin.tools')}</h2>
        {links.length === 0 ? (
          <p>{ctx.t('admin.noTools')}</p>
        ) : (
          <CardGrid>
            {links.map((l) => (
              <Card href={l.href} title={ctx.t(l.label)} />
            ))}
          </CardGrid>
        )}
      </section>
      <section aria-labelledby="admin-mail">
        <h2 id="admin-mail">{ctx.t('admin.mail.title')}</h2>
        <p class={smtp ? 'notice' : 'notice notice-members'}>{ctx.t(smtp ? 'admin.mail.smtp' : 'admin.mail.offline')}</p>
        <LiveCounts ctx={ctx} counts={counts} />
        <p>
          <a href="/admin/courriels">{ctx.t('admin.outbox.link')}</a>
        </p>
      </section>
    </Layout>
  );
}

export function OutboxList({
  ctx,
  rows,
  total,
  page,
  pages,
  status,
  smtp,
  counts,
}: {
  ctx: ViewContext;
  rows: OutboxRowView[];
  total: number;
  page: number;
  pages: number;
  status: OutboxStatus | undefined;
  smtp: boolean;
  counts: Counts;
}) {
  const pageUrl = (p: number) => `/admin/courriels?${new URLSearchParams({ ...(status ? { statut: status } : {}), page: String(p) })}`;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('admin.outbox.title'), scripts: [LIVE_SCRIPT] }}>
      <p class="small">
        <a href="/admin">{ctx.t('admin.title')}</a>
      </p>
      <h1>{ctx.t('admin.outbox.title')}</h1>
      <p class={smtp ? 'notice' : 'notice notice-members'}>{ctx.t(smtp ? 'admin.mail.smtp' : 'admin.mail.offline')}</p>
      <LiveCounts ctx={ctx} counts={counts} />
      <form method="get" action="/admin/courriels" class="outbox-filter">
        <label for="outbox-status">{ctx.t('admin.outbox.filter')}</label>
        <select id="outbox-status" name="statut">
          <option value="" selected={!status}>
            {ctx.t('admin.outbox.filter.all')}
          </option>
          {OUTBOX_STATUSES.map((s) => (
            <option value={s} selected={s === status}>
              {statusLabel(ctx, s, smtp)}
            </option>
          ))}
        </select>
        <button type="submit" class="button-small">
          {ctx.t('admin.outbox.filter.button')}
        </button>
      </form>
      {rows.length === 0 ? (
        <p>{ctx.t('admin.outbox.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="outbox-table">
            <caption>{ctx.t('admin.outbox.caption', { total })}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('admin.outbox.col.recipient')}</th>
                <th scope="col">{ctx.t('admin.outbox.col.subject')}</th>
                <th scope="col">{ctx.t('admin.outbox.col.date')}</th>
                <th scope="col">{ctx.t('admin.outbox.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>{r.to}</td>
                  <td>
                    <a href={`/admin/courriels/${r.id}`}>{r.subject}</a>
                  </td>
                  <td>{formatDateTime(r.createdAt, ctx.lang)}</td>
                  <td>
                    <span class={`badge outbox-status-${r.status}`}>{statusLabel(ctx, r.status, smtp)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination ctx={ctx} page={page} pages={pages} href={pageUrl} labels={{ label: 'admin.outbox.pages', previous: 'admin.outbox.previous', next: 'admin.outbox.next' }} />
    </Layout>
  );
}

export function OutboxMessage({ ctx, m, smtp }: { ctx: ViewContext; m: OutboxMessageView; smtp: boolean }) {
  return (
    <Layout ctx={ctx} meta={{ title: `${m.subject} · ${ctx.t('admin.outbox.title')}` }}>
      <p class="small">
        <a href="/admin/courriels">{ctx.t('admin.message.back')}</a>
      </p>
      <h1>{m.subject}</h1>
      <dl class="meta-list">
        <dt>{ctx.t('admin.message.to')}</dt>
        <dd>{m.to}</dd>
        <dt>{ctx.t('admin.message.status')}</dt>
        <dd>{statusLabel(ctx, m.status, smtp)}</dd>
        <dt>{ctx.t('admin.message.created')}</dt>
        <dd>{formatDateTime(m.createdAt, ctx.lang)}</dd>
        {m.sentAt && (
          <>
            <dt>{ctx.t('admin.message.sent')}</dt>
            <dd>{formatDateTime(m.sentAt, ctx.lang)}</dd>
          </>
        )}
        <dt>{ctx.t('admin.message.attempts')}</dt>
        <dd>{m.attempts}</dd>
        <dt>{ctx.t('admin.message.lang')}</dt>
        <dd>{ctx.t(`layout.lang.${m.lang === 'en' ? 'en' : 'fr'}`)}</dd>
        <dt>{ctx.t('admin.message.category')}</dt>
        <dd>{m.category}</dd>
        {m.lastError && (
          <>
            <dt>{ctx.t('admin.message.error')}</dt>
            <dd>{m.lastError}</dd>
          </>
        )}
      </dl>
      {m.status === 'failed' && (
        <form method="post" action={`/admin/courriels/${m.id}/renvoyer`}>
          <Csrf ctx={ctx} />
          <button type="submit">{ctx.t('admin.message.retry')}</button>
        </form>
      )}
      {m.text === null ? (
        <p class="notice notice-members">{ctx.t('admin.message.hidden')}</p>
      ) : (
        <>
          <h2>{ctx.t('admin.message.text')}</h2>
          <pre class="mail-text" lang={m.lang}>
            {m.text}
          </pre>
          {m.hasHtml && (
            <>
              <h2>{ctx.t('admin.message.html')}</h2>
              {/* Mail HTML never runs in our origin: an empty sandbox makes the frame a script-less, origin-less document. */}
              <iframe class="mail-preview" sandbox="" src={`/admin/courriels/${m.id}/apercu`} title={ctx.t('admin.message.htmlFrame')} loading="lazy" />
            </>
          )}
        </>
      )}
    </Layout>
  );
}
