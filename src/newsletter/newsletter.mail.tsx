import { renderToString } from 'preact-render-to-string';
import { renderMail } from '../platform/mail/message.tsx';
import { formatDate } from '../platform/format.ts';
import { paragraphs as splitParagraphs } from '../platform/text.ts';
import type { Lang, Translate } from '../platform/i18n/i18n.ts';
import type { CampaignItem } from './newsletter.service.ts';

/** Stands for each subscriber's own token; the campaign is rendered once and the token swapped in. */
export const TOKEN_PLACEHOLDER = '__PALABRE_SUBSCRIBER_TOKEN__';

export function renderConfirmMail(o: { t: Translate; siteName: string; url: string }) {
  return renderMail({
    siteName: o.siteName,
    greeting: o.t('newsletter.mail.confirm.greeting'),
    paragraphs: [o.t('newsletter.mail.confirm.text')],
    action: { label: o.t('newsletter.mail.confirm.button'), url: o.url },
    footer: [o.t('newsletter.mail.confirm.ignore')],
  });
}

export interface NewsletterMailModel {
  t: Translate;
  lang: Lang;
  siteName: string;
  publicUrl: string;
  subject: string;
  intro: string;
  items: CampaignItem[];
  number: number | null;
  unsubscribeUrl: string;
  /** Where the subscriber changes their themes and territory. */
  preferencesUrl: string;
}

const absolute = (publicUrl: string, url: string) => (url.startsWith('/') ? publicUrl + url : url);

/**
 * The issue as a message: plain text and simple HTML with the same words. No image, no
 * tracking pixel, no redirecting links: every link goes straight to its page.
 */
export function renderNewsletterMail(m: NewsletterMailModel): { text: string; html: string } {
  const { t } = m;
  const title = m.number ? t('newsletter.issue.title', { number: m.number }) : m.subject;
  const kind = (k: string) => t(`newsletter.kind.${k}`);
  const paragraphs = splitParagraphs(m.intro);
  const text = [
    `${m.siteName} — ${title}`,
    m.subject,
    ...paragraphs,
    ...m.items.map((i) => [`■ ${i.title}`, i.date ? formatDate(i.date, m.lang) : '', i.summary, absolute(m.publicUrl, i.url)].filter(Boolean).join('\n')),
    '—',
    t('newsletter.mail.why', { site: m.siteName }),
    `${t('newsletter.mail.preferences')} : ${m.preferencesUrl}`,
    `${t('newsletter.mail.unsubscribe')} : ${m.unsubscribeUrl}`,
    `${t('newsletter.mail.archive')} : ${m.publicUrl}/lettre/archives`,
  ].join('\n\n');
  const html =
    '<!doctype html>' +
    renderToString(
      <html lang={m.lang}>
        <head>
          <meta charset="utf-8" />
          <title>{m.subject}</title>
        </head>
        <body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1b1f23; max-width: 40em; margin: 0 auto; padding: 1em;">
          <p style="font-size: 14px; color: #12422a; font-weight: bold;">
            {m.siteName} — {title}
          </p>
          <h1 style="font-size: 24px; color: #12422a;">{m.subject}</h1>
          {paragraphs.map((p) => (
            <p>{p}</p>
          ))}
          {m.items.map((i) => (
            <div style="border: 1px solid #c9d1cc; border-radius: 8px; padding: 12px 16px; margin: 16px 0;">
              <p style="margin: 0; font-size: 13px; font-weight: bold; color: #1d5fa8; text-transform: uppercase;">{kind(i.kind)}</p>
              <h2 style="margin: 4px 0; font-size: 19px;">
                <a href={absolute(m.publicUrl, i.url)} style="color: #12422a;">
                  {i.title}
                </a>
              </h2>
              {i.date && <p style="margin: 0; font-size: 14px; color: #4a5560;">{formatDate(i.date, m.lang)}</p>}
              {i.summary && <p style="margin: 8px 0 0;">{i.summary}</p>}
            </div>
          ))}
          <hr style="border: 0; border-top: 1px solid #c9d1cc;" />
          <p style="font-size: 14px; color: #4a5560;">{t('newsletter.mail.why', { site: m.siteName })}</p>
          <p style="font-size: 14px;">
            <a href={m.preferencesUrl} style="color: #1d5fa8;">
              {t('newsletter.mail.preferences')}
            </a>
            {' · '}
            <a href={m.unsubscribeUrl} style="color: #1d5fa8;">
              {t('newsletter.mail.unsubscribe')}
            </a>
            {' · '}
            <a href={`${m.publicUrl}/lettre/archives`} style="color: #1d5fa8;">
              {t('newsletter.mail.archive')}
            </a>
          </p>
        </body>
      </html>,
    );
  return { text, html };
}
