import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';
import { EventCard } from '../events/events.ui.tsx';
import { CardGrid } from '../platform/layout/card.tsx';
import type { PictureVM } from '../platform/layout/picture.tsx';
import type { Availability, EventModel } from '../events/events.service.ts';

export function InitiativesPage({ ctx, labs }: { ctx: ViewContext; labs: Array<{ event: EventModel; availability: Availability; picture?: PictureVM | null }> }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t('initiatives.title'), description: ctx.t('initiatives.description'), canonical: '/initiatives' }}>
      <h1>{ctx.t('initiatives.title')}</h1>
      <p class="lead">{ctx.t('initiatives.lead')}</p>
      <p>{ctx.t('initiatives.body1')}</p>
      <p>{ctx.t('initiatives.body2')}</p>
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
