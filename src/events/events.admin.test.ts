import ICAL from 'ical.js';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { Agent, textOf } from '../../test/agent.ts';
import { parisToIso } from '../platform/format.ts';
import { parseProgramme } from './events.schema.ts';
import { eventInput, signedIn } from './events.test-helpers.ts';
import type { EventModel } from './events.service.ts';

async function pdfText(buffer: Buffer): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(buffer), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  return pages;
}

describeEachDatabase('events: calendars, exports, sign-in sheet, check-in', (kind) => {
  let app: TestApp;
  let animator: Agent;
  let e: EventModel;
  const names = Array.from({ length: 30 }, (_, i) => `Participant ${String.fromCharCode(90 - (i % 26))}${i}`);
  beforeAll(async () => {
    app = await createTestApp(kind);
    animator = await signedIn(app, 'camille@animation.test', { role: 'animator', name: 'Camille Animatrice' });
    e = await app.services.events.service.createEvent(
      eventInput({
        title: 'PIC Lab Saint-Quentin ; participation, citoyenneté',
        startsAt: parisToIso('2027-09-28', '09:30'),
        endsAt: parisToIso('2027-09-28', '17:00'),
        placeName: 'Espace CREATIS',
        placeAddress: '6 avenue Archimède, Saint-Quentin',
        capacity: 100,
        themes: ['participation-citoyenne'],
        programme: parseProgramme('13h30 Accueil\n14h : Démarrage des travaux (présentation du dispositif, temps d’échanges, carrefour PIC-Lab, capitalisation, restitution)\n17h Clôture').items,
      }),
    );
    for (const [i, name] of names.entries()) {
      await app.services.events.service.register({
        eventId: e.id,
        user: { id: `u${i}`, sessionId: 's', name, email: `p${i}@sheet.test`, role: 'user', membership: 'none', lang: 'fr' },
        name,
        email: `p${i}@sheet.test`,
        organisation: i === 0 ? '=CMD()' : `Commune ${i}`,
        places: 1,
        answers: {},
        lang: 'fr',
      });
    }
  });
  afterAll(() => app?.destroy());

  it('serves an event .ics and the agenda feeds that a real iCal parser reads in Europe/Paris', async () => {
    const res = await new Agent(app.server).get(`/agenda/${e.slug}.ics`);
    expect(res.headers['content-type']).toContain('text/calendar');
    const cal = new ICAL.Component(ICAL.parse(res.body));
    const tz = cal.getFirstSubcomponent('vtimezone')!;
    expect(tz.getFirstPropertyValue('tzid')).toBe('Europe/Paris');
    const vevent = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
    ICAL.TimezoneService.register(new ICAL.Timezone(tz));
    expect(vevent.summary).toBe(e.title);
    expect(vevent.location).toBe('Espace CREATIS, 6 avenue Archimède, Saint-Quentin');
    expect(vevent.startDate.toJSDate().toISOString()).toBe(e.startsAt);
    expect(vevent.endDate.toJSDate().toISOString()).toBe(e.endsAt);
    expect(vevent.description).toContain('13h30 Accueil');

    const feed = await new Agent(app.server).get('/agenda.ics?thematique=participation-citoyenne');
    const events = new ICAL.Component(ICAL.parse(feed.body)).getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('summary'));
    expect(events).toContain(e.title);
    const other = await new Agent(app.server).get('/agenda.ics?thematique=pcaet-climat');
    expect(other.body).not.toContain('PIC Lab');
  });

  it('exports the registrations as CSV and XLSX, with formulas neutralised', async () => {
    const csv = await animator.get(`/admin/rencontres/${e.id}/inscrits.csv`);
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe("Nom;Structure;E-mail;Places;Statut;Position d'attente;Inscrit·e le;Arrivée;Origine");
    expect(lines).toHaveLength(31);
    expect(lines.find((l) => l.includes('p1@sheet.test'))).toMatch(/^Participant Y1;Commune 1;p1@sheet\.test;1;Inscrit·e;;/);
    expect(csv.body).toContain(";'=CMD();");

    const xlsx = await animator.get(`/admin/rencontres/${e.id}/inscrits.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(31);
    expect(ws.getRow(1).getCell(1).value).toBe('Nom');
  });

  it('refuses the exports and the check-in to someone who is not an animator', async () => {
    const member = await signedIn(app, 'membre@admin.test', { membership: 'approved' });
    expect((await member.get(`/admin/rencontres/${e.id}/inscrits.csv`)).statusCode).toBe(403);
    expect((await new Agent(app.server).get(`/admin/rencontres/${e.id}/accueil`)).statusCode).toBe(303);
  });

  it('prints a sign-in sheet with every confirmed name, sorted, 25 a page, and the signature time', async () => {
    const rows = await app.services.events.service.listRegistrations(e.id);
    const signer = rows.find((r) => r.name === names[3])!;
    await app.services.events.service.sign(e.id, signer.id, '2027-09-28-am', { png: null, typedName: 'Participant W3' });
    const res = await animator.get(`/admin/rencontres/${e.id}/emargement.pdf`);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pages = await pdfText(res.rawPayload);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain("Feuille d'émargement");
    expect(pages[0]).toContain('matin');
    expect(pages[0]).toMatch(/après-\s*midi/);
    const sorted = [...names].sort((a, b) => a.localeCompare(b, 'fr'));
    for (const n of sorted.slice(0, 25)) expect(pages[0]).toContain(n);
    for (const n of sorted.slice(25)) expect(pages[1]).toContain(n);
    expect(pages[0].indexOf(sorted[0])).toBeLessThan(pages[0].indexOf(sorted[1]));
    expect(pages.join(' ')).toMatch(/Participant W3 \(\d{1,2}h\d{0,2}\)/);
  });

  it('checks someone in from the QR code of the mail and from a name search, and adds a walk-in', async () => {
    const rows = await app.services.events.service.listRegistrations(e.id);
    const target = rows.find((r) => r.name === names[5])!;
    const code = await app.services.events.service.links.checkin(target.id);
    const scanned = await animator.get(`/admin/rencontres/${e.id}/accueil/code/${code}`);
    expect(textOf(scanned.body)).toContain(target.name);
    const done = await animator.submit(`/admin/rencontres/${e.id}/accueil/code/${code}`, `/admin/rencontres/${e.id}/accueil/code/${code}`, {});
    expect(textOf((await animator.follow(done)).body)).toContain('Arrivé·e à');

    const search = await animator.get(`/admin/rencontres/${e.id}/accueil?q=${encodeURIComponent('participant x')}`);
    expect(textOf(search.body)).toContain(names[2]);
    expect(textOf(search.body)).not.toContain(names[3]);
    const other = rows.find((r) => r.name === names[2])!;
    await animator.submit(`/admin/rencontres/${e.id}/accueil`, `/admin/rencontres/${e.id}/accueil/${other.id}`, { present: '1' });

    const walkIn = await animator.submit(`/admin/rencontres/${e.id}/accueil`, `/admin/rencontres/${e.id}/accueil/sur-place`, { name: 'Sacha Surplace', organisation: 'Habitant' });
    expect(walkIn.statusCode).toBe(303);
    const figures = await app.services.events.service.figures(e.id);
    expect(figures).toMatchObject({ present: 4, walkIns: 1, confirmed: 31 });
    const forged = await animator.get(`/admin/rencontres/${e.id}/accueil/code/${target.id}.${'x'.repeat(27)}`);
    expect(forged.statusCode).toBe(404);
  });

  it('creates an event from the animator form and refuses bad input with the values kept', async () => {
    const bad = await animator.submit('/admin/rencontres/nouvelle', '/admin/rencontres/nouvelle', {
      title: 'Webinaire participation',
      startDay: '2027-13-45',
      status: 'published',
      registrationMode: 'open',
      programme: 'Accueil sans heure',
    });
    expect(bad.statusCode).toBe(400);
    expect(textOf(bad.body)).toContain('Date invalide');
    expect(bad.body).toContain('value="Webinaire participation"');
    const ok = await animator.submit('/admin/rencontres/nouvelle', '/admin/rencontres/nouvelle', {
      title: 'Webinaire participation',
      startDay: '2027-11-27',
      startTime: '10:00',
      endTime: '11:30',
      status: 'published',
      registrationMode: 'open',
      capacity: '80',
      onlineUrl: 'https://visio.example.org/salle',
      programme: '10h Accueil\n10h15 Témoignages',
    });
    expect(ok.statusCode).toBe(303);
    const created = await app.services.events.service.getEventBySlug('webinaire-participation');
    expect(created).toMatchObject({ capacity: 80, onlineUrl: 'https://visio.example.org/salle' });
    expect(created!.programme).toHaveLength(2);
    const page = await new Agent(app.server).get('/agenda/webinaire-participation');
    expect(textOf(page.body)).toContain('80 places restantes sur 80');
  });
});
