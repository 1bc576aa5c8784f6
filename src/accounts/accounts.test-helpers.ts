import type { ParsedMail } from 'mailparser';
import { expect } from 'vitest';
import { Agent } from '../../test/agent.ts';
import type { TestApp } from '../../test/harness.ts';
import type { SmtpSink } from '../../test/smtp-sink.ts';
import { hashPassword } from './accounts.service.ts';

let counter = 0;
/** A fresh address and client IP per test, so that rate limits of one test never touch another. */
export function unique(prefix = 'personne') {
  counter += 1;
  const n = `${Date.now().toString(36)}${counter}`;
  return { email: `${prefix}.${n}@exemple.fr`, ip: `10.${counter % 250}.${Math.floor(Math.random() * 250)}.${(counter * 7) % 250}` };
}

/** A browser without JavaScript, coming from its own IP address (TRUST_PROXY is on in these tests). */
export function browser(app: TestApp, ip = unique().ip, lang?: string) {
  return new Agent(app.server, { 'x-forwarded-for': ip, ...(lang ? { 'accept-language': lang } : {}) });
}

/** The path of the one-time link in a Palabre mail, checked to be absolute on PUBLIC_URL. */
export function linkIn(mail: ParsedMail): string {
  const match = /(https?:\/\/[^\s]+)\/connexion\/lien\/([A-Za-z0-9_-]+)/.exec(mail.text ?? '');
  expect(match, `no sign-in link in: ${mail.text}`).not.toBeNull();
  expect(match![1]).toBe('http://palabre.test');
  expect(mail.html).toContain(`/connexion/lien/${match![2]}`);
  return `/connexion/lien/${match![2]}`;
}

// argon2id costs a quarter of a second here: hash each test password once.
const hashes = new Map<string, Promise<string>>();
const hashOnce = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};

/** A confirmed account with a password, as the demo data or the CLI make them. */
export async function createAccount(app: TestApp, opts: { email?: string; name?: string; password?: string; role?: 'user' | 'animator' | 'admin' } = {}) {
  const email = opts.email ?? unique().email;
  const password = opts.password ?? 'un mot de passe solide';
  const { id } = await app.services.accounts.service.ensureUser({
    email,
    name: opts.name ?? 'Camille Test',
    role: opts.role,
    passwordHash: await hashOnce(password),
  });
  return { id, email, password };
}

export async function signIn(agent: Agent, email: string, password: string) {
  const res = await agent.submit('/connexion', '/connexion', { email, password });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
  return res;
}

/** Opens the link page like a person would, then presses its button. */
export async function useLink(agent: Agent, path: string) {
  const page = await agent.get(path);
  expect(page.statusCode).toBe(200);
  return agent.submit(path, path, {});
}

export async function mailTo(sink: SmtpSink, email: string, subject: RegExp, timeoutMs = 10_000) {
  return sink.waitFor((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.value.some((v) => v.address?.toLowerCase() === email.toLowerCase())) && subject.test(m.subject ?? ''), timeoutMs);
}
