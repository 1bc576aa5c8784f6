import { Layout } from '../platform/layout/layout.tsx';
import { Pagination } from '../platform/layout/pagination.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf } from '../platform/layout/forms.tsx';
import type { AccountRole, Membership } from '../platform/http/access.ts';

/** /admin/comptes: people and their roles. */

// ---- Administration -----------------------------------------------------------------------

export interface AdminAccountRow {
  id: string;
  name: string;
  email: string;
  role: AccountRole;
  membership: Membership;
  verified: boolean;
  created: string;
}

export function AdminAccountsPage({ ctx, rows, q, page, hasMore }: { ctx: ViewContext; rows: AdminAccountRow[]; q: string; page: number; hasMore: boolean }) {
  const pageUrl = (p: number) => `/admin/comptes?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('accounts.admin.title') }}>
      <h1>{ctx.t('accounts.admin.title')}</h1>
      <form method="get" action="/admin/comptes" role="search" class="accounts-search">
        <label for="admin-q">{ctx.t('accounts.admin.search')}</label>
        <input id="admin-q" type="search" name="q" value={q} maxLength={100} />
        <button type="submit">{ctx.t('accounts.admin.searchSubmit')}</button>
      </form>
      {rows.length === 0 ? (
        <p>{ctx.t('accounts.admin.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t('accounts.admin.col.name')}</th>
                <th scope="col">{ctx.t('accounts.admin.col.email')}</th>
                <th scope="col">{ctx.t('accounts.admin.col.membership')}</th>
                <th scope="col">{ctx.t('accounts.admin.col.created')}</th>
                <th scope="col">{ctx.t('accounts.admin.col.role')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row">{r.name}</th>
                  <td>
                    {r.email}
                    {!r.verified && <span class="hint">{ctx.t('accounts.admin.unverified')}</span>}
                  </td>
                  <td>{ctx.t(`accounts.membership.${r.membership}`)}</td>
                  <td>{r.created}</td>
                  <td>
                    <form method="post" action={`/admin/comptes/${r.id}/role`} class="accounts-role-form">
                      <Csrf ctx={ctx} />
                      <label for={`role-${r.id}`} class="visually-hidden">
                        {ctx.t('accounts.admin.roleOf', { name: r.name })}
                      </label>
                      <select id={`role-${r.id}`} name="role">
                        {(['user', 'animator', 'admin'] as const).map((role) => (
                          <option value={role} selected={r.role === role}>
                            {ctx.t(`accounts.role.${role}`)}
                          </option>
                        ))}
                      </select>
                      <button type="submit" class="button-small">
                        {ctx.t('accounts.admin.change')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination ctx={ctx} page={page} hasMore={hasMore} href={pageUrl} labels={{ previous: 'accounts.admin.previous', next: 'accounts.admin.next' }} />
    </Layout>
  );
}
