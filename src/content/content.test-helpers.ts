import type { TestApp } from '../../test/harness.ts';
import type { Agent as AgentType } from '../../test/agent.ts';
import { Agent } from '../../test/agent.ts';
import type { AccountRole, Membership } from '../platform/http/access.ts';
import type { ContentForm } from './content.schema.ts';

export type Role = 'anonymous' | 'visitor' | 'pending' | 'member' | 'animator' | 'admin';
const roles: Record<Exclude<Role, 'anonymous'>, { role: AccountRole; membership: Membership }> = {
  visitor: { role: 'user', membership: 'none' },
  pending: { role: 'user', membership: 'pending' },
  member: { role: 'user', membership: 'approved' },
  animator: { role: 'animator', membership: 'none' },
  admin: { role: 'admin', membership: 'none' },
};

/** A browser-like client signed in with the given role (a real session row, a real cookie). */
export async function agentAs(app: TestApp, role: Role): Promise<Agent> {
  const agent = new Agent(app.server);
  if (role === 'anonymous') return agent;
  const { id } = await app.services.accounts.service.ensureUser({ email: `${role}@content.test`, name: `Camille ${role}`, ...roles[role] });
  agent.cookies.set('sid', await app.services.accounts.service.openSession(id, 'test'));
  return agent;
}

export function form(over: Partial<ContentForm> = {}): ContentForm {
  return {
    kind: 'news',
    title: 'Un titre',
    slug: '',
    summary: 'Un résumé.',
    body: '',
    resourceType: '',
    territory: '',
    authorOrg: '',
    themes: [],
    membersOnly: false,
    ...over,
  };
}

export const editor = { id: null, name: 'Camille Animatrice' };

export { makePdf } from './content.pdf.ts';

/** Posts a multipart form (a file upload) like a browser, with the page's CSRF token. */
export async function upload(app: TestApp, agent: AgentType, pageUrl: string, action: string, fields: Record<string, string>, file: { name: string; type: string; data: Buffer }) {
  const page = await agent.get(pageUrl);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`no CSRF token on ${pageUrl}`);
  const fd = new FormData();
  fd.set('_csrf', token);
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  fd.set('file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  const request = new Request('http://palabre.test/', { method: 'POST', body: fd });
  const payload = Buffer.from(await request.arrayBuffer());
  const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return app.server.inject({ method: 'POST', url: action, payload, headers: { 'content-type': request.headers.get('content-type')!, cookie } });
}
