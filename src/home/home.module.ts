import type { ModuleDefinition, PageSection } from '../platform/module.ts';
import { homeCatalogue } from './home.i18n.ts';
import { homeRoutes } from './home.routes.tsx';

/** The home page and the site's fixed pages; the sections come from the other modules. */
export function createHomeModule(sections: () => PageSection[]): { definition: ModuleDefinition } {
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
