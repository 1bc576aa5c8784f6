// Shared by the forum islands: one EventSource that keeps the latest wall state.
// The server sends a full snapshot on every (re)connection, so a network loss is caught up.
export function followWall(url, { onState, onStatus }) {
  let state = null;
  const source = new EventSource(url);
  const apply = (next) => {
    state = next;
    onState(state);
  };
  source.addEventListener('snapshot', (e) => apply(JSON.parse(e.data)));
  source.addEventListener('patch', (e) => {
    if (!state) return;
    const patch = JSON.parse(e.data);
    const byId = new Map(state.themes.map((t) => [t.id, t]));
    for (const t of patch.themes) byId.set(t.id, t);
    for (const id of patch.removed) byId.delete(id);
    apply({ ...state, forum: patch.forum, themes: [...byId.values()] });
  });
  source.addEventListener('open', () => onStatus?.(true));
  source.addEventListener('error', () => onStatus?.(false));
  return source;
}
