import { transact } from '../platform/db/transaction.ts';
import { formatDate, parisDay, parisToIso } from '../platform/format.ts';
import { renderMail } from '../platform/mail/message.tsx';
import type { NetworkContext } from './network.context.ts';
import type { ListMail } from './network.list-mail.ts';
import * as repo from './network.repo.ts';

export const DIGEST_JOB = 'network.digest';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

/** The digest periods a publication time falls in, as Paris calendar days. */
export function periodsOf(iso: string): Array<{ period: 'daily' | 'weekly'; start: string; end: string }> {
  const day = parisDay(iso);
  const dow = (new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const monday = addDays(day, -dow);
  return [
    { period: 'daily', start: parisToIso(day), end: parisToIso(addDays(day, 1)) },
    { period: 'weekly', start: parisToIso(monday), end: parisToIso(addDays(monday, 7)) },
  ];
}

/** The daily and weekly digests of the mailing list, one job per period (enqueued when a post is published). */
export function createDigests({ platform, db, t, publicUrl, siteName }: NetworkContext, listMail: ListMail) {
  return {
    /** One digest per member for the posts published in [start, end); replayed jobs enqueue nothing new. */
    async sendDigest(p: { period: 'daily' | 'weekly'; start: string; end: string }) {
      await transact(db, async (trx, afterCommit) => {
        const posts = await repo.postsPublishedBetween(trx, p.start, p.end);
        if (posts.length === 0) return;
        const members = await repo.membersByDelivery(trx, p.period);
        for (const m of members) {
          const tr = t(m.lang);
          const mail = renderMail({
            siteName,
            paragraphs: [
              tr(`network.mail.digest.${p.period}.intro`, { date: formatDate(p.start, m.lang), count: posts.length }),
              ...posts.map((post) => `■ ${post.title} — ${post.author_name}\n${post.body.slice(0, 600)}${post.body.length > 600 ? '…' : ''}\n${publicUrl}/reseau/liste/${post.thread_id}`),
            ],
            action: { label: tr('network.mail.post.archive'), url: `${publicUrl}/reseau/liste` },
            footer: listMail.footer(tr, m.list_token),
          });
          await platform.mail.enqueue(trx, {
            to: m.email,
            lang: m.lang,
            subject: tr(`network.mail.digest.${p.period}.subject`, { date: formatDate(p.start, m.lang) }),
            ...mail,
            headers: listMail.headers(m.list_token),
            category: 'network-digest',
            dedupeKey: `network:digest:${p.period}:${p.start}:${m.user_id}`,
          });
        }
        afterCommit(() => platform.mail.wake());
      });
    },
  };
}
