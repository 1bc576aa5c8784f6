import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../platform/http/access.ts';
import { ForbiddenError, NotFoundError, SignInRequiredError } from '../platform/http/errors.ts';
import { safeNext } from '../platform/http/server.ts';
import type { ContentService } from './content.service.ts';
import { contentUrl, documentUrl, KIND_PATHS } from './content.service.ts';
import type { ContentKind, DocumentsTable } from './content.tables.ts';
import { sendStored, type StoredResponse } from '../platform/storage/send.ts';
import { renderMarkdown } from './content.text.ts';
import { toFieldErrors } from '../platform/forms/forms.ts';
import { bookmarkSchema, collectionSchema, pageQuerySchema, searchQuerySchema } from './content.schema.ts';
import type { CardCatalog } from './content.present.ts';
import { presentCards, themeVM } from '../catalog/catalog.present.ts';
import { ListPage, ResourceTypeFilter } from './content.views.tsx';
import { ItemPage, type ItemVM } from './content.item.views.tsx';
import { SearchPage, ThemePage, ThemesIndexPage, type FacetVM } from './content.search.views.tsx';
import { BookmarksPage, SharedCollectionPage } from './content.bookmarks.views.tsx';
import { feedRoutes } from './content.feeds.ts';
import { adminRoutes } from './content.admin.routes.tsx';

const PER_PAGE = 12;
const PENDING_COOKIE = 'pending_bookmark';

