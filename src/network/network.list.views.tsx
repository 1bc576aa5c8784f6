import { Layout } from '../platform/layout/layout.tsx';
import { Card, CardGrid } from '../platform/layout/card.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import type { FieldErrors } from '../platform/forms/forms.ts';
import { formatDate, formatSize } from '../platform/format.ts';
import { paragraphs } from '../platform/text.ts';
import type { PostView } from './network.present.ts';

/** The members' mailing list on the web: threads, a thread, writing a message. */

/** Plain text with web addresses turned into links; everything else is escaped by Preact. */
export function PostBody({ body }: { body: string }) {
  return (
    <div class="post-body">
      {paragraphs(body).map((para) => (
        <p>
          {para.split(/(https?:\/\/[^\s<>"]+)/g).map((part, i) =>
            i % 2 === 1 ? (
              <a href={part} rel="nofollow noopener">
                {part}
              </a>
            ) : (
              part
            ),
          )}
        </p>
      ))}
    </div>
  );
}

export function ListPage({ ctx, threads, q }: { ctx: ViewContext; threads: PostView[]; q: string }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('network.list.title') }}>
      <h1>{ctx.t('network.list.title')}</h1>
      <p class="lead">{ctx.t('network.list.lead')}</p>
      <p class="actions">
        <a class="button" href="/reseau/liste/nouveau">
          {ctx.t('network.list.new')}
        </a>
        <a href="/reseau/preferences">{ctx.t('network.list.preferences')}</a>
      </p>
      <form method="get" action="/reseau/liste" role="search">
        <label for="list-q">{ctx.t('network.list.search')}</label>
        <div class="actions">
          <input id="list-q" name="q" type="search" value={q} />
          <button type="submit">{ctx.t('network.list.searchButton')}</button>
        </div>
      </form>
      {threads.length === 0 ? (
        <p>{ctx.t('network.list.none')}</p>
      ) : (
        <CardGrid>
          {threads.map((th) => (
            <Card
              href={`/reseau/liste/${th.id}`}
              title={th.title}
              headingLevel={2}
              meta={<p class="card-date">{ctx.t('network.list.by', { name: th.authorName, date: formatDate(th.date, ctx.lang) })}</p>}
            />
          ))}
        </CardGrid>
      )}
    </Layout>
  );
}

export interface PostValues {
  title: string;
  body: string;
  links: string;
}

export function PostFormPage({ ctx, values, errors }: { ctx: ViewContext; values: PostValues; errors: FieldErrors }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('network.list.new') }}>
      <h1>{ctx.t('network.list.new')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} prefix="" />
      <PostForm ctx={ctx} action="/reseau/liste/nouveau" values={values} errors={errors} withTitle />
    </Layout>
  );
}

function PostForm({ ctx, action, values, errors, withTitle }: { ctx: ViewContext; action: string; values: PostValues; errors: FieldErrors; withTitle: boolean }) {
  return (
    <form method="post" action={action} enctype="multipart/form-data" class="form-card" novalidate>
      <Csrf ctx={ctx} />
      {withTitle && <Field ctx={ctx} name="title" prefix="" label={ctx.t('network.list.postTitle')} errors={errors} required value={values.title} />}
      <Field ctx={ctx} name="body" prefix="" label={ctx.t('network.list.body')} hint={ctx.t('network.list.bodyHint')} errors={errors} textarea required value={values.body} />
      {withTitle && <Field ctx={ctx} name="links" prefix="" label={ctx.t('network.list.links')} hint={ctx.t('network.list.linksHint')} errors={errors} textarea value={values.links} />}
      <Field ctx={ctx} name="files" prefix="" label={ctx.t('network.list.files')} errors={errors}>
        {(attrs) => <input {...attrs} type="file" multiple />}
      </Field>
      <button type="submit">{withTitle ? ctx.t('network.list.send') : ctx.t('network.list.reply')}</button>
    </form>
  );
}

export function ThreadPage({ ctx, posts, values, errors }: { ctx: ViewContext; posts: PostView[]; values: PostValues; errors: FieldErrors }) {
  const root = posts[0]!;
  return (
    <Layout ctx={ctx} meta={{ title: root.title }}>
      <p>
        <a href="/reseau/liste">{ctx.t('network.list.title')}</a>
      </p>
      <h1>{root.title}</h1>
      {posts.map((p) => {
        const by = ctx.t('network.list.by', { name: p.authorName, date: formatDate(p.date, ctx.lang) });
        return (
          <article class="card list-post" aria-label={by}>
            <p class="muted small">{by}</p>
            <PostBody body={p.body} />
            {p.links.length > 0 && (
              <ul>
                {p.links.map((l) => (
                  <li>
                    <a href={l}>{l}</a>
                  </li>
                ))}
              </ul>
            )}
            {p.attachments.length > 0 && (
              <ul aria-label={ctx.t('network.list.attachments')}>
                {p.attachments.map((f) => (
                  <li>
                    <a href={`/reseau/liste/pieces/${f.id}`} download={f.filename}>
                      {f.filename}
                    </a>{' '}
                    <span class="muted small">({formatSize(f.size, ctx.lang)})</span>
                  </li>
                ))}
              </ul>
            )}
          </article>
        );
      })}
      <h2 id="reply-title">{ctx.t('network.list.reply')}</h2>
      <ErrorSummary ctx={ctx} errors={errors} prefix="" />
      <PostForm ctx={ctx} action={`/reseau/liste/${root.id}`} values={values} errors={errors} withTitle={false} />
    </Layout>
  );
}
