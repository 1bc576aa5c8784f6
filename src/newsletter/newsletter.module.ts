import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import { createI18n } from '../platform/i18n/i18n.ts';
import { newsletterCatalogue } from './newsletter.i18n.ts';
import { newsletterRoutes } from './newsletter.routes.tsx';
import { createNewsletterService, SEND_JOB, type NewsletterDeps, type NewsletterOptions } from './newsletter.service.ts';
import { loadNewsletterDemo } from './newsletter.demo.ts';

export function createNewsletterModule(platform: Platform, deps: NewsletterDeps = {}, opts: NewsletterOptions = {}) {
  // Messages are written outside any request, so the module keeps its own translator.
  const i18n = createI18n([newsletterCatalogue]);
  const service = createNewsletterService(platform, deps, (lang) => i18n.t(lang), opts);
  const definition: ModuleDefinition = {
    name: 'newsletter',
    catalogue: newsletterCatalogue,
    routes: newsletterRoutes(service),
    adminLinks: [{ href: '/admin/lettre', label: 'newsletter.admin.link' }],
    jobs: { [SEND_JOB]: (payload) => service.sendBatch(payload) },
    personalData: service.personalData,
    demo: () => loadNewsletterDemo(platform),
  };
  return { service, definition };
}
