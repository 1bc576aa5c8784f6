/** The public vote's page: the projects put to the vote, their points, and a button per project to give or take back a point (plain forms). */
import type { ViewContext } from '../platform/layout/context.ts';
import { Csrf } from '../platform/layout/forms.tsx';
import { Layout } from '../platform/layout/layout.tsx';
import type { PublicVote } from './initiatives.vote.ts';
import { communeName } from './initiatives.territories.ts';

export type BallotVM = Awaited<ReturnType<PublicVote['ballot']>>;

export function VotePage({ ctx, vm }: { ctx: ViewContext; vm: BallotVM }) {
  const action = `/initiatives/${vm.call.slug}/vote`;
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('initiatives.publicVote.title', { call: vm.call.title }) }}>
      <p class="breadcrumb">
        <a href={`/initiatives/${vm.call.slug}`}>{vm.call.title}</a>
      </p>
      <h1>{ctx.t('initiatives.publicVote.title', { call: vm.call.title })}</h1>
      <p>{ctx.t(vm.open ? 'initiatives.publicVote.lead' : 'initiatives.publicVote.closedLead', { n: vm.call.vote_points })}</p>
      {vm.open && ctx.user && <p role="status">{ctx.t('initiatives.publicVote.left', { n: vm.left })}</p>}
      {vm.open && !ctx.user && (
        <p>
          <a href={`/connexion?suivant=${encodeURIComponent(action)}`}>{ctx.t('initiatives.publicVote.signIn')}</a>
        </p>
      )}
      {vm.files.length === 0 && <p>{ctx.t('initiatives.publicVote.none')}</p>}
      <ul class="initiatives-projects">
        {vm.files.map((f) => (
          <li>
            <h2 id={`vote-${f.id}`}>{f.title}</h2>
            <p>
              {f.holder_name} · {[communeName(f.commune_code), f.neighbourhood].filter(Boolean).join(', ')}
            </p>
            <p>{f.summary}</p>
            <p>
              {ctx.t('initiatives.publicVote.points', { n: f.points })}
              {f.mine > 0 && ` · ${ctx.t('initiatives.publicVote.mine', { n: f.mine })}`}
            </p>
            {vm.open && ctx.user && (
              <form method="post" action={action} class="inline-form">
                <Csrf ctx={ctx} />
                <input type="hidden" name="application_id" value={f.id} />
                {vm.left > 0 && (
                  <button type="submit" name="action" value="add" class="button button-small">
                    {ctx.t('initiatives.publicVote.add', { title: f.title })}
                  </button>
                )}{' '}
                {f.mine > 0 && (
                  <button type="submit" name="action" value="remove" class="button button-secondary button-small">
                    {ctx.t('initiatives.publicVote.remove', { title: f.title })}
                  </button>
                )}
              </form>
            )}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
