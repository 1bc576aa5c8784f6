import type { Kysely } from 'kysely';
import { randomToken, sha256 } from '../platform/db/ids.ts';
import { renderMail } from '../platform/mail/message.tsx';
import type { AccountsContext } from './accounts.context.ts';
import { LINK_MINUTES, PRUNE_LINKS_JOB } from './accounts.model.ts';
import * as repo from './accounts.repo.ts';
import type { AccountsTables, UsersTable } from './accounts.tables.ts';

/** The mails of the accounts module, written in the caller's transaction. */
export function createAccountsMail({ platform, t }: AccountsContext) {
  return {
    /**
     * Stores a one-time link (hashed) and puts its mail in the outbox, in the caller's transaction.
     * A sign-up link carries the password chosen with it, applied only when the link confirms the address.
     */
    async link(trx: Kysely<AccountsTables>, user: UsersTable, kind: 'signin' | 'signup' | 'existing', next: string | null, pendingHash: string | null = null) {
      const token = randomToken(32);
      const now = Date.now();
      await repo.insertLoginToken(trx, {
        id: sha256(token),
        user_id: user.id,
        purpose: kind === 'signup' ? 'signup' : 'signin',
        next_path: next,
        password_hash: kind === 'signup' ? pendingHash : null,
        created_at: new Date(now).toISOString(),
        expires_at: new Date(now + LINK_MINUTES * 60_000).toISOString(),
        used_at: null,
      });
      const tr = t(user.lang);
      const url = `${platform.config.publicUrl}/connexion/lien/${token}`;
      const site = platform.config.networkName;
      const content = renderMail({
        greeting: tr('accounts.mail.greeting', { name: user.name }),
        paragraphs: [tr(`accounts.mail.${kind}.text`, { site, minutes: LINK_MINUTES })],
        action: { label: tr(`accounts.mail.${kind}.action`), url },
        footer: [tr('accounts.mail.notYou')],
        siteName: site,
      });
      // At most one clean-up a day, scheduled by the links themselves: no link, nothing to clean.
      const day = new Date(now).toISOString().slice(0, 10);
      await platform.jobs.enqueue(trx, PRUNE_LINKS_JOB, {}, { uniqueKey: `${PRUNE_LINKS_JOB}:${day}`, runAt: new Date(now + 86400_000).toISOString() });
      await platform.mail.enqueue(trx, {
        to: user.email!,
        lang: user.lang,
        subject: tr(`accounts.mail.${kind}.subject`, { site }),
        ...content,
        // 'auth.*' bodies are hidden in /admin/courriels once mail really leaves: they sign people in.
        category: 'auth.signin',
      });
    },

    async notice(trx: Kysely<AccountsTables>, user: UsersTable, kind: 'passwordChanged' | 'deleted', to = user.email) {
      if (!to) return;
      const tr = t(user.lang);
      const site = platform.config.networkName;
      const content = renderMail({
        greeting: tr('accounts.mail.greeting', { name: user.name }),
        paragraphs: [tr(`accounts.mail.${kind}.text`, { site })],
        action: kind === 'passwordChanged' ? { label: tr('accounts.mail.passwordChanged.action'), url: `${platform.config.publicUrl}/connexion` } : undefined,
        siteName: site,
      });
      await platform.mail.enqueue(trx, { to, lang: user.lang, subject: tr(`accounts.mail.${kind}.subject`, { site }), ...content, category: 'accounts' });
    },
  };
}
export type AccountsMail = ReturnType<typeof createAccountsMail>;
