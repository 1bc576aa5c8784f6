import type { ComponentChildren } from 'preact';
import type { ViewContext } from './context.ts';

export interface PageMeta {
  title: string;
  description?: string;
  /** Absolute canonical path, e.g. "/actualites/foo". */
  canonical?: string;
  /** Extra tags in <head> (OpenGraph, JSON-LD, feeds). */
  head?: ComponentChildren;
  /** Scripts of a live island, served from /static. */
  scripts?: string[];
  /** A layout without header and footer (the forum wall). */
  bare?: boolean;
  /** A one-line header and no footer, for screens used standing up on a phone (check-in at the door). */
  compact?: boolean;
  bodyClass?: string;
}

function LanguageSwitch({ ctx }: { ctx: ViewContext }) {
  const other = ctx.lang === 'fr' ? 'en' : 'fr';
  return (
    <a class="lang-switch" href={`/langue/${other}?suivant=${encodeURIComponent(ctx.path)}`} hreflang={other} lang={other}>
      {ctx.t(`layout.lang.${other}`)}
    </a>
  );
}

function AccountLinks({ ctx }: { ctx: ViewContext }) {
  if (!ctx.user) {
    return (
      <a class="button button-small" href={`/connexion?suivant=${encodeURIComponent(ctx.path)}`}>
        {ctx.t('layout.signIn')}
      </a>
    );
  }
  const staff = ctx.user.role !== 'user';
  return (
    <>
      {staff && <a href="/admin">{ctx.t('layout.admin')}</a>}
      <a href="/compte">{ctx.t('layout.account')}</a>
      <form method="post" action="/deconnexion" class="inline-form">
        <input type="hidden" name="_csrf" value={ctx.csrf()} />
        <button type="submit" class="link-button">
          {ctx.t('layout.signOut')}
        </button>
      </form>
    </>
  );
}

/** The skip link and the main region with its flash message: the same in the full and the compact layout. */
function SkipLink({ ctx }: { ctx: ViewContext }) {
  return (
    <a class="skip-link" href="#contenu">
      {ctx.t('layout.skip')}
    </a>
  );
}

function Main({ ctx, children }: { ctx: ViewContext; children: ComponentChildren }) {
  return (
    <main id="contenu" tabindex={-1} class="container">
      {ctx.flash && (
        <p class="flash" role="status">
          {ctx.t(ctx.flash)}
        </p>
      )}
      {children}
    </main>
  );
}

function isCurrent(ctx: ViewContext, href: string) {
  return ctx.path === href || ctx.path.startsWith(`${href}/`) || ctx.path.startsWith(`${href}?`);
}

export function Layout({ ctx, meta, children }: { ctx: ViewContext; meta: PageMeta; children: ComponentChildren }) {
  const title = meta.title === ctx.siteName ? meta.title : `${meta.title} · ${ctx.siteName}`;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {meta.description && <meta name="description" content={meta.description} />}
        {meta.canonical && <link rel="canonical" href={ctx.publicUrl + meta.canonical} />}
        <link rel="stylesheet" href="/static/palabre.css" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        {meta.head}
        {(meta.scripts ?? []).map((src) => (
          // No `defer`: module scripts already wait for the document, and the attribute is invalid on them.
          <script type="module" src={src} />
        ))}
      </head>
      <body class={meta.compact ? ['layout-compact', meta.bodyClass].filter(Boolean).join(' ') : meta.bodyClass}>
        {meta.bare ? (
          children
        ) : meta.compact ? (
          <>
            <SkipLink ctx={ctx} />
            <header class="compact-header">
              <div class="container header-row">
                <a class="brand-name" href="/">
                  Palabre
                </a>
                <AccountLinks ctx={ctx} />
              </div>
            </header>
            <Main ctx={ctx}>{children}</Main>
          </>
        ) : (
          <>
            <SkipLink ctx={ctx} />
            <header class="site-header">
              <div class="container header-row">
                <a class="brand" href="/">
                  <svg aria-hidden="true" width="36" height="36" viewBox="0 0 36 36" class="brand-mark">
                    <circle cx="14" cy="18" r="11" fill="#1f6f43" />
                    <circle cx="23" cy="18" r="11" fill="#1d5fa8" fill-opacity="0.85" />
                  </svg>
                  <span>
                    <span class="brand-name">Palabre</span>
                    <span class="brand-tagline">{ctx.siteName}</span>
                  </span>
                </a>
                <div class="header-tools">
                  <form method="get" action="/recherche" role="search" class="header-search">
                    <label for="site-search" class="visually-hidden">
                      {ctx.t('layout.search.label')}
                    </label>
                    <input id="site-search" type="search" name="q" placeholder={ctx.t('layout.search.placeholder')} />
                    <button type="submit">{ctx.t('layout.search.button')}</button>
                  </form>
                  <LanguageSwitch ctx={ctx} />
                  <AccountLinks ctx={ctx} />
                </div>
              </div>
              <nav class="main-nav" aria-label={ctx.t('layout.nav.label')}>
                <ul class="container">
                  {ctx.nav.map((item) => (
                    <li>
                      <a href={item.href} aria-current={isCurrent(ctx, item.href) ? 'page' : undefined}>
                        {ctx.t(item.label)}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            </header>
            <Main ctx={ctx}>{children}</Main>
            <footer class="site-footer">
              <div class="container footer-grid">
                <section aria-labelledby="footer-newsletter">
                  <h2 id="footer-newsletter">{ctx.t('layout.footer.newsletter.title')}</h2>
                  <p>{ctx.t('layout.footer.newsletter.text')}</p>
                  <a class="button" href="/lettre">
                    {ctx.t('layout.footer.newsletter.button')}
                  </a>
                </section>
                <nav aria-label={ctx.t('layout.footer.nav')}>
                  <ul class="plain-list">
                    <li>
                      <a href="/accessibilite">{ctx.t('layout.footer.accessibility')}</a>
                    </li>
                    <li>
                      <a href="/mentions-legales">{ctx.t('layout.footer.legal')}</a>
                    </li>
                    <li>
                      <a href="/donnees-personnelles">{ctx.t('layout.footer.privacy')}</a>
                    </li>
                    <li>
                      <a href="/flux/actualites.xml">{ctx.t('layout.footer.feed')}</a>
                    </li>
                  </ul>
                </nav>
                <p class="footer-note">{ctx.t('layout.footer.note')}</p>
              </div>
            </footer>
          </>
        )}
      </body>
    </html>
  );
}
