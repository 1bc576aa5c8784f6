import { z } from 'zod';
import { withPayload } from '../platform/jobs/jobs.ts';
import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import type { Database } from '../database.ts';
import { newsletterCatalogue } from './newsletter.i18n.ts';
import { newsletterRoutes } from './newsletter.routes.tsx';
import { createNewsletterService, SEND_JOB, type NewsletterDeps, type NewsletterService } from './newsletter.service.ts';
import { loadNewsletterDemo } from './newsletter.demo.ts';

export function createNewsletterModule(platform: Platform<Database>, deps: NewsletterDeps): { definition: ModuleDefinition; service: NewsletterService } {
  const service = createNewsletterService(platform, deps);
  const definition: ModuleDefinition = {
    name: 'newsletter',
    catalogue: newsletterCatalogue,
    routes: newsletterRoutes(service),
    adminLinks: [{ href: '/admin/lettre', label: 'newsletter.admin.link' }],
    jobs: { [SEND_JOB]: withPayload(z.object({ campaignId: z.string(), after: z.string().nullish(), start: z.boolean().optional() }), (p) => service.sendBatch(p)) },
    personalData: service.personalData,
    demo: () => loadNewsletterDemo(platform),
  };
  return { service, definition };
}
