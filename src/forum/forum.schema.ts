import { z } from 'zod';
import { ACTION_STATUSES, PHASES, REPORT_SECTIONS } from './forum.tables.ts';
import { boundedInt } from '../platform/http/input.ts';

/** Trims, and turns control characters other than newlines and tabs into spaces. */
export const text = (max: number, min = 0) =>
  z
    .string()
    .default('')
    .transform((s) =>
      s
        .replace(/\r\n?/g, '\n')
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
        .trim(),
    )
    .pipe(
      z
        .string()
        .min(min, min > 0 ? 'form.required' : undefined)
        .max(max, 'form.tooLong'),
    );

export const LIMITS = { name: 120, title: 200, description: 10_000, section: 20_000, short: 300, comment: 5_000 };

export const joinSchema = z.object({
  code: text(20, 1).transform((s) => s.toUpperCase().replace(/[^A-Z0-9]/g, '')),
  name: text(LIMITS.name, 1),
  organisation: text(LIMITS.short),
});
export type JoinInput = z.infer<typeof joinSchema>;

export const themeSchema = z.object({
  title: text(LIMITS.title, 1),
  description: text(LIMITS.description),
  convener: text(LIMITS.name),
  queue: z
    .string()
    .optional()
    .transform((v) => v === '1' || v === 'on'),
});
export type ThemeInput = z.infer<typeof themeSchema>;

export const placeSchema = z.object({
  cell: z.string().default(''),
});

export const sectionSchema = z.object({
  body: text(LIMITS.section),
  version: boundedInt(0),
});

export const actionSchema = z.object({
  kind: z.enum(['action', 'proposal']).default('action'),
  title: text(LIMITS.short, 1),
  carrier: text(LIMITS.short),
  partners: text(LIMITS.short),
  due: text(100),
});
export type ActionInput = z.infer<typeof actionSchema>;

export const actionEditSchema = actionSchema.extend({ version: boundedInt(0) });

export const commentSchema = z.object({ body: text(LIMITS.comment, 1) });

export const voteSchema = z.object({ action: z.string().min(1).max(60), remove: z.string().optional() });

export const phaseSchema = z.object({ from: z.enum(PHASES as [string, ...string[]]), to: z.enum(PHASES as [string, ...string[]]) });

export const mergeSchema = z.object({ from: z.string().min(1).max(60), into: z.string().min(1).max(60) });

export const clusterSchema = z.object({
  name: text(LIMITS.short, 1),
  initiator: text(LIMITS.name),
  next_steps: text(LIMITS.section),
  actions: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});

export const followUpSchema = z.object({
  status: z.enum(ACTION_STATUSES as [string, ...string[]]),
  owner: text(LIMITS.name),
  body: text(LIMITS.comment),
});

export const sectionName = z.enum(REPORT_SECTIONS as [string, ...string[]]);

export const createForumSchema = z.object({
  title: text(LIMITS.short, 1),
  slug: text(80, 1).pipe(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'forum.form.slug')),
  question: text(LIMITS.short * 2, 1),
  place: text(LIMITS.short, 1),
  starts_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'forum.form.date'),
  event: text(120),
  /** One per line: "9:30-10:30", or "2027-03-12 9:30-10:30" for a second day. */
  slots: text(4000, 1),
  /** One per line: "Salle Nord (30)". */
  spaces: text(4000, 1),
  votes: z.coerce.number().int().min(1).max(20).default(5),
});
export type CreateForumInput = z.infer<typeof createForumSchema>;
