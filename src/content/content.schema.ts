import { z } from 'zod';

export const CONTENT_KINDS = ['news', 'resource', 'page'] as const;
export const RESOURCE_TYPES = ['guide', 'fiche', 'retour', 'publication'] as const;

const text = (max: number) => z.string().trim().max(max, { message: 'form.tooLong' });

/** The animator's content form; messages are i18n keys, their limits come from the issue (platform/forms). */
export const contentFormSchema = z.object({
  kind: z.enum(CONTENT_KINDS, { message: 'form.invalid' }),
  title: text(200).min(3, { message: 'form.tooShort' }),
  slug: z
    .string()
    .trim()
    .max(80, { message: 'form.tooLong' })
    .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, { message: 'content.form.slugInvalid' })
    .default(''),
  summary: text(600).min(1, { message: 'form.required' }),
  body: text(100_000).default(''),
  resourceType: z.union([z.enum(RESOURCE_TYPES), z.literal('')]).default(''),
  territory: text(120).default(''),
  authorOrg: text(160).default(''),
  themes: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(80)).max(20)),
  membersOnly: z.preprocess((v) => v === 'on' || v === '1' || v === true, z.boolean()),
});
export type ContentForm = z.infer<typeof contentFormSchema>;

/** The animator's theme form. The slug is chosen once, at creation: links to /thematiques/:slug never break. */
export const themeFormSchema = z.object({
  nameFr: text(80).min(2, { message: 'form.tooShort' }),
  nameEn: text(80).default(''),
  descriptionFr: text(600).default(''),
  descriptionEn: text(600).default(''),
  slug: z
    .string()
    .trim()
    .max(80, { message: 'form.tooLong' })
    .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, { message: 'content.form.slugInvalid' })
    .default(''),
});
export type ThemeForm = z.infer<typeof themeFormSchema>;

export const scheduleSchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'content.form.dateInvalid' }),
  time: z.string().regex(/^\d{2}:\d{2}$/, { message: 'content.form.timeInvalid' }),
});

export const searchQuerySchema = z.object({
  q: z.string().max(5000).catch('').default(''),
  type: z.string().max(40).optional().catch(undefined),
  theme: z.string().max(80).optional().catch(undefined),
  territory: z.string().max(120).optional().catch(undefined),
  format: z.string().max(10).optional().catch(undefined),
  year: z
    .string()
    .regex(/^\d{4}$/)
    .optional()
    .catch(undefined),
  tri: z.enum(['pertinence', 'date']).catch('pertinence').default('pertinence'),
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
});

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  type: z.enum(RESOURCE_TYPES).optional().catch(undefined),
  theme: z.string().max(80).optional().catch(undefined),
});

export const bookmarkSchema = z.object({
  kind: z.string().min(1).max(40),
  id: z.string().min(1).max(100),
  retour: z.string().max(500).default('/'),
  collection: z.string().max(100).default(''),
  action: z.enum(['save', 'remove', 'toggle']).default('toggle'),
});

export const collectionSchema = z.object({
  name: text(80).min(1, { message: 'form.required' }),
});

export const documentFieldsSchema = z.object({
  title: text(200).default(''),
  membersOnly: z.preprocess((v) => v === 'on' || v === '1' || v === true, z.boolean()),
});

export const apiQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  per_page: z.coerce.number().int().min(1).max(100).catch(20).default(20),
  kind: z.string().max(40).optional().catch(undefined),
  theme: z.string().max(80).optional().catch(undefined),
});
