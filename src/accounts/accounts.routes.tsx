import type { FastifyPluginAsync } from 'fastify';
import { SESSION_COOKIE } from '../platform/http/server.ts';
import type { AccountsService } from './accounts.service.ts';

export function accountsRoutes(_accounts: AccountsService): FastifyPluginAsync {
  return async (app) => {
    app.post('/deconnexion', { config: { access: 'public' } }, async (req, reply) => {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.flashRedirect('/', 'accounts.signedOut');
    });
  };
}
