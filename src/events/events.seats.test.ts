import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.ts';
import { textOf } from '../../test/agent.ts';
import { eventInput, lastMailTo, signedIn } from './events.test-helpers.ts';

/** The seat counter on the event row decides registrations: it must always equal what the registrations hold. */
describeEachDatabase('events: seats', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kind);
  });
  afterAll(async () => {
    await app?.destroy();
  });
  const events = () => app.services.events.service;
  const register = async (email: string, places: string, membership: 'approved' | 'none' = 'none') => {
    const agent = await signedIn(app, email, { name: email.split('@')[0], membership });
    const e = (await events().listAllForAdmin()).find((i) => i.event.title === 'Places comptées')!.event;
    return agent.submit(`/agenda/${e.slug}/inscription`, `/agenda/${e.slug}/inscription`, { name: email.split('@')[0], places });
  };
  const statusOf = async (eventId: string) => Object.fromEntries((await events().listRegistrations(eventId)).map((r) => [r.name, r.status]));
  const counterMatches = async (eventId: string) => {
    const e = (await events().getEvent(eventId))!;
    expect(e.seatsTaken).toBe((await events().availability(e)).taken);
    return e.seatsTaken;
  };

  it('keeps the places reserved for members from others, counts several places per registration, and stays exact through cancellations and walk-ins', async () => {
    const e = await events().createEvent(eventInput({ title: 'Places comptées', capacity: 4, maxPlaces: 2, membersReserved: 2, membersReservedUntil: '2027-06-01T00:00:00.000Z' }));

    expect((await register('ana@seats.test', '2')).statusCode).toBe(303);
    // Two places left, both kept for members.
    const bruno = await register('bruno@seats.test', '1');
    expect(textOf((await (await signedIn(app, 'bruno@seats.test')).follow(bruno)).body)).toContain("liste d'attente");
    expect((await register('mona@seats.test', '2', 'approved')).statusCode).toBe(303);
    expect(await statusOf(e.id)).toEqual({ ana: 'confirmed', bruno: 'waiting', mona: 'confirmed' });
    expect(await counterMatches(e.id)).toBe(4);

    // Ana's two places go: Bruno gets in, one place stays free.
    const ana = (await events().listRegistrations(e.id)).find((r) => r.name === 'ana')!;
    await events().cancelRegistration(ana.id, 'person');
    expect(await statusOf(e.id)).toMatchObject({ ana: 'cancelled', bruno: 'confirmed' });
    expect((await lastMailTo(app, 'bruno@seats.test'))!.subject).toContain('Une place s’est libérée');
    expect(await counterMatches(e.id)).toBe(3);

    // Someone in the room without a seat fills it: the next person waits.
    await events().addWalkIn(e.id, { name: 'Sur Place', organisation: '', email: null });
    expect(await counterMatches(e.id)).toBe(4);
    await register('chloe@seats.test', '1');
    expect((await statusOf(e.id)).chloe).toBe('waiting');
    expect(await counterMatches(e.id)).toBe(4);
  });
});
