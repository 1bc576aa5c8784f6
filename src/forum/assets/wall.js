import { followWall } from './live.js';

// The wall's markup is the server's (WallBody, forum.wall.views.tsx, decision 0020). Each change
// notice, and each (re)connection, fetches the wall again and swaps the parts whose markup
// changed. One fetch at a time: notices arriving meanwhile fold into one more fetch.
// The server draws every screen of the wall (decision 0030); this shows one at a time and turns
// them, keeping the screen shown across swaps.
const root = document.querySelector('.forum-wall');
if (root) {
  const labels = JSON.parse(root.dataset.labels);
  const seconds = Number(root.dataset.rotate) || 15;
  let running = false;
  let again = false;
  let paused = false;
  let shownKey = root.querySelector('.wall-screen:not([hidden])')?.dataset.key ?? null;

  const screens = () => [...document.querySelectorAll('#wall-screens > .wall-screen')];

  const show = (index) => {
    const all = screens();
    if (all.length === 0) return;
    const i = ((index % all.length) + all.length) % all.length;
    all.forEach((s, j) => {
      s.hidden = j !== i;
    });
    shownKey = all[i].dataset.key;
    const n = document.getElementById('wall-pager-n');
    if (n) n.textContent = n.dataset.template.replace('{n}', String(i + 1));
  };
  const currentIndex = () =>
    Math.max(
      0,
      screens().findIndex((s) => s.dataset.key === shownKey),
    );

  let timer = null;
  const schedule = () => {
    clearTimeout(timer);
    if (!paused && screens().length > 1)
      timer = setTimeout(() => {
        show(currentIndex() + 1);
        schedule();
      }, seconds * 1000);
  };

  // The pager's links work without JavaScript (?ecran=); here they turn the screen in place.
  const wirePager = () => {
    const pager = document.getElementById('wall-pager');
    if (!pager) return;
    for (const a of pager.querySelectorAll('a[data-step]')) {
      a.addEventListener('click', (e) => {
        e.preventDefault();
        show(currentIndex() + Number(a.dataset.step));
        schedule();
      });
    }
    const pause = document.getElementById('wall-pause');
    if (pause) {
      pause.hidden = false;
      pause.textContent = paused ? labels.play : labels.pause;
      pause.setAttribute('aria-pressed', paused ? 'true' : 'false');
      pause.addEventListener('click', () => {
        paused = !paused;
        pause.textContent = paused ? labels.play : labels.pause;
        pause.setAttribute('aria-pressed', paused ? 'true' : 'false');
        schedule();
      });
    }
  };

  const swap = (html) => {
    const template = document.createElement('template');
    template.innerHTML = html;
    let changed = false;
    for (const fresh of template.content.querySelectorAll('[data-live][id]')) {
      const current = document.getElementById(fresh.id);
      if (!current) continue;
      // The screens' hidden attributes are this script's: compare and swap with the server's choice undone.
      if (fresh.id === 'wall-screens') {
        const mine = current.cloneNode(true);
        for (const s of mine.children) s.hidden = false;
        const theirs = fresh.cloneNode(true);
        for (const s of theirs.children) s.hidden = false;
        if (mine.outerHTML === theirs.outerHTML) continue;
      } else if (current.outerHTML === fresh.outerHTML) continue;
      current.replaceWith(fresh);
      changed = true;
      if (fresh.id === 'wall-pager') wirePager();
    }
    if (changed) {
      show(currentIndex());
      schedule();
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

  wirePager();
  show(currentIndex());
  schedule();

  followWall(root.dataset.stream, {
    onState: refresh,
    onStatus: (ok) => {
      const status = document.getElementById('wall-status');
      status.textContent = ok ? `● ${labels.live}` : `○ ${labels.offline}`;
      status.classList.toggle('is-offline', !ok);
    },
  });
}
