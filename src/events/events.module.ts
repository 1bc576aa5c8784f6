import { z } from 'zod';
import { withPayload } from '../platform/jobs/jobs.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { h, type VNode } from 'preact';
import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import type { Database } from '../database.ts';
import { eventsCatalogue } from './events.i18n.ts';
import { eventsRoutes } from './events.routes.tsx';
import { eventsAdminRoutes } from './events.admin.routes.tsx';
import { createEventsService, JOB_OFFER_EXPIRY, JOB_REMINDER, type EventsDeps, type EventsService } from './events.service.ts';
import { UpcomingSection } from './events.agenda.views.tsx';
import { MyRegistrations } from './events.personal.views.tsx';
import { loadEventsDemo } from './events.demo.ts';
import type { MediaService } from '../media/media.service.ts';
import { asTables } from '../platform/db/database.ts';

export function createEventsModule(
  platform: Platform<Database>,
  deps: EventsDeps & { media: Pick<MediaService, 'registerOwner' | 'illustrate'> },
): { definition: ModuleDefinition; service: EventsService } {
  const service = createEventsService(platform, deps);
  // The picture form (media module) names the event and leads back to its edit page.
  deps.media.registerOwner('event', {
    async describe(id) {
      const e = await service.getEvent(id);
      return e ? { title: e.title, editUrl: `/admin/rencontres/${e.id}/modifier` } : null;
    },
  });
  const definition: ModuleDefinition = {
    name: 'events',
    // Browser scripts, served by the platform under /static/events/.
    assets: fileURLToPath(new URL('./assets', import.meta.url)),
    catalogue: eventsCatalogue,
    routes: async (app) => {
      await app.register(eventsRoutes(service, platform.db));
      await app.register(eventsAdminRoutes(service, platform.live, { uploadDir: path.join(platform.config.dataDir, 'tmp', 'uploads') }));
    },
    homeSections: [{ order: 10, render: async (ctx) => h(UpcomingSection, { ctx, items: await service.listAgenda({ when: 'upcoming', limit: 3 }) }) as VNode }],
    accountSections: [
      {
        order: 10,
        render: async (ctx) => (ctx.user ? (h(MyRegistrations, { ctx, items: await service.registrationsOf({ id: ctx.user.id, email: ctx.user.email }) }) as VNode) : null),
      },
    ],
    adminLinks: [{ href: '/admin/rencontres', label: 'events.admin.link' }],
    jobs: {
      [JOB_REMINDER]: withPayload(z.object({ eventId: z.string(), revision: z.number() }), (p) => service.sendReminders(p.eventId, p.revision)),
      [JOB_OFFER_EXPIRY]: withPayload(z.object({ registrationId: z.string() }), (p) => service.expireOffer(p.registrationId)),
    },
    personalData: {
      export: (userId, email) => service.exportPersonalData(userId, email),
      erase: (trx, userId, email) => service.erasePersonalData(asTables(trx), userId, email),
    },
    demo: async () => {
      await loadEventsDemo(service);
      // Each demo event gets a drawing of its kind (media module), made here by sharp: no download.
      for (const { event } of await service.listAllForAdmin()) await deps.media.illustrate('event', event.id, { motif: event.kind, seed: event.slug });
    },
  };
  return { service, definition };
}
