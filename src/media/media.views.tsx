import type { FieldErrors } from '../platform/forms/forms.ts';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, ErrorSummary, Field, FieldError, fieldAttrs } from '../platform/layout/forms.tsx';
import { Layout } from '../platform/layout/layout.tsx';
import { Picture, type PictureVM } from '../platform/layout/picture.tsx';
import { FOCUS_POINTS } from './media.schema.ts';

export interface ImageFormValues {
  alt: string;
  decorative: boolean;
  credit: string;
  focus: string;
}

/** The picture part of an item's edit page (and of the picture's own page when a form was refused). */
export interface ImageEditorVM {
  action: string;
  removeAction: string;
  /** Where to come back after saving: the item's edit page. */
  retour: string;
  current: PictureVM | null;
  /** A picture received with a refused form, kept so it is not chosen again. */
  pending: { id: string; picture: PictureVM } | null;
  values: ImageFormValues;
  errors: FieldErrors;
  /** "10 Mo", for the hint. */
  maxUpload: string;
}

const PREVIEW_SIZES = '(min-width: 40rem) 24rem, 90vw';
const P = 'img-';

/** The picture's form: file, alternative text or "decorative", credit, focus point. Works without JavaScript. */
export function ImageSection({ ctx, vm, headingLevel = 2 }: { ctx: ViewContext; vm: ImageEditorVM; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const shown = vm.pending?.picture ?? vm.current;
  const focusAttrs = fieldAttrs('focus', { prefix: P });
  return (
    <section class="admin-block image-editor" id="image" aria-labelledby="image-title">
      <H id="image-title">{ctx.t('media.section.title')}</H>
      {shown ? (
        <figure class="image-preview">
          <Picture vm={shown} sizes={PREVIEW_SIZES} />
          <figcaption class="small muted">{ctx.t(vm.pending ? 'media.section.pending' : 'media.section.current')}</figcaption>
        </figure>
      ) : (
        <p class="muted">{ctx.t('media.section.none')}</p>
      )}
      <form method="post" action={vm.action} enctype="multipart/form-data" class="form-card" novalidate>
        <Csrf ctx={ctx} />
        <input type="hidden" name="retour" value={vm.retour} />
        {vm.pending && <input type="hidden" name="pending" value={vm.pending.id} />}
        <ErrorSummary ctx={ctx} errors={vm.errors} prefix={P} id="image-errors" labels={{ file: ctx.t('media.file.label'), alt: ctx.t('media.alt.label'), credit: ctx.t('media.credit.label') }} />
        <Field ctx={ctx} name="file" prefix={P} errors={vm.errors} label={ctx.t(shown ? 'media.file.replace' : 'media.file.label')} hint={ctx.t('media.file.hint', { max: vm.maxUpload })}>
          {(a) => <input {...a} type="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" />}
        </Field>
        <Field ctx={ctx} name="alt" prefix={P} errors={vm.errors} label={ctx.t('media.alt.label')} hint={ctx.t('media.alt.hint')} value={vm.values.alt} maxLength={250} />
        <div class="field">
          <label class="checkbox">
            <input type="checkbox" name="decorative" id={`${P}decorative`} checked={vm.values.decorative} />
            {ctx.t('media.decorative.label')}
          </label>
        </div>
        <Field ctx={ctx} name="credit" prefix={P} errors={vm.errors} label={ctx.t('media.credit.label')} hint={ctx.t('media.credit.hint')} value={vm.values.credit} maxLength={200} />
        <fieldset id={focusAttrs.id} class="focus-picker">
          <legend>{ctx.t('media.focus.legend')}</legend>
          <FieldError ctx={ctx} id={focusAttrs.id} error={vm.errors.focus} />
          <div class="focus-grid">
            {FOCUS_POINTS.map((p) => (
              <label class="checkbox">
                <input type="radio" name="focus" value={p} checked={vm.values.focus === p} />
                {ctx.t(`media.focus.${p}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <p class="actions">
          <button type="submit">{ctx.t('media.save')}</button>
        </p>
      </form>
      {vm.current && (
        <form method="post" action={vm.removeAction} class="actions">
          <Csrf ctx={ctx} />
          <input type="hidden" name="retour" value={vm.retour} />
          <button type="submit" class="button-secondary">
            {ctx.t('media.remove')}
          </button>
        </form>
      )}
    </section>
  );
}

/** The picture's own page: where a refused picture form comes back, with everything typed kept. */
export function ImagePage({ ctx, title, vm }: { ctx: ViewContext; title: string; vm: ImageEditorVM }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('media.page.title', { title }) }}>
      <p class="breadcrumb">
        <a href={vm.retour}>{ctx.t('media.page.back', { title })}</a>
      </p>
      <h1>{ctx.t('media.page.title', { title })}</h1>
      <ImageSection ctx={ctx} vm={vm} />
    </Layout>
  );
}
