import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import type { FieldErrors } from '../platform/forms/forms.ts';

/** /admin/contenus/thematiques: the themes, adding and renaming one. */

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

/** Names and descriptions; the slug only when the theme is being created. */
function ThemeFields({ ctx, values, errors, withSlug }: { ctx: ViewContext; values: ThemeFormValues; errors: FieldErrors; withSlug: boolean }) {
  const input = (name: keyof ThemeFormValues, opts: { hint?: boolean; max: number; required?: boolean }) => (
    <Field
      ctx={ctx}
      name={name}
      prefix="theme-"
      label={ctx.t(`content.admin.themes.${name}`)}
      hint={opts.hint ? ctx.t(`content.admin.themes.${name}Hint`) : undefined}
      errors={errors}
      value={values[name]}
      maxLength={opts.max}
      required={opts.required}
    />
  );
  const area = (name: 'descriptionFr' | 'descriptionEn') => (
    <Field ctx={ctx} name={name} prefix="theme-" label={ctx.t(`content.admin.themes.${name}`)} errors={errors} textarea rows={3} maxLength={600} value={values[name]} />
  );
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
export function AdminThemesPage({ ctx, themes, values, errors }: { ctx: ViewContext; themes: AdminThemeVM[]; values: ThemeFormValues; errors: FieldErrors }) {
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
      <ErrorSummary ctx={ctx} errors={errors} prefix="theme-" />
      <form method="post" action="/admin/contenus/thematiques" class="form-card" aria-labelledby="theme-new-title" novalidate>
        <Csrf ctx={ctx} />
        <ThemeFields ctx={ctx} values={values} errors={errors} withSlug />
        <button type="submit">{ctx.t('content.admin.themes.create')}</button>
      </form>
    </Layout>
  );
}

/** /admin/contenus/thematiques/:slug: rename a theme; its address is shown and stays. */
export function AdminThemeEditPage({ ctx, slug, currentName, values, errors }: { ctx: ViewContext; slug: string; currentName: string; values: ThemeFormValues; errors: FieldErrors }) {
  const title = ctx.t('content.admin.themes.edit', { name: currentName });
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <p>
        <a href="/admin/contenus/thematiques">{ctx.t('content.admin.themes.title')}</a>
      </p>
      <h1>{title}</h1>
      <p>{ctx.t('content.admin.themes.slugStays', { url: `/thematiques/${slug}` })}</p>
      <ErrorSummary ctx={ctx} errors={errors} prefix="theme-" />
      <form method="post" action={`/admin/contenus/thematiques/${slug}`} class="form-card" novalidate>
        <Csrf ctx={ctx} />
        <ThemeFields ctx={ctx} values={values} errors={errors} withSlug={false} />
        <button type="submit">{ctx.t('content.admin.themes.save')}</button>
      </form>
    </Layout>
  );
}
