import { describe, expect, it } from 'vitest';
import { planRows, readSlotLines, readSpaceLines, slotLines, spaceLines } from './forum.structure.ts';

describe('slot and space lines', () => {
  it('names the first unreadable line, counting blank lines as the person sees them', () => {
    expect(readSlotLines('10h-11h\n\n11h-10h', '2027-03-12')).toEqual({ ok: false, line: 3, text: '11h-10h' });
    expect(readSlotLines('9h30-10h75', '2027-03-12')).toEqual({ ok: false, line: 1, text: '9h30-10h75' });
    expect(readSpaceLines('Salle Nord (30)\nSalle (0)')).toEqual({ ok: false, line: 2, text: 'Salle (0)' });
  });

  it('reads what the edit form writes back', () => {
    const slots = readSlotLines('9h30-10h30\n2027-03-13 14h-15h', '2027-03-12');
    expect(slots.ok && slotLines(slots.rows, '2027-03-12')).toBe('9h30-10h30\n2027-03-13 14h-15h');
    const spaces = readSpaceLines('Salle Nord (30)\nJardin');
    expect(spaces.ok && spaceLines(spaces.rows)).toBe('Salle Nord (30)\nJardin (20)');
  });

  it('keeps rows by position, adds extra lines, and blocks dropping a row in use', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(planRows(rows, ['x', 'y', 'z', 'w'], () => false)).toEqual({
      update: [
        { id: 'a', row: 'x', position: 0 },
        { id: 'b', row: 'y', position: 1 },
        { id: 'c', row: 'z', position: 2 },
      ],
      insert: [{ row: 'w', position: 3 }],
      drop: [],
      blocked: null,
    });
    expect(planRows(rows, ['x'], (r) => r.id === 'c').blocked).toBe(3);
    expect(planRows(rows, ['x'], () => false).drop).toEqual(['b', 'c']);
  });
});
