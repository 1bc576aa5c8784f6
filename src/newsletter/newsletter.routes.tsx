import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../platform/http/errors.ts';
import { fieldMessage, toFieldErrors, type FieldErrors } from '../platform/forms/forms.ts';
import { bouncesSchema, campaignSchema, preferencesSchema, sendPlanSchema, sendSchema, subscribeSchema, testSendSchema, tokenSchema } from './newsletter.schema.ts';
import { parseSendTime } from './newsletter.model.ts';
import type { NewsletterService } from './newsletter.service.ts';
import { audienceView, campaignLine, campaignView, composeValuesOf, type ComposeValues } from './newsletter.present.ts';
import { AdminPage, ComposePage, ConfirmSendPage, PreviewPage } from './newsletter.admin.views.tsx';
import { ArchivePage, ConfirmPage, IssuePage, MessagePage, PreferencesPage, SubscribePage, type SubscribeFormValues, UnsubscribePage } from './newsletter.public.views.tsx';

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
    async function subscribePage(req: FastifyRequest, reply: FastifyReply, values: SubscribeFormValues, errors: FieldErrors = {}) {
      const themes = await service.themeOptions(req.lang);
      return reply.html(<SubscribePage ctx={req.ctx} themes={themes} territories={service.territoryOptions(req.lang)} values={values} errors={errors} />, Object.keys(errors).length ? 400 : 200);
    }

    app.get('/lettre', { config: { access: 'public' } }, (req, reply) => subscribePage(req, reply, { email: req.user?.email ?? '', themes: [], territory: '', consent: false }));

    app.post('/lettre', { config: { access: 'public' } }, async (req, reply) => {
      const body = (req.body ?? {}) as Body;
      const parsed = subscribeSchema.safeParse(body);
      if (!parsed.success) {
        const values = { email: asText(body.email), themes: asList(body.themes), territory: asText(body.territory), consent: body.consent === 'oui' };
        return subscribePage(req, reply, values, toFieldErrors(parsed.error, body));
      }
      const known = new Set((await service.themeOptions(req.lang)).map((t) => t.slug));
      await service.subscribe({
        email: parsed.data.email,
        themes: parsed.data.themes.filter((t) => known.has(t)),
        territory: parsed.data.territory || null,
        lang: req.lang,
        consentText: req.t('newsletter.subscribe.consent'),
        source: 'formulaire /lettre',
      });
      return reply.flashRedirect('/lettre', 'newsletter.subscribe.sent');
    });

    // The subscriber's own choices, behind the token printed in every issue (no account needed).
    app.get('/lettre/preferences/:token', { config: { access: 'public' } }, async (req, reply) => {
      const token = tokenOf(req);
      const prefs = token ? await service.preferencesByToken(token) : null;
      if (!prefs) return reply.html(<MessagePage ctx={req.ctx} titleKey="newsletter.preferences.title" messageKey="newsletter.unsubscribe.invalid" />, 404);
      if (!prefs.subscribed) return reply.html(<MessagePage ctx={req.ctx} titleKey="newsletter.preferences.title" messageKey="newsletter.preferences.left" />);
      const themes = await service.themeOptions(req.lang);
      return reply.html(
        <PreferencesPage
          ctx={req.ctx}
          token={token!}
          email={prefs.email}
          themes={themes}
          territories={service.territoryOptions(req.lang)}
          values={{ themes: prefs.themes, territory: prefs.territory ?? '' }}
        />,
      );
    });

    app.post('/lettre/preferences/:token', { config: { access: 'public' } }, async (req, reply) => {
      const token = tokenOf(req);
      const parsed = preferencesSchema.safeParse(req.body ?? {});
      const known = new Set((await service.themeOptions(req.lang)).map((t) => t.slug));
      const input = parsed.success ? { themes: parsed.data.themes.filter((t) => known.has(t)), territory: parsed.data.territory || null } : null;
      const result = token && input ? await service.savePreferences(token, input) : 'invalid';
      if (result === 'saved') return reply.flashRedirect(`/lettre/preferences/${token}`, 'newsletter.preferences.saved');
      const messageKey = result === 'left' ? 'newsletter.preferences.left' : 'newsletter.unsubscribe.invalid';
      return reply.html(<MessagePage ctx={req.ctx} titleKey="newsletter.preferences.title" messageKey={messageKey} />, result === 'left' ? 409 : 404);
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

    const emptyCompose: ComposeValues = { subject: '', intro: '', items: [], extra: '', themes: [], territories: [] };
    const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;
    const options = async (req: FastifyRequest) => ({ themes: await service.themeOptions(req.lang), territories: service.territoryOptions(req.lang) });

    /** The composer of a new (id null) or saved campaign, with what was typed and its problems when they came back. */
    async function compose(
      req: FastifyRequest,
      reply: FastifyReply,
      id: string | null,
      back: { values?: ComposeValues; errors?: FieldErrors; send?: { when: string; errors: FieldErrors } } = {},
      status = 200,
    ) {
      const opts = await options(req);
      const saved = id ? await service.getCampaign(id) : null;
      const campaign = saved ? campaignView(saved) : null;
      const reach = saved ? { audience: audienceView(saved.audience, opts.themes, opts.territories), count: await service.audienceSize(saved.audience) } : undefined;
      const values = back.values ?? (campaign ? composeValuesOf(campaign) : emptyCompose);
      return reply.html(
        <ComposePage ctx={req.ctx} campaign={campaign} candidates={await service.candidates()} values={values} errors={back.errors ?? {}} options={opts} reach={reach} send={back.send} />,
        status,
      );
    }

    app.get('/admin/lettre/nouvelle', admin, (req, reply) => compose(req, reply, null));

    async function save(req: FastifyRequest, reply: FastifyReply, id: string | null) {
      const body = (req.body ?? {}) as Body;
      const parsed = campaignSchema.safeParse(body);
      if (!parsed.success) {
        const values = {
          subject: asText(body.subject),
          intro: asText(body.intro),
          items: asList(body.items),
          extra: asText(body.extra),
          themes: asList(body.themes),
          territories: asList(body.territories),
        };
        return compose(req, reply, id, { values, errors: toFieldErrors(parsed.error, body) }, 400);
      }
      const saved = await service.saveCampaign(id, parsed.data, req.user?.id ?? null);
      return reply.flashRedirect(`/admin/lettre/${saved}`, 'newsletter.compose.saved');
    }

    app.post('/admin/lettre/nouvelle', admin, (req, reply) => save(req, reply, null));

    app.get('/admin/lettre/:id', admin, (req, reply) => compose(req, reply, idOf(req)));

    app.post('/admin/lettre/:id', admin, (req, reply) => save(req, reply, idOf(req)));

    app.get('/admin/lettre/:id/apercu', admin, async (req, reply) => {
      return reply.html(<PreviewPage ctx={req.ctx} campaign={campaignView(await service.getCampaign(idOf(req)))} />);
    });

    // One click: the address is filled in with the animator's own.
    app.post('/admin/lettre/:id/test', admin, async (req, reply) => {
      const id = idOf(req);
      const parsed = testSendSchema.safeParse(req.body ?? {});
      const to = parsed.success ? parsed.data.to : req.user!.email;
      await service.sendTest(id, to, req.lang);
      return reply.flashRedirect(`/admin/lettre/${id}`, 'newsletter.compose.testSent');
    });

    /** The confirmation step, or the composer with the date's problem. */
    async function confirmation(req: FastifyRequest, reply: FastifyReply, when: string, changed = false) {
      const id = idOf(req);
      const time = parseSendTime(when);
      if (!time.ok) return compose(req, reply, id, { send: { when, errors: { when: fieldMessage(time.key) } } }, 400);
      const plan = await service.sendPlan(id, when);
      const opts = await options(req);
      const view = { id, subject: plan.campaign.subject, audience: audienceView(plan.campaign.audience, opts.themes, opts.territories), count: plan.count, at: plan.at, when, version: plan.version };
      return reply.html(<ConfirmSendPage ctx={req.ctx} plan={view} changed={changed} />, changed ? 409 : 200);
    }

    app.get('/admin/lettre/:id/envoyer', admin, async (req, reply) => {
      const parsed = sendPlanSchema.safeParse(req.query ?? {});
      return confirmation(req, reply, parsed.success ? parsed.data.when : '');
    });

    // Sends (or schedules) only with the confirmation step's explicit yes, for the draft as it was shown.
    app.post('/admin/lettre/:id/envoyer', admin, async (req, reply) => {
      const id = idOf(req);
      const body = (req.body ?? {}) as Body;
      const parsed = sendSchema.safeParse(body);
      if (!parsed.success) return reply.redirect(`/admin/lettre/${id}/envoyer?${new URLSearchParams({ when: asText(body.when).slice(0, 40) })}`, 303);
      const time = parseSendTime(parsed.data.when);
      if (!time.ok) return confirmation(req, reply, parsed.data.when);
      const result = await service.schedule(id, parsed.data.when, parsed.data.version);
      if (result.status === 'changed') return confirmation(req, reply, parsed.data.when, true);
      return reply.flashRedirect(`/admin/lettre/${id}`, time.at ? 'newsletter.compose.scheduled' : 'newsletter.send.started');
    });

    app.post('/admin/lettre/:id/annuler', admin, async (req, reply) => {
      const id = idOf(req);
      await service.unschedule(id);
      return reply.flashRedirect(`/admin/lettre/${id}`, 'newsletter.compose.unscheduled');
    });
  };
}