export function contentRoutes(service: ContentService, catalog: CardCatalog, opts: { uploadMaxBytes: number; uploadDir: string; secureCookies: boolean; publicUrl: string }): FastifyPluginAsync {
  return async (app) => {
    // Lists of one kind
    app.get('/actualites', { config: { access: 'public', cache: true } }, async (req, reply) => {
      const q = pageQuerySchema.parse(req.query);
      const { rows, total } = await service.listKind('news', { page: q.page, perPage: PER_PAGE });
      const cards = await presentCards(catalog, req.ctx, rows);
      return reply.html(
        <ListPage
          ctx={req.ctx}
          title={req.t('content.news.title')}
          lead={req.t('content.news.lead')}
          canonical="/actualites"
          cards={cards}
          page={q.page}
          pages={Math.ceil(total / PER_PAGE)}
          href={(p) => `/actualites?page=${p}`}
          feed={{ href: '/flux/actualites.xml', label: req.t('content.news.feed') }}
        />,
      );
    });

    app.get('/ressources', { config: { access: 'public', cache: true } }, async (req, reply) => {
      const q = pageQuerySchema.parse(req.query);
      const { rows, total } = await service.listKind('resource', { type: q.type, page: q.page, perPage: PER_PAGE });
      const cards = await presentCards(catalog, req.ctx, rows);
      const typeParam = q.type ? `&type=${q.type}` : '';
      return reply.html(
        <ListPage
          ctx={req.ctx}
          title={req.t('content.resources.title')}
          lead={req.t('content.resources.lead')}
          canonical="/ressources"
          cards={cards}
          page={q.page}
          pages={Math.ceil(total / PER_PAGE)}
          href={(p) => `/ressources?page=${p}${typeParam}`}
          filters={<ResourceTypeFilter ctx={req.ctx} current={q.type} />}
        />,
      );
    });

    // One item
    for (const kind of ['news', 'resource', 'page'] as ContentKind[]) {
      app.get(`${KIND_PATHS[kind]}/:slug`, { config: { access: 'public', cache: true } }, async (req, reply) => {
        const { slug } = req.params as { slug: string };
        const found = await service.resolve(kind, slug);
        if (!found) throw new NotFoundError();
        if ('redirect' in found) return reply.redirect(found.redirect, 301);
        return reply.html(<ItemPage ctx={req.ctx} item={await itemVM(service, catalog, req, found.content)} />);
      });
    }

    // Documents
    app.get('/documents/:id/:filename', { config: { access: 'public' } }, async (req, reply) => {
      const { id, filename } = req.params as { id: string; filename: string };
      const found = await service.documentFor(id, req.user);
      if (!found) throw new NotFoundError();
      if ('denied' in found) throw req.user ? new ForbiddenError('content.members.text') : new SignInRequiredError();
      if (filename !== found.doc.filename) return reply.redirect(documentUrl(found.doc), 301);
      return sendDocument(req, reply, found);
    });

    // Themes
    app.get('/thematiques', { config: { access: 'public', cache: true } }, async (req, reply) => {
      const themes = (await catalog.themes.list()).map((t) => themeVM(t, req.lang));
      return reply.html(<ThemesIndexPage ctx={req.ctx} themes={themes} />);
    });

    app.get('/thematiques/:slug', { config: { access: 'public', cache: true } }, async (req, reply) => {
      const { slug } = req.params as { slug: string };
      const theme = await catalog.themes.get(slug);
      if (!theme) throw new NotFoundError();
      const q = pageQuerySchema.parse(req.query);
      const { rows, total } = await catalog.list({ theme: slug, excludeKinds: ['document'], limit: PER_PAGE, offset: (q.page - 1) * PER_PAGE });
      const cards = await presentCards(catalog, req.ctx, rows);
      return reply.html(<ThemePage ctx={req.ctx} theme={themeVM(theme, req.lang)} cards={cards} page={q.page} pages={Math.ceil(total / PER_PAGE)} total={total} />);
    });

    // Search
    app.get('/recherche', { config: { access: 'public', cache: true } }, async (req, reply) => {
      const q = searchQuerySchema.parse(req.query ?? {});
      const filters = { kind: q.type, theme: q.theme, territory: q.territory, format: q.format, year: q.year };
      const result = await catalog.search(q.q, filters, { user: req.user, sort: q.tri === 'date' ? 'date' : 'relevance', page: q.page, perPage: PER_PAGE });
      const names = await catalog.themes.names(req.lang);
      const cards = await presentCards(catalog, req.ctx, result.rows, { query: result.query });
      // Found through a corrected query: filters, orders and pages go on with the corrected one.
      const params = { q: result.suggestion ?? q.q.slice(0, 500), type: q.type, theme: q.theme, territory: q.territory, format: q.format, year: q.year, tri: q.tri === 'date' ? 'date' : undefined };
      const href = (patch: Record<string, string | undefined>) => {
        const merged = { ...params, ...patch };
        const usp = new URLSearchParams();
        for (const [k, v] of Object.entries(merged)) if (v) usp.set(k, v);
        return `/recherche?${usp.toString()}`;
      };
      const facetParam: Record<string, string> = { kind: 'type', theme: 'theme', territory: 'territory', format: 'format', year: 'year' };
      const label = (name: string, value: string) => {
        if (name === 'kind') return req.t(`catalog.kinds.${value}`) === `catalog.kinds.${value}` ? value : req.t(`catalog.kinds.${value}`);
        if (name === 'theme') return names.get(value) ?? value;
        return value;
      };
      const facets: FacetVM[] = result.facets
        ? (Object.keys(facetParam) as Array<keyof typeof result.facets>).flatMap((name) => {
            const param = facetParam[name];
            const activeValue = (params as Record<string, string | undefined>)[param];
            const options = result.facets![name];
            if (!activeValue && options.length === 0) return [];
            return [
              {
                name,
                labelKey: `content.search.facet.${name}`,
                active: activeValue ? { value: activeValue, label: label(name, activeValue) } : null,
                removeHref: href({ [param]: undefined, page: undefined }),
                options: options.slice(0, 12).map((o) => ({ value: o.value, label: label(name, o.value), count: o.count, href: href({ [param]: o.value }) })),
              },
            ];
          })
        : [];
      const hidden: Record<string, string> = {};
      for (const k of ['type', 'theme', 'territory', 'format', 'year'] as const) if (params[k]) hidden[k] = params[k]!;
      return reply.html(
        <SearchPage
          ctx={req.ctx}
          vm={{
            q: q.q.slice(0, 500),
            total: result.total,
            capped: result.capped,
            cards,
            facets,
            page: q.page,
            pages: Math.min(1000, Math.ceil(result.total / PER_PAGE)),
            pageHref: (p) => href({ page: String(p) }),
            sort: q.tri,
            sortHref: (s) => href({ tri: s === 'date' ? 'date' : undefined }),
            searched: q.q.trim().length > 0,
            suggestion: result.suggestion ? { q: result.suggestion, href: href({}) } : null,
            themes: [...names].map(([slug, name]) => ({ slug, name })),
            hidden,
          }}
        />,
      );
    });

    // Bookmarks. Anonymous visitors may post without a token (pages for them are cached without
    // one): they only get a "pending" cookie and the sign-in page; signed-in posts are CSRF-checked.
    // A token-less post must come from our own pages, or another site could make a signed-in
    // reader save an item (the Lax session cookie is left out of its post, not out of the
    // sign-in redirect that follows). docs/decisions/0011-bookmarks-csrf-on-cached-pages.md.
    const ownOrigin = new URL(opts.publicUrl).origin;
    const fromElsewhere = (req: FastifyRequest) => {
      const site = req.headers['sec-fetch-site'];
      // No page can set this header: when the browser sends it, it alone says where the post comes from
      // (its Origin may be "null" when a reader's browser withholds referrers, 0021).
      if (site !== undefined) return site !== 'same-origin' && site !== 'none';
      const origin = req.headers.origin;
      return origin !== undefined && origin !== ownOrigin;
    };
    app.post(
      '/favoris',
      {
        config: { access: 'public', csrf: false },
        preHandler: (req, reply, done) => (req.user ? app.csrfProtection(req, reply, done) : done()),
      },
      async (req, reply) => {
        const parsed = bookmarkSchema.safeParse(req.body ?? {});
        if (!parsed.success) throw new NotFoundError();
        const b = parsed.data;
        const back = safeNext(b.retour, opts.publicUrl);
        if (!req.user) {
          if (fromElsewhere(req)) throw new ForbiddenError();
          reply.setCookie(PENDING_COOKIE, JSON.stringify({ kind: b.kind, id: b.id }), { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, signed: true, maxAge: 1800 });
          return reply.redirect(`/connexion?suivant=${encodeURIComponent(`/favoris/reprendre?retour=${encodeURIComponent(back)}`)}`, 303);
        }
        const saved = await catalog.bookmarks.toggle(req.user.id, b.kind, b.id, b.action, b.collection || null);
        if (wantsJson(req)) return reply.send({ saved });
        return reply.flashRedirect(back, saved ? 'content.bookmark.added' : 'content.bookmark.removed');
      },
    );

    app.get('/favoris/reprendre', { config: { access: 'signed-in' } }, async (req, reply) => {
      const back = safeNext((req.query as { retour?: string }).retour, opts.publicUrl);
      const raw = req.cookies[PENDING_COOKIE];
      reply.clearCookie(PENDING_COOKIE, { path: '/' });
      const unsigned = raw ? req.unsignCookie(raw) : null;
      if (!unsigned?.valid || !unsigned.value) return reply.redirect(back, 303);
      try {
        const { kind, id } = JSON.parse(unsigned.value) as { kind: string; id: string };
        await catalog.bookmarks.toggle(req.user!.id, String(kind), String(id), 'save');
        return reply.flashRedirect(back, 'content.bookmark.added');
      } catch {
        return reply.redirect(back, 303);
      }
    });

    app.get('/favoris', { config: { access: 'signed-in' } }, async (req, reply) => reply.html(await bookmarksPage(catalog, req)));

    app.post('/favoris/collections', { config: { access: 'signed-in' } }, async (req, reply) => {
      const parsed = collectionSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        const m = Object.values(toFieldErrors(parsed.error, req.body))[0] ?? { key: 'form.required' };
        const value = String((req.body as { name?: unknown } | undefined)?.name ?? '').slice(0, 200);
        return reply.html(await bookmarksPage(catalog, req, { error: req.t(m.key, m.params), value }), 400);
      }
      await catalog.bookmarks.createCollection(req.user!.id, parsed.data.name);
      return reply.flashRedirect('/favoris', 'content.bookmarks.collectionCreated');
    });

    app.post('/favoris/collections/:id/supprimer', { config: { access: 'signed-in' } }, async (req, reply) => {
      await catalog.bookmarks.deleteCollection(req.user!.id, (req.params as { id: string }).id);
      return reply.flashRedirect('/favoris', 'content.bookmarks.collectionDeleted');
    });

    app.get('/favoris/partage/:token', { config: { access: 'public' } }, async (req, reply) => {
      const shared = await catalog.bookmarks.shared((req.params as { token: string }).token);
      if (!shared) throw new NotFoundError();
      const cards = await presentCards(catalog, req.ctx, shared.items);
      return reply.html(<SharedCollectionPage ctx={req.ctx} name={shared.collection.name} cards={cards} />);
    });

    await app.register(feedRoutes(service, catalog));
    await app.register(adminRoutes(service, opts));
  };
}

