/** Public pages: /initiatives (open and past calls, the PIC Labs) and a call's page. */
import { EventCard } from '../events/events.ui.tsx';
import type { Availability, EventModel } from '../events/events.service.ts';
import { formatDateTime, formatLongDate } from '../platform/format.ts';
import { Card, CardGrid } from '../platform/layout/card.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { Layout } from '../platform/layout/layout.tsx';
import { Figure, type PictureVM } from '../platform/layout/picture.tsx';
import type { CallRow } from './initiatives.calls.ts';
import type { InitiativeCommitteesTable } from './initiatives.tables.ts';
import { communeName } from './initiatives.territories.ts';
import { euros, Paragraphs } from './initiatives.ui.tsx';

type EventItem = { event: EventModel; availability: Availability; picture?: PictureVM | null };

function CallCard({ ctx, call, picture }: { ctx: ViewContext; call: CallRow; picture?: PictureVM | null }) {
  return (
    <Card
      href={`/initiatives/${call.slug}`}
      picture={picture}
      title={call.title}
      kicker={ctx.t(`initiatives.status.${call.status}`)}
      meta={<p class="card-date">{call.status === 'open' && call.closes_at ? ctx.t('initiatives.call.closesOn', { date: formatLongDate(call.closes_at, ctx.lang) }) : call.fund_name}</p>}
    >
      <p>{call.summary}</p>
    </Card>
  );
}

export function CallsPage({ ctx, open, past, labs, pictures }: { ctx: ViewContext; open: CallRow[]; past: CallRow[]; labs: EventItem[]; pictures: Map<string, PictureVM> }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('initiatives.title'), description: ctx.t('initiatives.description'), canonical: '/initiatives' }}>
      <h1>{ctx.t('initiatives.title')}</h1>
      <p class="lead">{ctx.t('initiatives.lead')}</p>
      <p>
        <a href="/initiatives/projets">{ctx.t('initiatives.projects.seeAll')}</a>
      </p>
      <section aria-labelledby="open-calls">
        <h2 id="open-calls">{ctx.t('initiatives.list.open')}</h2>
        {open.length === 0 ? (
          <p>{ctx.t('initiatives.list.noneOpen')}</p>
        ) : (
          <CardGrid labelledBy="open-calls">
            {open.map((c) => (
              <CallCard ctx={ctx} call={c} picture={pictures.get(`call:${c.id}`)} />
            ))}
          </CardGrid>
        )}
      </section>
      {past.length > 0 && (
        <section aria-labelledby="past-calls">
          <h2 id="past-calls">{ctx.t('initiatives.list.past')}</h2>
          <CardGrid labelledBy="past-calls">
            {past.map((c) => (
              <CallCard ctx={ctx} call={c} picture={pictures.get(`call:${c.id}`)} />
            ))}
          </CardGrid>
        </section>
      )}
      <section aria-labelledby="pic-labs">
        <h2 id="pic-labs">{ctx.t('initiatives.labs.title')}</h2>
        <p>{ctx.t('initiatives.labs.text')}</p>
        {labs.length === 0 ? (
          <p>{ctx.t('initiatives.labs.empty')}</p>
        ) : (
          <CardGrid>
            {labs.map((l) => (
              <EventCard ctx={ctx} event={l.event} availability={l.availability} picture={l.picture} />
            ))}
          </CardGrid>
        )}
        <p>
          <a href="/agenda">{ctx.t('initiatives.more')}</a>
        </p>
      </section>
    </Layout>
  );
}

export interface CallPageVM {
  call: CallRow;
  open: boolean;
  committees: InitiativeCommitteesTable[];
  events: EventModel[];
  themes: Map<string, string>;
  /** The visitor's own files on this call. */
  myFiles: Array<{ id: string; reference: string; title: string }>;
  picture: PictureVM | null;
}

