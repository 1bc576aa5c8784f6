import type { FastifyServerOptions } from 'fastify';
import pino from 'pino';

const EMAIL = /[^\s@/?&=<>"',;:]+@[^\s@/?&=<>"',;:]+\.[a-z]{2,}/gi;
const ENCODED_EMAIL = /[^\s@/?&=<>"',;:%]+%40[^\s@/?&=<>"',;:]+\.[a-z]{2,}/gi;
// Magic-link, invitation and unsubscribe tokens travel in URLs: 20+ url-safe characters, as a
// path segment or a query value, also percent-encoded inside another parameter (?suivant=%2F...).
// Personal links are `<id>.<HMAC>`: the HMAC is the secret half, so the pair goes as one token.
const TOKEN = /(?<=[/=]|%2F|%3D)[A-Za-z0-9_-]{20,}(?:\.[A-Za-z0-9_-]{20,})?(?=$|[/?&.#%])/gi;

/** What goes into a log line about a URL: no e-mail address (plain or percent-encoded), no token. */
export function redactUrl(url: string): string {
  return redactText(url).replace(TOKEN, '[token]');
}

/** Free text (an SMTP error, an exception message) without the e-mail addresses it may quote. */
export function redactText(text: string): string {
  // Every log line passes here: skip the regexes (which backtrack on long text) when no address can be in it.
  if (text.includes('@')) text = text.replace(EMAIL, '[email]');
  if (text.includes('%40')) text = text.replace(ENCODED_EMAIL, '[email]');
  return text;
}

/** Keys whose values never reach a log line, at the top level or one level down. */
const SECRET_KEYS = new Set(['password', 'passwordHash', 'email', 'to', 'token', 'secret', 'cookie', 'authorization', 'secretAccessKey', 'sessionToken']);
const CENSOR = '[redacted]';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/**
 * Censors secret keys in what a log call is given. Done by hand rather than with pino's
 * wildcard redact paths, which cost about a third of the CPU of a cached page (bench/pages.ts).
 */
function censorSecrets(obj: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    let replaced: unknown = value;
    if (SECRET_KEYS.has(key)) replaced = CENSOR;
    else if (isPlainObject(value)) {
      for (const inner of Object.keys(value)) {
        if (SECRET_KEYS.has(inner)) {
          replaced = { ...value };
          for (const k of Object.keys(value)) if (SECRET_KEYS.has(k)) (replaced as Record<string, unknown>)[k] = CENSOR;
          break;
        }
      }
    }
    if (replaced !== value) (out ??= { ...obj })[key] = replaced;
  }
  return out ?? obj;
}

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
    formatters: { log: censorSecrets },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: serializeError,
      error: serializeError,
    },
    hooks: {
      // The message string too: Fastify logs an error with its message as the line's "msg".
      logMethod(args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? redactText(a) : a)),
        );
      },
    },
  } as unknown as FastifyServerOptions['logger'];
}
