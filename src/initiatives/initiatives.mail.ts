/** Mails of the initiatives module, written in the recipient's language and put in the outbox in the caller's transaction. */
import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import type { Lang, Params } from '../platform/i18n/i18n.ts';
import { renderMail } from '../platform/mail/message.tsx';
import { paragraphs } from '../platform/text.ts';
import type { InitiativesContext } from './initiatives.context.ts';

export type MailKind = 'submitted' | 'complements' | 'admissible' | 'notAdmissible' | 'reviewer';

export interface Recipient {
  email: string;
  name: string;
  lang: Lang;
}

export function createInitiativesMail(ctx: InitiativesContext) {
  return {
    /** `path` is the page the mail's button opens (absolute on PUBLIC_URL). */
    async send(trx: Kysely<Database>, to: Recipient, kind: MailKind, params: Params, path: string, dedupeKey?: string) {
      const t = ctx.t(to.lang);
      const all = { ...params, site: ctx.site };
      const body = renderMail({
        greeting: t('initiatives.mail.greeting', { name: to.name }),
        paragraphs: paragraphs(t(`initiatives.mail.${kind}.body`, all)),
        action: { label: t(`initiatives.mail.${kind}.action`), url: `${ctx.base}${path}` },
        siteName: ctx.site,
        lang: to.lang,
      });
      await ctx.platform.mail.enqueue(trx, {
        to: to.email,
        lang: to.lang,
        subject: t(`initiatives.mail.${kind}.subject`, all),
        text: body.text,
        html: body.html,
        category: `initiatives.${kind}`,
        dedupeKey,
      });
    },
  };
}
export type InitiativesMail = ReturnType<typeof createInitiativesMail>;
