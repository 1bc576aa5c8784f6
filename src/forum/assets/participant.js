import { followWall } from './live.js';

// The participant's phone stays server-rendered (decision 0031). With JavaScript, a tap sends its
// form with fetch, and the page the server answers (the same page, with the answer next to the
// tapped element) is swapped in piece by piece: the phone keeps its place, the focus stays on
// the button, and the answer is read out by the card's status region, which is never replaced.
// A phase change reloads the page (its forms change). A proposal typed offline is kept on the
// phone and proposed when the network returns, like report drafts.
const root = document.getElementById('forum-live');
if (root) {
  const labels = JSON.parse(root.dataset.labels);
  const status = document.getElementById('forum-live-status');
  const queueKey = `palabre:proposals:${root.dataset.slug}`;
  let timer = null;
  // A new phase is a new page (what matters now comes first): it opens at the top, not where the old one was.
  const reloadAtTop = () => {
    history.scrollRestoration = 'manual';
    location.reload();
  };

  const ids = (sel) => new Set([...document.querySelectorAll(sel)].map((el) => el.id));
  let shown = ids('#forum-theme-list > [id]');

  /** The new page's pieces into this one; returns false when the page is not the participant's any more. */
  function apply(doc) {
    const fresh = doc.getElementById('forum-live');
    if (!fresh) return false;
    if (fresh.dataset.phase !== root.dataset.phase) {
      reloadAtTop();
      return true;
    }
    for (const list of doc.querySelectorAll('[data-swap-list][id]')) {
      const mine = document.getElementById(list.id);
      if (!mine) continue;
      let previous = null;
      const keep = new Set();
      for (const item of [...list.children]) {
        keep.add(item.id);
        const current = document.getElementById(item.id);
        if (current) swapOne(current, item);
        else if (previous) previous.after(item);
        else mine.prepend(item);
        previous = document.getElementById(item.id);
      }
      for (const old of [...mine.children]) if (!keep.has(old.id)) old.remove();
    }
    for (const part of doc.querySelectorAll('[data-swap][id]')) {
      if (part.parentElement?.closest('[data-swap-list]')) continue;
      const current = document.getElementById(part.id);
      if (current) swapOne(current, part);
    }
    for (const part of doc.querySelectorAll('[data-swap-text][id]')) {
      const current = document.getElementById(part.id);
      if (current && current.textContent !== part.textContent) {
        current.textContent = part.textContent;
        current.className = part.className;
      }
    }
    const heading = doc.getElementById('themes');
    const mineHeading = document.getElementById('themes');
    if (heading && mineHeading) mineHeading.textContent = heading.textContent;
    shown = ids('#forum-theme-list > [id]');
    return true;
  }

  /** Swaps a piece's body and copies its answer into the region already on the page. */
  function swapOne(current, fresh) {
    const body = current.querySelector(':scope > .forum-swap-body');
    const freshBody = fresh.querySelector(':scope > .forum-swap-body');
    if (!body || !freshBody) {
      if (current.outerHTML !== fresh.outerHTML) current.replaceWith(fresh);
      return;
    }
    if (body.innerHTML !== freshBody.innerHTML) body.replaceWith(freshBody);
    current.className = fresh.className;
    const note = current.querySelector(':scope > .forum-note');
    const freshNote = fresh.querySelector(':scope > .forum-note');
    if (note && freshNote) say(note, freshNote.textContent, freshNote.className);
  }

  function say(note, text, className) {
    note.removeAttribute('autofocus');
    if (note.textContent === text) return;
    note.className = className ?? note.className;
    note.textContent = text;
  }

  /** The first answer the server wrote anywhere on its page (a new theme's card answers its proposal). */
  const answerIn = (doc) => [...doc.querySelectorAll('.forum-note')].find((n) => n.textContent.trim());

  async function send(form, submitter) {
    const piece = form.closest('[data-swap]') ?? form.closest('section[id]');
    const note = piece?.querySelector(':scope > .forum-note') ?? null;
    const top = piece ? piece.getBoundingClientRect().top : 0;
    const focused = document.activeElement?.id || submitter?.id || '';
    const body = new URLSearchParams(new FormData(form, submitter));
    if (submitter) submitter.setAttribute('aria-disabled', 'true');
    if (note) say(note, labels.sending, 'forum-note');
    let doc;
    try {
      // getAttribute: the vote forms have an input named "action", which hides form.action.
      const res = await fetch(form.getAttribute('action'), { method: 'POST', body, headers: { accept: 'text/html', 'x-csrf-token': body.get('_csrf') ?? '' }, credentials: 'same-origin' });
      doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    } catch {
      submitter?.removeAttribute('aria-disabled');
      if (form.hasAttribute('data-queue-offline')) return queueProposal(form, note);
      if (note) say(note, labels.failed, 'forum-note is-refused');
      return;
    }
    if (!apply(doc)) {
      // Not the participant's page any more (the cookie lost): the page as the server now shows it.
      location.reload();
      return;
    }
    const answer = answerIn(doc);
    if (note && answer && !note.textContent.trim().includes(answer.textContent.trim())) say(note, answer.textContent, answer.className);
    if (note?.textContent === labels.sending) say(note, '', 'forum-note');
    // The tapped piece stays where it was on the screen, whatever changed above it.
    if (piece?.isConnected) window.scrollBy(0, piece.getBoundingClientRect().top - top);
    const again = focused && document.getElementById(focused);
    if (again && !again.disabled) again.focus({ preventScroll: true });
    else if (note) {
      note.setAttribute('tabindex', '-1');
      note.focus({ preventScroll: true });
    }
    if (form.hasAttribute('data-queue-offline') && piece?.querySelector('.error-summary')) piece.querySelector('.error-summary').focus({ preventScroll: true });
  }

  // ---- proposals typed offline ----------------------------------------------------
  const queued = () => JSON.parse(localStorage.getItem(queueKey) ?? '[]');
  function queueProposal(form, note) {
    const data = Object.fromEntries(new FormData(form));
    delete data._csrf;
    localStorage.setItem(queueKey, JSON.stringify([...queued(), data]));
    form.reset();
    if (note) say(note, labels.queued, 'forum-note is-refused');
  }
  let flushing = false;
  async function flush() {
    const form = document.querySelector('form[data-queue-offline]');
    const list = queued();
    if (flushing || !form || list.length === 0) return;
    flushing = true;
    try {
      while (queued().length) {
        const [first, ...rest] = queued();
        const body = new URLSearchParams({ ...first, _csrf: form.querySelector('input[name=_csrf]').value });
        const res = await fetch(form.getAttribute('action'), { method: 'POST', body, headers: { accept: 'text/html', 'x-csrf-token': body.get('_csrf') }, credentials: 'same-origin' });
        localStorage.setItem(queueKey, JSON.stringify(rest));
        const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
        apply(doc);
        const note = document.getElementById('note-propose');
        if (note) say(note, res.ok ? labels.queuedSent : (answerIn(doc)?.textContent ?? labels.failed), res.ok ? 'forum-note is-done' : 'forum-note is-refused');
      }
    } catch {
      // Still offline: the next try sends it.
    } finally {
      flushing = false;
    }
  }
  window.addEventListener('online', flush);
  setInterval(flush, 5000);
  void flush();

  root.addEventListener('submit', (e) => {
    const form = e.target;
    if (!(form instanceof HTMLFormElement) || form.getAttribute('method') !== 'post') return;
    e.preventDefault();
    const submitter = e.submitter;
    if (submitter?.getAttribute('aria-disabled') === 'true') return;
    void send(form, submitter);
  });

  // ---- the rest of the room -------------------------------------------------------
  const busy = () => {
    const a = document.activeElement;
    return a && (a.tagName === 'TEXTAREA' || a.tagName === 'INPUT' || a.tagName === 'SELECT') && a.value;
  };
  const reloadWhenIdle = () => {
    if (busy()) timer = setTimeout(reloadWhenIdle, 3000);
    else reloadAtTop();
  };
  async function refresh() {
    try {
      const res = await fetch(location.pathname, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
      apply(new DOMParser().parseFromString(await res.text(), 'text/html'));
      status?.replaceChildren();
    } catch {
      if (status) status.textContent = labels.offline;
    }
  }
  followWall(root.dataset.stream, {
    onState: (state) => {
      if (state.forum.phase !== root.dataset.phase) {
        clearTimeout(timer);
        timer = setTimeout(reloadWhenIdle, 200);
        return;
      }
      // New themes are announced with a link rather than moving 2,000 phones' pages on every proposal.
      const fresh = state.themes.filter((t) => !shown.has(`theme-${t.id}`)).length;
      if (!status) return;
      status.replaceChildren();
      if (fresh > 0) {
        const a = document.createElement('a');
        a.href = location.pathname;
        a.textContent = labels.newThemes.replace('{n}', String(fresh));
        a.addEventListener('click', (e) => {
          e.preventDefault();
          void refresh();
        });
        status.append(a);
      }
    },
    onStatus: (ok) => {
      if (!ok && status) status.textContent = labels.offline;
    },
  });
}
