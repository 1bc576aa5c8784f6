import { Agent } from '../../test/agent.ts';
import type { TestApp } from '../../test/harness.ts';
import { SESSION_COOKIE } from '../platform/http/server.ts';

let counter = 0;

/** A session cookie for a fresh account with this role (the sign-in flows are tested in accounts). */
export async function sessionFor(app: TestApp, role: 'user' | 'animator' | 'admin') {
  counter += 1;
  const accounts = app.services.accounts.service;
  const { id } = await accounts.ensureUser({ email: `${role}.${Date.now().toString(36)}${counter}@exemple.fr`, name: `Camille ${role}`, role });
  const token = await accounts.openSession(id, 'test');
  return { cookie: `${SESSION_COOKIE}=${token}`, token };
}

/** A browser without JavaScript, signed in with this role. */
export async function agentFor(app: TestApp, role: 'user' | 'animator' | 'admin', headers: Record<string, string> = {}) {
  const { token } = await sessionFor(app, role);
  const agent = new Agent(app.server, headers);
  agent.cookies.set(SESSION_COOKIE, token);
  return agent;
}
