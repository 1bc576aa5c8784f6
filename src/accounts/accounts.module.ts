import type { ModuleDefinition } from '../platform/module.ts';
import type { Platform } from '../platform/platform.ts';
import { accountsCatalogue } from './accounts.i18n.ts';
import { accountsRoutes } from './accounts.routes.tsx';
import { createAccountsService } from './accounts.service.ts';

export function createAccountsModule(platform: Platform) {
  const service = createAccountsService(platform);
  const definition: ModuleDefinition = {
    name: 'accounts',
    catalogue: accountsCatalogue,
    routes: accountsRoutes(service),
  };
  return { service, definition };
}
