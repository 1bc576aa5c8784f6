import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { formatDate, formatDateTime, formatSize } from '../platform/format.ts';
import type { ThemeVM } from './content.views.tsx';

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
                {ctx.t(`content.kind.${k}`)}
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
                <td>{ctx.t(`content.kind.${r.kind}`)}</td>
                <td>{r.publishAt ? ctx.t('content.status.scheduled', { date: formatDateTime(r.publishAt, ctx.lang) }) : ctx.t(`content.status.${r.status}`)}</td>
                <td>{formatDate(r.updatedAt, ctx.lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav class="pagination" aria-label={ctx.t('content.pagination.label')}>
          {page > 1 && <a href={qs(page - 1)}>{ctx.t('content.pagination.previous')}</a>}
          <span>{ctx.t('content.pagination.status', { page, pages })}</span>
          {page < pages && <a href={qs(page + 1)}>{ctx.t('content.pagination.next')}</a>}
        </nav>
      )}
    </Layout>
  );
}

export interface EditFormValues {
  kind: string;
  title: string;
  slug: string;
  summary: string;
  body: string;
  resourceType: string;
  territory: string;
  authorOrg: string;
  themes: string[];
  membersOnly: boolean;
}

export interface EditVM {
  id: string | null;
  values: EditFormValues;
  errors: Record<string, string>;
  themes: ThemeVM[];
  status?: string;
  publishAt?: string | null;
  viewUrl?: string;
  previewHtml?: string;
  documents: Array<{ id: string; title: string; format: string; size: number; version: number; url: string; membersOnly: boolean }>;
  history: Array<{ at: string; who: string; action: string }>;
  uploadError?: string;
  scheduleError?: string;
  maxUpload: number;
}

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: preact.ComponentChildren }) {
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
          {error}
        </span>
      )}
      {children}
    </div>
  );
}

