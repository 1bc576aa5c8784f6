import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, expectNoAxeViolations, signInAs, startSite, type Site } from './browser.ts';

describeBrowser('newsletter in a browser', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite({ demo: true, smtp: true });
  });
  afterAll(() => site?.close());

  it('sends an issue to a theme only after a confirmation step showing how many people receive it', async () => {
    const context = await site.newContext();
    await signInAs(site, context, { email: 'animation.lettre@palabre.test', role: 'animator', name: 'Équipe d’animation' });
    const page = await context.newPage();
    await page.goto('/admin/lettre/nouvelle');
    const main = page.getByRole('main');
    await main.getByLabel('Objet').fill('Plans climat : la lettre de mars');
    await main.getByLabel("Texte d'introduction").fill('Bonjour,\r\n\r\nVoici les nouvelles des plans climat.');
    await main.getByRole('group', { name: 'Thématiques' }).getByLabel('PCAET / climat').check();
    await main.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByText('Brouillon enregistré.').waitFor();
    await expectNoAxeViolations(page);

    // The send form only leads to the confirmation step.
    await main.getByRole('button', { name: "Continuer : vérifier avant l'envoi" }).click();
    await page.getByRole('heading', { level: 1, name: "Confirmer l'envoi de la lettre" }).waitFor();
    const summary = await main.locator('dl').innerText();
    expect(summary).toContain('Plans climat : la lettre de mars');
    expect(summary).toMatch(/les abonné·es qui suivent\s: PCAET \/ climat/);
    // The demo's two confirmed subscribers following the theme.
    expect(summary).toMatch(/Nombre de destinataires\s+2 personnes/);
    await expectNoAxeViolations(page);
    expect(site.sink!.messages.filter((m) => m.subject === 'Plans climat : la lettre de mars')).toHaveLength(0);

    await main.getByRole('button', { name: 'Envoyer maintenant à 2 personnes' }).click();
    await page.getByText("C'est parti : la lettre est envoyée par lots.").waitFor();
    await site.sink!.waitFor((m) => m.subject === 'Plans climat : la lettre de mars' && (m.to as { text: string }).text.includes('j.dupont@'));
    await site.sink!.waitFor((m) => m.subject === 'Plans climat : la lettre de mars' && (m.to as { text: string }).text.includes('lea.martin@'));
    expect(site.sink!.messages.filter((m) => m.subject === 'Plans climat : la lettre de mars')).toHaveLength(2);
  });

  it('lets a subscriber change themes and territory from the link in the issue, with no accessibility violation', async () => {
    const mail = await site.sink!.waitFor((m) => m.subject === 'Plans climat : la lettre de mars' && (m.to as { text: string }).text.includes('lea.martin@'));
    const link = /https?:\/\/\S+\/lettre\/preferences\/[A-Za-z0-9_-]+/.exec(mail.text ?? '')![0];
    const page = await site.newPage();
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Mes thématiques et mon territoire' }).waitFor();
    await expectNoAxeViolations(page);
    const main = page.getByRole('main');
    expect(await main.getByLabel('Votre territoire (facultatif)').inputValue()).toBe('80');
    await main.getByLabel('Votre territoire (facultatif)').selectOption({ label: 'Oise' });
    await main.getByRole('button', { name: 'Enregistrer mes choix' }).click();
    await page.getByText('Vos choix sont enregistrés.').waitFor();
    expect(await main.getByLabel('Votre territoire (facultatif)').inputValue()).toBe('60');

    await page.goto('/lettre');
    await expectNoAxeViolations(page);
  });
});
