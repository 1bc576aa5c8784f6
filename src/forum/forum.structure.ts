/**
 * The lines of the slots and spaces fields, read with the number of the line that is wrong, so
 * the form can say "line 3: …" instead of "unreadable" (issue 12, item 10). Pure: unit-tested.
 */
export type LineResult<T> = { ok: true; rows: T[] } | { ok: false; line: number; text: string };

export type SlotRow = { day: string; starts_at: string; ends_at: string };
export type SpaceRow = { name: string; capacity: number };

const numbered = (text: string) =>
  text
    .split('\n')
    .map((l, i) => ({ line: i + 1, text: l.trim() }))
    .filter((l) => l.text);

/** "9:30-10:30", "9h30-10h30" or "2027-03-12 9h30-10h30", one per line. */
export function readSlotLines(text: string, firstDay: string): LineResult<SlotRow> {
  const rows: SlotRow[] = [];
  for (const { line, text: l } of numbered(text)) {
    const m = /^(?:(\d{4}-\d{2}-\d{2})\s+)?(\d{1,2})[h:](\d{2})?\s*[-–à]+\s*(\d{1,2})[h:](\d{2})?$/.exec(l);
    const pad = (h: string, mm: string | undefined) => `${h.padStart(2, '0')}:${mm ?? '00'}`;
    if (!m || Number(m[2]) > 23 || Number(m[4]) > 23 || Number(m[3] ?? 0) > 59 || Number(m[5] ?? 0) > 59) return { ok: false, line, text: l };
    const starts = pad(m[2], m[3]);
    const ends = pad(m[4], m[5]);
    if (ends <= starts) return { ok: false, line, text: l };
    rows.push({ day: m[1] ?? firstDay, starts_at: starts, ends_at: ends });
  }
  return rows.length ? { ok: true, rows } : { ok: false, line: 1, text: '' };
}

/** "Salle Nord (30)", one per line; capacity 20 when not given. */
export function readSpaceLines(text: string): LineResult<SpaceRow> {
  const rows: SpaceRow[] = [];
  for (const { line, text: l } of numbered(text)) {
    const m = /^(.*?)\s*(?:\((\d{1,4})\))?$/.exec(l);
    if (!m?.[1] || m[1].length > 120 || (m[2] && Number(m[2]) < 1)) return { ok: false, line, text: l };
    rows.push({ name: m[1], capacity: m[2] ? Number(m[2]) : 20 });
  }
  return rows.length ? { ok: true, rows } : { ok: false, line: 1, text: '' };
}

/** The fields as the edit form shows them again: one line per slot or space. */
export function slotLines(slots: Array<{ day: string; starts_at: string; ends_at: string }>, firstDay: string): string {
  const h = (t: string) =>
    t
      .replace(/^0(\d)/, '$1')
      .replace(':', 'h')
      .replace(/h00$/, 'h');
  return slots.map((s) => `${s.day === firstDay ? '' : `${s.day} `}${h(s.starts_at)}-${h(s.ends_at)}`).join('\n');
}

export function spaceLines(spaces: Array<{ name: string; capacity: number }>): string {
  return spaces.map((s) => `${s.name} (${s.capacity})`).join('\n');
}

/**
 * What an edit does to rows kept by position: line i edits row i, extra lines are new rows,
 * rows past the last line go. A row that holds a theme cannot go: its position is returned.
 */
export function planRows<R, T extends { id: string }>(existing: T[], rows: R[], inUse: (row: T) => boolean) {
  const update = rows.slice(0, existing.length).map((row, i) => ({ id: existing[i].id, row, position: i }));
  const insert = rows.slice(existing.length).map((row, i) => ({ row, position: existing.length + i }));
  const drop = existing.slice(rows.length);
  const blocked = drop.find(inUse);
  return { update, insert, drop: drop.map((r) => r.id), blocked: blocked ? existing.indexOf(blocked) + 1 : null };
}
