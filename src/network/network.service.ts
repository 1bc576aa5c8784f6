import type { Kysely } from 'kysely';
import type { Platform } from '../platform/platform.ts';
import { transact } from '../platform/db/transaction.ts';
import { newId, nowIso, randomToken, sha256 } from '../platform/db/ids.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/http/errors.ts';
import { can, type CurrentUser } from '../platform/http/access.ts';
import type { Database } from '../database.ts';
import { createI18n, type Lang, type Translate } from '../platform/i18n/i18n.ts';
import { renderMail } from '../platform/mail/message.tsx';
import { hit } from '../platform/http/rate-limit.ts';
import type { PlatformTables } from '../platform/platform.tables.ts';
import { formatDate, parisDay, parisToIso } from '../platform/format.ts';
import { paragraphs, slugify } from '../platform/text.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { ThemesService } from '../catalog/catalog.themes.ts';
import { networkCatalogue } from './network.i18n.ts';
import * as repo from './network.repo.ts';
import type { Delivery, NetworkPostsTable, NetworkTables } from './network.tables.ts';
import { parseLinks, type JoinInput } from './network.schema.ts';
import { territoryByCode } from './network.territories.ts';

export interface NetworkDeps {
  accounts: Pick<AccountsService, 'findOrCreateUserByEmail' | 'setMembership' | 'listStaff'>;
  themes: Pick<ThemesService, 'names'>;
}

/** A file for a post; its bytes are read only when it is stored, one file at a time. */
export interface AttachmentInput {
  filename: string;
  mimetype: string;
  read(): Promise<Buffer>;
}

export const DIGEST_JOB = 'network.digest';
/** A member's first posts wait for an animator; after this many approved posts they go out at once. */
export const TRUST_AFTER = 2;
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENTS_MAX = 3;
const CONFIRM_VALID_DAYS = 7;
/** An unconfirmed request's link is mailed again at most this often, however many times the form is sent. */
export const CONFIRM_RESEND_MS = 15 * 60_000;
/** Join requests from one network address: enough for a workshop behind one router, not for a flood. */
export const JOIN_PER_IP = { limit: 30, windowMs: 3600_000 };
/** The directory contact form mails a member's inbox: a sender, or one network address, writes a few an hour. */
export const CONTACT_PER_SENDER = { limit: 10, windowMs: 3600_000 };
export const CONTACT_PER_IP = { limit: 20, windowMs: 3600_000 };

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

