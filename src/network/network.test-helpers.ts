import http from 'node:http';
import { Agent, csrfFrom } from '../../test/agent.ts';
import type { TestApp } from '../../test/harness.ts';

export async function signedIn(app: TestApp, email: string, role: 'user' | 'animator' = 'user', membership?: 'approved') {
  const accounts = app.services.accounts.service;
  // An existing account keeps its membership (ensureUser leaves it alone when none is given).
  const { id } = await accounts.ensureUser({ email, name: email.split('@')[0]!, role, membership });
  const agent = new Agent(app.server);
  agent.cookies.set('sid', await accounts.openSession(id, 'test'));
  return { agent, id };
}

export const joinFields = (email: string, extra: Record<string, string> = {}) => ({
  name: 'Camille Dupré',
  email,
  role: 'technicien',
  org_name: 'Ville d’Amiens',
  org_type: 'collectivite',
  territory: 'commune:80021',
  motivation: 'Associer les habitant·es à notre PCAET.',
  directory: 'oui',
  charter: 'oui',
  action: 'join',
  ...extra,
});

/** A multipart post with the CSRF token of `pageUrl`, as a browser sends a form with a file input. */
export async function postMultipart(agent: Agent, app: TestApp, pageUrl: string, action: string, fields: Record<string, string>, files: Array<{ name: string; data: Buffer }> = []) {
  const page = await agent.get(pageUrl);
  const form = new FormData();
  form.append('_csrf', csrfFrom(page.body)!);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('files', new Blob([new Uint8Array(f.data)]), f.name);
  return app.server.inject({ method: 'POST', url: action, payload: form as never, headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
}

/**
 * Over a real socket, sends the start of a multipart form announcing `declaredBytes` (its
 * fields, then the first 256 kB of a file) and never the rest. Resolves with the status when
 * the server answers anyway, or null when it is still waiting for the body after `ms`.
 */
export function answerBeforeBody(base: string, path: string, opts: { cookie?: string; fields?: Record<string, string>; declaredBytes?: number; ms?: number } = {}): Promise<number | null> {
  const boundary = `----palabre${Math.random().toString(16).slice(2)}`;
  const fieldParts = Object.entries(opts.fields ?? {})
    .map(([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('');
  const head = Buffer.from(`${fieldParts}--${boundary}\r\ncontent-disposition: form-data; name="files"; filename="gros.pdf"\r\ncontent-type: application/pdf\r\n\r\n`);
  const url = new URL(path, base);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (status: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(status);
    };
    const req = http.request({
      method: 'POST',
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(opts.declaredBytes ?? 25 * 1024 * 1024),
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
      },
    });
    req.on('response', (res) => {
      res.resume();
      settle(res.statusCode ?? 0);
    });
    // The server may close the connection while the body is still being written.
    req.on('error', () => {});
    const timer = setTimeout(() => settle(null), opts.ms ?? 3000);
    req.write(head);
    req.write(Buffer.alloc(256 * 1024, 0x41));
  });
}
