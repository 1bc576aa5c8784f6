import { followWall } from './live.js';

// The participant page stays server-rendered. A phase change reloads it (its forms change);
// new themes are announced with a link rather than reloading 2,000 phones on every proposal.
const root = document.getElementById('forum-live');
if (root) {
  const labels = JSON.parse(root.dataset.labels);
  const status = document.getElementById('forum-live-status');
  const shown = new Set([...document.querySelectorAll('#forum-theme-list [data-theme]')].map((li) => li.dataset.theme));
  let timer = null;
  const busy = () => {
    const a = document.activeElement;
    return a && (a.tagName === 'TEXTAREA' || a.tagName === 'INPUT' || a.tagName === 'SELECT') && a.value;
  };
  const reloadWhenIdle = () => {
    if (busy()) timer = setTimeout(reloadWhenIdle, 3000);
    else location.reload();
  };
  followWall(root.dataset.stream, {
    onState: (state) => {
      if (state.forum.phase !== root.dataset.phase) {
        clearTimeout(timer);
        timer = setTimeout(reloadWhenIdle, 200);
        return;
      }
      const fresh = state.themes.filter((t) => !shown.has(t.id)).length;
      if (!status) return;
      status.replaceChildren();
      if (fresh > 0) {
        const a = document.createElement('a');
        a.href = location.pathname;
        a.textContent = labels.newThemes.replace('{n}', String(fresh));
        status.append(a);
      }
    },
    onStatus: (ok) => {
      if (!ok && status) status.textContent = labels.offline;
    },
  });
}
