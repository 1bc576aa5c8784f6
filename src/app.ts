import type { FastifyInstance } from 'fastify';
import type { Config } from './platform/config.ts';
import { createPlatform, type Platform } from './platform/platform.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { loadSecret } from './platform/db/settings.ts';
import { createServer } from './platform/http/server.ts';
import { PageCache } from './platform/http/page-cache.ts';
import { installHealth } from './platform/http/health.ts';
import { installMetrics } from './platform/metrics/http.ts';
import { createI18n } from './platform/i18n/i18n.ts';
import { platformCatalogue } from './platform/i18n/platform.i18n.ts';
import type { ModuleDefinition } from './platform/module.ts';
import type { Database } from './database.ts';
import { migrations } from './migrations.ts';
import { createAccountsModule } from './accounts/accounts.module.ts';
import { createHomeModule } from './home/home.module.ts';
import { createEventsModule } from './events/events.module.ts';
import { createInitiativesModule } from './initiatives/initiatives.module.ts';
import { createAdminModule } from './admin/admin.module.ts';
import { shutDownGracefully } from './platform/live/sse.ts';
import { createNewsletterModule } from './newsletter/newsletter.module.ts';
import { createNetworkModule } from './network/network.module.ts';
import { createCatalogModule } from './catalog/catalog.module.ts';
import { createContentModule } from './content/content.module.ts';
import { createMediaModule } from './media/media.module.ts';
import { createForumModule } from './forum/forum.module.ts';
import { createImportsModule } from './imports/imports.module.ts';

export interface PalabreApp {
  server: FastifyInstance;
  platform: Platform<Database>;
  modules: ModuleDefinition[];
  services: ReturnType<typeof createServices>;
  /** Starts the mail sender and the job runner (not needed by one-shot CLI commands). */
  startWorkers(): void;
  /** First step of a shutdown: /readyz answers 503, then waits DRAIN_SECONDS while still serving. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** `modules` is a getter: accounts (personal data), admin (dashboard) and home (sections) read every module, wired after them. */
function createServices(platform: Platform<Database>, modules: () => ModuleDefinition[]) {
  const accounts = createAccountsModule(platform, { modules });
  const catalog = createCatalogModule(platform);
  const media = createMediaModule(platform, { catalog: catalog.service });
  const content = createContentModule(platform, { catalog: catalog.service, media: media.service });
  const events = createEventsModule(platform, { catalog: { ...catalog.service, pictures: media.service.pictures }, media: media.service });
  const initiatives = createInitiativesModule(platform, { events: events.service, catalog: catalog.service, themes: catalog.service.themes, accounts: accounts.service, media: media.service });
  const newsletter = createNewsletterModule(platform, { catalog: catalog.service, themes: catalog.service.themes });
  const network = createNetworkModule(platform, { accounts: accounts.service, themes: catalog.service.themes });
  const admin = createAdminModule(platform, { modules });
  const forum = createForumModule(platform, { events: events.service, catalog: catalog.service });
  const imports = createImportsModule(platform, {
    newsletter: newsletter.service,
    network: network.service,
    events: events.service,
    content: content.service,
    themes: catalog.service.themes,
  });
  return { accounts, catalog, media, content, events, initiatives, newsletter, network, admin, forum, imports };
}

/** The one wiring file: platform, then modules in dependency order, then the HTTP server. */
export async function buildApp(config: Config, opts: { migrate?: boolean } = {}): Promise<PalabreApp> {
  const platform = await createPlatform<Database>(config);
  if (opts.migrate !== false) await migrateToLatest(platform.db, migrations);

  const modules: ModuleDefinition[] = [];
  const services = createServices(platform, () => modules);
  const home = createHomeModule(platform, { modules: () => modules });
  modules.push(home.definition, ...Object.values(services).map((s) => s.definition));

  const pageCache = new PageCache();
  // Outbox counters change every second while mail is sent and are never shown on public pages.
  platform.bus.subscribe('*', (change) => {
    if (change.channel !== 'outbox') pageCache.clear();
  });
  const i18n = createI18n([platformCatalogue, ...modules.flatMap((m) => (m.catalogue ? [m.catalogue] : []))]);

  const server = await createServer({
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
    secureCookies: config.secureCookies,
    cookieSecret: await loadSecret(platform.db, config.secret),
    publicUrl: config.publicUrl,
    siteName: config.networkName,
    nav: modules.flatMap((m) => m.nav ?? []),
    i18n,
    bodyLimit: config.uploadMaxBytes + 1024 * 1024,
    resolveSession: (token) => services.accounts.service.resolveSession(token),
    pageCache,
    assets: modules.flatMap((m) => (m.assets ? [{ name: m.name, dir: m.assets }] : [])),
    async movedTo(path) {
      for (const m of modules) {
        const target = await m.movedTo?.(path);
        if (target) return target;
      }
      return null;
    },
  });

  const health = installHealth(server, {
    db: platform.db,
    dbKind: platform.dbKind,
    instanceId: platform.instanceId,
    migrations: Object.keys(migrations),
    storage: () => platform.storage.check(),
    log: platform.log,
  });
  installMetrics(server, {
    metrics: platform.metrics,
    token: config.metricsToken,
    db: platform.db,
    pool: platform.raw.pool,
    liveStreams: () => platform.live.size,
    pageCache,
    onError: (err) => platform.log.warn({ err }, 'metrics collection failed'),
  });
  for (const m of modules) if (m.routes) await server.register(m.routes);
  for (const m of modules) for (const [kind, handler] of Object.entries(m.jobs ?? {})) platform.jobs.runner.register(kind, handler);
  for (const m of modules) for (const s of m.schedules ?? []) platform.jobs.runner.every(s.kind, s.everyMs);
  shutDownGracefully(server, platform.live);
  await server.ready();

  return {
    server,
    platform,
    modules,
    services,
    startWorkers() {
      if (!config.jobs) return;
      platform.mail.sender?.start();
      platform.jobs.runner.start();
    },
    async drain() {
      health.drain();
      if (config.drainMs > 0) await new Promise((r) => setTimeout(r, config.drainMs));
    },
    async close() {
      health.drain();
      await server.close();
      await platform.close();
    },
  };
}
