/** A reviewer's routes: any signed-in person assigned to a file (committee members may have no other role). */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { fieldMessage, parseForm, type FieldErrors } from '../platform/forms/forms.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { conflictSchema } from './initiatives.schema.ts';
import type { InitiativesService } from './initiatives.service.ts';
import { ReviewerPage, ReviewsPage } from './initiatives.reviewer.views.tsx';

const param = (req: FastifyRequest) => String((req.params as { id?: string }).id ?? '').slice(0, 100);
const signedIn = { config: { access: 'signed-in' as const } };

export function initiativesReviewRoutes(service: InitiativesService): FastifyPluginAsync {
  async function view(req: FastifyRequest) {
    const vm = await service.reviewerView(req.user!, param(req));
    if (!vm) throw new NotFoundError();
    return vm;
  }
  return async (app) => {
    app.get('/initiatives/evaluations', signedIn, async (req, reply) => reply.html(<ReviewsPage ctx={req.ctx} rows={await service.myReviews(req.user!.id)} />));

    app.get('/initiatives/evaluations/:id', signedIn, async (req, reply) => reply.html(<ReviewerPage ctx={req.ctx} vm={await view(req)} />));

    app.post('/initiatives/evaluations/:id/declaration', signedIn, async (req, reply) => {
      const vm = await view(req);
      const parsed = parseForm(conflictSchema, req.body);
      if (!parsed.ok) return reply.html(<ReviewerPage ctx={req.ctx} vm={vm} values={parsed.values} errors={parsed.errors} />, 400);
      await service.declare(req.user!, vm.reviewer.id, parsed.data.declaration, parsed.data.note);
      return reply.flashRedirect(`/initiatives/evaluations/${vm.reviewer.id}`, parsed.data.declaration === 'recused' ? 'initiatives.conflict.recusedFlash' : 'initiatives.conflict.declaredFlash');
    });

    app.post('/initiatives/evaluations/:id/notes', signedIn, async (req, reply) => {
      const vm = await view(req);
      if (!vm.file) throw new NotFoundError();
      const body = (req.body ?? {}) as Record<string, unknown>;
      const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
      const scores = Object.fromEntries(vm.file.criteria.map((c) => [c.id, { score: str(`score_${c.id}`), comment: str(`comment_${c.id}`) }]));
      const { missing } = await service.saveScores(req.user!, vm.reviewer.id, scores, str('comment'));
      if (missing.length) {
        const errors: FieldErrors = Object.fromEntries(missing.map((id) => [`score_${id}`, fieldMessage('initiatives.grid.invalid', { max: vm.file!.criteria.find((c) => c.id === id)!.max_score })]));
        const values = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf'));
        return reply.html(<ReviewerPage ctx={req.ctx} vm={await view(req)} values={values} errors={errors} />, 400);
      }
      return reply.flashRedirect(`/initiatives/evaluations/${vm.reviewer.id}`, 'initiatives.grid.saved');
    });
  };
}
