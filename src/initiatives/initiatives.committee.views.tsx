/** The committee session page: attendance and quorum, agenda with hearings, votes and decisions, minutes. */
import type { FieldErrors, FormValues } from '../platform/forms/forms.ts';
import { formatDate, formatDateTime, formatTime } from '../platform/format.ts';
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf, ErrorSummary, Field } from '../platform/layout/forms.tsx';
import { Layout } from '../platform/layout/layout.tsx';
import type { SessionVM } from './initiatives.minutes.ts';
import { euros } from './initiatives.ui.tsx';

export interface DecisionForm {
  applicationId: string;
  values: FormValues;
  errors: FieldErrors;
}

const num = (ctx: ViewContext, n: number | null) => (n === null ? '—' : new Intl.NumberFormat(ctx.lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }).format(n));
const sessionTitle = (ctx: ViewContext, vm: SessionVM) => ctx.t('initiatives.session.title', { date: formatDate(vm.committee.meets_at, ctx.lang) });

export function SessionsPage({
  ctx,
  sessions,
  calls = [],
}: {
  ctx: ViewContext;
  sessions: Array<{ id: string; meets_at: string; place: string; status: string; callTitle: string; files: number; signed: boolean }>;
  calls?: Array<{ id: string; title: string }>;
}) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('initiatives.sessions.title') }}>
      <h1>{ctx.t('initiatives.sessions.title')}</h1>
      {sessions.length === 0 ? (
        <p>{ctx.t('initiatives.sessions.none')}</p>
      ) : (
        <ul>
          {sessions.map((s) => (
            <li>
              <a href={`/initiatives/comites/${s.id}`}>
                {s.callTitle} — {formatDateTime(s.meets_at, ctx.lang)}
              </a>{' '}
              {ctx.t('initiatives.sessions.files', { count: s.files })}
              {s.signed && <span class="badge badge-ok">{ctx.t('initiatives.minutes.signedBadge')}</span>}
            </li>
          ))}
        </ul>
      )}
      {calls.length > 0 && (
        <>
          <h2>{ctx.t('initiatives.sessions.payments')}</h2>
          <ul>
            {calls.map((c) => (
              <li>
                <a href={`/admin/initiatives/${c.id}/versements`}>{ctx.t('initiatives.payments.title', { title: c.title })}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

/** The personal space's block: committees one sits on, and the fiches bilan of one's funded projects. */
export function FollowUpAccountSection({
  ctx,
  sessions,
  funded,
}: {
  ctx: ViewContext;
  sessions: number;
  funded: Array<{ id: string; reference: string; title: string; report_status: string | null; due_on: string | null }>;
}) {
  return (
    <section aria-labelledby="initiatives-follow-up">
      <h2 id="initiatives-follow-up">{ctx.t('initiatives.account.title')}</h2>
      <ul>
        {sessions > 0 && (
          <li>
            <a href="/initiatives/comites">{ctx.t('initiatives.account.sessions', { count: sessions })}</a>
          </li>
        )}
        {funded.map((f) => (
          <li>
            <a href={`/initiatives/dossiers/${f.id}/bilan`}>
              {f.reference} — {f.title}
            </a>{' '}
            {f.report_status === 'draft' && f.due_on ? ctx.t('initiatives.account.reportDue', { date: formatDate(`${f.due_on}T12:00:00Z`, ctx.lang) }) : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function SessionPage({
  ctx,
  vm,
  decision,
  minutesForm,
  memberForm,
}: {
  ctx: ViewContext;
  vm: SessionVM;
  decision?: DecisionForm;
  minutesForm?: { values: FormValues; errors: FieldErrors };
  memberForm?: { values: FormValues; errors: FieldErrors };
}) {
  const runs = vm.role !== 'member' && !vm.signed;
  const base = `/initiatives/comites/${vm.committee.id}`;
  return (
    <Layout ctx={ctx} meta={{ title: `${sessionTitle(ctx, vm)} · ${vm.call.title}` }}>
      <p class="breadcrumb">
        <a href="/initiatives/comites">{ctx.t('initiatives.sessions.title')}</a>
      </p>
      <h1>{sessionTitle(ctx, vm)}</h1>
      <p>
        {vm.call.title} · {formatDateTime(vm.committee.meets_at, ctx.lang)}
        {vm.committee.place && ` · ${vm.committee.place}`}
      </p>
      <p class={vm.quorumReached ? 'badge badge-ok' : 'badge badge-members'} id="quorum">
        {ctx.t(vm.quorumReached ? 'initiatives.quorum.reached' : 'initiatives.quorum.missing', { present: vm.presentCount, quorum: vm.quorum })}
      </p>

      <h2>{ctx.t('initiatives.attendance.title')}</h2>
      {runs ? (
        <form method="post" action={`${base}/presences`} class="form-card">
          <Csrf ctx={ctx} />
          <fieldset>
            <legend>{ctx.t('initiatives.attendance.legend')}</legend>
            {vm.people.map((p) => (
              <label class="checkbox">
                <input type="checkbox" name="present" value={p.user_id} checked={p.present} /> {p.name}
                {p.role === 'chair' && ` (${ctx.t('initiatives.attendance.role.chair')})`}
              </label>
            ))}
          </fieldset>
          <Field
            ctx={ctx}
            name="guests"
            label={ctx.t('initiatives.attendance.guests')}
            hint={ctx.t('initiatives.attendance.guestsHint')}
            textarea
            rows={2}
            maxLength={1000}
            value={vm.attendance
              .filter((a) => a.role === 'guest')
              .map((a) => a.name)
              .join('\n')}
          />
          <button type="submit" class="button button-secondary">
            {ctx.t('initiatives.attendance.save')}
          </button>
        </form>
      ) : (
        <ul>
          {vm.attendance
            .filter((a) => a.present === 1)
            .map((a) => (
              <li>
                {a.name} ({ctx.t(`initiatives.attendance.role.${a.role}`)})
              </li>
            ))}
        </ul>
      )}

      {vm.role === 'staff' && !vm.signed && (
        <form method="post" action={`${base}/membres`} class="form-card" novalidate>
          <h3>{ctx.t('initiatives.member.title')}</h3>
          <ErrorSummary ctx={ctx} errors={memberForm?.errors} prefix="member-" id="member-errors" labels={{ email: ctx.t('initiatives.member.emailLabel') }} />
          <Csrf ctx={ctx} />
          <Field
            ctx={ctx}
            name="email"
            prefix="member-"
            type="email"
            label={ctx.t('initiatives.member.emailLabel')}
            hint={ctx.t('initiatives.member.hint')}
            value={memberForm?.values.email}
            errors={memberForm?.errors}
            autocomplete="off"
          />
          <fieldset>
            <legend>{ctx.t('initiatives.member.role')}</legend>
            {(['committee', 'chair'] as const).map((r) => (
              <label class="checkbox">
                <input type="radio" name="role" value={r} checked={(memberForm?.values.role ?? 'committee') === r} /> {ctx.t(`initiatives.member.role.${r}`)}
              </label>
            ))}
          </fieldset>
          <button type="submit" class="button button-secondary">
            {ctx.t('initiatives.member.add')}
          </button>
        </form>
      )}

      <h2>{ctx.t('initiatives.session.agenda')}</h2>
      {vm.items.length === 0 && <p>{ctx.t('initiatives.session.emptyAgenda')}</p>}
      {vm.items.map((item) => (
        <section class="form-card" aria-labelledby={`file-${item.application_id}`}>
          <h3 id={`file-${item.application_id}`}>
            {item.reference} — {item.title}
          </h3>
          <p>
            {ctx.t('initiatives.session.holder')} : {item.holder_name} · {ctx.t('initiatives.session.requested')} : {euros(ctx, item.requested_cents)}
            {item.hearing_at && ` · ${ctx.t('initiatives.session.hearing')} : ${formatTime(item.hearing_at, ctx.lang)}`}
            {item.heard === 1 && ` · ${ctx.t('initiatives.session.heard')}`}
            {item.publicPoints !== null && ` · ${ctx.t('initiatives.session.publicPoints', { n: item.publicPoints })}`}
            {item.grid && item.grid.count > 0 && ` · ${ctx.t('initiatives.session.grid', { average: num(ctx, item.grid.average), spread: num(ctx, item.grid.spread), count: item.grid.count })}`}
          </p>
          {runs && !item.decision && (
            <form method="post" action={`${base}/audition`} class="inline-form">
              <Csrf ctx={ctx} />
              <input type="hidden" name="application_id" value={item.application_id} />
              <input type="hidden" name="heard" value={item.heard ? '0' : '1'} />
              <button type="submit" class="button button-secondary button-small">
                {ctx.t(item.heard ? 'initiatives.session.unmarkHeard' : 'initiatives.session.markHeard', { reference: item.reference })}
              </button>
            </form>
          )}
          <p>{ctx.t('initiatives.vote.tally', { for: item.tally.for, against: item.tally.against, abstain: item.tally.abstain, voters: item.voters })}</p>
          {item.recusedHere && <p class="badge badge-members">{ctx.t('initiatives.vote.recusedHere')}</p>}
          {item.mayVote && !item.decision && !vm.signed && (
            <form method="post" action={`${base}/votes`}>
              <Csrf ctx={ctx} />
              <input type="hidden" name="application_id" value={item.application_id} />
              <fieldset>
                <legend>{ctx.t('initiatives.vote.legend', { reference: item.reference })}</legend>
                {(['for', 'against', 'abstain'] as const).map((c) => (
                  <label class="checkbox">
                    <input type="radio" name="choice" value={c} checked={item.myVote === c} required /> {ctx.t(`initiatives.vote.choice.${c}`)}
                  </label>
                ))}
              </fieldset>
              <button type="submit" class="button button-secondary button-small">
                {ctx.t('initiatives.vote.cast')}
              </button>
            </form>
          )}
          {item.decision ? (
            <p>
              <strong>
                {item.decision.outcome === 'granted'
                  ? ctx.t('initiatives.decision.grantedAmount', { amount: euros(ctx, item.decision.amount_cents) })
                  : ctx.t(`initiatives.decision.outcome.${item.decision.outcome}`)}
              </strong>
              {item.decision.conditions && ` · ${ctx.t('initiatives.decision.conditions')} : ${item.decision.conditions}`}
              {item.decision.reason && ` · ${ctx.t('initiatives.decision.reason')} : ${item.decision.reason}`}
            </p>
          ) : (
            runs && <DecisionFormView ctx={ctx} base={base} item={item} form={decision?.applicationId === item.application_id ? decision : undefined} />
          )}
        </section>
      ))}
      {runs && vm.candidates.length > 0 && (
        <form method="post" action={`${base}/ordre-du-jour`} class="form-card">
          <h3>{ctx.t('initiatives.session.addTitle')}</h3>
          <Csrf ctx={ctx} />
          <Field ctx={ctx} name="application_id" label={ctx.t('initiatives.session.file')}>
            {(attrs) => (
              <select {...attrs}>
                {vm.candidates.map((c) => (
                  <option value={c.id}>
                    {c.reference} — {c.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field ctx={ctx} name="hearing_at" type="time" label={ctx.t('initiatives.session.hearing')} hint={ctx.t('initiatives.session.hearingHint')} />
          <button type="submit" class="button button-secondary">
            {ctx.t('initiatives.session.add')}
          </button>
        </form>
      )}

      <h2>{ctx.t('initiatives.minutes.heading')}</h2>
      <p>
        <a href={`${base}/proces-verbal.pdf`}>{ctx.t(vm.signed ? 'initiatives.minutes.download' : 'initiatives.minutes.preview')}</a>
      </p>
      {vm.signed && <p>{ctx.t('initiatives.minutes.signedOn', { date: formatDateTime(vm.committee.minutes_signed_at!, ctx.lang) })}</p>}
      {!vm.signed && vm.role !== 'member' && (
        <form method="post" action={`${base}/signature`} class="form-card" novalidate>
          <ErrorSummary ctx={ctx} errors={minutesForm?.errors} labels={{ notes: ctx.t('initiatives.minutes.notes') }} />
          <Csrf ctx={ctx} />
          <Field
            ctx={ctx}
            name="notes"
            label={ctx.t('initiatives.minutes.notes')}
            textarea
            rows={4}
            maxLength={5000}
            value={minutesForm?.values.notes ?? vm.committee.minutes_notes}
            errors={minutesForm?.errors}
          />
          <label class="checkbox">
            <input type="checkbox" name="confirm" value="1" required /> {ctx.t('initiatives.minutes.confirm')}
          </label>
          <button type="submit" class="button">
            {ctx.t('initiatives.minutes.sign')}
          </button>
        </form>
      )}
    </Layout>
  );
}

function DecisionFormView({ ctx, base, item, form }: { ctx: ViewContext; base: string; item: SessionVM['items'][number]; form?: DecisionForm }) {
  const p = `d${item.application_id.slice(-8)}-`;
  const values = form?.values ?? {};
  const errors = form?.errors ?? {};
  return (
    <form method="post" action={`${base}/decisions`} novalidate>
      <ErrorSummary
        ctx={ctx}
        errors={errors}
        prefix={p}
        id={`${p}errors`}
        labels={{ outcome: ctx.t('initiatives.decision.outcome'), amount: ctx.t('initiatives.decision.amount'), reason: ctx.t('initiatives.decision.reason') }}
      />
      <Csrf ctx={ctx} />
      <input type="hidden" name="application_id" value={item.application_id} />
      <fieldset id={`${p}outcome`}>
        <legend>{ctx.t('initiatives.decision.legend', { reference: item.reference })}</legend>
        {(['granted', 'refused', 'postponed'] as const).map((o) => (
          <label class="checkbox">
            <input type="radio" name="outcome" value={o} checked={(values.outcome ?? 'granted') === o} /> {ctx.t(`initiatives.decision.outcome.${o}`)}
          </label>
        ))}
      </fieldset>
      <Field
        ctx={ctx}
        name="amount"
        prefix={p}
        label={ctx.t('initiatives.decision.amount')}
        hint={ctx.t('initiatives.decision.amountHint')}
        value={values.amount ?? ''}
        errors={errors}
        maxLength={20}
      />
      <Field ctx={ctx} name="conditions" prefix={p} label={ctx.t('initiatives.decision.conditions')} textarea rows={2} value={values.conditions} errors={errors} maxLength={2000} />
      <Field
        ctx={ctx}
        name="reason"
        prefix={p}
        label={ctx.t('initiatives.decision.reason')}
        hint={ctx.t('initiatives.decision.reasonHint')}
        textarea
        rows={2}
        value={values.reason}
        errors={errors}
        maxLength={2000}
      />
      <button type="submit" class="button">
        {ctx.t('initiatives.decision.record', { reference: item.reference })}
      </button>
    </form>
  );
}
