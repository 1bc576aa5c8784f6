import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import type { ProceedingsModel } from './forum.read.ts';

export function ProceedingsPage({ ctx, slug, m }: { ctx: ViewContext; slug: string; m: ProceedingsModel }) {
  return (
    <Layout ctx={ctx} meta={{ title: m.labels.title, canonical: `/forums/${slug}/actes` }}>
      <p>
        <a href={`/forums/${slug}`}>← {m.forum.title}</a> · <a href={`/forums/${slug}/actes.pdf`}>{ctx.t('forum.proceedings.pdf')}</a>
      </p>
      <h1>{m.labels.title}</h1>
      <p class="forum-question">
        « <bdi>{m.forum.question}</bdi> »
      </p>
      <p>
        {m.forum.date} · {m.forum.place}
      </p>
      <h2>{m.labels.figures}</h2>
      <dl class="forum-figures-dl">
        {m.figures.map((f) => (
          <>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </>
        ))}
      </dl>
      <h2>{m.labels.grid}</h2>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{m.labels.grid}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('forum.grid.slot')}</th>
              {m.grid.spaces.map((s) => (
                <th scope="col">
                  <bdi>{s}</bdi>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.grid.slots.map((slot, i) => (
              <tr>
                <th scope="row">{slot}</th>
                {m.grid.cells[i].map((c) => (
                  <td dir="auto">{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{m.labels.reports}</h2>
      {m.reports.map((r, i) => (
        <article class="forum-proceedings-report" aria-labelledby={`r-${r.id}`}>
          <h3 id={`r-${r.id}`}>
            {i + 1}. <bdi>{r.title}</bdi>
          </h3>
          <p class="muted">
            {r.where}
            {r.conveners.length > 0 && (
              <>
                {r.where && ' · '}
                {m.labels.conveners} : <Names names={r.conveners} />
              </>
            )}
            {r.size > 0 && ` · ${ctx.t('forum.size', { n: r.size })}`}
          </p>
          {r.present.length > 0 && (
            <p class="muted">
              {m.labels.present} : <Names names={r.present} />
            </p>
          )}
          {r.sections.length === 0 && r.actions.length === 0 && <p class="muted">{m.labels.empty}</p>}
          {r.sections.map((s) => (
            <>
              <h4>{s.label}</h4>
              <p class="forum-prewrap" dir="auto">
                {s.body}
              </p>
            </>
          ))}
          {r.actions.length > 0 && (
            <>
              <h4>{m.labels.actionPlan}</h4>
              <ul>
                {r.actions.map((a) => (
                  <li>
                    {a.kind === 'proposal' && `[${m.labels.proposal}] `}
                    <bdi>{a.title}</bdi>
                    {a.carrier && (
                      <>
                        {' '}
                        — {m.labels.carrier} : <bdi>{a.carrier}</bdi>
                      </>
                    )}
                    {a.carried && a.owner && (
                      <>
                        {' '}
                        ; {m.labels.carriedBy} : <bdi>{a.owner}</bdi>
                      </>
                    )}
                    {a.partners && (
                      <>
                        {' '}
                        ; {m.labels.partners} : <bdi>{a.partners}</bdi>
                      </>
                    )}
                    {a.due && ` ; ${m.labels.due} : ${a.due}`}
                  </li>
                ))}
              </ul>
            </>
          )}
          {r.comments.length > 0 && (
            <>
              <h4>{m.labels.comments}</h4>
              <ul>
                {r.comments.map((c) => (
                  <li>
                    <strong>
                      <bdi>{c.author}</bdi>
                    </strong>{' '}
                    : <bdi>{c.body}</bdi>
                  </li>
                ))}
              </ul>
            </>
          )}
        </article>
      ))}
      {m.ranking.length > 0 && (
        <>
          <h2>{m.labels.vote}</h2>
          <ol>
            {m.ranking.map((r) => (
              <li>
                <strong>
                  <bdi>{r.label}</bdi>
                </strong>{' '}
                — {r.votes} {m.labels.votes}
                {r.initiator && (
                  <>
                    {' '}
                    · {m.labels.initiator} : <bdi>{r.initiator}</bdi>
                  </>
                )}
                {r.items.length > 0 && (
                  <ul>
                    {r.items.map((x) => (
                      <li>
                        <bdi>{x}</bdi>
                      </li>
                    ))}
                  </ul>
                )}
                {r.nextSteps && (
                  <p>
                    {m.labels.nextSteps} : <bdi>{r.nextSteps}</bdi>
                  </p>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </Layout>
  );
}

/** Names one after the other, each isolated: an Arabic name does not pull the comma or the next name across. */
function Names({ names }: { names: string[] }) {
  return (
    <>
      {names.map((n, i) => (
        <>
          {i > 0 && ', '}
          <bdi>{n}</bdi>
        </>
      ))}
    </>
  );
}
