import { newId, nowIso, randomToken, sha256 } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import { ConflictError, NotFoundError } from '../platform/http/errors.ts';
import { hit } from '../platform/http/rate-limit.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import { renderMail } from '../platform/mail/message.tsx';
import { paragraphs, slugify } from '../platform/text.ts';
import type { NetworkContext } from './network.context.ts';
import * as repo from './network.repo.ts';
import type { JoinInput } from './network.schema.ts';
import type { NetworkDeps } from './network.service.ts';
import { territoryByCode } from '../platform/territories.ts';

const CONFIRM_VALID_DAYS = 7;
/** An unconfirmed request's link is mailed again at most this often, however many times the form is sent. */
export const CONFIRM_RESEND_MS = 15 * 60_000;
/** Join requests from one network address: enough for a workshop behind one router, not for a flood. */
export const JOIN_PER_IP = { limit: 30, windowMs: 3600_000 };

/** Membership: the request, its confirmation by mail, the animators' decision, leaving. */
export function createMembership({ platform, db, limits, t, publicUrl, siteName }: NetworkContext, deps: NetworkDeps) {
  /** Whether a confirmation link can still be used, and the request it confirms. */
  async function linkOf(token: string) {
    const r = await repo.requestByConfirmHash(db, sha256(token));
    if (!r) return { state: 'invalid' as const, request: null };
    if (r.status !== 'unconfirmed') return { state: 'already' as const, request: null };
    if (Date.now() - Date.parse(r.created_at) > CONFIRM_VALID_DAYS * 86400_000) return { state: 'invalid' as const, request: null };
    return { state: 'ready' as const, request: r };
  }
  const confirmState = async (token: string) => (await linkOf(token)).state;

  return {
    /**
     * Records the request and mails the confirmation link; nothing reaches the animators before it is clicked.
     * An address has one unconfirmed request: posting again changes nothing in it (whoever posts is unproven)
     * and only mails its link again once CONFIRM_RESEND_MS has passed. The answer is 'sent' either way, so
     * that the form tells nobody whether the address had a request; 'limited' is about the network address.
     */
    async requestJoin(input: JoinInput, lang: Lang, charterText: string, ip: string): Promise<'sent' | 'limited'> {
      const territory = territoryByCode(input.territory);
      if (!territory) throw new ConflictError('network.join.territoryRequired');
      if (!(await hit(limits, `network:join:${ip}`, JOIN_PER_IP))) return 'limited';
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

    /**
     * The link's state and, when it can still be confirmed, what the request says: shown on its
     * confirmation page so that the address's owner sees what they would confirm.
     */
    async requestToConfirm(token: string) {
      const { state, request: r } = await linkOf(token);
      return { state, request: r && { name: r.name, organisation: r.org_name, territory: r.territory_label, role: r.role } };
    },

    /**
     * "This is not my request": the owner of the address drops an unconfirmed request someone else
     * typed (or they mistyped), so that the address is free for a new one at once instead of in
     * CONFIRM_VALID_DAYS.
     */
    async dropUnconfirmed(token: string): Promise<'dropped' | 'already' | 'invalid'> {
      const state = await confirmState(token);
      if (state !== 'ready') return state;
      return transact(db, async (trx) => {
        const r = await repo.requestByConfirmHash(trx, sha256(token));
        if (r?.status !== 'unconfirmed') return 'already';
        await repo.deleteRequest(trx, r.id);
        return 'dropped';
      });
    },

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

    /**
     * The animators' decision; approving is the one way a person becomes a member (the demo data too).
     * `at` dates a decision replayed from the past, and `notify: false` leaves out its mail, long sent.
     */
    async decide(requestId: string, decision: 'approve' | 'refuse' | 'info', message: string, animator: Pick<CurrentUser, 'id' | 'email'>, opts: { at?: string; notify?: boolean } = {}) {
      await transact(db, async (trx, afterCommit) => {
        const r = await repo.getRequest(trx, requestId);
        if (!r?.user_id) throw new NotFoundError();
        if (r.status !== 'pending' && r.status !== 'info') throw new ConflictError('network.admin.alreadyDecided');
        const now = opts.at ?? nowIso();
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
        if (opts.notify === false) return;
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
  };
}
