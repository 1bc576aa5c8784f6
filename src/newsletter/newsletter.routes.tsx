import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../platform/http/errors.ts';
import { fieldMessage, toFieldErrors } from '../platform/forms/forms.ts';
import { bouncesSchema, campaignSchema, scheduleSchema, subscribeSchema, testSendSchema, tokenSchema } from './newsletter.schema.ts';
import type { NewsletterService } from './newsletter.service.ts';
import { campaignLine, campaignView, composeValuesOf, type ComposeValues } from './newsletter.present.ts';
import { AdminPage, ComposePage, PreviewPage } from './newsletter.admin.views.tsx';
import { ArchivePage, ConfirmPage, IssuePage, MessagePage, SubscribePage, UnsubscribePage } from './newsletter.public.views.tsx';

type Body = Record<string, string | string[] | undefined>;
const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const asText = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** A token from a URL, or null when it cannot be one of ours (no query for garbage). */
function tokenOf(req: FastifyRequest): string | null {
  const parsed = tokenSchema.safeParse((req.params as { token?: string }).token);
  return parsed.success ? parsed.data : null;
}

export function newsletterRoutes(service: NewsletterService): FastifyPluginAsync {
  return async (app) => {
    // ---- Public: subscribe, confirm, unsubscribe, archive ----
    app.get('/lettre', { config: { access: 'public' } }, async (req, reply) => {
      const themes = await service.themeOptions(req.lang);
      return reply.html(<SubscribePage ctx={req.ctx} themes={themes} values={{ email: req.user?.email ?? '', themes: [], consent: false }} errors={{}} />);
    });

    app.post('/lettre', { config: { access: 'public' } }, async (req, reply) => {
      const body = (req.body ?? {}) as Body;
      const parsed = subscribeSchema.safeParse(body);
      if (!parsed.success) {
        const themes = await service.themeOptions(req.lang);
        const values = { email: asText(body.email), themes: asList(body.themes), consent: body.consent === 'oui' };
        return reply.html(<SubscribePage ctx={req.ctx} themes={themes} values={values} errors={toFieldErrors(parsed.error, body)} />, 400);
      }
      const known = new Set((await service.themeOptions(req.lang)).map((t) => t.slug));
      await service.subscribe({
        email: parsed.data.email,
        themes: parsed.data.themes.filter((t) => known.has(t)),
        lang: req.lang,
        consentText: req.t('newsletter.subscribe.consent'),
        source: 'formulaire /lettre',
      });
      return reply.flashRedirect('/lettre', 'newsletter.subscribe.sent');
    });

    app.get('/lettre/confirmer/:token', { config: { access: 'public' } }, async (req, reply) => {
      const token = tokenOf(req);
      const state = token ? await service.confirmState(token) : 'invalid';
      if (state === 'ready') return reply.html(<ConfirmPage ctx={req.ctx} token={token!} />);
      return reply.html(<MessagePage ctx={req.ctx} titleKey="newsletter.confirm.title" messageKey={`newsletter.confirm.${state}`} />, state === 'invalid' ? 404 : 200);
    });

    app.post('/lettre/confirmer/:token', { config: { access: 'public' } }, async (req, reply) => {
      const token = tokenOf(req);
      const result = token ? await service.confirm(token) : 'invalid';
      const key = result === 'confirmed' ? 'done' : result;
      return reply.html(<MessagePage ctx={req.ctx} titleKey="newsletter.confirm.title" messageKey={`newsletter.confirm.${key}`} />, result === 'invalid' ? 404 : 200);
    });

    app.get('/lettre/desinscription/:token', { config: { access: 'public' } }, async (req, reply) => {
      const token = tokenOf(req);
      const s = token ? await service.subscriberByToken(token) : null;
      if (!s) return reply.html(<MessagePage ctx={req.ctx} titleKey="newsletter.unsubscribe.title" messageKey="newsletter.unsubscribe.invalid" />, 404);
      return reply.html(<UnsubscribePage ctx={req.ctx} token={token!} email={s.email} subscribed={s.status === 'confirmed' || s.status === 'pending'} />);
    });

    // RFC 8058 one-click: mail clients post "List-Unsubscribe=One-Click" without cookies; the token is the proof.
    app.post('/lettre/desinscription/:token', { config: { access: 'public', csrf: false } }, async (req, reply) => {
      const token = tokenOf(req);
      const result = token ? await service.unsubscribe(token) : 'invalid';
      return reply.html(<MessagePage ctx={req.ctx} titleKey="newsletter.unsubscribe.title" messageKey={`newsletter.unsubscribe.${result}`} />, result === 'invalid' ? 404 : 200);
    });

    app.post('/lettre/desinscription/:token/confirmer', { config: { access: 'public' } }, async (req, reply) => {
      const token = tokenOf(req);
      const result = token ? await service.unsubscribe(token) : 'invalid';
      return reply.html(<MessagePage ctx={req.ctx} titleKey="newsletter.unsubscribe.title" messageKey={`newsletter.unsubscribe.${result}`} />, result === 'invalid' ? 404 : 200);
    });

    app.post('/lettre/desinscription/:token/effacer', { config: { access: 'public' } }, async (req, reply) => {
      const token = tokenOf(req);
      const erased = token ? await service.eraseByToken(token) : false;
      return reply.html(<MessagePage ctx={req.ctx} titleKey="newsletter.data.title" messageKey={erased ? 'newsletter.data.erased' : 'newsletter.unsubscribe.invalid'} />, erased ? 200 : 404);
    });

    app.get('/lettre/mes-donnees/:token', { config: { access: 'public' } }, async (req, reply) => {
      const token = tokenOf(req);
      const data = token ? await service.dataByToken(token) : null;
      if (!data) throw new NotFoundError();
      return reply
        .header('content-disposition', 'attachment; filename="lettre-mes-donnees.json"')
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(data, null, 2));
    });

    app.get('/lettre/archives', { config: { access: 'public', cache: true } }, async (req, reply) => {
      return reply.html(<ArchivePage ctx={req.ctx} issues={await service.archive()} />);
    });

    app.get('/lettre/archives/:number', { config: { access: 'public', cache: true } }, async (req, reply) => {
      const number = Number((req.params as { number: string }).number);
      if (!Number.isInteger(number) || number < 1 || number > 1e6) throw new NotFoundError();
      return reply.html(<IssuePage ctx={req.ctx} issue={await service.archivedIssue(number)} />);
    });

    // ---- Animators: campaigns, test, schedule, bounces, export ----
    const admin = { config: { access: 'animator' as const } };

    async function dashboard(req: FastifyRequest, reply: FastifyReply, bouncesMessage?: string) {
      return reply.html(<AdminPage ctx={req.ctx} counts={await service.counts()} campaigns={(await service.listCampaigns()).map(campaignLine)} bouncesMessage={bouncesMessage} />);
    }

    app.get('/admin/lettre', admin, (req, reply) => dashboard(req, reply));

    app.get('/admin/lettre/abonnes.csv', admin, async (_req, reply) => {
      return reply
        .header('content-disposition', 'attachment; filename="abonnes-lettre.csv"')
        .header('cache-control', 'no-store')
        .type('text/csv; charset=utf-8')
        .send(`\uFEFF${await service.exportCsv()}`);
    });

    app.post('/admin/lettre/rebonds', admin, async (req, reply) => {
      const parsed = bouncesSchema.safeParse(req.body ?? {});
      if (!parsed.success) return dashboard(req, reply);
      const { found, stopped } = await service.importBounces(parsed.data.addresses);
      return dashboard(req, reply, req.t('newsletter.admin.bounces.done', { found, stopped }));
    });

    const emptyCompose: ComposeValues = { subject: '', intro: '', items: [], extra: '' };

    app.get('/admin/lettre/nouvelle', admin, async (req, reply) => {
      return reply.html(<ComposePage ctx={req.ctx} campaign={null} candidates={await service.candidates()} values={emptyCompose} errors={{}} />);
    });

    async function save(req: FastifyRequest, reply: FastifyReply, id: string | null) {
      const body = (req.body ?? {}) as Body;
      const parsed = campaignSchema.safeParse(body);
      if (!parsed.success) {
        const campaign = id ? campaignView(await service.getCampaign(id)) : null;
        const values = { subject: asText(body.subject), intro: asText(body.intro), items: asList(body.items), extra: asText(body.extra) };
        return reply.html(<ComposePage ctx={req.ctx} campaign={campaign} candidates={await service.candidates()} values={values} errors={toFieldErrors(parsed.error, body)} />, 400);
      }
      const saved = await service.saveCampaign(id, parsed.data, req.user?.id ?? null);
      return reply.flashRedirect(`/admin/lettre/${saved}`, 'newsletter.compose.saved');
    }

    app.post('/admin/lettre/nouvelle', admin, (req, reply) => save(req, reply, null));

    app.get('/admin/lettre/:id', admin, async (req, reply) => {
      const campaign = campaignView(await service.getCampaign((req.params as { id: string }).id));
      return reply.html(<ComposePage ctx={req.ctx} campaign={campaign} candidates={await service.candidates()} values={composeValuesOf(campaign)} errors={{}} />);
    });

    app.post('/admin/lettre/:id', admin, (req, reply) => save(req, reply, (req.params as { id: string }).id));

    app.get('/admin/lettre/:id/apercu', admin, async (req, reply) => {
      return reply.html(<PreviewPage ctx={req.ctx} campaign={campaignView(await service.getCampaign((req.params as { id: string }).id))} />);
    });

    app.post('/admin/lettre/:id/test', admin, async (req, reply) => {
      const id = (req.params as { id: string }).id;
      const parsed = testSendSchema.safeParse(req.body ?? {});
      const to = parsed.success ? parsed.data.to : req.user!.email;
      await service.sendTest(id, to, req.lang);
      return reply.flashRedirect(`/admin/lettre/${id}`, 'newsletter.compose.testSent');
    });

    app.post('/admin/lettre/:id/envoyer', admin, async (req, reply) => {
      const id = (req.params as { id: string }).id;
      const parsed = scheduleSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        const campaign = campaignView(await service.getCampaign(id));
        const values = { subject: campaign.subject, intro: campaign.intro, items: [], extra: '' };
        return reply.html(<ComposePage ctx={req.ctx} campaign={campaign} candidates={[]} values={values} errors={{ when: fieldMessage('form.invalid') }} />, 400);
      }
      await service.schedule(id, parsed.data.when);
      return reply.flashRedirect(`/admin/lettre/${id}`, 'newsletter.compose.scheduled');
    });

    app.post('/admin/lettre/:id/annuler', admin, async (req, reply) => {
      const id = (req.params as { id: string }).id;
      await service.unschedule(id);
      return reply.flashRedirect(`/admin/lettre/${id}`, 'newsletter.compose.unscheduled');
    });
  };
}
