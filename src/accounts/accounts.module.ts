import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import { accountsCatalogue } from './accounts.i18n.ts';
import { accountsRoutes } from './accounts.routes.tsx';
import { createAccountsService, PRUNE_LINKS_JOB, SEND_LINK_JOB } from './accounts.service.ts';

/** `modules` is a getter because /compte and the data export need every module, wired after this one. */
export function createAccountsModule(platform: Platform, modules: () => ModuleDefinition[] = () => []) {
  const service = createAccountsService(platform, { modules });
  const definition: ModuleDefinition = {
    name: 'accounts',
    catalogue: accountsCatalogue,
    routes: accountsRoutes(service, { modules, secureCookies: platform.config.secureCookies, publicUrl: platform.config.publicUrl }),
    adminLinks: [{ href: '/admin/comptes', label: 'accounts.admin.link' }],
    jobs: {
      [SEND_LINK_JOB]: (payload: { email: string; next: string | null }) => service.sendSignInLink(payload),
      [PRUNE_LINKS_JOB]: () => service.pruneLinks(),
    },
  };
  return { service, definition };
}
