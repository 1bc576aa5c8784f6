import { describe, expect, it } from 'vitest';
import type { EventModel } from './events.model.ts';
import { likelyStatus, planSeats, seatsFreeOn, type SeatAsk } from './events.seat-math.ts';

const NOW = '2027-06-01T08:00:00.000Z';
const LATER = '2027-06-05T08:00:00.000Z';

function event(over: Partial<EventModel> = {}): EventModel {
  return {
    id: 'e1',
    slug: 'rencontre',
    kind: 'rencontre',
    title: 'Rencontre',
    summary: '',
    description: '',
    themes: [],
    territory: null,
    startsAt: '2027-06-10T07:00:00.000Z',
    endsAt: '2027-06-10T15:30:00.000Z',
    placeName: null,
    placeAddress: null,
    placeAccess: null,
    placeAccessibility: null,
    onlineUrl: null,
    speakers: [],
    organisers: [],
    programme: [],
    documents: [],
    recap: null,
    reportUrl: null,
    replayUrl: null,
    photosUrl: null,
    status: 'published',
    statusNote: null,
    registrationMode: 'open',
    capacity: 4,
    deadline: null,
    maxPlaces: 2,
    membersReserved: 0,
    membersReservedUntil: null,
    offerHours: null,
    reminderHours: 24,
    questions: [],
    revision: 1,
    seatsTaken: 0,
    memberSeatsTaken: 0,
    createdAt: NOW,
    updatedAt: NOW,
    publishedAt: NOW,
    ...over,
  };
}

const ask = (id: string, over: Partial<SeatAsk> = {}): SeatAsk => ({ id, email: `${id}@example.org`, isMember: false, places: 1, ...over });
const at = { now: NOW, clock: NOW, waitingAhead: 0 };

describe('seat arithmetic: seats free', () => {
  it('has no limit without a capacity', () => {
    expect(seatsFreeOn(event({ capacity: null, seatsTaken: 1000 }), false, NOW)).toBe(Number.POSITIVE_INFINITY);
  });

  it('keeps the members’ reserved seats from others until their date, and only those not taken by members yet', () => {
    const e = event({ capacity: 10, seatsTaken: 4, membersReserved: 3, memberSeatsTaken: 1, membersReservedUntil: '2027-06-03T00:00:00.000Z' });
    expect(seatsFreeOn(e, true, NOW)).toBe(6);
    expect(seatsFreeOn(e, false, NOW)).toBe(4);
    expect(seatsFreeOn(e, false, LATER)).toBe(6);
    expect(seatsFreeOn({ ...e, membersReservedUntil: null }, false, LATER)).toBe(4);
    expect(seatsFreeOn({ ...e, memberSeatsTaken: 5 }, false, NOW)).toBe(6);
  });

  it('guesses a seat only when the seats hoped for by registrations in progress leave room', () => {
    const e = event({ capacity: 4, seatsTaken: 2 });
    expect(likelyStatus(e, false, 2, 0, NOW)).toBe('confirmed');
    expect(likelyStatus(e, false, 2, 1, NOW)).toBe('waiting');
  });
});

describe('seat arithmetic: a batch seated in arrival order', () => {
  it('seats people until the capacity, then lines the others up after those already waiting, by id', () => {
    const plan = planSeats(event({ capacity: 4, seatsTaken: 1 }), [ask('c'), ask('a', { places: 2 }), ask('e', { places: 2 }), ask('b'), ask('d')], { ...at, waitingAhead: 5 });
    expect(plan.decisions).toEqual([
      { status: 'confirmed', position: null },
      { status: 'confirmed', position: null },
      { status: 'waiting', position: 8 },
      { status: 'waiting', position: 6 },
      { status: 'waiting', position: 7 },
    ]);
    expect(plan.seatsTaken).toBe(4);
  });

  it('never seats more than the capacity, whatever the batch (500 asking for 50)', () => {
    const asks = Array.from({ length: 500 }, (_, i) => ask(`p${String(i).padStart(3, '0')}`, { places: 1 + (i % 2), isMember: i % 7 === 0 }));
    const plan = planSeats(event({ capacity: 50, maxPlaces: 2, membersReserved: 10 }), asks, at);
    const seatedPlaces = asks.reduce((n, a, i) => {
      const d = plan.decisions[i];
      return typeof d === 'object' && 'status' in d && d.status === 'confirmed' ? n + a.places : n;
    }, 0);
    expect(plan.seatsTaken).toBe(seatedPlaces);
    expect(plan.seatsTaken).toBeLessThanOrEqual(50);
    const positions = plan.decisions.flatMap((d) => (typeof d === 'object' && 'status' in d && d.status === 'waiting' ? [d.position] : []));
    expect([...positions].sort((x, y) => x! - y!)).toEqual(positions.map((_, i) => i + 1));
  });

  it('counts members’ seats apart, and keeps the reserved ones from others', () => {
    const e = event({ capacity: 4, membersReserved: 2, membersReservedUntil: '2027-06-03T00:00:00.000Z' });
    const plan = planSeats(e, [ask('a'), ask('b'), ask('c'), ask('m', { isMember: true })], at);
    expect(plan.decisions.map((d) => (typeof d === 'object' && 'status' in d ? d.status : d))).toEqual(['confirmed', 'confirmed', 'waiting', 'confirmed']);
    expect(plan).toMatchObject({ seatsTaken: 3, memberSeatsTaken: 1 });
  });

  it('refuses what the rules refuse and seats an address once per batch', () => {
    const plan = planSeats(event({ maxPlaces: 1 }), [ask('a'), ask('a2', { email: 'a@example.org' }), ask('b', { places: 2 })], at);
    expect(plan.decisions).toEqual([{ status: 'confirmed', position: null }, 'duplicate', { kind: 'refused', reason: 'tooManyPlaces' }]);
    expect(plan.seatsTaken).toBe(1);
  });

  it('refuses everyone once the event has started, by the clock and not the batch stamp', () => {
    const e = event();
    expect(planSeats(e, [ask('a')], { now: NOW, clock: e.startsAt, waitingAhead: 0 }).decisions).toEqual([{ kind: 'refused', reason: 'closed', closure: 'started' }]);
  });
});
