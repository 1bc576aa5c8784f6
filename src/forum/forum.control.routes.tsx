import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import type { z } from 'zod';
import { AppError, BadRequestError, NotFoundError } from '../platform/http/errors.ts';
import { parseForm, type FieldErrors, type FormValues } from '../platform/forms/forms.ts';
import type { Forum } from './forum.service.ts';
import * as c from './forum.control.schema.ts';
import { exportTable, toCsv, toXlsx } from './forum.exports.ts';
import { agendaPdf, posterPdf, signsPdf, type PrintModel } from './forum.print.ts';
import { hourText } from './forum.rules.ts';
import { slotLines, spaceLines } from './forum.structure.ts';
import { formatLongDate } from '../platform/format.ts';
import { refusalOn, type ForumRouteDeps } from './forum.http.ts';
import { ModerationPage } from './forum.moderation.views.tsx';
import { RosterPage, rosterRows } from './forum.roster.views.tsx';
import { PrintPage, StructurePage } from './forum.print.views.tsx';
import { DashboardLive } from './forum.admin.views.tsx';
import type { ActionStatus } from './forum.tables.ts';
import * as repo from './forum.repo.ts';

const animator = { config: { access: 'animator' as const } };

/** Where a refusal of the structure form belongs. */
const STRUCTURE_FIELDS = { 'forum.form.slotLine': 'slots', 'forum.structure.slotInUse': 'slots', 'forum.form.spaceLine': 'spaces', 'forum.structure.spaceInUse': 'spaces' };

/**
 * The facilitator's control of the day (issue 12): moderation and corrections, the roster, the
 * room (timer, announcements), the structure edited after creation, exports and printed pieces,
 * and the dashboard's live parts.
 */
