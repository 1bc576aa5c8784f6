import type { VNode } from 'preact';
import { Layout } from '../platform/layout/layout.tsx';
import type { ViewContext } from '../platform/layout/context.ts';

export function HomePage({ ctx, sections }: { ctx: ViewContext; sections: VNode[] }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.siteName, description: ctx.t('home.description'), canonical: '/' }}>
      <section class="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{ctx.t('home.hero.title')}</h1>
        <p class="lead">{ctx.t('home.hero.text')}</p>
        <p class="actions">
          <a class="button" href="/agenda">
            {ctx.t('home.hero.agenda')}
          </a>
          <a class="button button-secondary" href="/reseau">
            {ctx.t('home.hero.join')}
          </a>
        </p>
      </section>
      {sections}
    </Layout>
  );
}

export function StaticPage({ ctx, titleKey, bodyKey, path }: { ctx: ViewContext; titleKey: string; bodyKey: string; path: string }) {
  return (
    <Layout ctx={ctx} meta={{ title: ctx.t(titleKey), canonical: path }}>
      <h1>{ctx.t(titleKey)}</h1>
      <p>{ctx.t(bodyKey)}</p>
    </Layout>
  );
}
