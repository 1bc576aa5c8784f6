/** A holder's file: the draft saved as it is typed, the budget, private attachments, the submission before the deadline. */
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { newId, nowIso } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import { fieldMessage, type FieldErrors } from '../platform/forms/forms.ts';
import type { CurrentUser } from '../platform/http/access.ts';
import { ForbiddenError, NotFoundError } from '../platform/http/errors.ts';
import { formatDateTime } from '../platform/format.ts';
import { fileRole } from './initiatives.access.ts';
import { callIsOpen } from './initiatives.calls.ts';
import type { InitiativesContext } from './initiatives.context.ts';
import type { InitiativesMail } from './initiatives.mail.ts';
import { budgetTotals, fileReference, formatEuros, HOLDER_EDITABLE } from './initiatives.model.ts';
import * as repo from './initiatives.repo.ts';
import { type ApplicationInput, REQUIRED_TO_SUBMIT } from './initiatives.schema.ts';
import type { AttachmentKind, BudgetSide, InitiativeApplicationsTable } from './initiatives.tables.ts';
import { ATTACHMENT_KINDS } from './initiatives.tables.ts';

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENTS_PER_UPLOAD = 5;
export const ATTACHMENTS_PER_FILE = 20;

export type StartOutcome = { kind: 'ok'; id: string } | { kind: 'unverified' } | { kind: 'closed' };
export type SaveOutcome = { kind: 'ok'; revision: number } | { kind: 'stale'; revision: number } | { kind: 'invalid'; errors: FieldErrors };
export type SubmitOutcome = { kind: 'ok' } | { kind: 'refused'; errors: FieldErrors };

export interface NewAttachment {
  kind: string;
  filename: string;
  path: string;
  size: number;
}

/** The real type of an uploaded file, from its first bytes: PDF, PNG, JPEG, or an office document (zip). */
function sniffType(head: Buffer): string | null {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'application/octet-stream';
  return null;
}

/** A new draft's fields before the holder types anything. */
export function blankApplication(now: string): Omit<InitiativeApplicationsTable, 'id' | 'call_id' | 'reference' | 'holder_user_id'> {
  return {
    state: 'draft',
    title: '',
    summary: '',
    holder_kind: 'informal_group',
    holder_name: '',
    holder_people: '',
    contact_phone: '',
    commune_code: null,
    neighbourhood: '',
    place: '',
    longitude: null,
    latitude: null,
    starts_on: null,
    ends_on: null,
    audience: '',
    expected_participants: null,
    themes: '[]',
    expenses_cents: 0,
    resources_cents: 0,
    requested_cents: 0,
    committee_id: null,
    complements_reason: '',
    complements_due_at: null,
    state_reason: '',
    granted_cents: null,
    public: 0,
    revision: 1,
    submitted_at: null,
    decided_at: null,
    completed_at: null,
    created_at: now,
    updated_at: now,
  };
}

