import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../database.ts';
import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import { initiativesAdminRoutes } from './initiatives.admin.routes.tsx';
import { loadInitiativesDemo } from './initiatives.demo.ts';
import { loadPastCallDemo } from './initiatives.demo.past.ts';
import { createFollowUpPersonalData } from './initiatives.committee.personal-data.ts';
import { initiativesCommitteeRoutes } from './initiatives.committee.routes.tsx';
import { FollowUpAccountSection } from './initiatives.committee.views.tsx';
import { createFollowUp, type FollowUpService } from './initiatives.committee.service.ts';
import { initiativesCatalogue } from './initiatives.i18n.ts';
import { committeeCatalogue } from './initiatives.i18n.committee.ts';
import { createI18n } from '../platform/i18n/i18n.ts';
import { initiativesPaymentsRoutes } from './initiatives.payments.routes.tsx';
import { initiativesPublicRoutes } from './initiatives.public.routes.tsx';
import { initiativesReportsRoutes } from './initiatives.reports.routes.tsx';
import { initiativesVoteRoutes } from './initiatives.vote.routes.tsx';
import { initiativesReviewRoutes } from './initiatives.review.routes.tsx';
import { initiativesRoutes } from './initiatives.routes.tsx';
import { AccountSection } from './initiatives.file.views.tsx';
import { createInitiativesService, type InitiativesDeps, type InitiativesService } from './initiatives.service.ts';

export type { InitiativesDeps } from './initiatives.service.ts';

/** Calls for citizen-initiative projects (PIC): the call, applying, admissibility and review (issue 15). */
export function createInitiativesModule(platform: Platform<Database>, deps: InitiativesDeps): { definition: ModuleDefinition; service: InitiativesService; followUp: FollowUpService } {
  const service = createInitiativesService(platform, deps);
  // The picture form (media module) names the call and leads back to its edit page.
  deps.media.registerOwner('call', {
    async describe(id) {
      const call = await service.getCall(id);
      return call ? { title: call.title, editUrl: `/admin/initiatives/${call.id}/modifier` } : null;
    },
  });
  const pages = initiativesRoutes(service, { uploadDir: path.join(platform.config.dataDir, 'tmp', 'uploads') });
  const admin = initiativesAdminRoutes(service);
  const review = initiativesReviewRoutes(service);
  // Committee, payments, reports and the public follow-up (items 5–9) on the same context.
  const catalogue = { fr: { ...initiativesCatalogue.fr, ...committeeCatalogue.fr }, en: { ...initiativesCatalogue.en, ...committeeCatalogue.en } };
  const followUpData = createFollowUpPersonalData(service.ctx);
  const followUp = createFollowUp({ ...service.ctx, t: createI18n([catalogue]).t });
  const definition: ModuleDefinition = {
    name: 'initiatives',
    catalogue,
    routes: async (app) => {
      await app.register(pages);
      await app.register(admin);
      await app.register(review);
      await app.register(initiativesCommitteeRoutes(followUp));
      await app.register(initiativesPaymentsRoutes(followUp, (lang) => deps.themes.names(lang)));
      await app.register(initiativesReportsRoutes(followUp, { uploadDir: path.join(platform.config.dataDir, 'tmp', 'uploads') }));
      await app.register(initiativesPublicRoutes(followUp, (lang) => deps.themes.names(lang)));
      await app.register(initiativesVoteRoutes(followUp));
    },
    // The draft's autosave script, served under /static/initiatives/.
    assets: fileURLToPath(new URL('./assets', import.meta.url)),
    jobs: { 'initiatives.reportReminders': async () => void (await followUp.reports.remindReports()) },
    schedules: [{ kind: 'initiatives.reportReminders', everyMs: 6 * 3600_000 }],
    adminLinks: [
      { href: '/admin/initiatives', label: 'initiatives.admin.link' },
      { href: '/initiatives/comites', label: 'initiatives.sessions.adminLink' },
    ],
    accountSections: [
      {
        order: 41,
        render: async (ctx) => {
          if (!ctx.user) return null;
          const [sessions, funded] = await Promise.all([followUp.committee.mySessions(ctx.user), followUp.committee.myFunded(ctx.user.id)]);
          if (sessions.length === 0 && funded.length === 0) return null;
          return FollowUpAccountSection({ ctx, sessions: sessions.length, funded });
        },
      },
      {
        order: 40,
        render: async (ctx) => {
          if (!ctx.user) return null;
          const [files, reviews, run] = await Promise.all([service.myFiles(ctx.user.id), service.myReviews(ctx.user.id), service.callsRunBy(ctx.user)]);
          // Animators reach every call from /admin; this is for the members who run a call of their own.
          const managed = ctx.user.role === 'user' ? run.length : 0;
          if (files.length === 0 && reviews.length === 0 && managed === 0) return null;
          return AccountSection({ ctx, files: files.length, reviews: reviews.length, managed });
        },
      },
    ],
    personalData: {
      export: async (userId) => ({ ...((await service.personalData.export(userId)) as object), ...(await followUpData.export(userId)) }),
      erase: async (trx, userId) => {
        await service.personalData.erase(trx, userId);
        await followUpData.erase(trx, userId);
      },
    },
    demo: async () => {
      await loadInitiativesDemo(service);
      await loadPastCallDemo(service, followUp);
      // Each call gets a drawing Palabre makes itself (no network), as the demo's events and news do.
      for (const call of await service.listCallsForAdmin()) await deps.media.illustrate('call', call.id, { motif: 'pic-lab', seed: call.slug });
    },
  };
  return { definition, service, followUp };
}
