import { describe, expect, it } from 'vitest';
import { hourText, newJoinCode, parseSlots, parseSpaces } from './forum.rules.ts';

describe('parseSlots', () => {
  it('reads "10h-11h", "9:30–10:30" and a slot on another day, one per line', () => {
    expect(parseSlots('10h-11h\n9:30–10:30\n2027-03-13 14h à 15h30', '2027-03-12')).toEqual([
      { day: '2027-03-12', starts_at: '10:00', ends_at: '11:00' },
      { day: '2027-03-12', starts_at: '09:30', ends_at: '10:30' },
      { day: '2027-03-13', starts_at: '14:00', ends_at: '15:30' },
    ]);
  });

  it('ignores blank lines and Windows line endings', () => {
    expect(parseSlots('\r\n10h-11h\r\n\r\n', '2027-03-12')).toEqual([{ day: '2027-03-12', starts_at: '10:00', ends_at: '11:00' }]);
  });

  it('refuses a slot that ends before it starts, an impossible hour, or text', () => {
    expect(parseSlots('11h-10h', '2027-03-12')).toBeNull();
    expect(parseSlots('25h-26h', '2027-03-12')).toBeNull();
    expect(parseSlots('le matin', '2027-03-12')).toBeNull();
    expect(parseSlots('', '2027-03-12')).toBeNull();
  });
});

describe('parseSpaces', () => {
  it('reads a capacity in brackets and gives 20 to a space without one', () => {
    expect(parseSpaces('Salle Nord (30)\nJardin')).toEqual([
      { name: 'Salle Nord', capacity: 30 },
      { name: 'Jardin', capacity: 20 },
    ]);
  });

  it('refuses an empty list and a name over 120 characters', () => {
    expect(parseSpaces('\n \n')).toBeNull();
    expect(parseSpaces('x'.repeat(121))).toBeNull();
  });
});

describe('newJoinCode', () => {
  it('is six characters that cannot be misread on a projector (no 0, O, 1 or I)', () => {
    for (let i = 0; i < 200; i++) expect(newJoinCode()).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  });
});

describe('hourText', () => {
  it('writes hours the French way in French and leaves English alone', () => {
    expect(hourText('10:00', 'fr')).toBe('10h');
    expect(hourText('09:30', 'fr')).toBe('9h30');
    expect(hourText('09:30', 'en')).toBe('09:30');
  });
});