export function createApplications(ctx: InitiativesContext, mail: InitiativesMail) {
  const { db, deps } = ctx;

  async function ownDraft(q: Kysely<Database>, user: CurrentUser, id: string): Promise<InitiativeApplicationsTable> {
    const app = await repo.findApplication(q, id);
    if (!app) throw new NotFoundError();
    if (app.holder_user_id !== user.id) throw new ForbiddenError();
    return app;
  }

  return {
    /** Starts a file on a call that takes files now, for an account whose address is confirmed. */
    async startDraft(user: CurrentUser, callId: string): Promise<StartOutcome> {
      const account = await deps.accounts.getUser(user.id);
      if (!account?.emailVerified) return { kind: 'unverified' };
      return transact(db, async (trx) => {
        const call = await repo.findCall(trx, callId);
        if (!call || !callIsOpen(call)) return { kind: 'closed' as const };
        const now = nowIso();
        const id = newId();
        const n = (await repo.countApplications(trx, callId)) + 1;
        await repo.insertApplication(trx, {
          id,
          call_id: callId,
          reference: fileReference(call.reference_prefix, n),
          holder_user_id: user.id,
          ...blankApplication(now),
        });
        await repo.insertHistory(trx, { id: newId(), application_id: id, at: now, actor_user_id: user.id, from_state: null, to_state: 'draft', note: '' });
        return { kind: 'ok' as const, id };
      });
    },

    /**
     * Saves what was typed, as it is (a draft may be incomplete). `revision` is the one the form was
     * built from: a save from an older tab is refused and shown again instead of overwriting.
     */
    async saveDraft(user: CurrentUser, id: string, input: ApplicationInput, budget: Array<{ side: BudgetSide; kind: string; label: string; amount_cents: number }>): Promise<SaveOutcome> {
      return transact(db, async (trx) => {
        const app = await ownDraft(trx, user, id);
        if (!HOLDER_EDITABLE.includes(app.state)) throw new ForbiddenError('initiatives.error.notEditable');
        if (input.revision !== app.revision) return { kind: 'stale' as const, revision: app.revision };
        const call = (await repo.findCall(trx, app.call_id))!;
        const communes = JSON.parse(call.commune_codes) as string[];
        if (input.commune_code && !communes.includes(input.commune_code)) return { kind: 'invalid' as const, errors: { commune_code: fieldMessage('initiatives.form.communeOutside') } };
        const totals = budgetTotals(budget);
        const revision = app.revision + 1;
        await repo.updateApplication(trx, id, {
          title: input.title,
          summary: input.summary,
          holder_kind: input.holder_kind,
          holder_name: input.holder_name,
          holder_people: input.holder_people,
          contact_phone: input.contact_phone,
          commune_code: input.commune_code || null,
          neighbourhood: input.neighbourhood,
          place: input.place,
          starts_on: input.starts_on || null,
          ends_on: input.ends_on || null,
          audience: input.audience,
          expected_participants: input.expected_participants === '' ? null : input.expected_participants,
          themes: JSON.stringify(input.themes.filter((t) => (JSON.parse(call.themes) as string[]).includes(t))),
          public: input.public ? 1 : 0,
          expenses_cents: totals.expenses,
          resources_cents: totals.resources,
          requested_cents: totals.requested,
          revision,
          updated_at: nowIso(),
        });
        await repo.replaceBudget(
          trx,
          id,
          budget.map((l, position) => ({ id: newId(), application_id: id, side: l.side, kind: l.kind, label: l.label, amount_cents: l.amount_cents, funder: '', secured: 0, position })),
        );
        return { kind: 'ok' as const, revision };
      });
    },

    /**
     * Submits the saved file: complete, balanced, within the ceiling, before the deadline (the call's,
     * the next committee's, or the complements' one). Refusals name what to fix and the date that passed.
     */
    async submit(user: CurrentUser, id: string, lang: 'fr' | 'en'): Promise<SubmitOutcome> {
      const account = await deps.accounts.getUser(user.id);
      const outcome = await transact(db, async (trx, afterCommit) => {
        const app = await ownDraft(trx, user, id);
        if (!HOLDER_EDITABLE.includes(app.state)) throw new ForbiddenError('initiatives.error.notEditable');
        const call = (await repo.findCall(trx, app.call_id))!;
        const errors: FieldErrors = {};
        for (const f of REQUIRED_TO_SUBMIT) if (app[f] === null || app[f] === '') errors[f] = fieldMessage('initiatives.submit.required');
        const totals = budgetTotals(await repo.budgetLines(trx, id));
        if (!totals.balanced)
          errors.budget = fieldMessage(totals.expenses === 0 ? 'initiatives.submit.emptyBudget' : 'initiatives.submit.unbalanced', {
            expenses: formatEuros(totals.expenses, lang),
            resources: formatEuros(totals.resources, lang),
          });
        else if (totals.requested === 0) errors.budget = fieldMessage('initiatives.submit.nothingRequested');
        const now = nowIso();
        // A second action of the same holder in the same year has the call's lower ceiling (Méricourt: 900 €, then 400 €).
        const second = call.repeat_project_ceiling_cents !== null && (await repo.fundedThisYear(trx, call.id, user.id, `${now.slice(0, 4)}-01-01`)) > 0;
        const ceiling = second ? call.repeat_project_ceiling_cents! : call.project_ceiling_cents;
        if (totals.balanced && totals.requested > ceiling)
          errors.budget = fieldMessage(second ? 'initiatives.submit.overRepeatCeiling' : 'initiatives.submit.overCeiling', { ceiling: formatEuros(ceiling, lang) });
        let committeeId = app.committee_id;
        if (app.state === 'complements_requested') {
          if (app.complements_due_at && app.complements_due_at <= now) errors._form = fieldMessage('initiatives.submit.late', { date: formatDateTime(app.complements_due_at, lang) });
        } else if (call.status === 'rolling') {
          const next = await repo.nextCommittee(trx, call.id, now);
          if (next) committeeId = next.id;
          else {
            const last = await repo.lastDeadline(trx, call.id, now);
            errors._form = last ? fieldMessage('initiatives.submit.late', { date: formatDateTime(last, lang) }) : fieldMessage('initiatives.submit.noCommittee');
          }
        } else if (call.status !== 'open' || (call.closes_at !== null && call.closes_at <= now)) {
          errors._form = call.closes_at ? fieldMessage('initiatives.submit.late', { date: formatDateTime(call.closes_at, lang) }) : fieldMessage('initiatives.submit.closed');
        }
        if (Object.keys(errors).length) return { kind: 'refused' as const, errors };
        await ctx.move(trx, app, 'submitted', user.id, '', { submitted_at: now, committee_id: committeeId, complements_reason: '', complements_due_at: null });
        if (account?.email) {
          await mail.send(
            trx,
            { email: account.email, name: account.name, lang: account.lang },
            'submitted',
            { reference: app.reference, title: app.title, call: call.title },
            `/initiatives/dossiers/${id}`,
            `initiatives.submitted:${id}:${now}`,
          );
          afterCommit(() => ctx.platform.mail.wake());
        }
        return { kind: 'ok' as const };
      });
      return outcome;
    },

    /** The holder's files, newest first (personal space). */
    myFiles: (userId: string) => repo.applicationsOfHolder(db, userId),

    /** Everything about one file, for whoever may read it (null otherwise: the page answers 404). */
    async fileFor(user: CurrentUser | null, id: string) {
      const app = await repo.findApplication(db, id);
      if (!app) return null;
      const role = await fileRole(ctx, user, app);
      if (!role) return null;
      const [call, budget, attachments, history] = await Promise.all([repo.findCall(db, app.call_id), repo.budgetLines(db, id), repo.attachmentsOf(db, id), repo.history(db, id)]);
      return { app, call: call!, budget, attachments, history, role };
    },

    /** Stores uploaded files as private attachments of the holder's editable file; returns the names refused. */
    async addAttachments(user: CurrentUser, id: string, files: NewAttachment[]): Promise<{ refused: string[]; tooMany: boolean }> {
      const app = await ownDraft(db, user, id);
      if (!HOLDER_EDITABLE.includes(app.state)) throw new ForbiddenError('initiatives.error.notEditable');
      const existing = await repo.attachmentsOf(db, id);
      if (existing.length + files.length > ATTACHMENTS_PER_FILE) return { refused: [], tooMany: true };
      const refused: string[] = [];
      for (const f of files) {
        const data = await fs.promises.readFile(f.path);
        const type = sniffType(data.subarray(0, 8));
        const kind = (ATTACHMENT_KINDS as readonly string[]).includes(f.kind) && f.kind !== 'receipt' && f.kind !== 'photo' ? (f.kind as AttachmentKind) : 'other';
        if (!type) {
          refused.push(f.filename);
          continue;
        }
        const stored = await ctx.files.put(data);
        await repo.insertAttachment(db, {
          id: newId(),
          application_id: id,
          report_id: null,
          kind,
          filename: f.filename.slice(0, 200) || 'piece',
          content_type: type,
          bytes: f.size,
          file_key: stored.key,
          consent: 0,
          alt: '',
          uploaded_by: user.id,
          created_at: nowIso(),
        });
      }
      return { refused, tooMany: false };
    },

    /** The holder withdraws the file before the committee's decision; it stays in the history, out of the review. */
    async withdraw(user: CurrentUser, id: string) {
      await transact(db, async (trx) => {
        const app = await ownDraft(trx, user, id);
        await ctx.move(trx, app, 'withdrawn', user.id, '');
      });
    },

    async removeAttachment(user: CurrentUser, id: string, attachmentId: string) {
      const app = await ownDraft(db, user, id);
      if (!HOLDER_EDITABLE.includes(app.state)) throw new ForbiddenError('initiatives.error.notEditable');
      const a = await repo.findAttachment(db, attachmentId);
      if (!a || a.application_id !== id) throw new NotFoundError();
      await repo.deleteAttachment(db, attachmentId);
      if (!(await repo.fileKeyUsed(db, a.file_key))) await ctx.files.remove(a.file_key);
    },

    /** An attachment's bytes for the holder, the file's reviewers (no conflict declared) and staff; null for anyone else. */
    async readAttachment(user: CurrentUser | null, id: string, attachmentId: string) {
      const a = await repo.findAttachment(db, attachmentId);
      if (!a || a.application_id !== id) return null;
      const app = await repo.findApplication(db, id);
      if (!app || !(await fileRole(ctx, user, app))) return null;
      return { filename: a.filename, contentType: a.content_type, read: () => ctx.files.get(a.file_key) };
    },
  };
}
