/**
 * The committee session: agenda, attendance and quorum, hearings, votes of members present (recused
 * reviewers excluded), decisions within the ceilings (mailed to holders in the deciding transaction,
 * tranches and the fiche bilan planned), minutes signed off by the chair as a PDF.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { newId, nowIso } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import { fieldMessage, type FieldErrors } from '../platform/forms/forms.ts';
import { can, type CurrentUser } from '../platform/http/access.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/http/errors.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import type { FollowUpContext } from './initiatives.committee.context.ts';
import { ceilingProblem, presentVoters, quorumReached, tally } from './initiatives.committee.model.ts';
import * as repo from './initiatives.committee.repo.ts';
import { holderOf, mailHolder, planFollowUp, tranchesText } from './initiatives.committee.grant.ts';
import { minutesPdf } from './initiatives.minutes.ts';
import { formatEuros, summarise, UNDER_REVIEW, weightedScore } from './initiatives.model.ts';
import { publishProject } from './initiatives.public.publish.ts';
import type { DecisionOutcome, InitiativeCommitteesTable, VoteChoice } from './initiatives.tables.ts';

export type SessionRole = 'staff' | 'chair' | 'member';

export interface DecisionInput {
  application_id: string;
  outcome: DecisionOutcome;
  amount_cents: number | null;
  conditions: string;
  reason: string;
}

export type DecideOutcome = { kind: 'ok' } | { kind: 'refused'; errors: FieldErrors };

export function createCommittee(ctx: FollowUpContext) {
  const { db } = ctx;

  async function roleIn(user: CurrentUser | null, committee: InitiativeCommitteesTable): Promise<SessionRole | null> {
    if (!user) return null;
    if (await ctx.isStaff(user, committee.call_id)) return 'staff';
    if (committee.chair_user_id === user.id) return 'chair';
    const roles = (await repo.callRoles(db, committee.call_id, user.id)).map((r) => r.role);
    if (roles.includes('chair')) return 'chair';
    return roles.includes('committee') ? 'member' : null;
  }

  async function session(user: CurrentUser | null, committeeId: string) {
    const committee = await repo.findCommittee(db, committeeId);
    if (!committee) throw new NotFoundError();
    const role = await roleIn(user, committee);
    if (!role) throw new NotFoundError();
    const call = (await repo.findCall(db, committee.call_id))!;
    return { committee, call, role };
  }

  /** Staff and the chair run the session; its minutes, once signed, freeze it. */
  async function running(user: CurrentUser, committeeId: string) {
    const s = await session(user, committeeId);
    if (s.role === 'member') throw new ForbiddenError();
    if (s.committee.minutes_signed_at || s.committee.status === 'cancelled') throw new ConflictError('initiatives.session.closed');
    return s;
  }

  async function voters(committeeId: string, dbx: Kysely<Database> = db) {
    const attendance = await repo.attendanceOf(dbx, committeeId);
    return { attendance, present: new Set(attendance.filter((a) => a.present === 1 && a.user_id && (a.role === 'member' || a.role === 'chair')).map((a) => a.user_id!)) };
  }

  /** Everything the session page shows: agenda with votes and decisions, attendance, quorum. */
  async function sessionView(user: CurrentUser, committeeId: string) {
    const { committee, call, role } = await session(user, committeeId);
    const [agenda, { attendance, present }, votes, decisions, people, candidates] = await Promise.all([
      repo.agendaOf(db, committeeId),
      voters(committeeId),
      repo.votesOf(db, committeeId),
      repo.decisionsOf(db, committeeId),
      repo.committeePeople(db, call.id),
      repo.candidatesFor(db, call.id),
    ]);
    // The review's averages (weighted, on 100) and spread; individual scores stay private (decision 0045).
    const [criteria, grids] = await Promise.all([
      repo.criteriaOf(db, call.id),
      repo.gridsOf(
        db,
        agenda.map((a) => a.application_id),
      ),
    ]);
    const gridOf = (applicationId: string) =>
      summarise(
        grids.reviewers
          .filter((r) => r.application_id === applicationId)
          .map((r) => weightedScore(criteria, new Map(grids.scores.filter((s) => s.reviewer_id === r.id).map((s) => [s.criterion_id, s.score])))),
      );
    const points = call.vote_enabled === 1 ? new Map((await repo.publicPoints(db, call.id)).map((p) => [p.application_id, Number(p.points)])) : null;
    const recused = await repo.recusals(
      db,
      agenda.map((a) => a.application_id),
    );
    const names = new Map<string, string>();
    for (const p of people) names.set(p.user_id, (await ctx.deps.accounts.getUser(p.user_id))?.name ?? '');
    const items = agenda.map((a) => {
      const out = new Set(recused.filter((r) => r.application_id === a.application_id).map((r) => r.user_id));
      const allowed = new Set([...present].filter((u) => !out.has(u)));
      return {
        ...a,
        decision: decisions.find((d) => d.application_id === a.application_id) ?? null,
        tally: tally(
          votes.filter((v) => v.application_id === a.application_id),
          allowed,
        ),
        voters: allowed.size,
        myVote: votes.find((v) => v.application_id === a.application_id && v.user_id === user.id)?.choice ?? null,
        mayVote: allowed.has(user.id),
        recusedHere: out.has(user.id),
        publicPoints: points ? (points.get(a.application_id) ?? 0) : null,
        // A reviewer who recused on the file sees no score of it.
        grid: out.has(user.id) ? null : gridOf(a.application_id),
      };
    });
    const onAgenda = new Set(agenda.map((a) => a.application_id));
    return {
      committee,
      call,
      role,
      items,
      attendance,
      people: people.map((p) => ({ ...p, name: names.get(p.user_id) ?? '', present: present.has(p.user_id) })),
      presentCount: presentVoters(attendance),
      quorum: call.quorum,
      quorumReached: quorumReached(attendance, call.quorum),
      candidates: candidates.filter((c) => !onAgenda.has(c.id)),
      signed: committee.minutes_signed_at !== null,
    };
  }

  /** The minutes as a PDF: the signed file once signed, a draft before. */
  async function minutes(user: CurrentUser, committeeId: string, lang: Lang): Promise<Buffer> {
    // Once signed, the minutes are the PDF kept at signature, whatever changed since.
    const committee = await repo.findCommittee(db, committeeId);
    if (committee?.minutes_file_key && (await session(user, committeeId))) {
      const stored = await ctx.platform.storage.get(committee.minutes_file_key);
      if (stored) return Buffer.concat(await stored.stream.toArray());
    }
    const vm = await sessionView(user, committeeId);
    const signer = vm.committee.minutes_signed_by ? ((await ctx.deps.accounts.getUser(vm.committee.minutes_signed_by))?.name ?? '') : null;
    return minutesPdf({ vm, t: ctx.t(lang), lang, siteName: ctx.site, signer });
  }

  return {
    committeeRole: async (user: CurrentUser | null, committeeId: string) => (await session(user, committeeId)).role,

    sessionView,

    /** Calls this person runs (payments and exports), for the sessions page. */
    async staffCalls(user: CurrentUser) {
      const out = [];
      for (const c of await repo.callTitles(db)) if (await ctx.isStaff(user, c.id)) out.push(c);
      return out;
    },

    /** The holder's funded files and their fiche bilan, for the personal space. */
    myFunded: (userId: string) => repo.fundedFilesOf(db, userId),

    /** The committees this person sits on or runs, with their agenda size. */
    async mySessions(user: CurrentUser) {
      const out = [];
      // Animators run every call; anyone else only sees the calls where they have a role.
      const mine = can.animate(user) ? null : await repo.callsOfPerson(db, user.id);
      for (const c of await repo.allCommittees(db)) {
        if (mine && !mine.has(c.call_id)) continue;
        if (await roleIn(user, c))
          out.push({ id: c.id, meets_at: c.meets_at, place: c.place, status: c.status, callTitle: c.call_title, files: (await repo.agendaOf(db, c.id)).length, signed: c.minutes_signed_at !== null });
      }
      return out;
    },

    /** Staff name the committee's chair and members of a call: people with an account (residents may have no other role). */
    async addMember(user: CurrentUser, committeeId: string, email: string, role: 'chair' | 'committee'): Promise<boolean> {
      const { committee, role: mine } = await session(user, committeeId);
      if (mine !== 'staff') throw new ForbiddenError();
      const account = await ctx.deps.accounts.findUserByEmail(email);
      if (!account) return false;
      await transact(db, async (trx) => {
        await repo.addCallPerson(trx, { call_id: committee.call_id, user_id: account.id, role, created_at: nowIso() });
        if (role === 'chair') await repo.updateCommittee(trx, committee.id, { chair_user_id: account.id, updated_at: nowIso() });
      });
      return true;
    },

    async addToAgenda(user: CurrentUser, committeeId: string, applicationId: string, hearingAt: string | null) {
      const { committee } = await running(user, committeeId);
      const app = await repo.findApplication(db, applicationId);
      if (!app || app.call_id !== committee.call_id || !UNDER_REVIEW.includes(app.state)) throw new ConflictError('initiatives.session.notCandidate');
      if (await repo.agendaItem(db, committeeId, applicationId)) return;
      const position = (await repo.agendaOf(db, committeeId)).length + 1;
      await repo.insertAgendaItem(db, { id: newId(), committee_id: committeeId, application_id: applicationId, position, hearing_at: hearingAt, created_at: nowIso() });
    },

    async markHeard(user: CurrentUser, committeeId: string, applicationId: string, heard: boolean) {
      await running(user, committeeId);
      const item = await repo.agendaItem(db, committeeId, applicationId);
      if (!item) throw new NotFoundError();
      await repo.setHeard(db, item.id, heard ? 1 : 0);
    },

    /** Who is present among the chair and members (ticked), plus guests in words; opens the session. */
    async recordAttendance(user: CurrentUser, committeeId: string, presentIds: string[], guests: string[]) {
      const { committee, call } = await running(user, committeeId);
      const people = await repo.committeePeople(db, call.id);
      const now = nowIso();
      const rows: Array<{ id: string; user_id: string | null; name: string; role: string; present: number; created_at: string }> = [];
      for (const p of people) {
        const name = (await ctx.deps.accounts.getUser(p.user_id))?.name ?? '';
        const role = p.role === 'chair' || committee.chair_user_id === p.user_id ? 'chair' : 'member';
        rows.push({ id: newId(), user_id: p.user_id, name, role, present: presentIds.includes(p.user_id) ? 1 : 0, created_at: now });
      }
      for (const g of guests) rows.push({ id: newId(), user_id: null, name: g, role: 'guest', present: 1, created_at: now });
      await transact(db, async (trx) => {
        await repo.replaceAttendance(trx, committeeId, rows);
        await repo.updateCommittee(trx, committeeId, { opened_at: committee.opened_at ?? now, updated_at: now });
      });
    },

    /** A member present votes on a file; a reviewer who recused on it may not. */
    async vote(user: CurrentUser, committeeId: string, applicationId: string, choice: VoteChoice) {
      const { committee } = await session(user, committeeId);
      if (committee.minutes_signed_at) throw new ConflictError('initiatives.session.closed');
      if (!(await repo.agendaItem(db, committeeId, applicationId))) throw new NotFoundError();
      if (await repo.decisionOn(db, committeeId, applicationId)) throw new ConflictError('initiatives.vote.decided');
      if (await repo.isRecused(db, applicationId, user.id)) throw new ForbiddenError('initiatives.vote.recused');
      if (!(await voters(committeeId)).present.has(user.id)) throw new ForbiddenError('initiatives.vote.notPresent');
      await repo.castVote(db, { committee_id: committeeId, application_id: applicationId, user_id: user.id, choice, cast_at: nowIso() });
    },

    /**
     * The committee's decision on a file: needs the quorum; a grant is checked against the per-project
     * ceiling (the lower one for a holder's second project this year) and what is left of the year's
     * envelope, and refused with the figures. The holder's mail, the tranches and the fiche bilan
     * to come are written in the same transaction.
     */
    async decide(user: CurrentUser, committeeId: string, input: DecisionInput, lang: Lang): Promise<DecideOutcome> {
      const { committee, call } = await running(user, committeeId);
      const before = await repo.findApplication(db, input.application_id);
      const holder = before ? await holderOf(ctx, before) : null;
      return transact(db, async (trx, afterCommit): Promise<DecideOutcome> => {
        const app = await repo.findApplication(trx, input.application_id);
        if (!app || !(await repo.agendaItem(trx, committeeId, app.id))) throw new NotFoundError();
        if (!UNDER_REVIEW.includes(app.state) || (await repo.decisionOn(trx, committeeId, app.id))) throw new ConflictError('initiatives.vote.decided');
        const { attendance, present } = await voters(committeeId, trx);
        if (!quorumReached(attendance, call.quorum)) {
          return { kind: 'refused', errors: { _form: fieldMessage('initiatives.decision.noQuorum', { present: presentVoters(attendance), quorum: call.quorum }) } };
        }
        const amount = input.outcome === 'granted' ? (input.amount_cents ?? 0) : 0;
        if (input.outcome === 'granted') {
          if (amount <= 0) return { kind: 'refused', errors: { amount: fieldMessage('initiatives.decision.amountRequired') } };
          const year = committee.meets_at.slice(0, 4);
          const problem = ceilingProblem({
            amount,
            projectCeiling: call.project_ceiling_cents,
            repeatCeiling: call.repeat_project_ceiling_cents,
            isRepeat: await repo.holderGrantedInYear(trx, call.id, app.holder_user_id, year, app.id),
            yearlyEnvelope: call.yearly_envelope_cents,
            grantedThisYear: await repo.grantedInYear(trx, call.id, year, app.id),
          });
          if (problem) {
            const eur = (c: number) => formatEuros(c, lang);
            const params: Record<string, string> =
              problem.kind === 'yearly' ? { amount: eur(amount), envelope: eur(problem.envelope), remaining: eur(problem.remaining), year } : { amount: eur(amount), ceiling: eur(problem.ceiling) };
            return { kind: 'refused', errors: { amount: fieldMessage(`initiatives.decision.over.${problem.kind}`, params) } };
          }
        }
        if (input.outcome === 'refused' && !input.reason.trim()) return { kind: 'refused', errors: { reason: fieldMessage('initiatives.decision.reasonRequired') } };
        const recused = new Set((await repo.recusals(trx, [app.id])).map((r) => r.user_id));
        const allowed = new Set([...present].filter((u) => !recused.has(u)));
        const counts = tally(
          (await repo.votesOf(trx, committeeId)).filter((v) => v.application_id === app.id),
          allowed,
        );
        const now = nowIso();
        const inserted = await repo.insertDecision(trx, {
          id: newId(),
          committee_id: committeeId,
          application_id: app.id,
          outcome: input.outcome,
          amount_cents: amount,
          conditions: input.conditions,
          reason: input.reason,
          votes_for: counts.for,
          votes_against: counts.against,
          votes_abstain: counts.abstain,
          decided_at: now,
          decided_by: user.id,
          mailed_at: null,
        });
        if (!inserted) throw new ConflictError('initiatives.vote.decided');
        // A grant opens on its tranches and reports; a refusal or postponement on the file.
        const path = input.outcome === 'granted' ? `/initiatives/dossiers/${app.id}/bilan` : `/initiatives/dossiers/${app.id}`;
        if (input.outcome === 'postponed') {
          if (app.state === 'admissible') await ctx.move(trx, app, 'under_review', user.id, input.reason);
        } else {
          await ctx.move(trx, app, input.outcome, user.id, input.reason, {
            decided_at: now,
            granted_cents: input.outcome === 'granted' ? amount : null,
            state_reason: input.outcome === 'refused' ? input.reason : '',
          });
        }
        if (input.outcome === 'granted') await planFollowUp(trx, call, app, amount, now);
        const moved = (await repo.findApplication(trx, app.id))!;
        if (input.outcome === 'granted') await publishProject(ctx, trx, moved, call);
        const mailed = await mailHolder(
          ctx,
          trx,
          holder,
          app,
          input.outcome,
          (l) => ({
            amount: formatEuros(amount, l),
            conditions: input.conditions || '—',
            reason: input.reason || '—',
            tranches: input.outcome === 'granted' ? tranchesText(ctx, call, amount, l) : '',
            operator: call.operator_name,
          }),
          path,
          `initiatives.decision:${committeeId}:${app.id}`,
        );
        if (mailed) {
          await trx.updateTable('initiative_decisions').set({ mailed_at: now }).where('committee_id', '=', committeeId).where('application_id', '=', app.id).execute();
          afterCommit(() => ctx.platform.mail.wake());
        }
        return { kind: 'ok' };
      });
    },

    /** The chair signs the minutes off: the PDF is drawn from the decisions and kept; the session is held and closed. */
    async signMinutes(user: CurrentUser, committeeId: string, notes: string, lang: Lang) {
      const { committee, role } = await running(user, committeeId);
      if (role === 'member' || !(await isChairOf(user, committee))) throw new ForbiddenError('initiatives.minutes.chairOnly');
      const now = nowIso();
      await repo.updateCommittee(db, committeeId, {
        minutes_notes: notes,
        minutes_signed_at: now,
        minutes_signed_by: user.id,
        status: 'held',
        closed_at: now,
        updated_at: now,
        chair_user_id: committee.chair_user_id ?? user.id,
      });
      const pdf = await minutes(user, committeeId, lang);
      const stored = await ctx.platform.storage.put(pdf, { contentType: 'application/pdf' });
      await repo.updateCommittee(db, committeeId, { minutes_file_key: stored.key });
    },

    minutes,
  };

  async function isChairOf(user: CurrentUser, committee: InitiativeCommitteesTable) {
    if (committee.chair_user_id === user.id) return true;
    return (await repo.callRoles(db, committee.call_id, user.id)).some((r) => r.role === 'chair');
  }
}
export type CommitteeService = ReturnType<typeof createCommittee>;
