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

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    // Text only: whatever people typed is never parsed as HTML.
    node.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return node;
}

export const fill = (template, n) => template.replace('{n}', String(n));
