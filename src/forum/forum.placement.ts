export interface PlacementInput {
  themes: Array<{ id: string; slotId: string | null; spaceId: string | null; interest: number; conveners: string[] }>;
  /** In time order. */
  slots: string[];
  spaces: Array<{ id: string; capacity: number }>;
}

export interface PlacementPlan {
  placed: Array<{ themeId: string; slotId: string; spaceId: string }>;
  unplaced: string[];
}

/**
 * Greedy placement: the most wanted themes first, each into the biggest free space of the
 * least crowded slot where none of its conveners is already busy. Themes already on the wall
 * stay where they are and count as taken cells and busy conveners.
 */
export function autoPlace(input: PlacementInput): PlacementPlan {
  const taken = new Set<string>();
  const busy = new Map<string, Set<string>>(input.slots.map((s) => [s, new Set()]));
  const load = new Map<string, number>(input.slots.map((s) => [s, 0]));
  for (const t of input.themes) {
    if (!t.slotId || !t.spaceId) continue;
    taken.add(`${t.slotId}|${t.spaceId}`);
    for (const c of t.conveners) busy.get(t.slotId)?.add(c);
    load.set(t.slotId, (load.get(t.slotId) ?? 0) + 1);
  }
  const spaces = [...input.spaces].sort((a, b) => b.capacity - a.capacity);
  const todo = input.themes.filter((t) => !t.slotId || !t.spaceId).sort((a, b) => b.interest - a.interest || a.id.localeCompare(b.id));
  const plan: PlacementPlan = { placed: [], unplaced: [] };
  for (const theme of todo) {
    let best: { slotId: string; spaceId: string; capacity: number; load: number; order: number } | null = null;
    input.slots.forEach((slotId, order) => {
      if (theme.conveners.some((c) => busy.get(slotId)!.has(c))) return;
      const space = spaces.find((s) => !taken.has(`${slotId}|${s.id}`));
      if (!space) return;
      const l = load.get(slotId) ?? 0;
      const better = !best || space.capacity > best.capacity || (space.capacity === best.capacity && (l < best.load || (l === best.load && order < best.order)));
      if (better) best = { slotId, spaceId: space.id, capacity: space.capacity, load: l, order };
    });
    if (!best) {
      plan.unplaced.push(theme.id);
      continue;
    }
    const b = best as { slotId: string; spaceId: string };
    taken.add(`${b.slotId}|${b.spaceId}`);
    for (const c of theme.conveners) busy.get(b.slotId)!.add(c);
    load.set(b.slotId, (load.get(b.slotId) ?? 0) + 1);
    plan.placed.push({ themeId: theme.id, slotId: b.slotId, spaceId: b.spaceId });
  }
  return plan;
}
