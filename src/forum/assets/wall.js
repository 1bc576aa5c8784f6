import { followWall } from './live.js';

// The wall's markup is the server's (WallBody, forum.wall.views.tsx). Each change notice, and
// each (re)connection, fetches the wall again and swaps the parts whose markup changed. One
// fetch at a time: notices arriving meanwhile fold into one more fetch.
const root = document.querySelector('.forum-wall');
if (root) {
  const labels = JSON.parse(root.dataset.labels);
  let running = false;
  let again = false;

  const swap = (html) => {
    const template = document.createElement('template');
    template.innerHTML = html;
    for (const fresh of template.content.querySelectorAll('[data-live][id]')) {
      const current = document.getElementById(fresh.id);
      if (current && current.outerHTML !== fresh.outerHTML) current.replaceWith(fresh);
    }
  };

  const refresh = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const res = await fetch(root.dataset.fragment, { cache: 'no-store', headers: { accept: 'text/html' } });
        if (res.ok) swap(await res.text());
      } while (again);
    } catch {
      // Offline: the reconnection's snapshot fetches again.
    } finally {
      running = false;
    }
  };

  followWall(root.dataset.stream, {
    onState: refresh,
    onStatus: (ok) => {
      const status = document.getElementById('wall-status');
      status.textContent = ok ? `● ${labels.live}` : `○ ${labels.offline}`;
      status.classList.toggle('is-offline', !ok);
    },
  });
}
