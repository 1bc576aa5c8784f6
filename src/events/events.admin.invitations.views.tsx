import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import type { FieldErrors } from '../platform/forms/forms.ts';
import { Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import type { EventModel } from './events.service.ts';
import { adminBase, type Row } from './events.admin.views.tsx';

export function InvitationsPage({
  ctx,
  event,
  values,
  errors,
  result,
  invited,
}: {
  ctx: ViewContext;
  event: EventModel;
  values: { addresses: string };
  errors: FieldErrors;
  result: { invited: number; already: number; invalid: string[] } | null;
  invited: Row[];
}) {
  const title = ctx.t('events.invite.title');
  const labels = { addresses: ctx.t('events.invite.addresses'), file: ctx.t('events.invite.file') };
  const waitingAnswer = invited.filter((r) => r.status === 'invited').length;
  return (
    <Layout ctx={ctx} meta={{ title }}>
      <p class="breadcrumb">
        <a href={adminBase(event)}>{event.title}</a>
      </p>
      <h1>{title}</h1>
      {result && (
        <div class="flash" role="status">
          <p>{ctx.t('events.invite.result', { invited: result.invited, already: result.already })}</p>
          {result.invalid.length > 0 && (
            <p>
              {ctx.t('events.invite.invalid', { n: result.invalid.length })} {result.invalid.slice(0, 10).join(' · ')}
            </p>
          )}
        </div>
      )}
      <form method="post" action={`${adminBase(event)}/invitations`} class="form-card" novalidate>
        <Csrf ctx={ctx} />
        <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
        <Field ctx={ctx} name="addresses" label={labels.addresses} hint={ctx.t('events.invite.hint')} errors={errors}>
          {(a) => (
            <textarea {...a} rows={10}>
              {values.addresses}
            </textarea>
          )}
        </Field>
        <button type="submit">{ctx.t('events.invite.send')}</button>
      </form>
      <form method="post" action={`${adminBase(event)}/invitations/csv`} enctype="multipart/form-data" class="form-card">
        <Csrf ctx={ctx} />
        <div class="field">
          <label for="f-file">{labels.file}</label>
          <span class="hint" id="f-file-hint">
            {ctx.t('events.invite.fileHint')}
          </span>
          <input type="file" id="f-file" name="file" accept=".csv,text/csv,text/plain" aria-describedby="f-file-hint" />
        </div>
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
