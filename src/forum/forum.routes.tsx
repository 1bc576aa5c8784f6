import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { can } from '../platform/http/access.ts';
import { AppError, BadRequestError, ConflictError, NotFoundError } from '../platform/http/errors.ts';
import type { EventStreams } from '../platform/live/sse.ts';
import { formatDate, parisDay } from '../platform/format.ts';
import type { ForumService, Forum, Actor } from './forum.service.ts';
import type { ForumReader } from './forum.read.ts';
import type { WallFeed } from './forum.live.ts';
import * as s from './forum.schema.ts';
import { REPORT_SECTIONS, type ActionStatus, type ForumPhase, type ReportSection } from './forum.tables.ts';
import * as v from './forum.views.tsx';
import { slotText } from './forum.views.tsx';

const assetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');
const ASSETS = new Set(['wall.js', 'participant.js', 'report.js', 'agenda.js', 'live.js']);

const cookieName = (forum: Forum) => `forum_${forum.id}`;

export function forumRoutes(service: ForumService, reader: ForumReader, feed: WallFeed, live: EventStreams): FastifyPluginAsync {
  return async (app) => {
    const secure = (req: FastifyRequest) => req.ctx.publicUrl.startsWith('https://');

    async function actorOf(req: FastifyRequest, forum: Forum): Promise<Actor> {
      const participant = await service.participantFromCookie(forum, req.cookies[cookieName(forum)]);
      return { participant, user: req.user };
    }

    function setParticipantCookie(req: FastifyRequest, reply: FastifyReply, forum: Forum, token: string) {
      reply.setCookie(cookieName(forum), token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(req), maxAge: 180 * 86400 });
    }

    const listItem = (f: Forum, lang: 'fr' | 'en') => ({
      id: f.id,
      slug: f.slug,
      title: f.title,
      question: f.question,
      date: formatDate(`${f.starts_on}T12:00:00Z`, lang),
      place: f.place,
      phase: f.phase,
      past: f.starts_on < parisDay(new Date()) || f.phase === 'closed' || f.phase === 'followup',
    });

    async function participantModel(forum: Forum, actor: Actor): Promise<v.ParticipantModel> {
      const p = actor.participant!;
      const [state, actions, mine] = await Promise.all([reader.wallState(forum), reader.actionViews(forum), reader.participantState(p.id)]);
      return { state, me: { id: p.id, name: p.name }, ...mine, actions, facilitator: can.animate(actor.user) };
    }

    async function renderParticipant(
      req: FastifyRequest,
      reply: FastifyReply,
      forum: Forum,
      actor: Actor,
      extra: { errors?: Record<string, string>; values?: Record<string, string>; notice?: string; status?: number } = {},
    ) {
      const m = await participantModel(forum, actor);
      return reply.html(<v.ParticipantPage ctx={req.ctx} m={m} errors={extra.errors} values={extra.values} notice={extra.notice} />, extra.status ?? 200);
    }

    /** Participant actions: a refused one re-renders the page with the reason instead of an error page. */
    async function participantAction(req: FastifyRequest, reply: FastifyReply, run: (forum: Forum, actor: Actor) => Promise<unknown>, back?: (forum: Forum) => string) {
      const forum = await service.bySlug((req.params as { slug: string }).slug);
      const actor = await actorOf(req, forum);
      if (!actor.participant && !can.animate(req.user)) return reply.redirect(`/forums/${forum.slug}/participer`, 303);
      try {
        await run(forum, actor);
      } catch (err) {
        if (err instanceof AppError && err.status < 500 && err.status !== 404 && actor.participant) {
          const fresh = await service.bySlug(forum.slug);
          return renderParticipant(req, reply, fresh, actor, { notice: req.t(err.messageKey, err.params), status: err.status });
        }
        throw err;
      }
      return reply.redirect(back ? back(forum) : `/forums/${forum.slug}/participer`, 303);
    }

    // ---- static islands ----------------------------------------------------
    app.get('/static/forum/:file', { config: { access: 'public' } }, async (req, reply) => {
      const { file } = req.params as { file: string };
      if (!ASSETS.has(file)) throw new NotFoundError();
      const body = await fs.promises.readFile(path.join(assetsDir, file));
      return reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(body);
    });

    // ---- public pages --------------------------------------------------------
    app.get('/forums', { config: { access: 'public' } }, async (req, reply) => {
      const forums = await service.list();
      return reply.html(<v.ForumListPage ctx={req.ctx} forums={forums.map((f) => listItem(f, req.lang))} />);
    });

    app.get('/forums/:slug', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug((req.params as { slug: string }).slug);
      const actor = await actorOf(req, forum);
      const [state, actions, structure] = await Promise.all([reader.wallState(forum), reader.actionViews(forum), service.structure(forum)]);
      return reply.html(
        <v.ForumPage ctx={req.ctx} state={state} actions={actions} participant={actor.participant} facilitator={can.animate(req.user)} facilitators={structure.facilitators.map((f) => f.name)} />,
      );
    });

    app.get('/forums/:slug/participer', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug((req.params as { slug: string }).slug);
      const q = req.query as { inscription?: string; code?: string };
      let registrationLinkInvalid = false;
      if (q.inscription) {
        const joined = await service.joinWithRegistration(forum, String(q.inscription).slice(0, 200));
        if (joined) {
          setParticipantCookie(req, reply, forum, joined.token);
          return reply.redirect(`/forums/${forum.slug}/participer`, 303);
        }
        registrationLinkInvalid = true;
      }
      const actor = await actorOf(req, forum);
      if (actor.participant) return renderParticipant(req, reply, forum, actor);
      const summary = await reader.summary(forum);
      return reply.html(
        <v.JoinPage ctx={req.ctx} forum={summary} values={{ code: q.code ? String(q.code).slice(0, 20) : '', name: req.user?.name ?? '' }} registrationLinkInvalid={registrationLinkInvalid} />,
      );
    });

    app.post('/forums/:slug/participer', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug((req.params as { slug: string }).slug);
      const body = (req.body ?? {}) as Record<string, string>;
      const parsed = s.joinSchema.safeParse(body);
      const values = { code: String(body.code ?? ''), name: String(body.name ?? ''), organisation: String(body.organisation ?? '') };
      const summary = await reader.summary(forum);
      if (!parsed.success) return reply.html(<v.JoinPage ctx={req.ctx} forum={summary} errors={s.fieldErrors(parsed.error, req.t)} values={values} />, 400);
      try {
        const { token } = await service.join(forum, parsed.data, req.user);
        setParticipantCookie(req, reply, forum, token);
      } catch (err) {
        if (err instanceof AppError && err.status < 500) {
          const field = err.messageKey === 'forum.join.badCode' ? 'code' : '_';
          return reply.html(<v.JoinPage ctx={req.ctx} forum={summary} errors={{ [field]: req.t(err.messageKey) }} values={values} />, err.status);
        }
        throw err;
      }
      return reply.flashRedirect(`/forums/${forum.slug}/participer`, 'forum.join.welcome');
    });

    app.post('/forums/:slug/themes', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug((req.params as { slug: string }).slug);
      const actor = await actorOf(req, forum);
      if (!actor.participant) return reply.redirect(`/forums/${forum.slug}/participer`, 303);
      const body = (req.body ?? {}) as Record<string, string>;
      const parsed = s.themeSchema.safeParse(body);
      const values = { title: String(body.title ?? ''), description: String(body.description ?? ''), queue: body.queue ? '1' : '' };
      if (!parsed.success) return renderParticipant(req, reply, forum, actor, { errors: s.fieldErrors(parsed.error, req.t), values, status: 400 });
      try {
        await service.proposeTheme(forum, actor, { ...parsed.data, convener: '' });
      } catch (err) {
        if (err instanceof AppError && err.status < 500) return renderParticipant(req, reply, forum, actor, { notice: req.t(err.messageKey, err.params), values, status: err.status });
        throw err;
      }
      return reply.flashRedirect(`/forums/${forum.slug}/participer`, 'forum.propose.done');
    });

    app.post('/forums/:slug/themes/:id/interet', { config: { access: 'public' } }, (req, reply) =>
      participantAction(req, reply, (forum, actor) => service.toggleInterest(forum, actor, (req.params as { id: string }).id)),
    );

    app.post('/forums/:slug/themes/:id/micro', { config: { access: 'public' } }, (req, reply) =>
      participantAction(req, reply, (forum, actor) => service.queueForMic(forum, actor, (req.params as { id: string }).id, (req.body as { queued?: string })?.queued === '1')),
    );

    app.post('/forums/:slug/themes/:id/placer', { config: { access: 'public' } }, (req, reply) =>
      participantAction(req, reply, (forum, actor) => service.placeTheme(forum, actor, (req.params as { id: string }).id, parseCell((req.body as { cell?: string })?.cell))),
    );

    app.post('/forums/:slug/themes/:id/rejoindre', { config: { access: 'public' } }, (req, reply) =>
      participantAction(req, reply, (forum, actor) => service.joinGroup(forum, actor, (req.params as { id: string }).id)),
    );

    app.post('/forums/:slug/groupe/quitter', { config: { access: 'public' } }, (req, reply) => participantAction(req, reply, (forum, actor) => service.joinGroup(forum, actor, null)));

    app.post('/forums/:slug/votes', { config: { access: 'public' } }, (req, reply) =>
      participantAction(req, reply, (forum, actor) => {
        const parsed = s.voteSchema.safeParse(req.body ?? {});
        if (!parsed.success) throw new BadRequestError();
        return service.vote(forum, actor, parsed.data.action, parsed.data.remove === '1');
      }),
    );

    // ---- theme page and report ---------------------------------------------------
    async function renderTheme(
      req: FastifyRequest,
      reply: FastifyReply,
      forum: Forum,
      themeId: string,
      extra: { conflict?: v.ConflictModel; errors?: Record<string, string>; values?: Record<string, string>; status?: number; saved?: boolean } = {},
    ) {
      const actor = await actorOf(req, forum);
      const [cards, report, summary, state] = await Promise.all([reader.themeCards(forum, [themeId]), reader.report(forum, themeId), reader.summary(forum), reader.wallState(forum)]);
      const theme = cards[0];
      if (!theme) {
        // A merged theme sends its old links to the theme it was merged into.
        const merged = await reader.mergedInto(forum, themeId);
        if (merged) return reply.redirect(`/forums/${forum.slug}/themes/${merged}`, 303);
        throw new NotFoundError();
      }
      const slot = state.slots.find((x) => x.id === theme.slotId);
      const space = state.spaces.find((x) => x.id === theme.spaceId);
      const writer = !!actor.participant || can.animate(req.user);
      return reply.html(
        <v.ThemePage
          ctx={req.ctx}
          forum={summary}
          theme={theme}
          where={slot && space ? `${slotText(slot, req.ctx)} · ${space.name}` : ''}
          report={report}
          canWrite={writer && (forum.phase === 'sessions' || forum.phase === 'convergence')}
          canComment={writer && (forum.phase === 'sessions' || forum.phase === 'convergence' || forum.phase === 'closed')}
          conflict={extra.conflict}
          errors={extra.errors}
          values={extra.values}
          saved={extra.saved}
        />,
        extra.status ?? 200,
      );
    }

    app.get('/forums/:slug/themes/:id', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug((req.params as { slug: string }).slug);
      return renderTheme(req, reply, forum, (req.params as { id: string }).id, { saved: (req.query as { enregistre?: string }).enregistre === '1' });
    });

    app.post('/forums/:slug/themes/:id/compte-rendu/:section', { config: { access: 'public' } }, async (req, reply) => {
      const { slug, id, section } = req.params as { slug: string; id: string; section: string };
      const forum = await service.bySlug(slug);
      if (!(REPORT_SECTIONS as readonly string[]).includes(section)) throw new NotFoundError();
      const actor = await actorOf(req, forum);
      const parsed = s.sectionSchema.safeParse(req.body ?? {});
      const json = req.headers.accept === 'application/json';
      if (!parsed.success) {
        if (json) return reply.code(400).send({ ok: false, error: s.fieldErrors(parsed.error, req.t).body ?? req.t('form.invalid') });
        return renderTheme(req, reply, forum, id, { status: 400, conflict: undefined, errors: s.fieldErrors(parsed.error, req.t) });
      }
      const result = await service.saveSection(forum, actor, id, section as ReportSection, parsed.data.version, parsed.data.body);
      if (json) {
        return result.ok
          ? reply.send({ ok: true, version: result.version })
          : reply.code(409).send({
              ok: false,
              conflict: true,
              message: req.t('forum.conflict.text', { who: result.current.by ?? '?' }),
              theirs: result.current.body,
              version: result.current.version,
              mine: result.mine,
            });
      }
      if (!result.ok) {
        return renderTheme(req, reply, forum, id, {
          status: 409,
          conflict: { section: section as ReportSection, mine: result.mine, theirs: result.current.body, theirsBy: result.current.by, version: result.current.version },
        });
      }
      return reply.redirect(`/forums/${forum.slug}/themes/${id}?enregistre=1#section-${section}`, 303);
    });

    app.post('/forums/:slug/themes/:id/actions', { config: { access: 'public' } }, async (req, reply) => {
      const { slug, id } = req.params as { slug: string; id: string };
      const forum = await service.bySlug(slug);
      const actor = await actorOf(req, forum);
      const body = (req.body ?? {}) as Record<string, string>;
      const parsed = s.actionSchema.safeParse(body);
      if (!parsed.success) return renderTheme(req, reply, forum, id, { status: 400, errors: s.fieldErrors(parsed.error, req.t), values: body });
      await service.addAction(forum, actor, id, parsed.data);
      return reply.redirect(`/forums/${forum.slug}/themes/${id}#plan-title`, 303);
    });

    app.post('/forums/:slug/themes/:id/commentaires', { config: { access: 'public' } }, async (req, reply) => {
      const { slug, id } = req.params as { slug: string; id: string };
      const forum = await service.bySlug(slug);
      const actor = await actorOf(req, forum);
      const parsed = s.commentSchema.safeParse(req.body ?? {});
      if (!parsed.success) return renderTheme(req, reply, forum, id, { status: 400, errors: s.fieldErrors(parsed.error, req.t) });
      await service.addComment(forum, actor, id, parsed.data.body);
      return reply.redirect(`/forums/${forum.slug}/themes/${id}#comments-title`, 303);
    });

    // ---- wall and live stream ------------------------------------------------------
    app.get('/forums/:slug/mur', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug((req.params as { slug: string }).slug);
      const state = await reader.wallState(forum);
      const joinUrl = `${req.ctx.publicUrl}/forums/${forum.slug}/participer?code=${forum.join_code}`;
      const qrSvg = await QRCode.toString(joinUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1, color: { dark: '#000000', light: '#ffffff' } });
      return reply.html(<v.WallPage ctx={req.ctx} state={state} qrSvg={qrSvg} joinUrl={joinUrl.replace(/^https?:\/\//, '')} />);
    });

    app.get('/forums/:slug/qr.svg', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug((req.params as { slug: string }).slug);
      const joinUrl = `${req.ctx.publicUrl}/forums/${forum.slug}/participer?code=${forum.join_code}`;
      const svg = await QRCode.toString(joinUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
      return reply.type('image/svg+xml').send(svg);
    });

    app.get('/forums/:slug/flux', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug((req.params as { slug: string }).slug);
      // On every (re)connection the whole wall: whatever was missed during a network loss is caught up.
      await live.open(req, reply, {
        channels: feed.channels(forum.id),
        toEvent: (change) => feed.toEvent(forum.id, change),
        snapshot: () => feed.snapshot(forum.id),
      });
    });

    // ---- proceedings ------------------------------------------------------------------
    app.get('/forums/:slug/actes', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug((req.params as { slug: string }).slug);
      if (!forum.proceedings_published_at && !can.animate(req.user)) throw new NotFoundError();
      const m = await reader.proceedings(forum, req.t, req.lang);
      return reply.html(<v.ProceedingsPage ctx={req.ctx} slug={forum.slug} m={m} />);
    });

    app.get('/forums/:slug/actes.pdf', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug((req.params as { slug: string }).slug);
      const stored = await service.proceedingsPdf(forum);
      if (!stored) throw new NotFoundError();
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="actes-${forum.slug}.pdf"`)
        .header('last-modified', new Date(stored.generatedAt).toUTCString())
        .send(stored.pdf);
    });

    // ---- facilitator ---------------------------------------------------------------------
    const animator = { config: { access: 'animator' as const } };

    app.get('/admin/forums', animator, async (req, reply) => {
      const forums = await service.list();
      return reply.html(<v.AdminListPage ctx={req.ctx} forums={forums.map((f) => listItem(f, req.lang))} />);
    });

    app.post('/admin/forums', animator, async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, string>;
      const parsed = s.createForumSchema.safeParse(body);
      const forums = (await service.list()).map((f) => listItem(f, req.lang));
      if (!parsed.success) return reply.html(<v.AdminListPage ctx={req.ctx} forums={forums} errors={s.fieldErrors(parsed.error, req.t)} values={body} />, 400);
      try {
        const forum = await service.create(parsed.data, req.user);
        return reply.flashRedirect(`/admin/forums/${forum.id}`, 'forum.admin.created');
      } catch (err) {
        if (err instanceof AppError && err.status < 500) {
          const field = ({ 'forum.form.slots': 'slots', 'forum.form.spaces': 'spaces', 'forum.form.slugTaken': 'slug', 'forum.form.event': 'event' } as Record<string, string>)[err.messageKey] ?? '_';
          return reply.html(<v.AdminListPage ctx={req.ctx} forums={forums} errors={{ [field]: req.t(err.messageKey) }} values={body} />, err.status);
        }
        throw err;
      }
    });

    async function renderAdmin(
      req: FastifyRequest,
      reply: FastifyReply,
      forum: Forum,
      extra: { notice?: string; errors?: Record<string, string>; values?: Record<string, string>; status?: number } = {},
    ) {
      const [state, actions, clusters] = await Promise.all([reader.wallState(forum), reader.actionViews(forum), reader.clusters(forum)]);
      return reply.html(<v.AdminForumPage ctx={req.ctx} state={state} actions={actions} clusters={clusters} {...extra} />, extra.status ?? 200);
    }

    /** Facilitator actions: a refusal re-renders the dashboard with the reason. */
    async function adminAction(req: FastifyRequest, reply: FastifyReply, run: (forum: Forum) => Promise<unknown>, flash = 'forum.admin.saved') {
      const forum = await service.byId((req.params as { id: string }).id);
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

    app.get('/admin/forums/:id', animator, async (req, reply) => renderAdmin(req, reply, await service.byId((req.params as { id: string }).id)));

    app.post('/admin/forums/:id/phase', animator, (req, reply) =>
      adminAction(req, reply, (forum) => {
        const parsed = s.phaseSchema.safeParse(req.body ?? {});
        if (!parsed.success) throw new BadRequestError();
        return service.setPhase(forum, req.user!, parsed.data.from as ForumPhase, parsed.data.to as ForumPhase);
      }),
    );

    app.post('/admin/forums/:id/themes', animator, async (req, reply) => {
      const forum = await service.byId((req.params as { id: string }).id);
      const body = (req.body ?? {}) as Record<string, string>;
      const parsed = s.themeSchema.safeParse(body);
      if (!parsed.success) return renderAdmin(req, reply, forum, { errors: s.fieldErrors(parsed.error, req.t), values: body, status: 400 });
      return adminAction(req, reply, (f) => service.proposeTheme(f, { participant: null, user: req.user }, parsed.data));
    });

    app.post('/admin/forums/:id/themes/:tid', animator, (req, reply) =>
      adminAction(req, reply, (forum) => {
        const parsed = s.themeSchema.pick({ title: true, description: true }).safeParse(req.body ?? {});
        if (!parsed.success) throw new BadRequestError('forum.admin.invalidTheme');
        return service.editTheme(forum, req.user!, (req.params as { tid: string }).tid, parsed.data);
      }),
    );

    app.post('/admin/forums/:id/themes/:tid/micro', animator, (req, reply) =>
      adminAction(req, reply, (forum) => service.queueForMic(forum, { participant: null, user: req.user }, (req.params as { tid: string }).tid, false)),
    );

    app.post('/admin/forums/:id/themes/:tid/placer', animator, (req, reply) =>
      adminAction(
        req,
        reply,
        (forum) => service.placeTheme(forum, { participant: null, user: req.user }, (req.params as { tid: string }).tid, parseCell((req.body as { cell?: string })?.cell)),
        'forum.place.done',
      ),
    );

    app.post('/admin/forums/:id/placement-auto', animator, async (req, reply) => {
      const forum = await service.byId((req.params as { id: string }).id);
      try {
        const result = await service.placeAutomatically(forum, req.user!);
        return renderAdmin(req, reply, await service.byId(forum.id), { notice: req.t('forum.place.autoDone', result) });
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
          return service.mergeThemes(forum, req.user!, parsed.data.from, parsed.data.into);
        },
        'forum.merge.done',
      ),
    );

    for (const url of ['/admin/forums/:id/clusters', '/admin/forums/:id/clusters/:cid']) {
      app.post(url, animator, (req, reply) =>
        adminAction(req, reply, (forum) => {
          const parsed = s.clusterSchema.safeParse(req.body ?? {});
          if (!parsed.success) throw new BadRequestError('forum.cluster.invalid');
          return service.saveCluster(forum, req.user!, (req.params as { cid?: string }).cid ?? null, parsed.data);
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
          return service.publishProceedings(forum, req.user!, model);
        },
        'forum.proceedings.published',
      ),
    );

    app.post('/admin/forums/:id/actions/:aid/suivi', animator, (req, reply) =>
      adminAction(req, reply, (forum) => {
        const parsed = s.followUpSchema.safeParse(req.body ?? {});
        if (!parsed.success) throw new BadRequestError();
        return service.followUp(forum, { participant: null, user: req.user }, (req.params as { aid: string }).aid, { ...parsed.data, status: parsed.data.status as ActionStatus });
      }),
    );
  };
}

function parseCell(cell: unknown): { slotId: string; spaceId: string } | null {
  if (typeof cell !== 'string' || !cell.includes('|')) return null;
  const [slotId, spaceId] = cell.split('|');
  return slotId && spaceId ? { slotId, spaceId } : null;
}