export function CallPage({ ctx, vm }: { ctx: ViewContext; vm: CallPageVM }) {
  const { call } = vm;
  const funders = JSON.parse(call.funders) as Array<{ name: string; share_percent: number | null }>;
  const holders = JSON.parse(call.eligible_holders) as string[];
  const communes = (JSON.parse(call.commune_codes) as string[]).map(communeName).filter(Boolean);
  const neighbourhoods = JSON.parse(call.neighbourhoods) as string[];
  const documents = JSON.parse(call.documents) as Array<{ title: string; url: string }>;
  const themes = (JSON.parse(call.themes) as string[]).map((s) => ({ slug: s, name: vm.themes.get(s) ?? s }));
  const now = new Date().toISOString();
  const upcoming = vm.committees.filter((c) => c.meets_at > now && c.status !== 'cancelled');
  return (
    <Layout ctx={ctx} meta={{ title: call.title, description: call.summary, canonical: `/initiatives/${call.slug}` }}>
      <p class="breadcrumb">
        <a href="/initiatives">{ctx.t('initiatives.title')}</a>
      </p>
      <h1>{call.title}</h1>
      {vm.picture && <Figure vm={vm.picture} sizes="(min-width: 76rem) 72rem, 96vw" creditLabel={(credit) => ctx.t('media.credit.shown', { credit })} />}
      <p class="lead">{call.summary}</p>
      <p>
        <span class="badge">{ctx.t(`initiatives.status.${call.status}`)}</span>
      </p>
      {call.vote_enabled === 1 && (
        <p>
          <a href={`/initiatives/${call.slug}/vote`}>{ctx.t('initiatives.publicVote.link')}</a>
        </p>
      )}
      {vm.open ? (
        <div class="actions">
          {ctx.user && (
            <form method="post" action={`/initiatives/${call.slug}/candidature`}>
              <input type="hidden" name="_csrf" value={ctx.csrf()} />
              <button type="submit" class="button button-large">
                {ctx.t('initiatives.call.apply')}
              </button>
            </form>
          )}
          {!ctx.user && (
            <a class="button button-large" href={`/connexion?suivant=${encodeURIComponent(`/initiatives/${call.slug}`)}`}>
              {ctx.t('initiatives.call.signInToApply')}
            </a>
          )}
        </div>
      ) : (
        <p class="notice">{ctx.t('initiatives.call.notOpen')}</p>
      )}
      {vm.myFiles.length > 0 && (
        <section aria-labelledby="my-files">
          <h2 id="my-files">{ctx.t('initiatives.call.myFiles')}</h2>
          <ul>
            {vm.myFiles.map((f) => (
              <li>
                <a href={`/initiatives/dossiers/${f.id}`}>
                  {f.reference} — {f.title || ctx.t('initiatives.file.untitled')}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2>{ctx.t('initiatives.call.fund')}</h2>
      <dl class="meta-list">
        <dt>{ctx.t('initiatives.call.fundName')}</dt>
        <dd>{call.fund_name}</dd>
        <dt>{ctx.t('initiatives.call.operator')}</dt>
        <dd>
          {call.operator_name}
          {call.operator_contact ? ` — ${call.operator_contact}` : ''}
        </dd>
        {funders.length > 0 && (
          <>
            <dt>{ctx.t('initiatives.call.funders')}</dt>
            <dd>{funders.map((f) => (f.share_percent === null ? f.name : `${f.name} (${f.share_percent} %)`)).join(', ')}</dd>
          </>
        )}
        <dt>{ctx.t('initiatives.call.projectCeiling')}</dt>
        <dd>
          {euros(ctx, call.project_ceiling_cents)}
          {call.repeat_project_ceiling_cents !== null ? ` ${ctx.t('initiatives.call.repeatCeiling', { amount: euros(ctx, call.repeat_project_ceiling_cents) })}` : ''}
        </dd>
        <dt>{ctx.t('initiatives.call.yearlyEnvelope')}</dt>
        <dd>{euros(ctx, call.yearly_envelope_cents)}</dd>
        {themes.length > 0 && (
          <>
            <dt>{ctx.t('initiatives.call.themes')}</dt>
            <dd>
              {themes.map((t, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a href={`/thematiques/${t.slug}`}>{t.name}</a>
                </>
              ))}
            </dd>
          </>
        )}
      </dl>
      {call.description && (
        <>
          <h2>{ctx.t('initiatives.call.objectives')}</h2>
          <div class="prose">
            <Paragraphs text={call.description} />
          </div>
        </>
      )}
      <h2>{ctx.t('initiatives.call.who')}</h2>
      <ul>
        {holders.map((h) => (
          <li>{ctx.t(`initiatives.holder.${h}`)}</li>
        ))}
      </ul>
      {call.eligibility && <Paragraphs text={call.eligibility} />}
      <h2>{ctx.t('initiatives.call.where')}</h2>
      <p>{communes.join(', ')}</p>
      {neighbourhoods.length > 0 && <p>{ctx.t('initiatives.call.neighbourhoods', { list: neighbourhoods.join(', ') })}</p>}
      <h2>{ctx.t('initiatives.call.costs')}</h2>
      {call.eligible_costs && <Paragraphs text={call.eligible_costs} />}
      {call.ineligible_costs && (
        <>
          <h3>{ctx.t('initiatives.call.ineligible')}</h3>
          <Paragraphs text={call.ineligible_costs} />
        </>
      )}
      <h2>{ctx.t('initiatives.call.dates')}</h2>
      {call.status === 'open' && call.closes_at && <p>{ctx.t('initiatives.call.closesAt', { date: formatDateTime(call.closes_at, ctx.lang) })}</p>}
      {upcoming.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption>{ctx.t('initiatives.call.committees')}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('initiatives.committee.meets')}</th>
                <th scope="col">{ctx.t('initiatives.committee.deadline')}</th>
                <th scope="col">{ctx.t('initiatives.committee.place')}</th>
              </tr>
            </thead>
            <tbody>
              {upcoming.map((c) => (
                <tr>
                  <td>{formatDateTime(c.meets_at, ctx.lang)}</td>
                  <td>{formatDateTime(c.filing_deadline, ctx.lang)}</td>
                  <td>{c.place}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        call.status === 'rolling' && <p>{ctx.t('initiatives.call.noCommittee')}</p>
      )}
      {documents.length > 0 && (
        <>
          <h2>{ctx.t('initiatives.call.documents')}</h2>
          <ul class="document-list">
            {documents.map((d) => (
              <li>
                <a href={d.url}>{d.title}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {vm.events.length > 0 && (
        <>
          <h2>{ctx.t('initiatives.call.events')}</h2>
          <ul>
            {vm.events.map((e) => (
              <li>
                <a href={`/agenda/${e.slug}`}>{e.title}</a> — {formatLongDate(e.startsAt, ctx.lang)}
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
