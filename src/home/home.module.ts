import type { Database } from '../database.ts';
import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import { homeCatalogue } from './home.i18n.ts';
import { homeRoutes } from './home.routes.tsx';

export interface HomeDeps {
  /** Every module's definition, known once the wiring is done (the home page shows their `homeSections`). */
  modules: () => ModuleDefinition[];
}

/** The home page and the site's fixed pages; the sections come from the other modules. */
export function createHomeModule(_platform: Platform<Database>, deps: HomeDeps): { definition: ModuleDefinition } {
  const sections = () =>
    deps
      .modules()
      .flatMap((m) => m.homeSections ?? [])
      .sort((a, b) => a.order - b.order)
      .map((s) => s.render);
  return {
    definition: {
      name: 'home',
      catalogue: homeCatalogue,
      routes: homeRoutes(sections),
      nav: [
        { href: '/agenda', label: 'nav.agenda' },
        { href: '/actualites', label: 'nav.news' },
        { href: '/ressources', label: 'nav.resources' },
        { href: '/reseau', label: 'nav.network' },
        { href: '/forums', label: 'nav.forums' },
        { href: '/initiatives', label: 'nav.initiatives' },
      ],
    },
  };
}
