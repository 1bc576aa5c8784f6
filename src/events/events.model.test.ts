import { describe, expect, it } from 'vitest';
import { parisToIso } from '../platform/format.ts';
import { availabilityOf, closureOf, onlineLinkFor, halfDays, placesAllowed, refusalMessage, refusalOf, rowFromInput, toEvent, type EventModel } from './events.model.ts';
import type { EventsTable } from './events.tables.ts';

const NOW = '2027-06-01T08:00:00.000Z';

function event(over: Partial<EventModel> = {}): EventModel {
  const row: EventsTable = {
    id: 'e1',
    slug: 'rencontre',
    ...rowFromInput({ title: 'Rencontre', startsAt: parisToIso('2027-06-10', '09:00'), endsAt: parisToIso('2027-06-10', '17:30'), status: 'published', registrationMode: 'open', capacity: 10 }),
    revision: 1,
    seats_taken: 0,
    member_seats_taken: 0,
    created_by: null,
    created_at: NOW,
    updated_at: NOW,
    published_at: NOW,
  };
  return { ...toEvent(row), ...over };
}

describe('events model: closure', () => {
  it('is open for a published event with registrations, before its start and deadline', () => {
    expect(closureOf(event(), NOW)).toBeNull();
  });

  it('names why registration is closed, the registration mode first', () => {
    expect(closureOf(event({ registrationMode: 'none', status: 'draft' }), NOW)).toBe('none');
    expect(closureOf(event({ status: 'draft' }), NOW)).toBe('unpublished');
    expect(closureOf(event({ status: 'cancelled' }), NOW)).toBe('cancelled');
    expect(closureOf(event({ status: 'postponed' }), NOW)).toBe('postponed');
    expect(closureOf(event(), '2027-06-10T07:00:00.000Z')).toBe('started');
    expect(closureOf(event({ deadline: '2027-05-31T00:00:00.000Z' }), NOW)).toBe('deadline');
  });
});

describe('events model: who may register', () => {
  it('refuses invitation-only events to everyone and members-only events to non-members', () => {
    expect(refusalOf(event({ registrationMode: 'invitation' }), true, 1, NOW)).toEqual({ kind: 'refused', reason: 'invitationOnly' });
    expect(refusalOf(event({ registrationMode: 'members' }), false, 1, NOW)).toEqual({ kind: 'refused', reason: 'membersOnly' });
    expect(refusalOf(event({ registrationMode: 'members' }), true, 1, NOW)).toBeNull();
  });

  it('refuses a closed event before anything else, with its closure', () => {
    expect(refusalOf(event({ status: 'cancelled', registrationMode: 'members' }), false, 9, NOW)).toEqual({ kind: 'refused', reason: 'closed', closure: 'cancelled' });
  });

  it('takes between 1 and the maximum places per registration', () => {
    const e = event({ maxPlaces: 3 });
    expect([0, 1, 3, 4].map((n) => placesAllowed(e, n))).toEqual([false, true, true, false]);
    expect(refusalOf(e, false, 4, NOW)).toEqual({ kind: 'refused', reason: 'tooManyPlaces' });
  });

  it('gives each refusal its message key', () => {
    expect(refusalMessage({ kind: 'refused', reason: 'closed', closure: 'deadline' })).toBe('events.closure.deadline');
    expect(refusalMessage({ kind: 'refused', reason: 'membersOnly' })).toBe('events.refused.membersOnly');
    expect(refusalMessage({ kind: 'refused', reason: 'tooManyPlaces' })).toBe('events.form.tooManyPlaces');
  });
});

describe('events model: availability', () => {
  it('counts the seats left, never below zero, and none to count without a capacity', () => {
    expect(availabilityOf(event({ capacity: 10 }), { taken: 4, waiting: 0 }, NOW)).toEqual({ taken: 4, waiting: 0, remaining: 6, full: false, closure: null });
    expect(availabilityOf(event({ capacity: 10 }), { taken: 12, waiting: 3 }, NOW)).toMatchObject({ remaining: 0, full: true });
    expect(availabilityOf(event({ capacity: null }), { taken: 400, waiting: 0 }, NOW)).toMatchObject({ remaining: null, full: false });
  });
});

describe('events model: rows', () => {
  it('reads the JSON columns back into lists and keeps the defaults of an empty form', () => {
    const e = event();
    expect(e).toMatchObject({ themes: [], organisers: [], programme: [], questions: [], maxPlaces: 1, reminderHours: 24, membersReserved: 0, offerHours: null });
  });
});

describe('events model: half-days of the sign-in sheet', () => {
  const at = (day: string, time: string) => parisToIso(day, time);
  it('gives a morning and an afternoon to a full day', () => {
    expect(halfDays({ startsAt: at('2027-09-28', '09:00'), endsAt: at('2027-09-28', '17:00') })).toEqual(['2027-09-28-am', '2027-09-28-pm']);
  });

  it('leaves out the morning of an afternoon start and the afternoon of a morning end', () => {
    expect(halfDays({ startsAt: at('2027-09-28', '14:00'), endsAt: at('2027-09-29', '12:00') })).toEqual(['2027-09-28-pm', '2027-09-29-am']);
  });

  it('counts Paris days across the change of time in October', () => {
    expect(halfDays({ startsAt: at('2027-10-30', '09:00'), endsAt: at('2027-11-01', '17:00') })).toHaveLength(6);
  });
});

describe('events model: the video link', () => {
  const url = 'https://visio.exemple.fr/salle';
  it('goes only to people holding a seat when the event takes registrations', () => {
    expect(onlineLinkFor(event({ onlineUrl: url }), null)).toBeNull();
    expect(onlineLinkFor(event({ onlineUrl: url }), { status: 'waiting' })).toBeNull();
    expect(onlineLinkFor(event({ onlineUrl: url }), { status: 'confirmed' })).toBe(url);
  });
  it('is public when the event takes no registration: there is nobody to send it to', () => {
    expect(onlineLinkFor(event({ onlineUrl: url, registrationMode: 'none' }), null)).toBe(url);
    expect(onlineLinkFor(event({ onlineUrl: null, registrationMode: 'none' }), null)).toBeNull();
  });
});
