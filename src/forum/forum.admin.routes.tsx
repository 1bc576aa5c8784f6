import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, BadRequestError, ConflictError } from '../platform/http/errors.ts';
import { parseForm, type FieldErrors, type FormValues } from '../platform/forms/forms.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import type { Forum } from './forum.service.ts';
import { forumListItem } from './forum.read.ts';
import * as s from './forum.schema.ts';
import type { ActionStatus, ForumPhase } from './forum.tables.ts';
import { AdminForumPage, AdminListPage } from './forum.admin.views.tsx';
import { parseCell, refusalOn, type ForumRouteDeps } from './forum.http.ts';
import { controlRoutes } from './forum.control.routes.tsx';
import { followUpRoutes } from './forum.followup.routes.tsx';

const animator = { config: { access: 'animator' as const } };

/** Where a refusal of the creation form belongs. */
const CREATE_FIELDS = {
  'forum.form.slots': 'slots',
  'forum.form.slotLine': 'slots',
  'forum.form.spaces': 'spaces',
  'forum.form.spaceLine': 'spaces',
  'forum.form.slugTaken': 'slug',
  'forum.form.event': 'event',
};

/** The facilitator's pages: creating a forum, and running its day from one dashboard. */
export function adminRoutes(deps: ForumRouteDeps): FastifyPluginAsync {
  const { service, reader } = deps;
  return async (app) => {
    // The facilitator's control of the day, and what participants correct and carry themselves (issue 12).
    await app.register(controlRoutes(deps));
    await app.register(followUpRoutes(deps));
    // Animator routes only: the access rule has already turned away anyone else.
    const userOf = (req: FastifyRequest) => req.user as CurrentUser;
    const staff = (req: FastifyRequest) => ({ participant: null, user: req.user });
    const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;
    const themeOf = (req: FastifyRequest) => (req.params as { tid: string }).tid;

    app.get('/admin/forums', animator, async (req, reply) => {
      const forums = await service.list();
      return reply.html(<AdminListPage ctx={req.ctx} forums={forums.map((f) => forumListItem(f, req.lang))} />);
    });

    app.post('/admin/forums', animator, async (req, reply) => {
      const form = parseForm(s.createForumSchema, req.body);
      const forums = (await service.list()).map((f) => forumListItem(f, req.lang));
      if (!form.ok) return reply.html(<AdminListPage ctx={req.ctx} forums={forums} errors={form.errors} values={form.values} />, 400);
      try {
        const forum = await service.create(form.data, req.user);
        return reply.flashRedirect(`/admin/forums/${forum.id}`, 'forum.admin.created');
      } catch (err) {
        if (err instanceof AppError && err.status < 500) {
          return reply.html(<AdminListPage ctx={req.ctx} forums={forums} errors={refusalOn(err, CREATE_FIELDS)} values={form.values} />, err.status);
        }
        throw err;
      }
    });

    async function renderAdmin(req: FastifyRequest, reply: FastifyReply, forum: Forum, extra: { notice?: string; errors?: FieldErrors; values?: FormValues; status?: number } = {}) {
      const [state, actions, clusters, writing] = await Promise.all([
        reader.wallState(forum),
        reader.actionViews(forum),
        reader.clusters(forum),
        forum.phase === 'convergence' ? service.reportsBeingWritten(forum) : [],
      ]);
      const joinUrl = `${req.ctx.publicUrl}/forums/${forum.slug}/participer?code=${forum.join_code}`;
      return reply.html(<AdminForumPage ctx={req.ctx} state={state} actions={actions} clusters={clusters} joinUrl={joinUrl} writing={writing} {...extra} />, extra.status ?? 200);
    }

    /** Facilitator actions: a refusal re-renders the dashboard with the reason. */
    async function adminAction(req: FastifyRequest, reply: FastifyReply, run: (forum: Forum) => Promise<unknown>, flash = 'forum.admin.saved') {
      const forum = await service.byId(idOf(req));
      try {
        await run(forum);
      } catch (err) {
        if (err instanceof AppError && err.status < 500 && err.status !== 404) {
          return renderAdmin(req, reply, await service.byId(forum.id), { notice: req.t(err.messageKey, err.params), status: err.status });
        }
        throw err;
      }
      if (req.headers.accept === 'application/json') return reply.send({ ok: true });
      return reply.flashRedirect(`/admin/forums/${forum.id}`, flash);
    }

    app.get('/admin/forums/:id', animator, async (req, reply) => {
      const q = req.query as { places?: string; restants?: string };
      const count = (v: string | undefined) => (v && /^\d{1,5}$/.test(v) ? Number(v) : null);
      const placed = count(q.places);
      const unplaced = count(q.restants);
      const notice = placed !== null && unplaced !== null ? req.t('forum.place.autoDone', { placed, unplaced }) : undefined;
      return renderAdmin(req, reply, await service.byId(idOf(req)), { notice });
    });

    app.post('/admin/forums/:id/phase', animator, (req, reply) =>
      adminAction(req, reply, (forum) => {
        const parsed = s.phaseSchema.safeParse(req.body ?? {});
        if (!parsed.success) throw new BadRequestError();
        return service
          .checkClosing(forum, parsed.data.to as ForumPhase, (req.body as { confirm?: unknown }).confirm === '1')
          .then(() => service.setPhase(forum, userOf(req), parsed.data.from as ForumPhase, parsed.data.to as ForumPhase));
      }),
    );

    app.post('/admin/forums/:id/themes', animator, async (req, reply) => {
      const forum = await service.byId(idOf(req));
      const form = parseForm(s.themeSchema, req.body);
      if (!form.ok) return renderAdmin(req, reply, forum, { errors: form.errors, values: form.values, status: 400 });
      return adminAction(req, reply, (f) => service.proposeTheme(f, staff(req), form.data));
    });

    app.post('/admin/forums/:id/themes/:tid', animator, (req, reply) =>
      adminAction(req, reply, (forum) => {
        const parsed = s.themeSchema.pick({ title: true, description: true }).safeParse(req.body ?? {});
        if (!parsed.success) throw new BadRequestError('forum.admin.invalidTheme');
        return service.editTheme(forum, userOf(req), themeOf(req), parsed.data);
      }),
    );

    app.post('/admin/forums/:id/themes/:tid/micro', animator, (req, reply) => adminAction(req, reply, (forum) => service.queueForMic(forum, staff(req), themeOf(req), false)));

    app.post('/admin/forums/:id/themes/:tid/placer', animator, (req, reply) =>
      adminAction(req, reply, (forum) => service.placeTheme(forum, staff(req), themeOf(req), parseCell((req.body as { cell?: string })?.cell)), 'forum.place.done'),
    );

    // Redirects after the POST (a reload does not place again); the counts go in the address, shown once.
    app.post('/admin/forums/:id/placement-auto', animator, async (req, reply) => {
      const forum = await service.byId(idOf(req));
      try {
        const result = await service.placeAutomatically(forum, userOf(req));
        return reply.redirect(`/admin/forums/${forum.id}?places=${result.placed}&restants=${result.unplaced}#agenda`, 303);
      } catch (err) {
        if (err instanceof AppError && err.status < 500) return renderAdmin(req, reply, forum, { notice: req.t(err.messageKey), status: err.status });
        throw err;
      }
    });

    app.post('/admin/forums/:id/fusion', animator, (req, reply) =>
      adminAction(
        req,
        reply,
        (forum) => {
          const parsed = s.mergeSchema.safeParse(req.body ?? {});
          if (!parsed.success) throw new BadRequestError();
          return service.mergeThemes(forum, userOf(req), parsed.data.from, parsed.data.into);
        },
        'forum.merge.done',
      ),
    );

    for (const url of ['/admin/forums/:id/clusters', '/admin/forums/:id/clusters/:cid']) {
      app.post(url, animator, (req, reply) =>
        adminAction(req, reply, (forum) => {
          const parsed = s.clusterSchema.safeParse(req.body ?? {});
          if (!parsed.success) throw new BadRequestError('forum.cluster.invalid');
          return service.saveCluster(forum, userOf(req), (req.params as { cid?: string }).cid ?? null, parsed.data);
        }),
      );
    }

    app.post('/admin/forums/:id/actes', animator, (req, reply) =>
      adminAction(
        req,
        reply,
        async (forum) => {
          if (forum.phase !== 'closed' && forum.phase !== 'followup') throw new ConflictError('forum.refused.proceedings');
          const model = await reader.proceedings(forum, req.t, req.lang);
          return service.publishProceedings(forum, userOf(req), model);
        },
        'forum.proceedings.published',
      ),
    );

    app.post('/admin/forums/:id/actions/:aid/suivi', animator, (req, reply) =>
      adminAction(req, reply, (forum) => {
        const parsed = s.followUpSchema.safeParse(req.body ?? {});
        if (!parsed.success) throw new BadRequestError();
        return service.followUp(forum, staff(req), (req.params as { aid: string }).aid, { ...parsed.data, status: parsed.data.status as ActionStatus });
      }),
    );
  };
}
