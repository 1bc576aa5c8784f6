import type { Database } from '../database.ts';
import type { EventsService } from '../events/events.service.ts';
import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import { initiativesCatalogue } from './initiatives.i18n.ts';
import { initiativesRoutes } from './initiatives.routes.tsx';

export interface InitiativesDeps {
  /** The page lists the PIC Lab meetings of the agenda. */
  events: Pick<EventsService, 'listAgenda'>;
}

/** /initiatives: a content page about the Projets d'Initiative Citoyenne until calls for projects get their module. */
export function createInitiativesModule(_platform: Platform<Database>, deps: InitiativesDeps): { definition: ModuleDefinition } {
  return { definition: { name: 'initiatives', catalogue: initiativesCatalogue, routes: initiativesRoutes(deps.events) } };
}
