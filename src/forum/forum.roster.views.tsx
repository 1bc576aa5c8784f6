import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf } from '../platform/layout/forms.tsx';
import { formatTime } from '../platform/format.ts';
import type { ForumsTable } from './forum.tables.ts';
import { AdminNav } from './forum.print.views.tsx';

export interface RosterRow {
  id: string;
  name: string;
  organisation: string | null;
  source: 'registration' | 'account' | 'day';
  joinedAt: string;
  present: boolean;
  removed: boolean;
  group: string | null;
  /** 1, 2… among people with the same name (accents and case aside); 0 when the name is unique. */
  twin: number;
}

const PRESENT_MS = 15 * 60_000;
const sameName = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** Who joined, from where, who is here now, and which two "Marie" are two people (0038). */
export function rosterRows(
  rows: Array<{
    id: string;
    name: string;
    organisation: string | null;
    user_id: string | null;
    registration_id: string | null;
    created_at: string;
    last_seen_at?: string | null;
    removed_at?: string | null;
    group_title: string | null;
  }>,
  now: Date,
): RosterRow[] {
  const seen = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(sameName(r.name), (counts.get(sameName(r.name)) ?? 0) + 1);
  return rows.map((r) => {
    const key = sameName(r.name);
    const twin = (counts.get(key) ?? 0) > 1 ? (seen.get(key) ?? 0) + 1 : 0;
    if (twin) seen.set(key, twin);
    return {
      id: r.id,
      name: r.name,
      organisation: r.organisation,
      source: r.registration_id ? 'registration' : r.user_id ? 'account' : 'day',
      joinedAt: r.created_at,
      present: !r.removed_at && (!!r.group_title || now.getTime() - Date.parse(r.last_seen_at ?? r.created_at) < PRESENT_MS),
      removed: !!r.removed_at,
      group: r.group_title,
      twin,
    };
  });
}

export function RosterPage({
  ctx,
  forum,
  rows,
  expected,
}: {
  ctx: ViewContext;
  forum: ForumsTable;
  rows: RosterRow[];
  /** Registered for the event, not arrived yet. */
  expected: Array<{ id: string; name: string; organisation: string }>;
}) {
  const t = ctx.t;
  const base = `/admin/forums/${forum.id}/participants`;
  const present = rows.filter((r) => r.present).length;
  const twins = rows.filter((r) => r.twin > 0).length;
  return (
    <Layout ctx={ctx} meta={{ title: t('forum.roster.title', { title: forum.title }) }}>
      <AdminNav ctx={ctx} id={forum.id} slug={forum.slug} current="roster" />
      <h1>{t('forum.roster.title', { title: forum.title })}</h1>
      <p>
        {t('forum.roster.summary', { n: rows.filter((r) => !r.removed).length, present })}
        {twins > 0 && ` ${t('forum.roster.twins', { n: twins })}`}
        {expected.length > 0 && ` ${t('forum.roster.expectedCount', { n: expected.length })}`}
      </p>
      <div class="table-wrap" tabindex={0} role="region" aria-labelledby="roster-caption">
        <table class="forum-roster">
          <caption id="roster-caption">{t('forum.roster.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('forum.roster.name')}</th>
              <th scope="col">{t('forum.export.col.organisation')}</th>
              <th scope="col">{t('forum.roster.source')}</th>
              <th scope="col">{t('forum.roster.joined')}</th>
              <th scope="col">{t('forum.roster.now')}</th>
              <th scope="col">{t('forum.roster.correct')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr id={`p-${r.id}`} class={r.removed ? 'is-hidden' : undefined}>
                <th scope="row">
                  <bdi>{r.name}</bdi>
                  {r.twin > 0 && <span class="badge forum-twin"> {t('forum.roster.twin', { n: r.twin })}</span>}
                </th>
                <td>
                  <bdi>{r.organisation ?? ''}</bdi>
                </td>
                <td>{t(`forum.roster.from.${r.source}`)}</td>
                <td>{formatTime(r.joinedAt, ctx.lang)}</td>
                <td>
                  {r.removed ? (
                    t('forum.roster.removed')
                  ) : r.group ? (
                    <>
                      {t('forum.roster.inGroup')} <bdi>{r.group}</bdi>
                    </>
                  ) : r.present ? (
                    t('forum.roster.present')
                  ) : (
                    t('forum.roster.away')
                  )}
                </td>
                <td>
                  {!r.removed && (
                    <form method="post" action={`${base}/${r.id}/nom`} class="inline-form forum-rename">
                      <Csrf ctx={ctx} />
                      <label for={`rn-${r.id}`} class="visually-hidden">
                        {t('forum.roster.newName', { name: r.name })}
                      </label>
                      <input id={`rn-${r.id}`} type="text" name="name" value={r.name} required maxlength={120} dir="auto" class="input-short" />
                      <button type="submit" class="button-small">
                        {t('forum.roster.rename')}
                        <span class="visually-hidden">
                          {' '}
                          : <bdi>{r.name}</bdi>
                        </span>
                      </button>
                    </form>
                  )}
                  <form method="post" action={`${base}/${r.id}/retrait`} class="inline-form">
                    <Csrf ctx={ctx} />
                    <input type="hidden" name="removed" value={r.removed ? '0' : '1'} />
                    <button type="submit" class="button-small button-secondary">
                      {r.removed ? t('forum.roster.restore') : t('forum.roster.remove')}
                      <span class="visually-hidden">
                        {' '}
                        : <bdi>{r.name}</bdi>
                      </span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
            {expected.map((r) => (
              <tr id={`r-${r.id}`}>
                <th scope="row">
                  <bdi>{r.name}</bdi>
                </th>
                <td>
                  <bdi>{r.organisation}</bdi>
                </td>
                <td>{t('forum.roster.from.registration')}</td>
                <td>—</td>
                <td>{t('forum.roster.expected')}</td>
                <td />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
