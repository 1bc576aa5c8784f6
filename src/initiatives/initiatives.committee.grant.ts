/** What a grant sets going: the holder's mail, the tranches from the call's plan, the reports owed. */
import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { newId } from '../platform/db/ids.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import { renderMail } from '../platform/mail/message.tsx';
import { paragraphs } from '../platform/text.ts';
import type { FollowUpContext } from './initiatives.committee.context.ts';
import { addDays, planTranches } from './initiatives.committee.model.ts';
import * as repo from './initiatives.committee.repo.ts';
import { formatEuros } from './initiatives.model.ts';
import type { InitiativeApplicationsTable, InitiativeCallsTable, TrancheCondition } from './initiatives.tables.ts';

export type Holder = { email: string | null; name: string; lang: Lang } | null;

/** The holder's account, read before the transaction that mails it (the accounts service reads on the root connection). */
export const holderOf = async (ctx: FollowUpContext, app: Pick<InitiativeApplicationsTable, 'holder_user_id'>): Promise<Holder> =>
  app.holder_user_id ? await ctx.deps.accounts.getUser(app.holder_user_id) : null;

/** Mails about a file to its holder, in the holder's language, in the caller's transaction. */
export async function mailHolder(
  ctx: FollowUpContext,
  trx: Kysely<Database>,
  holder: Holder,
  app: InitiativeApplicationsTable,
  kind: string,
  params: (lang: Lang) => Record<string, string>,
  path: string,
  dedupeKey: string,
) {
  if (!holder?.email) return false;
  const t = ctx.t(holder.lang);
  const all = { reference: app.reference, title: app.title, site: ctx.site, ...params(holder.lang) };
  const body = renderMail({
    greeting: t('initiatives.mail.greeting', { name: holder.name }),
    paragraphs: paragraphs(t(`initiatives.mail.${kind}.body`, all)),
    action: { label: t(`initiatives.mail.${kind}.action`), url: `${ctx.base}${path}` },
    siteName: ctx.site,
    lang: holder.lang,
  });
  await ctx.platform.mail.enqueue(trx, {
    to: holder.email,
    lang: holder.lang,
    subject: t(`initiatives.mail.${kind}.subject`, all),
    text: body.text,
    html: body.html,
    category: `initiatives.${kind}`,
    dedupeKey,
  });
  return true;
}

/** The grant's tranches from the call's plan, and the reports the holder will owe. */
export async function planFollowUp(trx: Kysely<Database>, call: InitiativeCallsTable, app: InitiativeApplicationsTable, amount: number, now: string) {
  const plan = JSON.parse(call.tranche_plan) as Array<{ percent: number; condition: TrancheCondition }>;
  for (const t of planTranches(amount, plan)) {
    await repo.insertTranche(trx, {
      id: newId(),
      application_id: app.id,
      position: t.position,
      amount_cents: t.amount_cents,
      condition: t.condition,
      status: 'planned',
      due_on: null,
      paid_on: null,
      reference: '',
      paid_by: null,
      note: '',
      created_at: now,
      updated_at: now,
    });
  }
  const end = app.ends_on ?? app.starts_on ?? now.slice(0, 10);
  const kinds = plan.some((p) => p.condition === 'progress_report') ? (['progress', 'final'] as const) : (['final'] as const);
  for (const kind of kinds) {
    if (await repo.findReport(trx, app.id, kind)) continue;
    const due = kind === 'final' ? addDays(end, call.report_due_days) : (app.starts_on ?? end);
    await repo.insertReport(trx, {
      id: newId(),
      application_id: app.id,
      kind,
      status: 'draft',
      due_on: due,
      what_happened: '',
      participants: null,
      spent_cents: 0,
      self_evaluation: '',
      published: 0,
      reminded_at: null,
      submitted_at: null,
      accepted_at: null,
      accepted_by: null,
      created_at: now,
      updated_at: now,
    });
  }
}

/** The tranches in words, for the holder's mail. */
export function tranchesText(ctx: FollowUpContext, call: InitiativeCallsTable, amount: number, lang: Lang) {
  const t = ctx.t(lang);
  const plan = JSON.parse(call.tranche_plan) as Array<{ percent: number; condition: TrancheCondition }>;
  return planTranches(amount, plan)
    .map((p) => `– ${t('initiatives.tranche.line', { position: p.position, amount: formatEuros(p.amount_cents, lang), condition: t(`initiatives.tranche.condition.${p.condition}`) })}`)
    .join('\n');
}
