import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import type { FieldErrors } from '../platform/forms/forms.ts';
import { Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import type { RefusedLine } from './events.schema.ts';
import type { EventModel } from './events.service.ts';
import { adminBase, type Row } from './events.admin.views.tsx';

export interface InvitationsView {
  /** The list typed or imported, kept when it is shown again (an error, the question below). */
  addresses: string;
  errors: FieldErrors;
  result: { invited: number; already: number } | null;
  /** Lines that invite nobody, each reported. */
  refused: RefusedLine[];
  /** More invitations than seats left: asked again before sending. */
  confirm: { count: number } | null;
  seats: { capacity: number | null; remaining: number | null; waiting: number; unanswered: number } | null;
  invited: Row[];
}

function Seats({ ctx, seats }: { ctx: ViewContext; seats: InvitationsView['seats'] }) {
  if (!seats || seats.remaining === null) return <p>{ctx.t('events.invite.noLimit')}</p>;
  return <p>{ctx.t('events.invite.seats', { remaining: seats.remaining, capacity: seats.capacity ?? 0, unanswered: seats.unanswered, waiting: seats.waiting })}</p>;
}

function Refused({ ctx, lines }: { ctx: ViewContext; lines: RefusedLine[] }) {
  if (lines.length === 0) return null;
  return (
    <div class="notice notice-members" role="status">
      <p>
        <strong>{ctx.t('events.invite.refused', { n: lines.length })}</strong>
      </p>
      <ul>
        {lines.map((l) => (
          <li>
            {ctx.t('events.invite.refusedLine', { line: l.line, reason: ctx.t(`events.invite.reason.${l.reason}`) })} <code>{l.text}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function InvitationsPage({ ctx, event, view }: { ctx: ViewContext; event: EventModel; view: InvitationsView }) {
  const { result, errors, seats, invited, confirm } = view;
  const title = ctx.t('events.invite.title');
  const labels = { addresses: ctx.t('events.invite.addresses'), file: ctx.t('events.invite.file') };
  const waitingAnswer = invited.filter((r) => r.status === 'invited').length;
  // The file's form says its own errors; the list's form, the list's.
  const { file: fileError, ...listErrors } = errors;
  const fileErrors: FieldErrors = fileError ? { file: fileError } : {};
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <p class="breadcrumb">
        <a href={adminBase(event)}>{event.title}</a>
      </p>
      <h1>{title}</h1>
      {result && (
        <p class="flash" role="status">
          {ctx.t('events.invite.result', { invited: result.invited, already: result.already })}
        </p>
      )}
      <Refused ctx={ctx} lines={view.refused} />
      <Seats ctx={ctx} seats={seats} />
      {confirm && seats && (
        <section class="notice notice-members" aria-labelledby="confirm-title" role="alert">
          <h2 id="confirm-title">{ctx.t('events.invite.confirmTitle')}</h2>
          <p>{ctx.t('events.invite.confirmText', { count: confirm.count, remaining: seats.remaining ?? 0, unanswered: seats.unanswered })}</p>
          <form method="post" action={`${adminBase(event)}/invitations`} class="actions">
            <Csrf ctx={ctx} />
            <input type="hidden" name="addresses" value={view.addresses} />
            <input type="hidden" name="confirmer" value="1" />
            <button type="submit">{ctx.t('events.invite.confirmSend', { count: confirm.count })}</button>
            <a href="#f-addresses">{ctx.t('events.invite.confirmEdit')}</a>
          </form>
        </section>
      )}
      <form method="post" action={`${adminBase(event)}/invitations`} class="form-card" novalidate>
        <Csrf ctx={ctx} />
        <ErrorSummary ctx={ctx} errors={listErrors} labels={labels} />
        <Field ctx={ctx} name="addresses" label={labels.addresses} hint={ctx.t('events.invite.hint')} errors={listErrors}>
          {(a) => (
            <textarea {...a} rows={10}>
              {view.addresses}
            </textarea>
          )}
        </Field>
        <button type="submit">{ctx.t('events.invite.send')}</button>
      </form>
      <form method="post" action={`${adminBase(event)}/invitations/csv`} enctype="multipart/form-data" class="form-card" novalidate>
        <Csrf ctx={ctx} />
        <ErrorSummary ctx={ctx} errors={fileErrors} labels={labels} />
        <Field ctx={ctx} name="file" label={labels.file} hint={ctx.t('events.invite.fileHint')} errors={fileErrors}>
          {(a) => <input {...a} type="file" accept=".csv,text/csv,text/plain" />}
        </Field>
        <button type="submit">{ctx.t('events.invite.import')}</button>
      </form>
      <h2>{ctx.t('events.invite.list', { n: invited.length })}</h2>
      <p>{ctx.t('events.invite.noAnswer', { n: waitingAnswer })}</p>
      {waitingAnswer > 0 && (
        <form method="post" action={`${adminBase(event)}/invitations/relance`}>
          <Csrf ctx={ctx} />
          <button type="submit" class="button-secondary">
            {ctx.t('events.invite.remind', { n: waitingAnswer })}
          </button>
        </form>
      )}
      <ul>
        {invited.map((r) => (
          <li>
            {r.name} &lt;{r.email}&gt; — {ctx.t(`events.regStatus.${r.status}`)}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
