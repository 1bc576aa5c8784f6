import { z } from 'zod';
import { boundedInt } from '../platform/http/input.ts';
import { ACTION_STATUSES } from './forum.tables.ts';
import { LIMITS, text } from './forum.schema.ts';

/** A form with nothing but its CSRF token (a button). */
export const buttonSchema = z.object({});
export const timerSchema = z.object({ minutes: boundedInt(1, 600), label: text(120) });
export const announceSchema = z.object({ body: text(500, 1) });
export const hideSchema = z.object({ hidden: z.enum(['0', '1']).default('1') });
export const renameSchema = z.object({ name: text(LIMITS.name, 1) });
export const removeSchema = z.object({ removed: z.enum(['0', '1']).default('1') });
export const commentEditSchema = z.object({ body: text(LIMITS.comment, 1) });
export const themeEditSchema = z.object({ title: text(LIMITS.title, 1), description: text(LIMITS.description) });
export const ownerSchema = z.object({ participant: z.string().max(60).default('') });
export const carriedUpdateSchema = z.object({ status: z.enum(ACTION_STATUSES as [string, ...string[]]), body: text(LIMITS.comment) });
export const structureSchema = z.object({
  question: text(LIMITS.short * 2, 1),
  votes: boundedInt(1, 20),
  slots: text(4000, 1),
  spaces: text(4000, 1),
});

export const EXPORTS = ['themes', 'groupes', 'comptes-rendus', 'actions', 'votes'] as const;
export type ExportName = (typeof EXPORTS)[number];

export const actionCorrectSchema = z.object({
  kind: z.enum(['action', 'proposal']).default('action'),
  title: text(LIMITS.short, 1),
  carrier: text(LIMITS.short),
  partners: text(LIMITS.short),
  due: text(100),
});