export function controlRoutes({ service, reader }: ForumRouteDeps): FastifyPluginAsync {
  return async (app) => {
    const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;
    const param = (req: FastifyRequest, name: string) => (req.params as Record<string, string>)[name];
    const staff = (req: FastifyRequest) => ({ participant: null, user: req.user });
    const forumOf = (req: FastifyRequest) => service.byId(idOf(req));
    const joinUrlOf = (req: FastifyRequest, forum: Forum) => `${req.ctx.publicUrl}/forums/${forum.slug}/participer?code=${forum.join_code}`;

    /** Parses the form, runs the command, and goes back to `back` with a flash; a refusal is flashed as its message on that page. */
    function act<S extends z.ZodTypeAny>(schema: S, back: (forum: Forum) => string, run: (forum: Forum, data: z.infer<S>, req: FastifyRequest) => Promise<unknown>, flash = 'forum.admin.saved') {
      return async (req: FastifyRequest, reply: FastifyReply) => {
        const forum = await forumOf(req);
        const parsed = schema.safeParse(req.body ?? {});
        if (!parsed.success) throw new BadRequestError('forum.admin.invalidForm');
        try {
          await run(forum, parsed.data, req);
        } catch (err) {
          if (err instanceof AppError && err.status < 500 && err.status !== 404) return reply.flashRedirect(back(forum), err.messageKey);
          throw err;
        }
        return reply.flashRedirect(back(forum), flash);
      };
    }
    const dashboard = (f: Forum) => `/admin/forums/${f.id}`;
    const moderation = (f: Forum) => `/admin/forums/${f.id}/moderation`;
    const roster = (f: Forum) => `/admin/forums/${f.id}/participants`;

    // ---- the live parts of the dashboard ---------------------------------------------
    app.get('/admin/forums/:id/direct', animator, async (req, reply) => {
      const forum = await forumOf(req);
      const state = await reader.wallState(forum);
      return reply.header('cache-control', 'no-store').html(renderToString(<DashboardLive ctx={req.ctx} state={state} />));
    });

    // ---- the room ------------------------------------------------------------------
    app.post(
      '/admin/forums/:id/minuteur',
      animator,
      act(c.timerSchema, dashboard, (f, d, req) => service.startTimer(f, req.user, d), 'forum.room.started'),
    );
    app.post(
      '/admin/forums/:id/minuteur/arret',
      animator,
      act(c.buttonSchema, dashboard, (f, _d, req) => service.stopTimer(f, req.user)),
    );
    app.post(
      '/admin/forums/:id/annonce',
      animator,
      act(c.announceSchema, dashboard, (f, d, req) => service.announce(f, req.user, d.body), 'forum.room.sent'),
    );
    app.post(
      '/admin/forums/:id/annonce/retrait',
      animator,
      act(c.buttonSchema, dashboard, (f, _d, req) => service.withdrawAnnouncement(f, req.user)),
    );

    // ---- moderation --------------------------------------------------------------------
    app.get('/admin/forums/:id/moderation', animator, async (req, reply) => {
      const forum = await forumOf(req);
      const [state, actions, comments, hiddenThemes, hiddenActions, corrections, people] = await Promise.all([
        reader.wallState(forum),
        reader.actionViews(forum),
        repo.listAllComments(service.db, forum.id),
        repo.listHiddenThemes(service.db, forum.id),
        repo.listHiddenActions(service.db, forum.id),
        service.corrections(forum),
        repo.listRoster(service.db, forum.id),
      ]);
      return reply.html(
        <ModerationPage
          ctx={req.ctx}
          state={state}
          actions={actions}
          comments={comments}
          hiddenThemes={hiddenThemes}
          hiddenActions={hiddenActions}
          corrections={corrections}
          people={people.filter((p) => !p.removed_at).map((p) => ({ id: p.id, name: p.name, organisation: p.organisation }))}
        />,
      );
    });
    app.post(
      '/admin/forums/:id/themes/:tid/masquer',
      animator,
      act(c.hideSchema, moderation, (f, d, req) => service.setThemeHidden(f, req.user, param(req, 'tid'), d.hidden === '1')),
    );
    app.post(
      '/admin/forums/:id/themes/:tid/corriger',
      animator,
      act(c.themeEditSchema, moderation, (f, d, req) => service.correctTheme(f, staff(req), param(req, 'tid'), d)),
    );
    app.post(
      '/admin/forums/:id/commentaires/:cid/masquer',
      animator,
      act(c.hideSchema, moderation, (f, d, req) => service.setCommentHidden(f, req.user, param(req, 'cid'), d.hidden === '1')),
    );
    app.post(
      '/admin/forums/:id/commentaires/:cid',
      animator,
      act(c.commentEditSchema, moderation, (f, d, req) => service.correctComment(f, staff(req), param(req, 'cid'), d.body)),
    );
    app.post(
      '/admin/forums/:id/actions/:aid/masquer',
      animator,
      act(c.hideSchema, moderation, (f, d, req) => service.setActionHidden(f, req.user, param(req, 'aid'), d.hidden === '1')),
    );
    app.post(
      '/admin/forums/:id/actions/:aid/corriger',
      animator,
      act(c.actionCorrectSchema, moderation, (f, d, req) => service.correctAction(f, staff(req), param(req, 'aid'), d)),
    );
    app.post(
      '/admin/forums/:id/actions/:aid/porteur',
      animator,
      act(c.ownerSchema, moderation, (f, d, req) => service.assignAction(f, req.user, param(req, 'aid'), d.participant || null)),
    );

    // ---- the roster --------------------------------------------------------------------
    app.get('/admin/forums/:id/participants', animator, async (req, reply) => {
      const forum = await forumOf(req);
      const [rows, expected] = await Promise.all([repo.listRoster(service.db, forum.id), service.expectedRegistrations(forum)]);
      return reply.html(<RosterPage ctx={req.ctx} forum={forum} rows={rosterRows(rows, new Date())} expected={expected} />);
    });
    app.post(
      '/admin/forums/:id/participants/:pid/nom',
      animator,
      act(c.renameSchema, roster, (f, d, req) => service.renameParticipant(f, req.user, param(req, 'pid'), d.name), 'forum.roster.renamed'),
    );
    app.post(
      '/admin/forums/:id/participants/:pid/retrait',
      animator,
      act(c.removeSchema, roster, (f, d, req) => service.setParticipantRemoved(f, req.user, param(req, 'pid'), d.removed === '1')),
    );

    // ---- the structure after creation --------------------------------------------------
    const structureValues = async (forum: Forum): Promise<FormValues> => {
      const { slots, spaces } = await service.structure(forum);
      return { question: forum.question, votes: String(forum.votes_per_person), slots: slotLines(slots, forum.starts_on), spaces: spaceLines(spaces) };
    };
    app.get('/admin/forums/:id/structure', animator, async (req, reply) => {
      const forum = await forumOf(req);
      return reply.html(<StructurePage ctx={req.ctx} forum={forum} values={await structureValues(forum)} />);
    });
    app.post('/admin/forums/:id/structure', animator, async (req, reply) => {
      const forum = await forumOf(req);
      const form = parseForm(c.structureSchema, req.body);
      if (!form.ok) return reply.html(<StructurePage ctx={req.ctx} forum={forum} values={form.values} errors={form.errors} />, 400);
      try {
        await service.editStructure(forum, req.user, form.data);
      } catch (err) {
        if (err instanceof AppError && err.status < 500 && err.status !== 404) {
          const errors: FieldErrors = refusalOn(err, STRUCTURE_FIELDS);
          return reply.html(<StructurePage ctx={req.ctx} forum={forum} values={form.values} errors={errors} />, err.status);
        }
        throw err;
      }
      return reply.flashRedirect(`/admin/forums/${forum.id}`, 'forum.structure.saved');
    });

    // ---- exports and printed pieces ----------------------------------------------------
    app.get('/admin/forums/:id/imprimer', animator, async (req, reply) => {
      const forum = await forumOf(req);
      return reply.html(<PrintPage ctx={req.ctx} forum={forum} joinUrl={joinUrlOf(req, forum)} />);
    });

    app.get('/admin/forums/:id/export/:file', animator, async (req, reply) => {
      const forum = await forumOf(req);
      const m = /^([a-z-]+)\.(csv|xlsx)$/.exec(param(req, 'file'));
      const what = m && (c.EXPORTS as readonly string[]).includes(m[1]) ? (m[1] as c.ExportName) : null;
      if (!m || !what) throw new NotFoundError();
      const rows = await exportTable(service.db, reader, forum, what, req.t, req.lang);
      const name = `${forum.slug}-${what}.${m[2]}`;
      reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');
      if (m[2] === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(rows));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(rows, req.t(`forum.export.${what}`)));
    });

    app.get('/admin/forums/:id/pdf/:file', animator, async (req, reply) => {
      const forum = await forumOf(req);
      const file = param(req, 'file');
      if (!['agenda.pdf', 'panneaux.pdf', 'affiche.pdf'].includes(file)) throw new NotFoundError();
      const model = await printModel(forum, req);
      const pdf = file === 'agenda.pdf' ? await agendaPdf(model) : file === 'panneaux.pdf' ? await signsPdf(model) : await posterPdf(model, joinUrlOf(req, forum), forum.join_code);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${forum.slug}-${file}"`).header('cache-control', 'no-store').send(pdf);
    });

    async function printModel(forum: Forum, req: FastifyRequest): Promise<PrintModel> {
      const state = await reader.wallState(forum);
      const days = new Set(state.slots.map((s) => s.day)).size > 1;
      const t = req.t;
      return {
        title: forum.title,
        question: forum.question,
        date: formatLongDate(`${forum.starts_on}T12:00:00Z`, req.lang),
        place: forum.place,
        labels: {
          agenda: t('forum.print.agenda'),
          slot: t('forum.grid.slot'),
          sign: t('forum.print.signs'),
          free: t('forum.print.free'),
          join: t('forum.wall.join'),
          code: t('forum.join.code'),
          scan: t('forum.print.scan'),
          conveners: t('forum.theme.conveners'),
          page: t('forum.proceedings.page'),
        },
        slots: state.slots.map((s) => ({ id: s.id, label: `${days ? `${s.day} ` : ''}${hourText(s.startsAt, req.lang)}–${hourText(s.endsAt, req.lang)}` })),
        spaces: state.spaces.map((s) => ({ id: s.id, name: s.name, capacity: t('forum.grid.capacity', { n: s.capacity }) })),
        themes: state.themes.map((th) => ({ title: th.title, conveners: th.conveners, slotId: th.slotId, spaceId: th.spaceId })),
      };
    }

    // The follow-up of one action by a facilitator, kept under the dashboard's address.
    app.post(
      '/admin/forums/:id/actions/:aid/statut',
      animator,
      act(c.carriedUpdateSchema, dashboard, (f, d, req) => service.updateCarriedAction(f, staff(req), param(req, 'aid'), { status: d.status as ActionStatus, body: d.body })),
    );
  };
}
