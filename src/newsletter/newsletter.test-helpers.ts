import { expect } from 'vitest';
import type { Kysely } from 'kysely';
import { Agent, textOf } from '../../test/agent.ts';
import type { TestApp } from '../../test/harness.ts';
import { newId, nowIso, randomToken } from '../platform/db/ids.ts';
import type { PlatformTables } from '../platform/platform.tables.ts';
import type { NewsletterSubscribersTable, NewsletterTables } from './newsletter.tables.ts';

export type Db = Kysely<NewsletterTables & PlatformTables>;

export const dbOf = (app: TestApp) => app.platform.db as unknown as Db;

export async function signedIn(app: TestApp, email: string, role: 'user' | 'animator' = 'user') {
  const accounts = app.services.accounts.service;
  const { id } = await accounts.ensureUser({ email, name: email.split('@')[0]!, role });
  const agent = new Agent(app.server);
  agent.cookies.set('sid', await accounts.openSession(id, 'test'));
  return agent;
}

/** Subscribers written straight to the table (the opt-in itself is tested through the form); confirmed unless told. */
export async function seedSubscribers(app: TestApp, n: number, prefix: string, extra: Partial<Pick<NewsletterSubscribersTable, 'themes' | 'territory' | 'status'>> = {}) {
  const now = nowIso();
  const rows = Array.from({ length: n }, (_, i) => ({
    id: newId() + String(i).padStart(5, '0'),
    email: `${prefix}${i}@example.org`,
    lang: 'fr' as const,
    themes: '[]',
    territory: null,
    status: 'confirmed' as const,
    token: randomToken(24),
    confirm_token_hash: null,
    confirm_sent_at: now,
    consent_text: 'consent',
    consent_source: 'test',
    requested_at: now,
    confirmed_at: now,
    unsubscribed_at: null,
    bounced_at: null,
    created_at: now,
    updated_at: now,
    ...extra,
  }));
  for (let i = 0; i < rows.length; i += 200)
    await dbOf(app)
      .insertInto('newsletter_subscribers')
      .values(rows.slice(i, i + 200))
      .execute();
  return rows;
}

export async function createCampaign(animator: Agent, subject: string, audience: { themes?: string[]; territories?: string[] } = {}) {
  const res = await animator.submit('/admin/lettre/nouvelle', '/admin/lettre/nouvelle', {
    subject,
    intro: 'Bonjour à toutes et à tous.\n\nVoici les nouvelles du réseau.',
    extra: 'Guide de la concertation | /ressources/guide | Les étapes clés',
    ...audience,
  });
  expect(res.statusCode, textOf(res.body).slice(0, 400)).toBe(303);
  return String(res.headers.location).split('/').pop()!;
}

/** The hidden fields of the confirmation form (CSRF token, when, version, the yes), as the browser posts them. */
export function hiddenFields(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

/** The number of recipients the confirmation step shows. */
export function shownCount(html: string): number {
  const m = /Nombre de destinataires\s*([\d\s\u202f\u00a0]+) personnes?/.exec(textOf(html));
  if (!m) throw new Error(`no count on the page: ${textOf(html).slice(0, 600)}`);
  return Number(m[1]!.replace(/\D/g, ''));
}

/** Goes through the confirmation step and presses its button, as an animator would; returns the count it showed. */
export async function confirmSend(animator: Agent, id: string, when = '') {
  const page = await animator.get(`/admin/lettre/${id}/envoyer?when=${encodeURIComponent(when)}`);
  expect(page.statusCode, textOf(page.body).slice(0, 600)).toBe(200);
  const res = await animator.post(`/admin/lettre/${id}/envoyer`, hiddenFields(page.body));
  expect(res.statusCode, textOf(res.body).slice(0, 600)).toBe(303);
  return shownCount(page.body);
}

/** Runs the newsletter's jobs as the clock reaching their time would: the scheduled date and the job are both due. */
export async function reachScheduledTime(app: TestApp, campaignId: string) {
  const past = new Date(Date.now() - 1000).toISOString();
  await dbOf(app).updateTable('newsletter_campaigns').set({ scheduled_at: past }).where('id', '=', campaignId).where('status', '=', 'scheduled').execute();
  await dbOf(app).updateTable('jobs').set({ run_at: past }).where('kind', '=', 'newsletter.send').where('status', '=', 'pending').execute();
  await app.platform.jobs.runner.drain();
}
