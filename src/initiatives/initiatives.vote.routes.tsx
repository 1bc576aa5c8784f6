/** The optional public vote of a call: anyone sees it, a signed-in person gives points. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseForm } from '../platform/forms/forms.ts';
import { BadRequestError } from '../platform/http/errors.ts';
import type { FollowUpService } from './initiatives.committee.service.ts';
import { VotePage } from './initiatives.vote.views.tsx';

const slug = (req: FastifyRequest) => String((req.params as { slug?: string }).slug ?? '').slice(0, 100);
const pointSchema = z.object({ application_id: z.string().trim().min(1).max(100), action: z.enum(['add', 'remove']) });

export function initiativesVoteRoutes(service: FollowUpService): FastifyPluginAsync {
  const v = service.vote;
  return async (app) => {
    app.get('/initiatives/:slug/vote', { config: { access: 'public' } }, async (req, reply) => reply.html(<VotePage ctx={req.ctx} vm={await v.ballot(slug(req), req.user)} />));

    app.post('/initiatives/:slug/vote', { config: { access: 'signed-in' } }, async (req, reply) => {
      const parsed = parseForm(pointSchema, req.body);
      if (!parsed.ok) throw new BadRequestError();
      await v.givePoint(slug(req), req.user!, parsed.data.application_id, parsed.data.action === 'remove');
      return reply.flashRedirect(
        `/initiatives/${slug(req)}/vote#vote-${parsed.data.application_id}`,
        parsed.data.action === 'remove' ? 'initiatives.publicVote.removed' : 'initiatives.publicVote.given',
      );
    });
  };
}
