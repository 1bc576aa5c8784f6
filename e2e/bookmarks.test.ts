import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, startSite, type Page, type Site } from './browser.ts';
import { DEMO_PASSWORD } from '../src/demo/demo.ts';

const SAVE = 'Enregistrer « Manifeste pour une rev3 citoyenne » dans mes favoris';

/** Signs in on the page it was sent to, with the demo member's password. */
async function signInWithPassword(page: Page) {
  const form = page.getByRole('region', { name: 'Se connecter avec un mot de passe' });
  await form.getByLabel('Adresse e-mail').fill('membre@palabre.test');
  await form.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: 'Se connecter' }).click();
}

// No header is set by hand here: Chromium sends what the site's own Referrer-Policy lets it send.
describeBrowser('"Enregistrer" for anonymous visitors in a browser', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite({ demo: true });
  });
  afterAll(() => site?.close());

  for (const javaScriptEnabled of [true, false]) {
    it(`takes an anonymous visitor ${javaScriptEnabled ? 'with' : 'without'} JavaScript from "Enregistrer" to sign-in, then saves the item`, async () => {
      const context = await site.browser.newContext({ javaScriptEnabled, baseURL: site.baseUrl, locale: 'fr-FR' });
      context.setDefaultTimeout(10_000);
      try {
        const page = await context.newPage();
        const list = await page.goto('/ressources');
        // The page as served, with the site's real headers.
        expect(list?.headers()['referrer-policy']).toBeDefined();
        const [post] = await Promise.all([page.waitForResponse((r) => r.url() === site.url('/favoris') && r.request().method() === 'POST'), page.getByRole('button', { name: SAVE }).click()]);
        expect(post.status(), `POST /favoris answered ${post.status()} to ${JSON.stringify(await post.request().allHeaders())}`).toBe(303);
        await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
        await signInWithPassword(page);
        await page.getByText('Contenu enregistré dans vos favoris.').waitFor();
        await page.goto('/compte');
        const section = page.getByRole('region', { name: 'Mes favoris' });
        expect(await section.getByRole('link', { name: 'Manifeste pour une rev3 citoyenne' }).count()).toBe(1);
      } finally {
        await context.close();
      }
    });
  }

  // Another site's page that posts to ours as soon as it opens; the browser, not the test, sets the headers.
  // With `no-referrer` of its own, that page's post carries `Origin: null`, like ours used to.
  for (const policy of ['strict-origin-when-cross-origin', 'no-referrer']) {
    it(`still refuses a token-less "Enregistrer" posted from another site (its policy: ${policy})`, async () => {
      const context = await site.newContext();
      const page = await context.newPage();
      const evil = 'http://autre-site.example/';
      await page.route(evil, (route) =>
        route.fulfill({
          contentType: 'text/html',
          headers: { 'referrer-policy': policy },
          body: `<!doctype html><title>x</title><form method="post" action="${site.url('/favoris')}"><input name="kind" value="news"><input name="id" value="x"><input name="action" value="save"></form><script>document.forms[0].submit()</script>`,
        }),
      );
      const [post] = await Promise.all([page.waitForResponse((r) => r.url() === site.url('/favoris')), page.goto(evil)]);
      const sent = await post.request().allHeaders();
      expect(sent.origin).toBe(policy === 'no-referrer' ? 'null' : 'http://autre-site.example');
      expect(post.status()).toBe(403);
      expect((await context.cookies(site.baseUrl)).map((c) => c.name)).not.toContain('pending_bookmark');
    });
  }
});
