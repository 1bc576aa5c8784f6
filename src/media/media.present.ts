import type { FieldErrors } from '../platform/forms/forms.ts';
import { formatSize } from '../platform/format.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import type { ImageRow } from './media.repo.ts';
import { pictureOf } from './media.service.ts';
import type { ImageEditorVM, ImageFormValues } from './media.views.tsx';

export const imagePath = (kind: string, ownerId: string) => `/admin/images/${encodeURIComponent(kind)}/${encodeURIComponent(ownerId)}`;

export function valuesOfRow(row: ImageRow | null | undefined): ImageFormValues {
  return row ? { alt: row.alt, decorative: row.decorative === 1, credit: row.credit, focus: `${row.focus_x}-${row.focus_y}` } : { alt: '', decorative: false, credit: '', focus: '50-50' };
}

/** The picture form of an item, as its edit page shows it, or as it comes back refused. */
export function editorVM(input: {
  kind: string;
  ownerId: string;
  retour: string;
  current: ImageRow | null | undefined;
  pending?: ImageRow | null;
  values?: ImageFormValues;
  errors?: FieldErrors;
  maxUploadBytes: number;
  lang: Lang;
}): ImageEditorVM {
  const base = imagePath(input.kind, input.ownerId);
  return {
    action: base,
    removeAction: `${base}/supprimer`,
    retour: input.retour,
    current: input.current ? pictureOf(input.current) : null,
    pending: input.pending ? { id: input.pending.id, picture: pictureOf(input.pending) } : null,
    values: input.values ?? valuesOfRow(input.current),
    errors: input.errors ?? {},
    maxUpload: formatSize(input.maxUploadBytes, input.lang),
  };
}