const describedBy = (id: string, hint: boolean, error?: string) => [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function AdminEditPage({ ctx, vm }: { ctx: ViewContext; vm: EditVM }) {
  const v = vm.values;
  const e = vm.errors;
  const action = vm.id ? `/admin/contenus/${vm.id}` : '/admin/contenus';
  const title = vm.id ? ctx.t('content.admin.edit', { title: v.title }) : ctx.t('content.admin.newKind', { kind: ctx.t(`content.kind.${v.kind}`).toLowerCase() });
  const errorList = Object.entries(e);
  const csrf = ctx.csrf();
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <p>
        <a href="/admin/contenus">{ctx.t('content.admin.title')}</a>
      </p>
      <h1>{title}</h1>
      {vm.status && (
        <p>
          <span class="badge">{vm.publishAt ? ctx.t('content.status.scheduled', { date: formatDateTime(vm.publishAt, ctx.lang) }) : ctx.t(`content.status.${vm.status}`)}</span>
          {vm.viewUrl && (
            <>
              {' '}
              <a href={vm.viewUrl}>{ctx.t('content.admin.view')}</a>
            </>
          )}
        </p>
      )}
      {errorList.length > 0 && (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
          <h2 id="error-summary-title">{ctx.t('form.errors.title')}</h2>
          <ul>
            {errorList.map(([field, msg]) => (
              <li>
                <a href={`#field-${field}`}>{msg}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {vm.previewHtml !== undefined && (
        <section class="preview" aria-labelledby="preview-title">
          <h2 id="preview-title">{ctx.t('content.admin.previewTitle')}</h2>
          <p class="lead">{v.summary}</p>
          <div class="prose" dangerouslySetInnerHTML={{ __html: vm.previewHtml }} />
        </section>
      )}
      <form method="post" action={action} class="form-card content-form" novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="kind" value={v.kind} />
        <Field id="field-title" label={ctx.t('content.form.title')} error={e.title}>
          <input
            id="field-title"
            type="text"
            name="title"
            value={v.title}
            required
            maxLength={200}
            aria-invalid={e.title ? 'true' : undefined}
            aria-describedby={describedBy('field-title', false, e.title)}
          />
        </Field>
        <Field id="field-slug" label={ctx.t('content.form.slug')} hint={ctx.t('content.form.slugHint')} error={e.slug}>
          <input id="field-slug" type="text" name="slug" value={v.slug} maxLength={80} aria-invalid={e.slug ? 'true' : undefined} aria-describedby={describedBy('field-slug', true, e.slug)} />
        </Field>
        <Field id="field-summary" label={ctx.t('content.form.summary')} hint={ctx.t('content.form.summaryHint')} error={e.summary}>
          <textarea id="field-summary" name="summary" rows={3} maxLength={600} required aria-invalid={e.summary ? 'true' : undefined} aria-describedby={describedBy('field-summary', true, e.summary)}>
            {v.summary}
          </textarea>
        </Field>
        <Field id="field-body" label={ctx.t('content.form.body')} hint={ctx.t('content.form.bodyHint')} error={e.body}>
          <textarea id="field-body" name="body" rows={16} aria-invalid={e.body ? 'true' : undefined} aria-describedby={describedBy('field-body', true, e.body)}>
            {v.body}
          </textarea>
        </Field>
        {v.kind === 'resource' && (
          <Field id="field-resourceType" label={ctx.t('content.form.resourceType')} error={e.resourceType}>
            <select id="field-resourceType" name="resourceType">
              <option value="">—</option>
              {['guide', 'fiche', 'retour', 'publication'].map((t) => (
                <option value={t} selected={v.resourceType === t}>
                  {ctx.t(`content.type.${t}`)}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id="field-territory" label={ctx.t('content.form.territory')} error={e.territory}>
          <input id="field-territory" type="text" name="territory" value={v.territory} maxLength={120} />
        </Field>
        <Field id="field-authorOrg" label={ctx.t('content.form.authorOrg')} error={e.authorOrg}>
          <input id="field-authorOrg" type="text" name="authorOrg" value={v.authorOrg} maxLength={160} />
        </Field>
        <fieldset id="field-themes">
          <legend>{ctx.t('content.form.themes')}</legend>
          {vm.themes.map((t) => (
            <label class="checkbox">
              <input type="checkbox" name="themes" value={t.slug} checked={v.themes.includes(t.slug)} />
              {t.name}
            </label>
          ))}
        </fieldset>
        <label class="checkbox">
          <input type="checkbox" name="membersOnly" checked={v.membersOnly} />
          {ctx.t('content.form.membersOnly')}
        </label>
        <p class="actions">
          <button type="submit" name="intent" value="save">
            {ctx.t('content.admin.save')}
          </button>
          <button type="submit" name="intent" value="preview" class="button-secondary">
            {ctx.t('content.admin.preview')}
          </button>
        </p>
      </form>

      {vm.id && (
        <>
          <section aria-labelledby="publish-title" class="admin-block">
            <h2 id="publish-title">{ctx.t('content.admin.col.status')}</h2>
            <div class="actions">
              {vm.status !== 'published' && (
                <form method="post" action={`/admin/contenus/${vm.id}/publier`}>
                  <input type="hidden" name="_csrf" value={csrf} />
                  <button type="submit">{ctx.t('content.admin.publish')}</button>
                </form>
              )}
              {vm.status === 'published' && (
                <form method="post" action={`/admin/contenus/${vm.id}/brouillon`}>
                  <input type="hidden" name="_csrf" value={csrf} />
                  <button type="submit" class="button-secondary">
                    {ctx.t('content.admin.unpublish')}
                  </button>
                </form>
              )}
              {vm.status !== 'archived' && (
                <form method="post" action={`/admin/contenus/${vm.id}/archiver`}>
                  <input type="hidden" name="_csrf" value={csrf} />
                  <button type="submit" class="button-secondary">
                    {ctx.t('content.admin.archive')}
                  </button>
                </form>
              )}
            </div>
            {vm.status !== 'published' && (
              <form method="post" action={`/admin/contenus/${vm.id}/programmer`} class="schedule-form" novalidate>
                <input type="hidden" name="_csrf" value={csrf} />
                <fieldset>
                  <legend>{ctx.t('content.admin.schedule')}</legend>
                  {vm.scheduleError && (
                    <p class="field-error" id="schedule-error" role="alert">
                      {vm.scheduleError}
                    </p>
                  )}
                  <div class="filter-row">
                    <div class="field">
                      <label for="schedule-day">{ctx.t('content.admin.scheduleDay')}</label>
                      <input id="schedule-day" type="date" name="day" required aria-describedby={vm.scheduleError ? 'schedule-error' : undefined} />
                    </div>
                    <div class="field">
                      <label for="schedule-time">{ctx.t('content.admin.scheduleTime')}</label>
                      <input id="schedule-time" type="time" name="time" value="09:00" required />
                    </div>
                  </div>
                  <button type="submit" class="button-secondary">
                    {ctx.t('content.admin.schedule')}
                  </button>
                </fieldset>
              </form>
            )}
          </section>

          <section aria-labelledby="documents-admin-title" class="admin-block">
            <h2 id="documents-admin-title">{ctx.t('content.admin.documents')}</h2>
            {vm.documents.length === 0 && <p>{ctx.t('content.admin.documents.none')}</p>}
            <ul class="document-list">
              {vm.documents.map((d) => (
                <li class="document">
                  <h3>
                    <a href={d.url}>{d.title}</a>
                  </h3>
                  <p class="document-meta">
                    {ctx.t('content.document.format', { format: d.format })} · {ctx.t('content.document.size', { size: formatSize(d.size, ctx.lang) })} ·{' '}
                    {ctx.t('content.document.version', { version: d.version })}
                    {d.membersOnly && (
                      <>
                        {' '}
                        <span class="badge badge-members">{ctx.t('content.members.mark')}</span>
                      </>
                    )}
                  </p>
                  <form method="post" action={`/admin/contenus/${vm.id}/documents/${d.id}`} enctype="multipart/form-data" class="filter-row">
                    <input type="hidden" name="_csrf" value={csrf} />
                    <input type="hidden" name="title" value={d.title} />
                    {d.membersOnly && <input type="hidden" name="membersOnly" value="on" />}
                    <div class="field">
                      <label for={`replace-${d.id}`}>{ctx.t('content.admin.replace')}</label>
                      <input id={`replace-${d.id}`} type="file" name="file" accept=".pdf,.odt,.docx,.xlsx,.png,.jpg,.jpeg" required />
                    </div>
                    <button type="submit" class="button-secondary">
                      {ctx.t('content.admin.replaceButton')}
                    </button>
                  </form>
                  <form method="post" action={`/admin/contenus/${vm.id}/documents/${d.id}/supprimer`}>
                    <input type="hidden" name="_csrf" value={csrf} />
                    <button type="submit" class="button-small button-danger">
                      {ctx.t('content.admin.removeDocument')} <span class="visually-hidden">{d.title}</span>
                    </button>
                  </form>
                </li>
              ))}
            </ul>
            <form method="post" action={`/admin/contenus/${vm.id}/documents`} enctype="multipart/form-data" class="form-card" novalidate>
              <input type="hidden" name="_csrf" value={csrf} />
              <h3>{ctx.t('content.admin.upload')}</h3>
              {vm.uploadError && (
                <p class="field-error" id="upload-error" role="alert">
                  {vm.uploadError}
                </p>
              )}
              <div class="field">
                <label for="upload-file">{ctx.t('content.form.file', { max: formatSize(vm.maxUpload, ctx.lang) })}</label>
                <input
                  id="upload-file"
                  type="file"
                  name="file"
                  accept=".pdf,.odt,.docx,.xlsx,.png,.jpg,.jpeg"
                  required
                  aria-describedby={vm.uploadError ? 'upload-error' : undefined}
                  aria-invalid={vm.uploadError ? 'true' : undefined}
                />
              </div>
              <div class="field">
                <label for="upload-title">{ctx.t('content.form.fileTitle')}</label>
                <input id="upload-title" type="text" name="title" maxLength={200} />
              </div>
              <label class="checkbox">
                <input type="checkbox" name="membersOnly" />
                {ctx.t('content.form.membersOnly')}
              </label>
              <p>
                <button type="submit">{ctx.t('content.admin.uploadButton')}</button>
              </p>
            </form>
          </section>

          <section aria-labelledby="history-title" class="admin-block">
            <h2 id="history-title">{ctx.t('content.admin.history')}</h2>
            {vm.history.length === 0 ? (
              <p>{ctx.t('content.admin.history.empty')}</p>
            ) : (
              <ul>
                {vm.history.map((h) => (
                  <li>{ctx.t('content.admin.history.line', { date: formatDateTime(h.at, ctx.lang), who: h.who, action: ctx.t(`content.admin.action.${h.action}`) })}</li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </Layout>
  );
}

export interface ThemeFormValues {
  nameFr: string;
  nameEn: string;
  descriptionFr: string;
  descriptionEn: string;
  slug: string;
}

export interface AdminThemeVM {
  slug: string;
  nameFr: string;
  nameEn: string;
  url: string;
}

function ErrorSummary({ ctx, errors }: { ctx: ViewContext; errors: Record<string, string> }) {
  const list = Object.entries(errors);
  if (!list.length) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{ctx.t('form.errors.title')}</h2>
      <ul>
        {list.map(([field, msg]) => (
          <li>
            <a href={`#theme-${field}`}>{msg}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Names and descriptions; the slug only when the theme is being created. */
function ThemeFields({ ctx, values, errors, withSlug }: { ctx: ViewContext; values: ThemeFormValues; errors: Record<string, string>; withSlug: boolean }) {
  const input = (name: keyof ThemeFormValues, opts: { hint?: boolean; max: number; required?: boolean }) => {
    const id = `theme-${name}`;
    return (
      <Field id={id} label={ctx.t(`content.admin.themes.${name}`)} hint={opts.hint ? ctx.t(`content.admin.themes.${name}Hint`) : undefined} error={errors[name]}>
        <input
          id={id}
          type="text"
          name={name}
          value={values[name]}
          maxLength={opts.max}
          required={opts.required}
          aria-invalid={errors[name] ? 'true' : undefined}
          aria-describedby={describedBy(id, Boolean(opts.hint), errors[name])}
        />
      </Field>
    );
  };
  const area = (name: 'descriptionFr' | 'descriptionEn') => {
    const id = `theme-${name}`;
    return (
      <Field id={id} label={ctx.t(`content.admin.themes.${name}`)} error={errors[name]}>
        <textarea id={id} name={name} rows={3} maxLength={600} aria-invalid={errors[name] ? 'true' : undefined} aria-describedby={describedBy(id, false, errors[name])}>
          {values[name]}
        </textarea>
      </Field>
    );
  };
  return (
    <>
      {input('nameFr', { max: 80, required: true })}
      {input('nameEn', { max: 80, hint: true })}
      {withSlug && input('slug', { max: 80, hint: true })}
      {area('descriptionFr')}
      {area('descriptionEn')}
    </>
  );
}

/** /admin/contenus/thematiques: the list, and the form to add one. */
export function AdminThemesPage({ ctx, themes, values, errors }: { ctx: ViewContext; themes: AdminThemeVM[]; values: ThemeFormValues; errors: Record<string, string> }) {
  const title = ctx.t('content.admin.themes.title');
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <p>
        <a href="/admin/contenus">{ctx.t('content.admin.title')}</a>
      </p>
      <h1>{title}</h1>
      <p>{ctx.t('content.admin.themes.intro')}</p>
      {themes.length === 0 ? (
        <p>{ctx.t('content.admin.themes.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('content.admin.themes.col.name')}</th>
                <th scope="col">{ctx.t('content.admin.themes.col.nameEn')}</th>
                <th scope="col">{ctx.t('content.admin.themes.col.url')}</th>
                <th scope="col">{ctx.t('content.admin.themes.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {themes.map((t) => (
                <tr>
                  <td>{t.nameFr}</td>
                  <td lang="en">{t.nameEn}</td>
                  <td>
                    <a href={t.url}>{t.url}</a>
                  </td>
                  <td>
                    <a href={`/admin/contenus/thematiques/${t.slug}`} aria-label={ctx.t('content.admin.themes.renameLabel', { name: t.nameFr })}>
                      {ctx.t('content.admin.themes.rename')}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="theme-new-title">{ctx.t('content.admin.themes.new')}</h2>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/admin/contenus/thematiques" class="form-card" aria-labelledby="theme-new-title" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrf()} />
        <ThemeFields ctx={ctx} values={values} errors={errors} withSlug />
        <button type="submit">{ctx.t('content.admin.themes.create')}</button>
      </form>
    </Layout>
  );
}

/** /admin/contenus/thematiques/:slug: rename a theme; its address is shown and stays. */
export function AdminThemeEditPage({ ctx, slug, currentName, values, errors }: { ctx: ViewContext; slug: string; currentName: string; values: ThemeFormValues; errors: Record<string, string> }) {
  const title = ctx.t('content.admin.themes.edit', { name: currentName });
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <p>
        <a href="/admin/contenus/thematiques">{ctx.t('content.admin.themes.title')}</a>
      </p>
      <h1>{title}</h1>
      <p>{ctx.t('content.admin.themes.slugStays', { url: `/thematiques/${slug}` })}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={`/admin/contenus/thematiques/${slug}`} class="form-card" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrf()} />
        <ThemeFields ctx={ctx} values={values} errors={errors} withSlug={false} />
        <button type="submit">{ctx.t('content.admin.themes.save')}</button>
      </form>
    </Layout>
  );
}
