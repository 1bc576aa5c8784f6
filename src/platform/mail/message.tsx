import { renderToString } from 'preact-render-to-string';

export interface MailContent {
  /** Greeting line, e.g. "Bonjour Camille,". */
  greeting?: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Small print at the bottom (why you get this, how to stop it). */
  footer?: string[];
  siteName: string;
  /** Language of the words, for screen readers reading the HTML body. */
  lang?: string;
}

/** One message, two bodies: plain text and simple, accessible HTML with the same words. */
export function renderMail(c: MailContent): { text: string; html: string } {
  const text = [c.greeting, ...c.paragraphs, c.action ? `${c.action.label} : ${c.action.url}` : undefined, '—', c.siteName, ...(c.footer ?? [])].filter(Boolean).join('\n\n');
  const html =
    '<!doctype html>' +
    renderToString(
      <html lang={c.lang ?? 'fr'}>
        <body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1b1f23; max-width: 40em; margin: 0 auto; padding: 1em;">
          {c.greeting && <p>{c.greeting}</p>}
          {c.paragraphs.map((p) => (
            <p>{p}</p>
          ))}
          {c.action && (
            <p>
              <a href={c.action.url} style="display: inline-block; background: #1f6f43; color: #ffffff; padding: 10px 18px; border-radius: 8px; text-decoration: none; font-weight: bold;">
                {c.action.label}
              </a>
            </p>
          )}
          {c.action && <p style="font-size: 14px; color: #4a5560;">{c.action.url}</p>}
          <hr style="border: 0; border-top: 1px solid #c9d1cc;" />
          <p style="font-size: 14px; color: #4a5560;">{c.siteName}</p>
          {(c.footer ?? []).map((f) => (
            <p style="font-size: 13px; color: #4a5560;">{f}</p>
          ))}
        </body>
      </html>,
    );
  return { text, html };
}
