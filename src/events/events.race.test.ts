import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { Agent, csrfFrom } from '../../test/agent.ts';
import { eventInput } from './events.test-helpers.ts';

const PEOPLE = 500;
const SEATS = 50;

/**
 * The race: 500 people press "S'inscrire" at once for 50 places. On PostgreSQL they hit two
 * instances sharing one database; on SQLite one instance. Nobody may be lost, counted twice, or seated
 * beyond the capacity.
 */
describeEachDatabase('events: never overbooked', (kind) => {
  let apps: TestApp[] = [];
  beforeAll(async () => {
    const first = await createTestApp(kind);
    apps = [first];
    if (kind === 'postgres') apps.push(await createTestApp(kind, { database: first.database }));
  });
  afterAll(async () => {
    for (const a of apps.slice(1)) await a.destroy();
    await apps[0]?.destroy();
  });

  it(`seats exactly ${SEATS} of ${PEOPLE} concurrent registrations and puts the others on the waiting list in order`, async () => {
    const [app] = apps;
    const e = await app.services.events.service.createEvent(eventInput({ capacity: SEATS, title: 'Course aux places' }));
    const url = `/agenda/${e.slug}/inscription`;

    // Everyone is signed in and has the form open, each on one of the instances.
    const people = await Promise.all(
      Array.from({ length: PEOPLE }, async (_, i) => {
        const email = `p${String(i).padStart(3, '0')}@race.test`;
        const { id } = await app.services.accounts.service.ensureUser({ email, name: `Personne ${i}` });
        const agent = new Agent(apps[i % apps.length].server);
        agent.cookies.set('sid', await app.services.accounts.service.openSession(id, 'race'));
        return { agent, email };
      }),
    );
    const tokens: string[] = [];
    for (const p of people) tokens.push(csrfFrom((await p.agent.get(url)).body)!);

    // Ten of them double-click: the same form posted twice at the same moment.
    const posts = people.flatMap((p, i) => {
      const send = () => p.agent.post(url, { _csrf: tokens[i], name: `Personne ${i}` });
      return i < 10 ? [send(), send()] : [send()];
    });
    const responses = await Promise.all(posts);

    expect(responses.filter((r) => r.statusCode >= 500)).toHaveLength(0);
    expect(new Set(responses.map((r) => r.statusCode))).toEqual(new Set([303]));

    const rows = await app.services.events.service.listRegistrations(e.id);
    expect(rows).toHaveLength(PEOPLE);
    expect(new Set(rows.map((r) => r.email)).size).toBe(PEOPLE);
    const confirmed = rows.filter((r) => r.status === 'confirmed');
    const waiting = rows.filter((r) => r.status === 'waiting');
    expect(confirmed.reduce((n, r) => n + r.places, 0)).toBe(SEATS);
    expect(waiting).toHaveLength(PEOPLE - SEATS);
    expect(waiting.map((r) => r.position)).toEqual(Array.from({ length: PEOPLE - SEATS }, (_, i) => i + 1));
    // Each waiting person was told the position the list gives them, though decided many at a time.
    const told = await app.platform.db.selectFrom('mail_outbox').select(['to_address', 'text_body']).where('to_address', 'like', '%@race.test').where('subject', 'like', "Liste d'attente%").execute();
    expect(told).toHaveLength(PEOPLE - SEATS);
    const positionOf = new Map(waiting.map((r) => [r.email, r.position]));
    expect(told.filter((m) => !m.text_body.includes(`en position ${positionOf.get(m.to_address)}.`)).map((m) => m.to_address)).toEqual([]);
    // Everyone seated registered before everyone waiting.
    const lastSeated = confirmed
      .map((r) => r.confirmedAt!)
      .sort()
      .at(-1)!;
    expect(waiting.every((r) => r.waitingSince! >= lastSeated)).toBe(true);
    // 500 form loads and 510 posts on a shared 2-core machine: well beyond the default minute.
  }, 300_000);
});
