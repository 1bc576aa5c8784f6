/** Pieces the initiatives pages share: state badges, money, the read-only file (project, budget, attachments). */
import type { ViewContext } from '../platform/layout/context.ts';
import { formatDate, formatSize } from '../platform/format.ts';
import { paragraphs } from '../platform/text.ts';
import { budgetTotals, formatEuros } from './initiatives.model.ts';
import type { ApplicationState, InitiativeApplicationsTable, InitiativeAttachmentsTable, InitiativeBudgetLinesTable } from './initiatives.tables.ts';
import { communeName } from './initiatives.territories.ts';

export const euros = (ctx: ViewContext, cents: number) => formatEuros(cents, ctx.lang);

export function StateBadge({ ctx, state }: { ctx: ViewContext; state: ApplicationState }) {
  const tone =
    state === 'not_admissible' || state === 'refused' ? ' badge-full' : state === 'complements_requested' ? ' badge-members' : state === 'granted' || state === 'completed' ? ' badge-ok' : '';
  return <span class={`badge${tone}`}>{ctx.t(`initiatives.state.${state}`)}</span>;
}

export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {paragraphs(text).map((p) => (
        <p>{p}</p>
      ))}
    </>
  );
}

export function BudgetTable({ ctx, lines, caption }: { ctx: ViewContext; lines: InitiativeBudgetLinesTable[]; caption: string }) {
  const totals = budgetTotals(lines);
  const side = (s: 'expense' | 'resource') => lines.filter((l) => l.side === s);
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t('initiatives.budget.kind')}</th>
            <th scope="col">{ctx.t('initiatives.budget.label')}</th>
            <th scope="col">{ctx.t('initiatives.budget.amount')}</th>
          </tr>
        </thead>
        {(['expense', 'resource'] as const).map((s) => (
          <tbody>
            <tr>
              <th scope="rowgroup" colSpan={3}>
                {ctx.t(`initiatives.budget.${s}s`)}
              </th>
            </tr>
            {side(s).map((l) => (
              <tr>
                <td>{ctx.t(`initiatives.${s}.${l.kind}`)}</td>
                <td>{l.label}</td>
                <td>{euros(ctx, l.amount_cents)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row" colSpan={2}>
                {ctx.t(`initiatives.budget.total.${s}`)}
              </th>
              <td>
                <strong>{euros(ctx, s === 'expense' ? totals.expenses : totals.resources)}</strong>
              </td>
            </tr>
          </tbody>
        ))}
      </table>
    </div>
  );
}

export function BalanceNote({ ctx, expenses, resources }: { ctx: ViewContext; expenses: number; resources: number }) {
  if (expenses > 0 && expenses === resources) return <p class="notice">{ctx.t('initiatives.budget.balanced', { amount: euros(ctx, expenses) })}</p>;
  return <p class="notice notice-members">{ctx.t('initiatives.budget.unbalancedNote', { expenses: euros(ctx, expenses), resources: euros(ctx, resources) })}</p>;
}

/** The project as submitted: what reviewers and staff read. */
export function ProjectFacts({ ctx, app }: { ctx: ViewContext; app: InitiativeApplicationsTable }) {
  const row = (label: string, value: string | null) =>
    value ? (
      <>
        <dt>{label}</dt>
        <dd>{value}</dd>
      </>
    ) : null;
  return (
    <dl class="meta-list">
      {row(ctx.t('initiatives.field.holder_kind'), ctx.t(`initiatives.holder.${app.holder_kind}`))}
      {row(ctx.t('initiatives.field.holder_name'), app.holder_name)}
      {row(ctx.t('initiatives.field.holder_people'), app.holder_people)}
      {row(ctx.t('initiatives.field.commune_code'), communeName(app.commune_code))}
      {row(ctx.t('initiatives.field.neighbourhood'), app.neighbourhood)}
      {row(ctx.t('initiatives.field.place'), app.place)}
      {row(ctx.t('initiatives.field.starts_on'), app.starts_on ? formatDate(app.starts_on, ctx.lang) : null)}
      {row(ctx.t('initiatives.field.ends_on'), app.ends_on ? formatDate(app.ends_on, ctx.lang) : null)}
      {row(ctx.t('initiatives.field.audience'), app.audience)}
      {row(ctx.t('initiatives.field.expected_participants'), app.expected_participants === null ? null : String(app.expected_participants))}
      {row(ctx.t('initiatives.field.requested'), euros(ctx, app.requested_cents))}
    </dl>
  );
}

export function AttachmentList({ ctx, appId, attachments, remove }: { ctx: ViewContext; appId: string; attachments: InitiativeAttachmentsTable[]; remove?: boolean }) {
  if (attachments.length === 0) return <p>{ctx.t('initiatives.attachments.none')}</p>;
  return (
    <ul class="document-list">
      {attachments.map((a) => (
        <li>
          <a href={`/initiatives/dossiers/${appId}/pieces/${a.id}`}>{a.filename}</a>{' '}
          <span class="muted">
            ({ctx.t(`initiatives.attachment.${a.kind}`)}, {formatSize(a.bytes, ctx.lang)})
          </span>
          {remove && (
            <form method="post" action={`/initiatives/dossiers/${appId}/pieces/${a.id}/supprimer`} class="inline-form">
              <input type="hidden" name="_csrf" value={ctx.csrf()} />{' '}
              <button type="submit" class="link-button">
                {ctx.t('initiatives.attachments.remove')}
                <span class="visually-hidden"> {a.filename}</span>
              </button>
            </form>
          )}
        </li>
      ))}
    </ul>
  );
}
