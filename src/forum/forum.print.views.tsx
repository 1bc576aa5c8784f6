import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import type { FieldErrors, FormValues } from '../platform/forms/forms.ts';
import type { ForumsTable } from './forum.tables.ts';
import { EXPORTS } from './forum.control.schema.ts';

/** The facilitator's pages of one forum, as a line of links. */
export function AdminNav({ ctx, id, slug, current }: { ctx: ViewContext; id: string; slug: string; current?: string }) {
  const base = `/admin/forums/${id}`;
  const links: Array<[string, string, string]> = [
    ['dashboard', base, 'forum.nav.dashboard'],
    ['moderation', `${base}/moderation`, 'forum.nav.moderation'],
    ['roster', `${base}/participants`, 'forum.nav.roster'],
    ['structure', `${base}/structure`, 'forum.nav.structure'],
    ['print', `${base}/imprimer`, 'forum.nav.print'],
    ['wall', `/forums/${slug}/mur`, 'forum.wall.open'],
    ['public', `/forums/${slug}`, 'forum.admin.public'],
  ];
  return (
    <nav aria-label={ctx.t('forum.nav.label')} class="forum-admin-nav">
      <link rel="stylesheet" href="/static/forum/admin.css" />
      <ul class="inline-list">
        <li>
          <a href="/admin/forums">← {ctx.t('forum.admin.title')}</a>
        </li>
        {links.map(([key, href, label]) => (
          <li>
            <a href={href} aria-current={key === current ? 'page' : undefined}>
              {ctx.t(label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Printed links and QR codes lead nowhere from a phone when the site's address is this machine's. */
export const isLocalAddress = (url: string) => /^https?:\/\/(localhost|127\.|\[::1\]|0\.0\.0\.0)/i.test(url);

export function LocalAddressWarning({ ctx, url }: { ctx: ViewContext; url: string }) {
  if (!isLocalAddress(url)) return null;
  return (
    <p class="notice notice-warning" role="note">
      {ctx.t('forum.print.localhost', { url })}
    </p>
  );
}

/** Exports and printed pieces, all from one page. */
export function PrintPage({ ctx, forum, joinUrl }: { ctx: ViewContext; forum: ForumsTable; joinUrl: string }) {
  const t = ctx.t;
  const base = `/admin/forums/${forum.id}`;
  return (
    <Layout ctx={ctx} meta={{ title: t('forum.print.title', { title: forum.title }) }}>
      <AdminNav ctx={ctx} id={forum.id} slug={forum.slug} current="print" />
      <h1>{t('forum.print.title', { title: forum.title })}</h1>
      <LocalAddressWarning ctx={ctx} url={joinUrl} />
      <h2>{t('forum.print.printed')}</h2>
      <ul>
        <li>
          <a href={`${base}/pdf/agenda.pdf`}>{t('forum.print.agendaLink')}</a>
        </li>
        <li>
          <a href={`${base}/pdf/panneaux.pdf`}>{t('forum.print.signsLink')}</a>
        </li>
        <li>
          <a href={`${base}/pdf/affiche.pdf`}>{t('forum.print.posterLink')}</a>
        </li>
      </ul>
      <h2>{t('forum.export.title')}</h2>
      <div class="table-wrap" tabindex={0} role="region" aria-labelledby="exports-caption">
        <table>
          <caption id="exports-caption">{t('forum.export.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('forum.export.what')}</th>
              <th scope="col">CSV</th>
              <th scope="col">XLSX</th>
            </tr>
          </thead>
          <tbody>
            {EXPORTS.map((what) => (
              <tr>
                <th scope="row">{t(`forum.export.${what}`)}</th>
                <td>
                  <a href={`${base}/export/${what}.csv`}>
                    CSV<span class="visually-hidden"> : {t(`forum.export.${what}`)}</span>
                  </a>
                </td>
                <td>
                  <a href={`${base}/export/${what}.xlsx`}>
                    XLSX<span class="visually-hidden"> : {t(`forum.export.${what}`)}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

/** The question, dots, slots and spaces, edited while the day runs. */
export function StructurePage({ ctx, forum, values, errors }: { ctx: ViewContext; forum: ForumsTable; values: FormValues; errors?: FieldErrors }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} meta={{ title: t('forum.structure.title', { title: forum.title }) }}>
      <AdminNav ctx={ctx} id={forum.id} slug={forum.slug} current="structure" />
      <h1>{t('forum.structure.title', { title: forum.title })}</h1>
      <p>{t('forum.structure.intro')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={`/admin/forums/${forum.id}/structure`} class="form-card" novalidate>
        <Csrf ctx={ctx} />
        <Field ctx={ctx} name="question" label={t('forum.question')} errors={errors} value={values.question} required />
        <Field ctx={ctx} name="votes" type="number" label={t('forum.form.votes')} errors={errors} value={values.votes} required />
        <Field ctx={ctx} name="slots" textarea label={t('forum.form.slotsLabel')} hint={t('forum.structure.slotsHint')} errors={errors} value={values.slots} required />
        <Field ctx={ctx} name="spaces" textarea label={t('forum.form.spacesLabel')} hint={t('forum.structure.spacesHint')} errors={errors} value={values.spaces} required />
        <button type="submit">{t('forum.admin.save')}</button>
      </form>
    </Layout>
  );
}
