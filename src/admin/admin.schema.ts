import { z } from 'zod';
import { OUTBOX_STATUSES } from '../platform/mail/outbox.ts';

/** /admin/courriels?statut=failed&page=2 — anything unexpected falls back to the default view. */
export const outboxQuery = z.object({
  statut: z
    .enum(OUTBOX_STATUSES as [string, ...string[]])
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type OutboxQuery = z.infer<typeof outboxQuery>;

export const messageParams = z.object({ id: z.string().regex(/^[0-9a-z]{10,40}$/) });