function wantsJson(req: FastifyRequest) {
  return String(req.headers.accept ?? '').includes('application/json');
}

async function bookmarksPage(catalog: CardCatalog, req: FastifyRequest, form?: { error: string; value: string }) {
  const userId = req.user!.id;
  const [list, collections] = await Promise.all([catalog.bookmarks.list(userId), catalog.bookmarks.collections(userId)]);
  const cards = await presentCards(
    catalog,
    req.ctx,
    list.map((l) => l.item),
  );
  const byKey = new Map(cards.map((c) => [`${c.kind}:${c.id}`, c]));
  const cardsOf = (collectionId: string | null) => list.filter((l) => l.bookmark.collection_id === collectionId).map((l) => byKey.get(`${l.item.kind}:${l.item.item_id}`)!);
  return (
    <BookmarksPage
      ctx={req.ctx}
      loose={cardsOf(null)}
      collections={collections.map((c) => ({ id: c.id, name: c.name, shareUrl: `/favoris/partage/${c.share_token}`, cards: cardsOf(c.id) }))}
      nameError={form?.error}
      nameValue={form?.value}
    />
  );
}

/** The item page's view model; what this reader may see of it is the service's decision (`readerView`). */
export async function itemVM(
  service: ContentService,
  catalog: CardCatalog,
  req: FastifyRequest,
  content: NonNullable<Awaited<ReturnType<ContentService['getContent']>>>,
  opts: { preview?: boolean } = {},
): Promise<ItemVM> {
  const user = req.user;
  const view = await service.readerView(content, user, opts);
  const names = await catalog.themes.names(req.lang);
  const related = opts.preview
    ? []
    : await presentCards(catalog, req.ctx, await catalog.related({ kind: content.kind, id: content.id, title: content.title, summary: content.summary, themes: content.themeList }));
  const saved = user ? (await catalog.bookmarks.savedSet(user.id, [{ kind: content.kind, id: content.id }])).has(`${content.kind}:${content.id}`) : null;
  return {
    kind: content.kind,
    id: content.id,
    title: content.title,
    summary: content.summary,
    bodyHtml: view.bodyMd === null ? null : renderMarkdown(view.bodyMd),
    typeKey: content.resource_type ? `content.type.${content.resource_type}` : null,
    territory: content.territory,
    authorOrg: content.author_org,
    publishedAt: content.published_at,
    updatedAt: content.updated_at,
    status: content.status,
    publishAt: content.publish_at,
    membersOnly: content.members_only === 1,
    locked: view.locked,
    themes: content.themeList.flatMap((slug) => (names.has(slug) ? [{ slug, name: names.get(slug)! }] : [])),
    documents: view.documents,
    related,
    picture: view.locked ? null : await service.picture(content),
    saved,
    canonical: contentUrl(content.kind, content.slug),
    canEdit: can.animate(user),
    editUrl: `/admin/contenus/${content.id}`,
  };
}

/** Sends a stored document, streamed from the store, with its type, a download name, an ETag and single-range support. */
function sendDocument(req: FastifyRequest, reply: FastifyReply, { doc, shared, read }: { doc: DocumentsTable; shared: boolean; read: StoredResponse['read'] }) {
  const ascii = doc.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return sendStored(req, reply, {
    etag: `"${doc.sha256}"`,
    size: doc.size,
    ranges: true,
    read,
    headers: {
      'Content-Type': doc.mime,
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`,
      'Last-Modified': new Date(doc.updated_at).toUTCString(),
      // The address stays when a file is replaced: browsers must revalidate (cheap, thanks to the ETag).
      // A file not everyone may fetch (members-only, itself or through its item; a draft's) stays out of shared caches.
      'Cache-Control': shared ? 'public, no-cache' : 'private, no-cache',
    },
  });
}

export type { FastifyInstance };
