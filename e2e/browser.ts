/**
 * Browser test harness: a real Palabre listening on a real port, driven by Debian's Chromium
 * through playwright-core. Use it from `e2e/<module>.test.ts`:
 *
 *   describeBrowser('agenda in a browser', () => {
 *     let site: Site;
 *     beforeAll(async () => { site = await startSite({ demo: true }); });
 *     afterAll(() => site?.close());
 *     it('...', async () => {
 *       const page = await site.newPage();
 *       await page.goto(site.url('/agenda'));
 *       await expectNoAxeViolations(page);
 *     });
 *   });
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '../test/ports.ts';
import { describe } from 'vitest';
import { CHROMIUM, chromiumAvailable } from '../test/environment.ts';
import { createTestApp, type DbKind, type TestApp } from '../test/harness.ts';
import { startSmtpSink, type SmtpSink } from '../test/smtp-sink.ts';
import { loadDemo } from '../src/demo/demo.ts';
import type { AccountRole, Membership } from '../src/platform/http/access.ts';
import { SESSION_COOKIE } from '../src/platform/http/server.ts';

export type { Page } from 'playwright-core';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const axePath = path.join(root, 'node_modules', 'axe-core', 'axe.min.js');

export const hasChromium = chromiumAvailable();

/**
 * A browser suite, skipped loudly when Chromium is absent (test/global-setup.ts turns
 * that skip into a failure under CI=true).
 */
export function describeBrowser(title: string, fn: () => void) {
  if (!hasChromium) console.warn(`!!! SKIPPED browser suite "${title}": no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  describe.skipIf(!hasChromium)(`${title} [browser]`, fn);
}

/** The flags that keep Chromium quiet and offline in a container. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface SiteOptions {
  /** Load the demo data set (accounts, events, news… whatever the modules provide). */
  demo?: boolean;
  /** Start a real SMTP sink and the mail sender, so that mails can be read in `site.sink`. */
  smtp?: boolean;
  /** The database: SQLite (default) or a fresh PostgreSQL database. */
  db?: DbKind;
  /** Extra environment for the app's config. */
  env?: Record<string, string>;
  /** Browser language; French by default like a visitor of the network. */
  locale?: string;
}

export interface Viewport {
  width: number;
  height: number;
}

export interface Site {
  /** e.g. http://127.0.0.1:40123 (also the app's PUBLIC_URL, so links in mails work). */
  baseUrl: string;
  /** Absolute address of a path on the site. */
  url(pathname: string): string;
  app: TestApp;
  /** Present when started with `smtp: true`. */
  sink: SmtpSink | undefined;
  browser: Browser;
  /** A page in a new browser context (own cookies); closed with the site. */
  newPage(viewport?: Viewport): Promise<Page>;
  /** A new browser context, for tests that need several pages sharing cookies. */
  newContext(viewport?: Viewport): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * Starts a Palabre on a fresh database, listening on 127.0.0.1, and a headless Chromium.
 * The port is chosen before the app is built so that PUBLIC_URL (used in mailed links)
 * points at the running server.
 */
export async function startSite(opts: SiteOptions = {}): Promise<Site> {
  const sink = opts.smtp ? await startSmtpSink() : undefined;
  let app: TestApp | undefined;
  let baseUrl = '';
  // Another process may take the port between the probe and listen(): try a few.
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    app = await createTestApp(opts.db ?? 'sqlite', {
      workers: Boolean(opts.smtp),
      env: { PUBLIC_URL: baseUrl, ...(sink ? { SMTP_URL: sink.url } : {}), ...opts.env },
    });
    try {
      await app.server.listen({ port, host: '127.0.0.1' });
      break;
    } catch (err) {
      await app.destroy();
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 4) {
        await sink?.close();
        throw err;
      }
    }
  }
  const theApp = app!;
  let browser: Browser;
  try {
    if (opts.demo) await loadDemo(theApp);
    browser = await launchBrowser();
  } catch (err) {
    await theApp.destroy();
    await sink?.close();
    throw err;
  }

  const contexts: BrowserContext[] = [];
  const newContext = async (viewport: Viewport = { width: 1280, height: 900 }) => {
    const context = await browser.newContext({ viewport, locale: opts.locale ?? 'fr-FR', baseURL: baseUrl });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    return context;
  };

  return {
    baseUrl,
    url: (pathname) => new URL(pathname, baseUrl).toString(),
    app: theApp,
    sink,
    browser,
    newContext,
    async newPage(viewport) {
      const context = await newContext(viewport);
      return context.newPage();
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await theApp.destroy();
      await sink?.close();
    },
  };
}

/**
 * Signs a browser context in as this person (created when missing) without going through the
 * sign-in form, for tests about something else. The sign-in form itself is tested in
 * e2e/platform.test.ts.
 */
export async function signInAs(site: Site, context: BrowserContext, person: { email: string; name?: string; role?: AccountRole; membership?: Membership }): Promise<void> {
  const accounts = site.app.services.accounts.service;
  const { id } = await accounts.ensureUser({ name: person.name ?? person.email.split('@')[0], ...person });
  const token = await accounts.openSession(id, 'e2e');
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: site.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
}

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

let axeCode: string | undefined;
function axeSource(): string {
  axeCode ??= fs.readFileSync(axePath, 'utf8');
  return axeCode;
}

/** WCAG 2.1 A and AA, the level the project commits to. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe-core on the page as it is now; returns the violations. */
export async function axeViolations(page: Page, opts: { exclude?: string[] } = {}): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  // Evaluated through the DevTools protocol, which the page's CSP (no inline script) does not
  // govern; addScriptTag would be refused, and bypassCSP would hide real CSP breakage.
  if (!loaded) await page.evaluate(axeSource());
  return page.evaluate(
    async ({ tags, exclude }) => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: unknown[] }> } }).axe;
      const context = exclude.length ? { include: [document], exclude: exclude.map((s) => [s]) } : document;
      const result = await axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations as never;
    },
    { tags: AXE_TAGS, exclude: opts.exclude ?? [] },
  );
}

/** Human-readable list of violations, one block per rule with each offending node. */
export function formatViolations(url: string, violations: AxeViolation[]): string {
  return [
    `${violations.length} accessibility violation(s) on ${url}:`,
    ...violations.map((v) =>
      [
        `- [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})`,
        ...v.nodes.map((n) => `    at ${JSON.stringify(n.target)}\n      ${n.html.slice(0, 300)}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`),
      ].join('\n'),
    ),
  ].join('\n');
}

/** Fails with every WCAG 2.1 A/AA violation axe-core finds on the page, and where. */
export async function expectNoAxeViolations(page: Page, opts: { exclude?: string[] } = {}): Promise<void> {
  const violations = await axeViolations(page, opts);
  if (violations.length) throw new Error(formatViolations(page.url(), violations));
}
