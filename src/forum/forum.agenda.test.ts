import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { Agent, textOf } from '../../test/agent.ts';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.ts';
import { eventInput, personalLinkIn, signedIn } from '../events/events.test-helpers.ts';
import type { EventModel } from '../events/events.service.ts';
import type { Forum } from './forum.service.ts';

async function pdfText(buffer: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(buffer), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(''));
  }
  return pages.join('\n');
}

/** The forum of an agenda event reaches its registered people: their personal link, and the code on the sign-in sheet. */
describeEachDatabase('forum ouvert and its agenda event', (kind) => {
  let app: TestApp;
  let sink: SmtpSink;
  let n = 0;
  beforeAll(async () => {
    sink = await startSmtpSink();
    app = await createTestApp(kind, { env: { SMTP_URL: sink.url }, workers: true });
  });
  afterAll(async () => {
    await app?.destroy();
    await sink?.close();
  });

  async function eventWithForum(phase: Forum['phase'] = 'marketplace'): Promise<{ event: EventModel; forum: Forum }> {
    n++;
    const event = await app.services.events.service.createEvent(eventInput({ title: `Forum ouvert de la sobriété ${kind} ${n}`, capacity: 50 }));
    const forum = await app.services.forum.service.create(
      {
        title: `Forum ouvert ${n}`,
        slug: `forum-agenda-${kind}-${n}`,
        question: 'Comment rendre la sobriété désirable sur nos territoires ?',
        place: 'Amiens',
        starts_on: '2027-06-10',
        event: '',
        eventId: event.id,
        slots: '10h-11h\n11h15-12h15',
        spaces: 'Salle Nord (30)',
        votes: 3,
        phase,
      },
      null,
    );
    return { event, forum };
  }

  async function register(e: EventModel, email: string, name: string) {
    const agent = await signedIn(app, email, { name });
    const res = await agent.submit(`/agenda/${e.slug}/inscription`, `/agenda/${e.slug}/inscription`, { name, organisation: 'Communauté de communes du Ternois' });
    expect(res.statusCode).toBe(303);
    return sink.waitFor((m) => m.subject?.startsWith('Inscription confirmée') === true && m.text!.includes(name));
  }

  const forumLinkIn = (text: string, slug: string) => {
    const m = new RegExp(`https?://[^\\s"<]+/forums/${slug}/participer\\?inscription=[^\\s"<]+`).exec(text);
    return m?.[0] ?? null;
  };

  it('mails a registered person a personal link that puts them in the forum under their name without typing anything', async () => {
    const { event, forum } = await eventWithForum();
    const mail = await register(event, 'nadia@forum-agenda.test', 'Nadia Lefebvre');
    expect(mail.text).toContain('Participer au forum ouvert');
    const link = forumLinkIn(mail.text!, forum.slug);
    expect(link).toMatch(/^http:\/\/palabre\.test\//);
    expect(forumLinkIn(mail.html as string, forum.slug)).toBe(link);

    // Opened on a phone that has never seen the site: no account, no code, no name to type.
    const phone = new Agent(app.server);
    const res = await phone.get(new URL(link!).pathname + new URL(link!).search);
    expect(res.statusCode).toBe(303);
    const page = await phone.follow(res);
    expect(textOf(page.body)).toContain('Vous participez en tant que Nadia Lefebvre');
    const proposed = await phone.submit(`/forums/${forum.slug}/participer`, `/forums/${forum.slug}/themes`, { title: 'Des achats publics sobres', description: '' });
    expect(proposed.statusCode).toBe(303);
    const wall = await new Agent(app.server).get(`/forums/${forum.slug}/mur`);
    expect(textOf(wall.body)).toContain('Des achats publics sobres');
  });

  it('shows the forum link on the personal registration page, and not for an event without a forum', async () => {
    const { event, forum } = await eventWithForum();
    const mail = await register(event, 'olivier@forum-agenda.test', 'Olivier Dumont');
    const personal = await new Agent(app.server).get(personalLinkIn(mail.text!));
    expect(personal.statusCode).toBe(200);
    expect(textOf(personal.body)).toContain('Participer au forum ouvert');
    const href = forumLinkIn(personal.body, forum.slug);
    expect(href).not.toBeNull();
    const phone = new Agent(app.server);
    const page = await phone.follow(await phone.get(new URL(href!).pathname + new URL(href!).search));
    expect(textOf(page.body)).toContain('Vous participez en tant que Olivier Dumont');

    const plain = await app.services.events.service.createEvent(eventInput({ title: `Rencontre sans forum ${kind}` }));
    const other = await register(plain, 'pauline@forum-agenda.test', 'Pauline Sans Forum');
    expect(other.text).not.toContain('forum ouvert');
    const otherPage = await new Agent(app.server).get(personalLinkIn(other.text!));
    expect(textOf(otherPage.body)).not.toContain('Participer au forum ouvert');
  });

  it("prints the forum's join code and join address on the event's sign-in sheet", async () => {
    const { event, forum } = await eventWithForum('preparation');
    await register(event, 'quentin@forum-agenda.test', 'Quentin Marchand');
    const animator = await signedIn(app, 'animatrice@forum-agenda.test', { role: 'animator', name: 'Camille Animatrice' });
    const res = await animator.get(`/admin/rencontres/${event.id}/emargement.pdf`);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(res.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain('Quentin Marchand');
    expect(text).toContain(forum.join_code);
    expect(text).toContain(`http://palabre.test/forums/${forum.slug}/participer`);

    const plain = await app.services.events.service.createEvent(eventInput({ title: `Rencontre sans forum, feuille ${kind}` }));
    const bare = await pdfText((await animator.get(`/admin/rencontres/${plain.id}/emargement.pdf`)).rawPayload);
    expect(bare).not.toContain('/forums/');
  });
});
