import type { FastifyServerOptions } from 'fastify';

const EMAIL = /[^\s@/?&=]+@[^\s@/?&=]+\.[a-z]{2,}/gi;
// Magic-link, invitation and unsubscribe tokens travel in URLs: 20+ url-safe characters.
const TOKEN = /(?<=[/=])[A-Za-z0-9_-]{20,}(?=$|[/?&.#])/g;

/** What goes into a log line about a URL: no e-mail address, no token. */
export function redactUrl(url: string): string {
  return url.replace(EMAIL, '[email]').replace(TOKEN, '[token]');
}

export function redactText(text: string): string {
  return text.replace(EMAIL, '[email]');
}

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.email', '*.token'],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; id: string; ip?: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
