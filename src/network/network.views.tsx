import type { ComponentChildren } from 'preact';
import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { can } from '../platform/http/access.ts';
import { formatDate, formatSize } from '../platform/format.ts';
import { paragraphs } from '../platform/text.ts';
import { DELIVERIES, ORG_TYPES, ROLES } from './network.schema.ts';
import type { Territory } from './network.territories.ts';
import type { NetworkMembersTable, NetworkPostsTable, NetworkRequestsTable } from './network.tables.ts';

type Errors = Record<string, string>;
type Theme = { slug: string; name: string };

const Csrf = ({ ctx }: { ctx: ViewContext }) => <input type="hidden" name="_csrf" value={ctx.csrf()} />;

function ErrorSummary({ ctx, errors }: { ctx: ViewContext; errors: Errors }) {
  const entries = Object.entries(errors);
  if (!entries.length) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{ctx.t('form.errors.title')}</h2>
      <ul>
        {entries.map(([field, key]) => (
          <li>
            <a href={`#${field}`}>{key.startsWith('!') ? key.slice(1) : ctx.t(key)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Field({ ctx, id, label, error, hint, children }: { ctx: ViewContext; id: string; label: string; error?: string; hint?: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>
        {label}
        {hint && (
          <span class="hint" id={`${id}-hint`}>
            {hint}
          </span>
        )}
      </label>
      {error && (
        <span class="field-error" id={`${id}-error`}>
          {error.startsWith('!') ? error.slice(1) : ctx.t(error)}
        </span>
      )}
      {children}
    </div>
  );
}

const described = (id: string, error?: string, hint?: boolean) => ({
  'aria-invalid': error ? ('true' as const) : undefined,
  'aria-describedby': [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined,
});

export function NetworkPage({ ctx }: { ctx: ViewContext }) {
  const member = can.readMembersOnly(ctx.user);
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('network.title'), description: ctx.t('network.intro'), canonical: '/reseau' }}>
      <h1>{ctx.t('network.title')}</h1>
      <p class="lead">{ctx.t('network.intro')}</p>
      <h2>{ctx.t('network.how.title')}</h2>
      <p>{ctx.t('network.how.text')}</p>
      <h2>{ctx.t('network.find.title')}</h2>
      <p>{ctx.t('network.find.text')}</p>
      <p>{ctx.t('network.launch')}</p>
      {member ? (
        <nav aria-label={ctx.t('network.member.links')} class="actions">
          <a class="button" href="/reseau/liste">
            {ctx.t('network.member.list')}
          </a>
          <a class="button button-secondary" href="/reseau/membres">
            {ctx.t('network.member.directory')}
          </a>
          <a href="/reseau/preferences">{ctx.t('network.member.preferences')}</a>
        </nav>
      ) : (
        <p class="actions">
          <a class="button" href="/reseau/adhesion">
            {ctx.t('network.join.cta')}
          </a>
        </p>
      )}
    </Layout>
  );
}

export interface JoinValues {
  name: string;
  email: string;
  role: string;
  org_name: string;
  org_type: string;
  territory: string;
  territory_label: string;
  territory_q: string;
  themes: string[];
  motivation: string;
  directory: boolean;
  charter: boolean;
}

export function JoinPage({ ctx, values, errors, themes, results }: { ctx: ViewContext; values: JoinValues; errors: Errors; themes: Theme[]; results: Territory[] | null }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('network.join.title'), canonical: '/reseau/adhesion', scripts: ['/static/network/territory-picker.js'] }}>
      <h1>{ctx.t('network.join.title')}</h1>
      <p class="lead">{ctx.t('network.join.lead')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/reseau/adhesion" class="form-card" novalidate>
        <Csrf ctx={ctx} />
        <fieldset>
          <legend>{ctx.t('network.join.you')}</legend>
          <Field ctx={ctx} id="name" label={ctx.t('network.join.name')} error={errors.name}>
            <input id="name" name="name" type="text" autocomplete="name" required value={values.name} {...described('name', errors.name)} />
          </Field>
          <Field ctx={ctx} id="email" label={ctx.t('network.join.email')} error={errors.email}>
            <input id="email" name="email" type="email" autocomplete="email" required value={values.email} {...described('email', errors.email)} />
          </Field>
          <Field ctx={ctx} id="role" label={ctx.t('network.join.role')} error={errors.role}>
            <select id="role" name="role" required {...described('role', errors.role)}>
              <option value="">—</option>
              {ROLES.map((r) => (
                <option value={r} selected={values.role === r}>
                  {ctx.t(`network.join.role.${r}`)}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>
        <fieldset>
          <legend>{ctx.t('network.join.org')}</legend>
          <Field ctx={ctx} id="org_name" label={ctx.t('network.join.orgName')} error={errors.org_name}>
            <input id="org_name" name="org_name" type="text" autocomplete="organization" required value={values.org_name} {...described('org_name', errors.org_name)} />
          </Field>
          <Field ctx={ctx} id="org_type" label={ctx.t('network.join.orgType')} error={errors.org_type}>
            <select id="org_type" name="org_type" required {...described('org_type', errors.org_type)}>
              <option value="">—</option>
              {ORG_TYPES.map((o) => (
                <option value={o} selected={values.org_type === o}>
                  {ctx.t(`network.join.orgType.${o}`)}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>
        <fieldset class="territory-picker" data-territory-picker="">
          <legend>{ctx.t('network.join.territory')}</legend>
          {values.territory && (
            <p class="territory-chosen" role="status">
              {ctx.t('network.join.territoryChosen', { label: values.territory_label })}
            </p>
          )}
          <input type="hidden" name="territory" value={values.territory} data-territory-code="" />
          <input type="hidden" name="territory_label" value={values.territory_label} data-territory-label="" />
          <Field ctx={ctx} id="territory_q" label={ctx.t('network.join.territorySearch')} error={errors.territory}>
            <input id="territory_q" name="territory_q" type="search" autocomplete="off" value={values.territory_q} {...described('territory_q', errors.territory)} data-territory-search="" />
          </Field>
          <button type="submit" name="action" value="search-territory" class="button-secondary" formnovalidate data-territory-button="">
            {ctx.t('network.join.territorySearchButton')}
          </button>
          {results && (
            <fieldset class="territory-results">
              <legend>{ctx.t('network.join.territoryResults')}</legend>
              {results.length === 0 && <p>{ctx.t('network.join.territoryNone')}</p>}
              {results.map((r) => (
                <label class="checkbox">
                  <input type="radio" name="territory_pick" value={r.code} checked={values.territory === r.code} />
                  {r.label}
                </label>
              ))}
            </fieldset>
          )}
        </fieldset>
        {themes.length > 0 && (
          <fieldset>
            <legend>{ctx.t('network.join.themes')}</legend>
            {themes.map((th) => (
              <label class="checkbox">
                <input type="checkbox" name="themes" value={th.slug} checked={values.themes.includes(th.slug)} />
                {th.name}
              </label>
            ))}
          </fieldset>
        )}
        <Field ctx={ctx} id="motivation" label={ctx.t('network.join.motivation')} hint={ctx.t('network.join.motivationHint')} error={errors.motivation}>
          <textarea id="motivation" name="motivation" required {...described('motivation', errors.motivation, true)}>
            {values.motivation}
          </textarea>
        </Field>
        <label class="checkbox">
          <input type="checkbox" name="directory" value="oui" checked={values.directory} />
          {ctx.t('network.join.directory')}
        </label>
        <div class="field">
          {errors.charter && (
            <span class="field-error" id="charter-error">
              {ctx.t(errors.charter)}
            </span>
          )}
          <label class="checkbox">
            <input id="charter" type="checkbox" name="charter" value="oui" required checked={values.charter} {...described('charter', errors.charter)} />
            {ctx.t('network.join.charter')}
          </label>
        </div>
        <p class="actions">
          <button type="submit" name="action" value="join">
            {ctx.t('network.join.submit')}
          </button>
        </p>
      </form>
    </Layout>
  );
}

export function MessagePage({ ctx, title, message, children }: { ctx: ViewContext; title: string; message: string; children?: ComponentChildren }) {
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <h1>{title}</h1>
      <p class="lead" role="status">
        {message}
      </p>
      {children}
    </Layout>
  );
}

export function ButtonPage({ ctx, title, text, action, button }: { ctx: ViewContext; title: string; text: string; action: string; button: string }) {
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <h1>{title}</h1>
      <p class="lead">{text}</p>
      <form method="post" action={action}>
        <Csrf ctx={ctx} />
        <button type="submit">{button}</button>
      </form>
    </Layout>
  );
}

export function AdminQueuePage({ ctx, requests, pending }: { ctx: ViewContext; requests: NetworkRequestsTable[]; pending: NetworkPostsTable[] }) {
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
            {r.name} — {r.org_name}
          </h3>
          <p>
            {ctx.t(`network.join.role.${r.role}`)} · {ctx.t(`network.join.orgType.${r.org_type}`)} · {r.territory_label} · {r.email}
          </p>
          {r.status === 'info' && r.decided_at && <p class="badge">{ctx.t('network.admin.infoRequested', { date: formatDate(r.decided_at, ctx.lang) })}</p>}
          <p>
            <strong>{ctx.t('network.admin.motivation')} :</strong> {r.motivation}
          </p>
          <form method="post" action={`/admin/reseau/demandes/${r.id}`}>
            <Csrf ctx={ctx} />
            <div class="field">
              <label for={`message-${r.id}`}>{ctx.t('network.admin.message')}</label>
              <textarea id={`message-${r.id}`} name="message" />
            </div>
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
          <p class="muted">{ctx.t('network.list.by', { name: p.author_name, date: formatDate(p.created_at, ctx.lang) })}</p>
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

type DirectoryRow = { user_id: string; name: string; role: string; territory_label: string; departement: string | null; themes: string; org_name: string | null; org_slug: string | null };

export function DirectoryPage({
  ctx,
  rows,
  filters,
  themes,
  departements,
}: {
  ctx: ViewContext;
  rows: DirectoryRow[];
  filters: { q: string; theme: string; departement: string };
  themes: Theme[];
  departements: Array<{ code: string; name: string }>;
}) {
  const groups = new Map<string, DirectoryRow[]>();
  for (const r of rows) {
    const key = r.departement ?? '';
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const depName = new Map(departements.map((d) => [d.code, d.name]));
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('network.directory.title') }}>
      <h1>{ctx.t('network.directory.title')}</h1>
      <p class="lead">{ctx.t('network.directory.lead')}</p>
      <form method="get" action="/reseau/membres" role="search" class="form-card">
        <div class="field">
          <label for="q">{ctx.t('network.directory.q')}</label>
          <input id="q" name="q" type="search" value={filters.q} />
        </div>
        {themes.length > 0 && (
          <div class="field">
            <label for="theme">{ctx.t('network.directory.theme')}</label>
            <select id="theme" name="theme">
              <option value="">{ctx.t('network.directory.all')}</option>
              {themes.map((th) => (
                <option value={th.slug} selected={filters.theme === th.slug}>
                  {th.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="field">
          <label for="departement">{ctx.t('network.directory.departement')}</label>
          <select id="departement" name="departement">
            <option value="">{ctx.t('network.directory.all')}</option>
            {departements.map((d) => (
              <option value={d.code} selected={filters.departement === d.code}>
                {d.name} ({d.code})
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{ctx.t('network.directory.search')}</button>
      </form>
      <p role="status">{ctx.t('network.directory.count', { count: rows.length })}</p>
      {rows.length === 0 && <p>{ctx.t('network.directory.none')}</p>}
      {[...groups].map(([dep, members]) => (
        <section aria-labelledby={`dep-${dep || 'x'}`}>
          <h2 id={`dep-${dep || 'x'}`}>{dep ? `${depName.get(dep) ?? dep} (${dep})` : ctx.t('network.directory.noDepartement')}</h2>
          <ul class="cards">
            {members.map((m) => (
              <li class="card">
                <h3>{m.name}</h3>
                <p>
                  {ctx.t(`network.join.role.${m.role}`)}
                  {m.org_slug && (
                    <>
                      {' · '}
                      <a href={`/reseau/structures/${m.org_slug}`}>{m.org_name}</a>
                    </>
                  )}
                </p>
                <p class="muted small">{m.territory_label}</p>
                <p class="card-actions">
                  <a href={`/reseau/membres/${m.user_id}/contact`}>{ctx.t('network.directory.contact', { name: m.name })}</a>
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

export function ContactPage({ ctx, member, values, errors }: { ctx: ViewContext; member: { user_id: string; name: string }; values: { subject: string; message: string }; errors: Errors }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('network.contact.title', { name: member.name }) }}>
      <h1>{ctx.t('network.contact.title', { name: member.name })}</h1>
      <p class="lead">{ctx.t('network.contact.lead')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={`/reseau/membres/${member.user_id}/contact`} class="form-card" novalidate>
        <Csrf ctx={ctx} />
        <Field ctx={ctx} id="subject" label={ctx.t('network.contact.subject')} error={errors.subject}>
          <input id="subject" name="subject" type="text" required value={values.subject} {...described('subject', errors.subject)} />
        </Field>
        <Field ctx={ctx} id="message" label={ctx.t('network.contact.message')} error={errors.message}>
          <textarea id="message" name="message" required {...described('message', errors.message)}>
            {values.message}
          </textarea>
        </Field>
        <button type="submit">{ctx.t('network.contact.send')}</button>
      </form>
    </Layout>
  );
}

export function OrganisationPage({
  ctx,
  data,
}: {
  ctx: ViewContext;
  data: { org: { name: string; type: string; slug: string }; members: DirectoryRow[]; posts: Array<{ id: string; thread_id: string; title: string; published_at: string | null }> };
}) {
  return (
    <Layout ctx={ctx} meta={{ title: data.org.name }}>
      <h1>{data.org.name}</h1>
      <p>{ctx.t(`network.join.orgType.${data.org.type}`)}</p>
      <h2>{ctx.t('network.org.members')}</h2>
      <ul>
        {data.members.map((m) => (
          <li>
            {m.name} — {ctx.t(`network.join.role.${m.role}`)} · <a href={`/reseau/membres/${m.user_id}/contact`}>{ctx.t('network.directory.contact', { name: m.name })}</a>
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
              <a href={`/reseau/liste/${p.thread_id}`}>{p.title}</a> {p.published_at && <span class="muted small">({formatDate(p.published_at, ctx.lang)})</span>}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function ListPage({ ctx, threads, q }: { ctx: ViewContext; threads: NetworkPostsTable[]; q: string }) {
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
        <ul class="cards">
          {threads.map((th) => (
            <li class="card">
              <h2 class="card-title">
                <a href={`/reseau/liste/${th.id}`}>{th.title}</a>
              </h2>
              <span class="card-date">{ctx.t('network.list.by', { name: th.author_name, date: formatDate(th.published_at ?? th.created_at, ctx.lang) })}</span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export interface PostValues {
  title: string;
  body: string;
  links: string;
}

export function PostFormPage({ ctx, values, errors }: { ctx: ViewContext; values: PostValues; errors: Errors }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('network.list.new') }}>
      <h1>{ctx.t('network.list.new')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <PostForm ctx={ctx} action="/reseau/liste/nouveau" values={values} errors={errors} withTitle />
    </Layout>
  );
}

function PostForm({ ctx, action, values, errors, withTitle }: { ctx: ViewContext; action: string; values: PostValues; errors: Errors; withTitle: boolean }) {
  return (
    <form method="post" action={action} enctype="multipart/form-data" class="form-card" novalidate>
      <Csrf ctx={ctx} />
      {withTitle && (
        <Field ctx={ctx} id="title" label={ctx.t('network.list.postTitle')} error={errors.title}>
          <input id="title" name="title" type="text" required value={values.title} {...described('title', errors.title)} />
        </Field>
      )}
      <Field ctx={ctx} id="body" label={ctx.t('network.list.body')} hint={ctx.t('network.list.bodyHint')} error={errors.body}>
        <textarea id="body" name="body" required {...described('body', errors.body, true)}>
          {values.body}
        </textarea>
      </Field>
      {withTitle && (
        <Field ctx={ctx} id="links" label={ctx.t('network.list.links')} hint={ctx.t('network.list.linksHint')} error={errors.links}>
          <textarea id="links" name="links" {...described('links', errors.links, true)}>
            {values.links}
          </textarea>
        </Field>
      )}
      <Field ctx={ctx} id="files" label={ctx.t('network.list.files')} error={errors.files}>
        <input id="files" name="files" type="file" multiple {...described('files', errors.files)} />
      </Field>
      <button type="submit">{withTitle ? ctx.t('network.list.send') : ctx.t('network.list.reply')}</button>
    </form>
  );
}

export function ThreadPage({
  ctx,
  posts,
  files,
  values,
  errors,
}: {
  ctx: ViewContext;
  posts: NetworkPostsTable[];
  files: Array<{ id: string; post_id: string; filename: string; size: number }>;
  values: PostValues;
  errors: Errors;
}) {
  const root = posts[0]!;
  return (
    <Layout ctx={ctx} meta={{ title: root.title }}>
      <p>
        <a href="/reseau/liste">{ctx.t('network.list.title')}</a>
      </p>
      <h1>{root.title}</h1>
      {posts.map((p) => {
        const own = files.filter((f) => f.post_id === p.id);
        return (
          <article class="card list-post" aria-label={ctx.t('network.list.by', { name: p.author_name, date: formatDate(p.published_at ?? p.created_at, ctx.lang) })}>
            <p class="muted small">{ctx.t('network.list.by', { name: p.author_name, date: formatDate(p.published_at ?? p.created_at, ctx.lang) })}</p>
            <PostBody body={p.body} />
            {(JSON.parse(p.links) as string[]).length > 0 && (
              <ul>
                {(JSON.parse(p.links) as string[]).map((l) => (
                  <li>
                    <a href={l}>{l}</a>
                  </li>
                ))}
              </ul>
            )}
            {own.length > 0 && (
              <ul aria-label={ctx.t('network.list.attachments')}>
                {own.map((f) => (
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
      <ErrorSummary ctx={ctx} errors={errors} />
      <PostForm ctx={ctx} action={`/reseau/liste/${root.id}`} values={values} errors={errors} withTitle={false} />
    </Layout>
  );
}

export function PreferencesPage({ ctx, member }: { ctx: ViewContext; member: NetworkMembersTable | null }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('network.preferences.title') }}>
      <h1>{ctx.t('network.preferences.title')}</h1>
      {member && (
        <form method="post" action="/reseau/preferences" class="form-card">
          <Csrf ctx={ctx} />
          <fieldset>
            <legend>{ctx.t('network.list.preferences')}</legend>
            {DELIVERIES.map((d) => (
              <label class="checkbox">
                <input type="radio" name="delivery" value={d} checked={member.delivery === d} />
                {ctx.t(`network.delivery.${d}`)}
              </label>
            ))}
          </fieldset>
          <label class="checkbox">
            <input type="checkbox" name="directory" value="oui" checked={member.directory === 1} />
            {ctx.t('network.preferences.directory')}
          </label>
          <p class="actions">
            <button type="submit">{ctx.t('network.preferences.save')}</button>
          </p>
        </form>
      )}
      <h2>{ctx.t('network.leave.title')}</h2>
      <p>{ctx.t('network.leave.text')}</p>
      <form method="post" action="/reseau/quitter">
        <Csrf ctx={ctx} />
        <button type="submit" class="button-danger">
          {ctx.t('network.leave.button')}
        </button>
      </form>
    </Layout>
  );
}