export function createNetworkService(platform: Platform<Database>, deps: NetworkDeps) {
  const i18n = createI18n([networkCatalogue]);
  const t = (lang: Lang): Translate => i18n.t(lang);
  const db = platform.db as Kysely<NetworkTables>;
  const publicUrl = platform.config.publicUrl;
  const siteName = platform.config.networkName;
  const fromAddress = /<([^>]+)>/.exec(platform.config.mailFrom)?.[1] ?? platform.config.mailFrom;
  const listDomain = new URL(publicUrl).hostname || 'palabre.local';

  function listHeaders(token: string): Record<string, string> {
    const url = `${publicUrl}/reseau/liste/desabonnement/${token}`;
    return {
      'List-Unsubscribe': `<${url}>, <mailto:${fromAddress}?subject=${encodeURIComponent(`desabonnement liste ${token}`)}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': `<liste.${listDomain}>`,
      'List-Archive': `<${publicUrl}/reseau/liste>`,
      Precedence: 'list',
    };
  }

  function listFooter(tr: Translate, token: string) {
    return [
      tr('network.mail.list.why'),
      `${tr('network.mail.list.unsubscribe')} : ${publicUrl}/reseau/liste/desabonnement/${token}`,
      `${tr('network.mail.list.preferences')} : ${publicUrl}/reseau/liste/preferences`,
    ];
  }

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
        footer: listFooter(tr, m.list_token),
      });
      await platform.mail.enqueue(trx, {
        to: m.email,
        lang: m.lang,
        subject: `[${tr('network.list.tag')}] ${post.title}`,
        ...mail,
        headers: listHeaders(m.list_token),
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

  async function confirmState(token: string): Promise<'ready' | 'already' | 'invalid'> {
    const r = await repo.requestByConfirmHash(db, sha256(token));
    if (!r) return 'invalid';
    if (r.status !== 'unconfirmed') return 'already';
    if (Date.now() - Date.parse(r.created_at) > CONFIRM_VALID_DAYS * 86400_000) return 'invalid';
    return 'ready';
  }

  async function themeNames(lang: Lang) {
    return [...(await deps.themes.names(lang))].map(([slug, name]) => ({ slug, name }));
  }

  return {
    themeOptions: themeNames,

    /**
     * Records the request and mails the confirmation link; nothing reaches the animators before it is clicked.
     * An address has one unconfirmed request: posting again changes nothing in it (whoever posts is unproven)
     * and only mails its link again once CONFIRM_RESEND_MS has passed. The answer is 'sent' either way, so
     * that the form tells nobody whether the address had a request; 'limited' is about the network address.
     */
    async requestJoin(input: JoinInput, lang: Lang, charterText: string, ip: string): Promise<'sent' | 'limited'> {
      const territory = territoryByCode(input.territory);
      if (!territory) throw new ConflictError('network.join.territoryRequired');
      if (!(await hit(db as unknown as Kysely<PlatformTables>, `network:join:${ip}`, JOIN_PER_IP))) return 'limited';
      const email = input.email.trim().toLowerCase();
      await transact(db, async (trx, afterCommit) => {
        const now = nowIso();
        // A link past its validity can no longer be confirmed: the address is free for a new request.
        await repo.deleteUnconfirmedBefore(trx, email, new Date(Date.now() - CONFIRM_VALID_DAYS * 86400_000).toISOString());
        const token = randomToken(32);
        let request = await repo.unconfirmedRequestOf(trx, email);
        if (request) {
          if (Date.now() - Date.parse(request.confirm_sent_at ?? request.created_at) < CONFIRM_RESEND_MS) return;
          // Only the hash of the first link is kept: the new mail carries a new link, which replaces it.
          await repo.updateRequest(trx, request.id, { confirm_token_hash: sha256(token), confirm_sent_at: now });
        } else {
          request = {
            id: newId(),
            user_id: null,
            email,
            name: input.name,
            lang,
            role: input.role,
            org_name: input.org_name,
            org_type: input.org_type,
            territory_code: territory.code,
            territory_label: territory.label,
            departement: territory.departement,
            themes: JSON.stringify(input.themes),
            motivation: input.motivation,
            directory: input.directory === 'oui' ? 1 : 0,
            charter_text: charterText,
            status: 'unconfirmed',
            confirm_token_hash: sha256(token),
            created_at: now,
            confirm_sent_at: now,
            confirmed_at: null,
            decided_at: null,
            decided_by: null,
            decision_message: null,
          };
          // A concurrent post for the same address won the race: its mail is the one that goes out.
          if (!(await repo.insertUnconfirmedRequest(trx, request))) return;
        }
        const tr = t(request.lang);
        await platform.mail.enqueue(trx, {
          to: email,
          lang: request.lang,
          subject: tr('network.mail.confirm.subject'),
          ...renderMail({
            siteName,
            // No name: it was typed by whoever filled the form, who may not own this address.
            greeting: tr('network.mail.confirm.hello'),
            paragraphs: [tr('network.mail.confirm.text')],
            action: { label: tr('network.mail.confirm.button'), url: `${publicUrl}/reseau/adhesion/confirmer/${token}` },
            footer: [tr('network.mail.confirm.ignore')],
          }),
          category: 'network-join',
          dedupeKey: `network:join:${request.id}:${now}`,
        });
        afterCommit(() => platform.mail.wake());
      });
      return 'sent';
    },

    confirmState,

    /** The address is proven: the person gets an account (or keeps theirs) and joins the queue; the animators are told. */
    async confirmJoin(token: string): Promise<'confirmed' | 'already' | 'invalid'> {
      // Forged and replayed links stop here, before the staff is looked up.
      const state = await confirmState(token);
      if (state !== 'ready') return state;
      const animators = await deps.accounts.listStaff();
      return transact(db, async (trx, afterCommit) => {
        const r = await repo.requestByConfirmHash(trx, sha256(token));
        if (!r) return 'invalid';
        if (r.status !== 'unconfirmed') return 'already';
        if (Date.now() - Date.parse(r.created_at) > CONFIRM_VALID_DAYS * 86400_000) return 'invalid';
        const user = await deps.accounts.findOrCreateUserByEmail(trx, { email: r.email, name: r.name, lang: r.lang });
        const existing = await repo.getMember(trx, user.id);
        if (!existing) await deps.accounts.setMembership(trx, user.id, 'pending');
        await repo.updateRequest(trx, r.id, { status: 'pending', user_id: user.id, confirmed_at: nowIso() });
        for (const a of animators) {
          const tr = t(a.lang);
          await platform.mail.enqueue(trx, {
            to: a.email,
            lang: a.lang,
            subject: tr('network.mail.queued.subject', { name: r.name }),
            ...renderMail({
              siteName,
              paragraphs: [
                tr('network.mail.queued.text', { name: r.name, org: r.org_name, territory: r.territory_label }),
                tr('network.mail.queued.role', { role: tr(`network.join.role.${r.role}`), orgType: tr(`network.join.orgType.${r.org_type}`) }),
                tr('network.mail.queued.motivation'),
                ...paragraphs(r.motivation),
              ],
              action: { label: tr('network.mail.queued.button'), url: `${publicUrl}/admin/reseau` },
              footer: [tr('network.mail.queued.why')],
            }),
            // Replies reach the applicant, who is the person the animator may want to ask.
            headers: { 'Reply-To': r.email },
            category: 'network-join',
            dedupeKey: `network:queued:${r.id}:${a.id}`,
          });
        }
        afterCommit(() => platform.mail.wake());
        return 'confirmed';
      });
    },

    async queue() {
      return repo.requestsByStatus(db, ['pending', 'info']);
    },

    async decide(requestId: string, decision: 'approve' | 'refuse' | 'info', message: string, animator: CurrentUser) {
      await transact(db, async (trx, afterCommit) => {
        const r = await repo.getRequest(trx, requestId);
        if (!r?.user_id) throw new NotFoundError();
        if (r.status !== 'pending' && r.status !== 'info') throw new ConflictError('network.admin.alreadyDecided');
        const now = nowIso();
        const tr = t(r.lang);
        if (decision === 'approve') {
          const slug = slugify(r.org_name) || 'structure';
          let org = await repo.orgBySlug(trx, slug);
          if (!org) {
            org = { id: newId(), slug, name: r.org_name, type: r.org_type, departement: r.departement, created_at: now };
            await repo.insertOrg(trx, org);
          }
          await repo.upsertMember(trx, {
            user_id: r.user_id,
            name: r.name,
            email: r.email,
            lang: r.lang,
            role: r.role,
            organisation_id: org.id,
            territory_code: r.territory_code,
            territory_label: r.territory_label,
            departement: r.departement,
            themes: r.themes,
            directory: r.directory,
            delivery: 'each',
            trusted: 0,
            list_token: randomToken(24),
            joined_at: now,
          });
          await deps.accounts.setMembership(trx, r.user_id, 'approved');
        } else if (decision === 'refuse') {
          await deps.accounts.setMembership(trx, r.user_id, 'none');
        }
        await repo.updateRequest(trx, r.id, {
          status: decision === 'approve' ? 'approved' : decision === 'refuse' ? 'refused' : 'info',
          decided_at: now,
          decided_by: animator.id,
          decision_message: message || null,
        });
        await platform.mail.enqueue(trx, {
          to: r.email,
          lang: r.lang,
          subject: tr(`network.mail.${decision}.subject`),
          ...renderMail({
            siteName,
            greeting: tr('network.mail.hello', { name: r.name }),
            paragraphs: [tr(`network.mail.${decision}.text`), ...(message ? [message] : [])],
            action: decision === 'approve' ? { label: tr('network.mail.approve.button'), url: `${publicUrl}/reseau/liste` } : undefined,
            footer: decision === 'info' ? [tr('network.mail.info.reply')] : [],
          }),
          // Answers to "more information" go to the animator who asked.
          headers: decision === 'info' ? { 'Reply-To': animator.email } : {},
          category: 'network-join',
          dedupeKey: `network:decision:${r.id}:${decision}:${now}`,
        });
        afterCommit(() => platform.mail.wake());
      });
    },

    async leave(userId: string) {
      await transact(db, async (trx) => {
        await repo.deleteMember(trx, userId);
        await deps.accounts.setMembership(trx, userId, 'none');
      });
    },

    member: (userId: string) => repo.getMember(db, userId),

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
      const limits = db as unknown as Kysely<PlatformTables>;
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
            footer: listFooter(tr, m.list_token),
          });
          await platform.mail.enqueue(trx, {
            to: m.email,
            lang: m.lang,
            subject: tr(`network.mail.digest.${p.period}.subject`, { date: formatDate(p.start, m.lang) }),
            ...mail,
            headers: listHeaders(m.list_token),
            category: 'network-digest',
            dedupeKey: `network:digest:${p.period}:${p.start}:${m.user_id}`,
          });
        }
        afterCommit(() => platform.mail.wake());
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

    /** Only members who agreed to be listed in the directory. */
    async exportCsv(): Promise<string> {
      const rows = await repo.directory(db, {});
      const cell = (v: string) => `"${(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"`;
      return `${[
        'nom,role,structure,type,territoire,departement',
        ...rows.map((r) => [r.name, r.role, r.org_name ?? '', r.org_type ?? '', r.territory_label, r.departement ?? ''].map(cell).join(',')),
      ].join('\r\n')}\r\n`;
    },

    personalData: {
      async export(userId: string, email: string) {
        return {
          requests: (await repo.requestsOfEmail(db, email)).map(({ confirm_token_hash: _h, ...r }) => r),
          member: (await repo.getMember(db, userId)) ?? null,
          posts: (await repo.postsOfAuthor(db, userId)).map((p) => ({ id: p.id, title: p.title, body: p.body, status: p.status, createdAt: p.created_at })),
        };
      },
      async erase(trx: Kysely<any>, userId: string, email: string) {
        const d = trx as Kysely<NetworkTables>;
        await repo.deleteRequestsOf(d, email, userId);
        await repo.deleteMember(d, userId);
        // Messages stay in the threads others answered, without the author's name.
        await repo.anonymisePostsOf(d, userId);
      },
    },
  };
}
export type NetworkService = ReturnType<typeof createNetworkService>;
