/** The association gestionnaire's page of a call's tranches: what is due, what was paid, totals per year against the envelope, exports. */
import type { FieldErrors, FormValues } from '../platform/forms/forms.ts';
import { formatDate } from '../platform/format.ts';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import { Layout } from '../platform/layout/layout.tsx';
import type { PaymentsVM } from './initiatives.payments.ts';
import { euros } from './initiatives.ui.tsx';

export function PaymentsPage({ ctx, vm, form }: { ctx: ViewContext; vm: PaymentsVM; form?: { trancheId: string; values: FormValues; errors: FieldErrors } }) {
  const base = `/admin/initiatives/${vm.call.id}`;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('initiatives.payments.title', { title: vm.call.title }) }}>
      <p class="breadcrumb">
        <a href={`${base}/dossiers`}>{vm.call.title}</a>
      </p>
      <h1>{ctx.t('initiatives.payments.title', { title: vm.call.title })}</h1>
      <p>{ctx.t('initiatives.payments.totals', { granted: euros(ctx, vm.totals.granted), paid: euros(ctx, vm.totals.paid), due: euros(ctx, vm.totals.due) })}</p>
      <div class="table-wrap">
        <table>
          <caption>{ctx.t('initiatives.payments.years')}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('initiatives.payments.year')}</th>
              <th scope="col">{ctx.t('initiatives.payments.envelope')}</th>
              <th scope="col">{ctx.t('initiatives.payments.granted')}</th>
              <th scope="col">{ctx.t('initiatives.payments.remaining')}</th>
              <th scope="col">{ctx.t('initiatives.payments.paid')}</th>
            </tr>
          </thead>
          <tbody>
            {vm.years.map((y) => (
              <tr>
                <th scope="row">{y.year}</th>
                <td>{euros(ctx, y.envelope)}</td>
                <td>{euros(ctx, y.granted)}</td>
                <td>{euros(ctx, y.remaining)}</td>
                <td>{euros(ctx, y.paid)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{ctx.t('initiatives.payments.exports')}</h2>
      <ul>
        <li>
          <a href={`${base}/versements.csv`}>{ctx.t('initiatives.payments.accountsCsv')}</a> · <a href={`${base}/versements.xlsx`}>{ctx.t('initiatives.payments.accountsXlsx')}</a>
        </li>
        <li>
          <a href={`${base}/fiche-action.csv`}>{ctx.t('initiatives.payments.sheetCsv')}</a> · <a href={`${base}/fiche-action.xlsx`}>{ctx.t('initiatives.payments.sheetXlsx')}</a>
        </li>
      </ul>
      <h2>{ctx.t('initiatives.payments.tranches')}</h2>
      {vm.rows.length === 0 && <p>{ctx.t('initiatives.payments.none')}</p>}
      <div class="table-wrap">
        <table>
          <caption>{ctx.t('initiatives.payments.tranches')}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('initiatives.export.reference')}</th>
              <th scope="col">{ctx.t('initiatives.export.tranche')}</th>
              <th scope="col">{ctx.t('initiatives.export.amount')}</th>
              <th scope="col">{ctx.t('initiatives.export.condition')}</th>
              <th scope="col">{ctx.t('initiatives.export.status')}</th>
              <th scope="col">{ctx.t('initiatives.payments.action')}</th>
            </tr>
          </thead>
          <tbody>
            {vm.rows.map((r) => {
              const f = form?.trancheId === r.id ? form : { values: {} as FormValues, errors: {} as FieldErrors };
              const p = `t${r.id.slice(-8)}-`;
              return (
                <tr id={`tranche-${r.id}`}>
                  <th scope="row">
                    <a href={`/initiatives/dossiers/${r.application_id}/bilan`}>{r.reference}</a> {r.title}
                  </th>
                  <td>{r.position}</td>
                  <td>{euros(ctx, r.amount_cents)}</td>
                  <td>{ctx.t(`initiatives.tranche.condition.${r.condition}`)}</td>
                  <td>
                    {ctx.t(`initiatives.tranche.status.${r.status}`)}
                    {r.paid_on && ` ${formatDate(`${r.paid_on}T12:00:00Z`, ctx.lang)} · ${r.payment_reference}`}
                  </td>
                  <td>
                    {r.payable ? (
                      <form method="post" action={`${base}/versements`} novalidate>
                        <ErrorSummary
                          ctx={ctx}
                          errors={f.errors}
                          prefix={p}
                          id={`${p}errors`}
                          labels={{ paid_on: ctx.t('initiatives.payments.paidOn'), reference: ctx.t('initiatives.payments.reference') }}
                        />
                        <Csrf ctx={ctx} />
                        <input type="hidden" name="tranche_id" value={r.id} />
                        <Field ctx={ctx} name="paid_on" prefix={p} type="date" label={ctx.t('initiatives.payments.paidOn')} value={f.values.paid_on} errors={f.errors} />
                        <Field ctx={ctx} name="reference" prefix={p} label={ctx.t('initiatives.payments.reference')} value={f.values.reference} errors={f.errors} maxLength={120} />
                        <button type="submit" class="button button-small">
                          {ctx.t('initiatives.payments.markPaid', { reference: r.reference, position: r.position })}
                        </button>
                      </form>
                    ) : (
                      r.status === 'planned' && ctx.t('initiatives.payments.waiting')
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
