import { z } from 'zod';

const text = (max: number) => z.string().trim().max(max, { message: 'form.tooLong' });
/** Checkbox groups arrive as a string when one box is ticked, an array when several are. */
const many = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(80)).max(50));

export const subscribeSchema = z.object({
  email: z.string().trim().min(1, { message: 'form.required' }).max(254, { message: 'form.tooLong' }).email({ message: 'form.invalidEmail' }),
  themes: many,
  /** A département code or "autre" (isTerritory); anything else (or nothing) is "not said". */
  territory: z.string().max(20).optional(),
  consent: z.literal('oui', { message: 'newsletter.subscribe.consentRequired' }),
});
export type SubscribeInput = z.infer<typeof subscribeSchema>;

export const campaignSchema = z.object({
  subject: text(200).pipe(z.string().min(1, { message: 'form.required' })),
  intro: text(5000),
  /** Picked catalogue items, "kind:id". */
  items: many,
  /** Free items, one per line: "Title | https://address | optional summary". */
  extra: text(5000).optional().default(''),
  /** The audience: theme slugs and territory codes; none ticked means every subscriber. */
  themes: many,
  territories: many,
});
export type CampaignInput = z.infer<typeof campaignSchema>;

/** The "when" of the send form; checked as a Paris date-time by parseSendTime (newsletter.model.ts). */
const when = z.string().max(40, { message: 'form.tooLong' }).optional().default('');

/** The confirmation step: what the animator chose before seeing who will receive the issue. */
export const sendPlanSchema = z.object({ when });

/** The confirmation itself: the draft's state that was shown (`version`), and the explicit yes. */
export const sendSchema = z.object({
  when,
  version: z.string().min(1).max(40),
  confirm: z.literal('oui'),
});

export const preferencesSchema = z.object({
  themes: many,
  territory: z.string().max(20).optional(),
});

export const bouncesSchema = z.object({
  addresses: z.string().max(2_000_000, { message: 'form.tooLong' }),
});

export const testSendSchema = z.object({
  to: z.string().trim().email({ message: 'form.invalidEmail' }),
});

/** A token from a link: base64url, of the length we issue. Anything else is refused before any query. */
export const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,80}$/);
