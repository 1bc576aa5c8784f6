import { csvLine } from '../platform/csv.ts';
import { transact } from '../platform/db/transaction.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { hit } from '../platform/http/rate-limit.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import { renderMail } from '../platform/mail/message.tsx';
import { paragraphs } from '../platform/text.ts';
import type { NetworkContext } from './network.context.ts';
import * as repo from './network.repo.ts';
import type { NetworkDeps } from './network.service.ts';

/** The directory contact form mails a member's inbox: a sender, or one network address, writes a few an hour. */
export const CONTACT_PER_SENDER = { limit: 10, windowMs: 3600_000 };
export const CONTACT_PER_IP = { limit: 20, windowMs: 3600_000 };

/** The directory of members who agreed to be listed, their organisations, and the contact form. */
export function createDirectory({ platform, db, limits, t, siteName }: NetworkContext, deps: NetworkDeps) {
  return {
    async themeOptions(lang: Lang) {
      return [...(await deps.themes.names(lang))].map(([slug, name]) => ({ slug, name }));
    },

    member: (userId: string) => repo.getMember(db, userId),

    directory: (f: { q?: string; theme?: string; departement?: string }) => repo.directory(db, f),

    async organisation(slug: string) {
      const org = await repo.orgBySlug(db, slug);
      if (!org) throw new NotFoundError();
      const members = await repo.directory(db, { organisationId: org.id });
      const posts = await repo.postsByAuthors(
        db,
        members.map((m) => m.user_id),
      );
      return { org, members, posts };
    },

    /** Mails a listed member without showing their address; they answer to the sender directly if they wish. */
    async contact(from: CurrentUser, toUserId: string, subject: string, message: string, ip: string): Promise<'sent' | 'limited'> {
      const to = await repo.getMember(db, toUserId);
      if (to?.directory !== 1) throw new NotFoundError();
      if (!(await hit(limits, `network:contact:from:${from.id}`, CONTACT_PER_SENDER)) || !(await hit(limits, `network:contact:ip:${ip}`, CONTACT_PER_IP))) return 'limited';
      await transact(db, async (trx, afterCommit) => {
        const tr = t(to.lang);
        await platform.mail.enqueue(trx, {
          to: to.email,
          lang: to.lang,
          subject: `[${tr('network.list.tag')}] ${subject}`,
          ...renderMail({
            siteName,
            greeting: tr('network.mail.contact.intro', { name: from.name }),
            paragraphs: paragraphs(message),
            footer: [tr('network.mail.contact.footer', { name: from.name })],
          }),
          headers: { 'Reply-To': from.email },
          category: 'network-contact',
        });
        afterCommit(() => platform.mail.wake());
      });
      return 'sent';
    },

    /** Only members who agreed to be listed in the directory. */
    async exportCsv(): Promise<string> {
      const rows = await repo.directory(db, {});
      const lines = rows.map((r) => csvLine([r.name, r.role, r.org_name ?? '', r.org_type ?? '', r.territory_label, r.departement ?? '']));
      return `${['nom,role,structure,type,territoire,departement', ...lines].join('\r\n')}\r\n`;
    },
  };
}
