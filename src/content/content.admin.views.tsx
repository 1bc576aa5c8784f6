import { Layout } from '../platform/layout/layout.tsx';
import { Pagination } from '../platform/layout/pagination.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { formatDate, formatDateTime } from '../platform/format.ts';

/** /admin/contenus: the list of contents. The edit page and the themes have their own files. */

export interface AdminRowVM {
  id: string;
  kind: string;
  title: string;
  status: string;
  publishAt: string | null;
  updatedAt: string;
  membersOnly: boolean;
}

export function AdminListPage({ ctx, rows, kind, status, page, pages }: { ctx: ViewContext; rows: AdminRowVM[]; kind: string; status: string; page: number; pages: number }) {
  const qs = (p: number) => `/admin/contenus?${new URLSearchParams({ ...(kind ? { kind } : {}), ...(status ? { status } : {}), page: String(p) })}`;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('content.admin.title') }}>
      <h1>{ctx.t('content.admin.title')}</h1>
      <p class="actions">
        <a class="button" href="/admin/contenus/nouveau?kind=news">
          {ctx.t('content.admin.newNews')}
        </a>
        <a class="button" href="/admin/contenus/nouveau?kind=resource">
          {ctx.t('content.admin.newResource')}
        </a>
        <a class="button button-secondary" href="/admin/contenus/nouveau?kind=page">
          {ctx.t('content.admin.newPage')}
        </a>
        <a class="button button-secondary" href="/admin/contenus/thematiques">
          {ctx.t('content.admin.themes.title')}
        </a>
      </p>
      <form method="get" action="/admin/contenus" class="filter-row admin-filter">
        <div>
          <label for="filter-kind">{ctx.t('content.admin.filterKind')}</label>
          <select id="filter-kind" name="kind">
            <option value="">{ctx.t('content.admin.filterAll')}</option>
            {['news', 'resource', 'page'].map((k) => (
              <option value={k} selected={kind === k}>
                {ctx.t(`catalog.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="filter-status">{ctx.t('content.admin.filterStatus')}</label>
          <select id="filter-status" name="status">
            <option value="">{ctx.t('content.admin.filterAll')}</option>
            {['draft', 'published', 'archived'].map((s) => (
              <option value={s} selected={status === s}>
                {ctx.t(`content.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{ctx.t('content.admin.filter')}</button>
      </form>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{ctx.t('content.admin.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('content.admin.col.title')}</th>
              <th scope="col">{ctx.t('content.admin.col.kind')}</th>
              <th scope="col">{ctx.t('content.admin.col.status')}</th>
              <th scope="col">{ctx.t('content.admin.col.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>
                  <a href={`/admin/contenus/${r.id}`}>{r.title}</a>
                  {r.membersOnly && <span class="badge badge-members">{ctx.t('content.members.mark')}</span>}
                </td>
                <td>{ctx.t(`catalog.kind.${r.kind}`)}</td>
                <td>{r.publishAt ? ctx.t('content.status.scheduled', { date: formatDateTime(r.publishAt, ctx.lang) }) : ctx.t(`content.status.${r.status}`)}</td>
                <td>{formatDate(r.updatedAt, ctx.lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination ctx={ctx} page={page} pages={pages} href={qs} />
    </Layout>
  );
}
