import { Layout } from '../platform/layout/layout.tsx';
import { Card, CardGrid } from '../platform/layout/card.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import type { FieldErrors } from '../platform/forms/forms.ts';
import { formatDate } from '../platform/format.ts';
import type { DirectoryGroup, OrganisationView } from './network.present.ts';

/** The members' directory, contacting a member, an organisation's page. */

type Theme = { slug: string; name: string };

export function DirectoryPage({
  ctx,
  groups,
  count,
  filters,
  themes,
  departements,
}: {
  ctx: ViewContext;
  groups: DirectoryGroup[];
  count: number;
  filters: { q: string; theme: string; departement: string };
  themes: Theme[];
  departements: Array<{ code: string; name: string }>;
}) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('network.directory.title') }}>
      <h1>{ctx.t('network.directory.title')}</h1>
      <p class="lead">{ctx.t('network.directory.lead')}</p>
      <form method="get" action="/reseau/membres" role="search" class="form-card">
        <Field ctx={ctx} name="q" prefix="" label={ctx.t('network.directory.q')} type="search" value={filters.q} />
        {themes.length > 0 && (
          <Field ctx={ctx} name="theme" prefix="" label={ctx.t('network.directory.theme')}>
            {(attrs) => (
              <select {...attrs}>
                <option value="">{ctx.t('network.directory.all')}</option>
                {themes.map((th) => (
                  <option value={th.slug} selected={filters.theme === th.slug}>
                    {th.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field ctx={ctx} name="departement" prefix="" label={ctx.t('network.directory.departement')}>
          {(attrs) => (
            <select {...attrs}>
              <option value="">{ctx.t('network.directory.all')}</option>
              {departements.map((d) => (
                <option value={d.code} selected={filters.departement === d.code}>
                  {d.name} ({d.code})
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit">{ctx.t('network.directory.search')}</button>
      </form>
      <p role="status">{ctx.t('network.directory.count', { count })}</p>
      {count === 0 && <p>{ctx.t('network.directory.none')}</p>}
      {groups.map((g) => (
        <section aria-labelledby={`dep-${g.code || 'x'}`}>
          <h2 id={`dep-${g.code || 'x'}`}>{g.code ? `${g.name} (${g.code})` : ctx.t('network.directory.noDepartement')}</h2>
          <CardGrid>
            {g.members.map((m) => (
              <Card
                title={m.name}
                meta={
                  <>
                    <p>
                      {ctx.t(`network.join.role.${m.role}`)}
                      {m.orgSlug && (
                        <>
                          {' · '}
                          <a href={`/reseau/structures/${m.orgSlug}`}>{m.orgName}</a>
                        </>
                      )}
                    </p>
                    <p class="muted small">{m.territoryLabel}</p>
                  </>
                }
                actions={<a href={`/reseau/membres/${m.userId}/contact`}>{ctx.t('network.directory.contact', { name: m.name })}</a>}
              />
            ))}
          </CardGrid>
        </section>
      ))}
    </Layout>
  );
}

export function ContactPage({ ctx, member, values, errors }: { ctx: ViewContext; member: { userId: string; name: string }; values: { subject: string; message: string }; errors: FieldErrors }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('network.contact.title', { name: member.name }) }}>
      <h1>{ctx.t('network.contact.title', { name: member.name })}</h1>
      <p class="lead">{ctx.t('network.contact.lead')}</p>
      <ErrorSummary ctx={ctx} errors={errors} prefix="" />
      <form method="post" action={`/reseau/membres/${member.userId}/contact`} class="form-card" novalidate>
        <Csrf ctx={ctx} />
        <Field ctx={ctx} name="subject" prefix="" label={ctx.t('network.contact.subject')} errors={errors} required value={values.subject} />
        <Field ctx={ctx} name="message" prefix="" label={ctx.t('network.contact.message')} errors={errors} textarea required value={values.message} />
        <button type="submit">{ctx.t('network.contact.send')}</button>
      </form>
    </Layout>
  );
}

export function OrganisationPage({ ctx, data }: { ctx: ViewContext; data: OrganisationView }) {
  return (
    <Layout ctx={ctx} meta={{ title: data.name }}>
      <h1>{data.name}</h1>
      <p>{ctx.t(`network.join.orgType.${data.type}`)}</p>
      <h2>{ctx.t('network.org.members')}</h2>
      <ul>
        {data.members.map((m) => (
          <li>
            {m.name} — {ctx.t(`network.join.role.${m.role}`)} · <a href={`/reseau/membres/${m.userId}/contact`}>{ctx.t('network.directory.contact', { name: m.name })}</a>
          </li>
        ))}
      </ul>
      <h2>{ctx.t('network.org.posts')}</h2>
      {data.posts.length === 0 ? (
        <p>{ctx.t('network.org.none')}</p>
      ) : (
        <ul>
          {data.posts.map((p) => (
            <li>
              <a href={`/reseau/liste/${p.threadId}`}>{p.title}</a> {p.publishedAt && <span class="muted small">({formatDate(p.publishedAt, ctx.lang)})</span>}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
