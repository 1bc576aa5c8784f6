import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, Field } from '../platform/layout/forms.tsx';
import { formatDate } from '../platform/format.ts';
import type { PostView, RequestView } from './network.present.ts';
import { PostBody } from './network.list.views.tsx';

/** The animators' queue: membership requests to decide, list messages to moderate. */

export function AdminQueuePage({ ctx, requests, pending }: { ctx: ViewContext; requests: RequestView[]; pending: PostView[] }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('network.admin.title') }}>
      <h1>{ctx.t('network.admin.title')}</h1>
      <p>
        <a href="/admin/reseau/annuaire.csv">{ctx.t('network.directory.export')}</a>
      </p>
      <h2>{ctx.t('network.admin.queue')}</h2>
      {requests.length === 0 && <p>{ctx.t('network.admin.none')}</p>}
      {requests.map((r) => (
        <article class="card admin-request" aria-labelledby={`req-${r.id}`}>
          <h3 id={`req-${r.id}`}>
            {r.name} — {r.orgName}
          </h3>
          <p>
            {ctx.t(`network.join.role.${r.role}`)} · {ctx.t(`network.join.orgType.${r.orgType}`)} · {r.territoryLabel} · {r.email}
          </p>
          {r.infoRequestedAt && <p class="badge">{ctx.t('network.admin.infoRequested', { date: formatDate(r.infoRequestedAt, ctx.lang) })}</p>}
          <p>
            <strong>{ctx.t('network.admin.motivation')} :</strong> {r.motivation}
          </p>
          <form method="post" action={`/admin/reseau/demandes/${r.id}`}>
            <Csrf ctx={ctx} />
            <Field ctx={ctx} name="message" id={`message-${r.id}`} label={ctx.t('network.admin.message')} textarea />
            <div class="actions">
              <button type="submit" name="decision" value="approve">
                {ctx.t('network.admin.approve')}
              </button>
              <button type="submit" name="decision" value="info" class="button-secondary">
                {ctx.t('network.admin.info')}
              </button>
              <button type="submit" name="decision" value="refuse" class="button-danger">
                {ctx.t('network.admin.refuse')}
              </button>
            </div>
          </form>
        </article>
      ))}
      <h2>{ctx.t('network.admin.moderation')}</h2>
      {pending.length === 0 && <p>{ctx.t('network.admin.noPosts')}</p>}
      {pending.map((p) => (
        <article class="card" aria-labelledby={`post-${p.id}`}>
          <h3 id={`post-${p.id}`}>{p.title}</h3>
          <p class="muted">{ctx.t('network.list.by', { name: p.authorName, date: formatDate(p.date, ctx.lang) })}</p>
          <PostBody body={p.body} />
          <form method="post" action={`/admin/reseau/messages/${p.id}`} class="actions">
            <Csrf ctx={ctx} />
            <button type="submit" name="decision" value="approve">
              {ctx.t('network.admin.publish')}
            </button>
            <button type="submit" name="decision" value="reject" class="button-danger">
              {ctx.t('network.admin.reject')}
            </button>
          </form>
        </article>
      ))}
    </Layout>
  );
}
