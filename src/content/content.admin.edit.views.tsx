import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Checkboxes, Csrf, ErrorSummary, Field, messageText } from '../platform/layout/forms.tsx';
import type { FieldErrors, FieldMessage } from '../platform/forms/forms.ts';
import { formatDateTime, formatSize } from '../platform/format.ts';
import type { ThemeVM } from '../catalog/catalog.views.tsx';
import { ImageSection, type ImageEditorVM } from '../media/media.views.tsx';

/** /admin/contenus/:id: the content form, preview, publication, picture, documents and history. */

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
  errors: FieldErrors;
  themes: ThemeVM[];
  status?: string;
  publishAt?: string | null;
  viewUrl?: string;
  previewHtml?: string;
  documents: Array<{ id: string; title: string; format: string; size: number; version: number; url: string; membersOnly: boolean }>;
  history: Array<{ at: string; who: string; action: string }>;
  uploadError?: FieldMessage;
  scheduleError?: FieldMessage;
  maxUpload: number;
  /** The picture form, once the item exists. */
  image?: ImageEditorVM;
}

export function AdminEditPage({ ctx, vm }: { ctx: ViewContext; vm: EditVM }) {
  const v = vm.values;
  const e = vm.errors;
  const action = vm.id ? `/admin/contenus/${vm.id}` : '/admin/contenus';
  const title = vm.id ? ctx.t('content.admin.edit', { title: v.title }) : ctx.t('content.admin.newKind', { kind: ctx.t(`catalog.kind.${v.kind}`).toLowerCase() });
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
      <ErrorSummary ctx={ctx} errors={e} prefix="field-" />
      {vm.previewHtml !== undefined && (
        <section class="preview" aria-labelledby="preview-title">
          <h2 id="preview-title">{ctx.t('content.admin.previewTitle')}</h2>
          <p class="lead">{v.summary}</p>
          <div class="prose" dangerouslySetInnerHTML={{ __html: vm.previewHtml }} />
        </section>
      )}
      <form method="post" action={action} class="form-card content-form" novalidate>
        <Csrf ctx={ctx} />
        <input type="hidden" name="kind" value={v.kind} />
        <Field ctx={ctx} name="title" prefix="field-" label={ctx.t('content.form.title')} errors={e} value={v.title} required maxLength={200} />
        <Field ctx={ctx} name="slug" prefix="field-" label={ctx.t('content.form.slug')} hint={ctx.t('content.form.slugHint')} errors={e} value={v.slug} maxLength={80} />
        <Field
          ctx={ctx}
          name="summary"
          prefix="field-"
          label={ctx.t('content.form.summary')}
          hint={ctx.t('content.form.summaryHint')}
          errors={e}
          textarea
          rows={3}
          maxLength={600}
          required
          value={v.summary}
        />
        <Field ctx={ctx} name="body" prefix="field-" label={ctx.t('content.form.body')} hint={ctx.t('content.form.bodyHint')} errors={e} textarea rows={16} value={v.body} />
        {v.kind === 'resource' && (
          <Field ctx={ctx} name="resourceType" prefix="field-" label={ctx.t('content.form.resourceType')} errors={e}>
            {(attrs) => (
              <select {...attrs}>
                <option value="">—</option>
                {['guide', 'fiche', 'retour', 'publication'].map((t) => (
                  <option value={t} selected={v.resourceType === t}>
                    {ctx.t(`content.type.${t}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field ctx={ctx} name="territory" prefix="field-" label={ctx.t('content.form.territory')} errors={e} value={v.territory} maxLength={120} />
        <Field ctx={ctx} name="authorOrg" prefix="field-" label={ctx.t('content.form.authorOrg')} errors={e} value={v.authorOrg} maxLength={160} />
        <Checkboxes id="field-themes" legend={ctx.t('content.form.themes')} name="themes" options={vm.themes.map((t) => ({ value: t.slug, label: t.name }))} checked={v.themes} />
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
                  <Csrf ctx={ctx} />
                  <button type="submit">{ctx.t('content.admin.publish')}</button>
                </form>
              )}
              {vm.status === 'published' && (
                <form method="post" action={`/admin/contenus/${vm.id}/brouillon`}>
                  <Csrf ctx={ctx} />
                  <button type="submit" class="button-secondary">
                    {ctx.t('content.admin.unpublish')}
                  </button>
                </form>
              )}
              {vm.status !== 'archived' && (
                <form method="post" action={`/admin/contenus/${vm.id}/archiver`}>
                  <Csrf ctx={ctx} />
                  <button type="submit" class="button-secondary">
                    {ctx.t('content.admin.archive')}
                  </button>
                </form>
              )}
            </div>
            {vm.status !== 'published' && (
              <form method="post" action={`/admin/contenus/${vm.id}/programmer`} class="schedule-form" novalidate>
                <Csrf ctx={ctx} />
                <fieldset>
                  <legend>{ctx.t('content.admin.schedule')}</legend>
                  {vm.scheduleError && (
                    <p class="field-error" id="schedule-error" role="alert">
                      {messageText(ctx, vm.scheduleError)}
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

          {vm.image && <ImageSection ctx={ctx} vm={vm.image} />}

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
                    <Csrf ctx={ctx} />
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
                    <Csrf ctx={ctx} />
                    <button type="submit" class="button-small button-danger">
                      {ctx.t('content.admin.removeDocument')} <span class="visually-hidden">{d.title}</span>
                    </button>
                  </form>
                </li>
              ))}
            </ul>
            <form method="post" action={`/admin/contenus/${vm.id}/documents`} enctype="multipart/form-data" class="form-card" novalidate>
              <Csrf ctx={ctx} />
              <h3>{ctx.t('content.admin.upload')}</h3>
              {vm.uploadError && (
                <p class="field-error" id="upload-error" role="alert">
                  {messageText(ctx, vm.uploadError)}
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
