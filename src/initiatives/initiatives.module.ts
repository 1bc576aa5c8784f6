import type { ModuleDefinition } from '../platform/module.ts';
import type { EventsService } from '../events/events.service.ts';
import { initiativesCatalogue } from './initiatives.i18n.ts';
import { initiativesRoutes } from './initiatives.routes.tsx';

/** /initiatives: a content page about the Projets d'Initiative Citoyenne until calls for projects get their module. */
export function createInitiativesModule(deps: { events: EventsService }) {
  const definition: ModuleDefinition = { name: 'initiatives', catalogue: initiativesCatalogue, routes: initiativesRoutes(deps.events) };
  return { definition };
}
