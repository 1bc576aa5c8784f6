import type { Kysely } from 'kysely';
import { newId, nowIso } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import { can, type CurrentUser } from '../platform/http/access.ts';
import { ForbiddenError, NotFoundError } from '../platform/http/errors.ts';
import { renderMail } from '../platform/mail/message.tsx';
import { paragraphs } from '../platform/text.ts';
import type { NetworkContext } from './network.context.ts';
import { DIGEST_JOB, periodsOf } from './network.digests.ts';
import type { ListMail } from './network.list-mail.ts';
import * as repo from './network.repo.ts';
import { parseLinks } from './network.schema.ts';
import type { Delivery, NetworkPostsTable, NetworkTables } from './network.tables.ts';

/** A file for a post; its bytes are read only when it is stored, one file at a time. */
export interface AttachmentInput {
  filename: string;
  mimetype: string;
  read(): Promise<Buffer>;
}

/** A member's first posts wait for an animator; after this many approved posts they go out at once. */
export const TRUST_AFTER = 2;
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENTS_MAX = 3;

/** The members' mailing list: posts and replies, their moderation, delivery (each message or digests), the archive. */
export function createMailingList({ platform, db, t, publicUrl, siteName }: NetworkContext, listMail: ListMail) {
  async function sendPostToEach(trx: Kysely<NetworkTables>, post: NetworkPostsTable) {
    const members = await repo.membersByDelivery(trx, 'each');
    for (const m of members) {
      if (m.user_id === post.author_id) continue;
      const tr = t(m.lang);
      const mail = renderMail({
        siteName,
        paragraphs: [
          tr('network.mail.post.by', { name: post.author_name }),
          post.title,
          ...paragraphs(post.body),
          ...(JSON.parse(post.links) as string[]).map((l) => (l.startsWith('/') ? publicUrl + l : l)),
        ],
        action: { label: tr('network.mail.post.read'), url: `${publicUrl}/reseau/liste/${post.thread_id}` },
        footer: listMail.footer(tr, m.list_token),
      });
      await platform.mail.enqueue(trx, {
        to: m.email,
        lang: m.lang,
        subject: `[${tr('network.list.tag')}] ${post.title}`,
        ...mail,
        headers: listMail.headers(m.list_token),
        category: 'network-list',
        dedupeKey: `network:post:${post.id}:${m.user_id}`,
      });
    }
  }

  /** Publishes inside the caller's transaction: copies to "every message" members now, digests later. */
  async function publish(trx: Kysely<NetworkTables>, post: NetworkPostsTable, afterCommit: (fn: () => void) => void) {
    const now = nowIso();
    post.status = 'published';
    post.published_at = now;
    await repo.updatePost(trx, post.id, { status: 'published', published_at: now, last_activity_at: now });
    if (post.thread_id !== post.id) await repo.updatePost(trx, post.thread_id, { last_activity_at: now });
    await sendPostToEach(trx, post);
    for (const p of periodsOf(now)) {
      await platform.jobs.enqueue(trx, DIGEST_JOB, p, { uniqueKey: `network:digest:${p.period}:${p.start}`, runAt: p.end });
    }
    afterCommit(() => platform.mail.wake());
    if (post.author_id && (await repo.countPublishedBy(trx, post.author_id)) >= TRUST_AFTER) await repo.updateMember(trx, post.author_id, { trusted: 1 });
  }

  return {
    async setPreferences(userId: string, delivery: Delivery, directory: boolean) {
      const m = await repo.getMember(db, userId);
      if (!m) throw new ForbiddenError('network.notMember');
      await repo.updateMember(db, userId, { delivery, directory: directory ? 1 : 0 });
    },

    /** From the link in list messages (and RFC 8058 one-click): messages stay readable on the web. */
    async listUnsubscribe(token: string): Promise<'done' | 'invalid'> {
      const m = await repo.memberByListToken(db, token);
      if (!m) return 'invalid';
      await repo.updateMember(db, m.user_id, { delivery: 'web' });
      return 'done';
    },
    memberByListToken: (token: string) => repo.memberByListToken(db, token),

    /** A post or a reply; moderated until the author is trusted. Returns its status. */
    async post(author: CurrentUser, input: { title: string; body: string; links: string; threadId?: string; files: AttachmentInput[] }) {
      const member = await repo.getMember(db, author.id);
      const staff = author.role !== 'user';
      if (!member && !staff) throw new ForbiddenError('network.notMember');
      return transact(db, async (trx, afterCommit) => {
        let threadId: string | undefined;
        let title = input.title;
        if (input.threadId) {
          const root = await repo.getPost(trx, input.threadId);
          if (root?.status !== 'published' || root.thread_id !== root.id) throw new NotFoundError();
          threadId = root.id;
          title = `Re: ${root.title}`.slice(0, 200);
        }
        const id = newId();
        const now = nowIso();
        const row: NetworkPostsTable = {
          id,
          thread_id: threadId ?? id,
          author_id: author.id,
          author_name: author.name,
          title,
          body: input.body,
          links: JSON.stringify(parseLinks(input.links)),
          status: 'pending',
          source: 'web',
          created_at: now,
          published_at: null,
          last_activity_at: now,
        };
        await repo.insertPost(trx, row);
        for (const f of input.files) {
          const data = await f.read();
          await repo.insertAttachment(trx, { id: newId(), post_id: id, filename: f.filename.slice(0, 200), content_type: f.mimetype.slice(0, 100), size: data.length, data });
        }
        if (staff || member?.trusted === 1) {
          await publish(trx, row, afterCommit);
          return { id, threadId: row.thread_id, status: 'published' as const };
        }
        return { id, threadId: row.thread_id, status: 'pending' as const };
      });
    },

    pendingPosts: () => repo.pendingPosts(db),

    async moderate(postId: string, decision: 'approve' | 'reject') {
      await transact(db, async (trx, afterCommit) => {
        const p = await repo.getPost(trx, postId);
        if (p?.status !== 'pending') throw new NotFoundError();
        if (decision === 'reject') await repo.updatePost(trx, postId, { status: 'rejected' });
        else await publish(trx, p, afterCommit);
      });
    },

    threads: (q?: string) => repo.threads(db, q),

    async thread(id: string) {
      const posts = await repo.threadPosts(db, id);
      if (posts.length === 0 || posts[0]!.id !== id) throw new NotFoundError();
      const files = await repo.attachmentsOf(
        db,
        posts.map((p) => p.id),
      );
      return { posts, files };
    },

    /** A post's files are everyone's once it is published; before (or once rejected), only its author's and the moderators'. */
    async attachment(id: string, reader: CurrentUser) {
      const f = await repo.getAttachment(db, id);
      if (!f) return null;
      if (f.post_status !== 'published' && f.post_author_id !== reader.id && !can.animate(reader)) return null;
      return f;
    },
  };
}
