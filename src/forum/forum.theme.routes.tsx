import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../platform/http/access.ts';
import { AppError, NotFoundError } from '../platform/http/errors.ts';
import { parseForm, type FieldErrors, type FormValues } from '../platform/forms/forms.ts';
import type { Forum } from './forum.service.ts';
import * as s from './forum.schema.ts';
import { REPORT_SECTIONS, type ReportSection } from './forum.tables.ts';
import { ThemePage, type ConflictModel, type UnsavedModel } from './forum.theme.views.tsx';
import { slotText } from './forum.ui.tsx';
import { actorOf, refusalOn, slugOf, type ForumRouteDeps } from './forum.http.ts';
import { reportWindow } from './forum.closing.ts';

/** A refusal of the service (phase, rights), told in words: never a bare status or code (0032). */
const refusal = (err: unknown) => (err instanceof AppError && err.status < 500 && err.status !== 404 ? err : null);

/** A theme's page: its report written by the group, the action plan, the comments. */
export function themeRoutes({ service, reader }: ForumRouteDeps): FastifyPluginAsync {
  return async (app) => {
    async function renderTheme(
      req: FastifyRequest,
      reply: FastifyReply,
      forum: Forum,
      themeId: string,
      extra: { conflict?: ConflictModel; unsaved?: UnsavedModel; errors?: FieldErrors; commentErrors?: FieldErrors; values?: FormValues; status?: number; saved?: boolean } = {},
    ) {
      const actor = await actorOf(service, req, forum);
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
      const open = reportWindow(forum);
      return reply.html(
        <ThemePage
          ctx={req.ctx}
          forum={summary}
          theme={theme}
          where={slot && space ? `${slotText(slot, req.ctx)} · ${space.name}` : ''}
          report={report}
          canWrite={writer && open.open}
          graceUntil={writer ? open.graceUntil : null}
          writer={writer}
          phone={!!actor.participant}
          me={actor.participant?.id ?? null}
          canComment={writer && (forum.phase === 'sessions' || forum.phase === 'convergence' || forum.phase === 'closed')}
          conflict={extra.conflict}
          unsaved={extra.unsaved}
          errors={extra.errors}
          commentErrors={extra.commentErrors}
          values={extra.values}
          saved={extra.saved}
        />,
        extra.status ?? 200,
      );
    }

    const paramsOf = (req: FastifyRequest) => req.params as { slug: string; id: string; section?: string };

    app.get('/forums/:slug/themes/:id', { config: { access: 'public' } }, async (req, reply) => {
      const forum = await service.bySlug(slugOf(req));
      return renderTheme(req, reply, forum, paramsOf(req).id, { saved: (req.query as { enregistre?: string }).enregistre === '1' });
    });

    app.post('/forums/:slug/themes/:id/compte-rendu/:section', { config: { access: 'public' } }, async (req, reply) => {
      const { slug, id, section } = paramsOf(req);
      const forum = await service.bySlug(slug);
      if (!(REPORT_SECTIONS as readonly (string | undefined)[]).includes(section)) throw new NotFoundError();
      const actor = await actorOf(service, req, forum);
      const form = parseForm(s.sectionSchema, req.body);
      const json = req.headers.accept === 'application/json';
      if (!form.ok) {
        const body = form.errors.body;
        if (json) return reply.code(400).send({ ok: false, error: body ? req.t(body.key, body.params) : req.t('form.invalid') });
        return renderTheme(req, reply, forum, id, { status: 400, errors: form.errors });
      }
      let result: Awaited<ReturnType<typeof service.saveSection>>;
      try {
        result = await service.saveSection(forum, actor, id, section as ReportSection, form.data.version, form.data.body);
      } catch (err) {
        const refused = refusal(err);
        if (!refused) throw err;
        // The text comes back with the reason: the page keeps it in the field, or in a box to copy once the report is closed.
        const message = req.t(refused.messageKey, refused.params);
        if (json) return reply.code(refused.status).send({ ok: false, message });
        return renderTheme(req, reply, forum, id, { status: refused.status, unsaved: { section: section as ReportSection, body: form.data.body, message } });
      }
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
      const { slug, id } = paramsOf(req);
      const forum = await service.bySlug(slug);
      const actor = await actorOf(service, req, forum);
      const form = parseForm(s.actionSchema, req.body);
      if (!form.ok) return renderTheme(req, reply, forum, id, { status: 400, errors: form.errors, values: form.values });
      try {
        await service.addAction(forum, actor, id, form.data);
      } catch (err) {
        const refused = refusal(err);
        if (!refused) throw err;
        return renderTheme(req, reply, forum, id, { status: refused.status, errors: refusalOn(refused), values: form.values });
      }
      return reply.redirect(`/forums/${forum.slug}/themes/${id}#plan-title`, 303);
    });

    app.post('/forums/:slug/themes/:id/commentaires', { config: { access: 'public' } }, async (req, reply) => {
      const { slug, id } = paramsOf(req);
      const forum = await service.bySlug(slug);
      const actor = await actorOf(service, req, forum);
      const form = parseForm(s.commentSchema, req.body);
      if (!form.ok) return renderTheme(req, reply, forum, id, { status: 400, commentErrors: form.errors, values: { comment: form.values.body ?? '' } });
      try {
        await service.addComment(forum, actor, id, form.data.body);
      } catch (err) {
        const refused = refusal(err);
        if (!refused) throw err;
        return renderTheme(req, reply, forum, id, { status: refused.status, commentErrors: refusalOn(refused), values: { comment: form.data.body } });
      }
      return reply.redirect(`/forums/${forum.slug}/themes/${id}#comments-title`, 303);
    });

    /** The report page says now and then that someone is typing (for the warning before closing); answers 204. */
    app.post('/forums/:slug/themes/:id/compte-rendu/ecriture', { config: { access: 'public' } }, async (req, reply) => {
      const { slug, id } = paramsOf(req);
      const forum = await service.bySlug(slug);
      const actor = await actorOf(service, req, forum);
      try {
        await service.markReportTyping(forum, actor, id);
      } catch (err) {
        const refused = refusal(err);
        if (!refused) throw err;
        return reply.code(refused.status).send({ ok: false, message: req.t(refused.messageKey, refused.params) });
      }
      return reply.code(204).send();
    });
  };
}
