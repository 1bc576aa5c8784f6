import { z } from 'zod';
import { withPayload } from '../platform/jobs/jobs.ts';
import type { Database } from '../database.ts';
import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import { accountsCatalogue } from './accounts.i18n.ts';
import { accountsRoutes } from './accounts.routes.tsx';
import { createAccountsService, PRUNE_LINKS_JOB, SEND_LINK_JOB, type AccountsDeps, type AccountsService } from './accounts.service.ts';

/** `deps.modules` is a getter: /compte and the personal data need every module, wired after this one. */
export function createAccountsModule(platform: Platform<Database>, deps: AccountsDeps): { definition: ModuleDefinition; service: AccountsService } {
  const service = createAccountsService(platform, deps);
  const definition: ModuleDefinition = {
    name: 'accounts',
    catalogue: accountsCatalogue,
    routes: accountsRoutes(service, { modules: deps.modules, secureCookies: platform.config.secureCookies, publicUrl: platform.config.publicUrl }),
    adminLinks: [{ href: '/admin/comptes', label: 'accounts.admin.link' }],
    jobs: {
      [SEND_LINK_JOB]: withPayload(z.object({ email: z.string(), next: z.string().nullable() }), (p) => service.sendSignInLink(p)),
      [PRUNE_LINKS_JOB]: () => service.pruneLinks(),
    },
  };
  return { service, definition };
}
