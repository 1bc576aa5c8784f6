import type { TestApp } from '../../test/harness.ts';
import { Agent } from '../../test/agent.ts';
import type { AccountRole, Membership } from '../platform/http/access.ts';
import { parisToIso } from '../platform/format.ts';
import type { EventInput } from './events.schema.ts';

/** A browser-like client signed in as a new account (a real session row, a real cookie). */
export async function signedIn(app: TestApp, email: string, opts: { name?: string; role?: AccountRole; membership?: Membership } = {}): Promise<Agent> {
  const agent = new Agent(app.server);
  const { id } = await app.services.accounts.service.ensureUser({ email, name: opts.name ?? email.split('@')[0], role: opts.role ?? 'user', membership: opts.membership ?? 'none' });
  agent.cookies.set('sid', await app.services.accounts.service.openSession(id, 'test'));
  return agent;
}

let counter = 0;
/** A published event in 2027 with registration open, unless told otherwise. */
export function eventInput(over: Partial<EventInput> = {}): EventInput {
  counter++;
  return {
    title: `Rencontre test ${counter}`,
    startsAt: parisToIso('2027-06-10', '09:00'),
    endsAt: parisToIso('2027-06-10', '17:30'),
    placeName: 'Siège de Région Hauts-de-France',
    placeAddress: '15 Mail Albert 1er, Amiens',
    status: 'published',
    registrationMode: 'open',
    capacity: 10,
    ...over,
  };
}

/** The personal link in a mail body (or any text). */
export function personalLinkIn(text: string): string {
  const m = /https?:\/\/[^\s"<]+\/agenda\/[a-z0-9-]+\/inscription\/[0-9a-z]+\.[A-Za-z0-9_-]{27}/.exec(text);
  if (!m) throw new Error(`no personal link in: ${text.slice(0, 300)}`);
  return new URL(m[0]).pathname;
}

/** The latest mail queued for an address, read from the outbox (what the SMTP sender will send). */
export async function lastMailTo(app: TestApp, to: string) {
  return app.platform.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to.toLowerCase()).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
}

export async function mailsTo(app: TestApp, to: string) {
  return app.platform.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to.toLowerCase()).orderBy('id').execute();
}

/** Registers without an account and confirms the address through the mailed link, as a person would. */
export async function registerAnonymously(app: TestApp, slug: string, fields: Record<string, string>) {
  const agent = new Agent(app.server);
  const res = await agent.submit(`/agenda/${slug}/inscription`, `/agenda/${slug}/inscription`, fields);
  const mail = await lastMailTo(app, fields.email);
  const link = personalLinkIn(mail!.text_body);
  const confirmed = await confirmByLink(agent, link);
  return { agent, res, link, confirmed };
}

/** Opens the mailed link and presses its confirmation button (opening alone confirms nothing). */
export async function confirmByLink(agent: Agent, link: string) {
  return agent.follow(await agent.submit(link, `${link}/confirmer`, {}));
}
