import { z } from 'zod';

export const FOCUS_POINTS = ['0-0', '50-0', '100-0', '0-50', '50-50', '100-50', '0-100', '50-100', '100-100'] as const;
export type FocusPoint = (typeof FOCUS_POINTS)[number];

/**
 * The texts of a picture. The alternative text is required unless the animator says the picture
 * is decorative: a picture with no text for those who do not see it must be a choice, not an oversight.
 */
export const imageFieldsSchema = z
  .object({
    alt: z.string().trim().max(250, { message: 'form.tooLong' }).default(''),
    decorative: z.preprocess((v) => v === 'on' || v === '1' || v === true, z.boolean()),
    credit: z.string().trim().max(200, { message: 'form.tooLong' }).default(''),
    focus: z.enum(FOCUS_POINTS).catch('50-50').default('50-50'),
    pending: z.string().max(40).optional().catch(undefined),
  })
  .superRefine((v, ctx) => {
    if (!v.decorative && v.alt === '') ctx.addIssue({ code: 'custom', path: ['alt'], message: 'media.alt.required' });
  });
export type ImageFields = z.infer<typeof imageFieldsSchema>;

export function focusOf(point: FocusPoint): { x: 0 | 50 | 100; y: 0 | 50 | 100 } {
  const [x, y] = point.split('-').map(Number) as [0 | 50 | 100, 0 | 50 | 100];
  return { x, y };
}
