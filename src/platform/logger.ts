import type { FastifyServerOptions } from 'fastify';
import pino from 'pino';

const EMAIL = /[^\s@/?&=<>"',;:]+@[^\s@/?&=<>"',;:]+\.[a-z]{2,}/gi;
const ENCODED_EMAIL = /[^\s@/?&=<>"',;:%]+%40[^\s@/?&=<>"',;:]+\.[a-z]{2,}/gi;
// Magic-link, invitation and unsubscribe tokens travel in URLs: 20+ url-safe characters.
const TOKEN = /(?<=[/=])[A-Za-z0-9_-]{20,}(?=$|[/?&.#])/g;

/** What goes into a log line about a URL: no e-mail address (plain or percent-encoded), no token. */
export function redactUrl(url: string): string {
  return url.replace(EMAIL, '[email]').replace(ENCODED_EMAIL, '[email]').replace(TOKEN, '[token]');
}

/** Free text (an SMTP error, an exception message) without the e-mail addresses it may quote. */
export function redactText(text: string): string {
  return text.replace(EMAIL, '[email]').replace(ENCODED_EMAIL, '[email]');
}

/** Keys whose values never reach a log line, at the top level or one level down. */
const SECRET_KEYS = ['password', 'passwordHash', 'email', 'to', 'token', 'secret', 'cookie', 'authorization'];

function serializeError(err: unknown) {
  const s = pino.stdSerializers.err(err as Error) as { message?: string; stack?: string } & Record<string, unknown>;
  if (typeof s?.message === 'string') s.message = redactText(s.message);
  if (typeof s?.stack === 'string') s.stack = redactText(s.stack);
  return s;
}

/**
 * The one logger configuration (Fastify's request logger and the platform logger): requests
 * are logged as id, method, redacted URL and status — never headers, so never cookies or
 * session tokens; well-known secret keys are censored; error messages lose their addresses.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        ...SECRET_KEYS,
        ...SECRET_KEYS.map((k) => `*.${k}`),
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: serializeError,
      error: serializeError,
    },
    hooks: {
      // The message string too: Fastify logs an error with its message as the line's "msg".
      logMethod(args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? redactText(a) : a)));
      },
    },
  } as unknown as FastifyServerOptions['logger'];
}
