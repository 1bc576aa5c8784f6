import type { Database } from '../database.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import type { ThemesService } from '../catalog/catalog.themes.ts';
import type { Platform } from '../platform/platform.ts';
import { createCampaigns } from './newsletter.campaigns.ts';
import { createNewsletterContext } from './newsletter.context.ts';
import { createSubscriberImport } from './newsletter.import.ts';
import { createSending } from './newsletter.sending.ts';
import { createSubscriptions } from './newsletter.subscriptions.ts';

export type { CampaignItem, SourceItem, ThemeOption } from './newsletter.model.ts';
export { SEND_JOB } from './newsletter.sending.ts';
export type { ConfirmResult, UnsubscribeResult } from './newsletter.subscriptions.ts';
export type { ImportedSubscriber } from './newsletter.import.ts';

export interface NewsletterDeps {
  /** What the composer offers to pick. */
  catalog: Pick<CatalogService, 'recent'>;
  themes: Pick<ThemesService, 'names'>;
}

/**
 * The newsletter service, assembled from one part per concept: subscriptions (double opt-in,
 * unsubscribing, bounces, personal data), campaigns (composing, scheduling, the archive), sending.
 */
export function createNewsletterService(platform: Platform<Database>, deps: NewsletterDeps) {
  const ctx = createNewsletterContext(platform);
  const sending = createSending(ctx);
  return {
    sendBatch: sending.sendBatch,
    // biome-ignore lint/nursery/noMisusedPromises: an object of async methods, not a promise (the rule's inference is wrong here)
    ...createSubscriptions(ctx),
    ...createCampaigns(ctx, deps, sending),
    // biome-ignore lint/nursery/noMisusedPromises: an object of async methods, not a promise (the rule's inference is wrong here)
    ...createSubscriberImport(ctx),
  };
}
export type NewsletterService = ReturnType<typeof createNewsletterService>;
