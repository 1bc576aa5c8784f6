import { followWall, el, fill } from './live.js';

const root = document.querySelector('.forum-wall');
if (root) {
  const labels = JSON.parse(root.dataset.labels);
  const status = document.getElementById('wall-status');

  const themeCard = (t) =>
    el(
      'li',
      { class: 'forum-wall-theme', 'data-theme': t.id },
      el('h3', {}, t.title),
      el(
        'p',
        { class: 'forum-wall-theme-meta' },
        t.conveners.join(', '),
        t.conveners.length ? ' · ' : '',
        fill(labels.size, t.size),
        ' · ',
        fill(labels.interest, t.interest),
        t.full ? el('strong', { class: 'forum-full' }, ` · ⚑ ${labels.full}`) : null,
      ),
      t.report.filled
        ? el(
            'div',
            { class: 'forum-wall-report' },
            t.report.keyPoints ? el('p', {}, t.report.keyPoints) : null,
            t.report.proposals ? el('p', {}, t.report.proposals) : null,
            t.report.actions.length
              ? el(
                  'ul',
                  {},
                  t.report.actions.map((a) => el('li', {}, `→ ${a}`)),
                )
              : null,
          )
        : el('p', { class: 'forum-wall-empty' }, labels.noReport),
    );

  const render = (state) => {
    const f = state.forum;
    document.getElementById('wall-phase').textContent = labels.phase[f.phase] ?? f.phase;
    document.getElementById('wall-stats').textContent = document
      .getElementById('wall-stats')
      .textContent.replace(/^\d+/, String(f.participants))
      .replace(/\d+(?=\D*$)/, String(f.groups));
    document.getElementById('wall-code').textContent = f.joinCode;
    document.querySelector('.forum-wall-join').hidden = f.phase === 'closed' || f.phase === 'followup';
    const queue = document.getElementById('wall-queue');
    queue.replaceChildren(...f.queue.map((q) => el('li', {}, q.title)));
    document.getElementById('wall-queue-section').hidden = f.queue.length === 0 || f.phase !== 'marketplace';
    const ranking = document.getElementById('wall-ranking');
    ranking.replaceChildren(...f.ranking.map((r) => el('li', {}, el('strong', {}, r.label), ` — ${fill(labels.votes, r.votes)}`, r.initiator ? ` · ${r.initiator}` : '')));
    document.getElementById('wall-ranking-section').hidden = f.ranking.length === 0;
    for (const cell of document.querySelectorAll('#wall-grid td[data-cell]')) {
      const t = state.themes.find((x) => `${x.slotId}|${x.spaceId}` === cell.dataset.cell);
      const key = t ? JSON.stringify([t.id, t.title, t.conveners, t.size, t.full]) : '';
      if (cell.dataset.key === key) continue;
      cell.dataset.key = key;
      cell.className = t ? 'forum-cell is-taken' : 'forum-cell';
      cell.replaceChildren(
        ...(t
          ? [
              el(
                'div',
                { class: 'forum-grid-theme', 'data-theme': t.id },
                el('strong', { class: 'forum-theme-title' }, t.title),
                t.conveners.length ? el('span', { class: 'forum-conveners' }, t.conveners.join(', ')) : null,
                el('span', { class: 'forum-size' }, fill(labels.size, t.size), t.full ? el('span', { class: 'badge badge-full forum-full' }, ` ⚑ ${labels.full}`) : null),
              ),
            ]
          : []),
      );
    }
    const list = document.getElementById('wall-themes');
    list.replaceChildren(...state.themes.map(themeCard));
    if (state.slots && state.spaces) {
      // A new slot or space needs the server's grid: reload once.
      const cells = document.querySelectorAll('#wall-grid td[data-cell]').length;
      if (cells !== state.slots.length * state.spaces.length) location.reload();
    }
  };

  followWall(root.dataset.stream, {
    onState: render,
    onStatus: (ok) => {
      status.textContent = ok ? `● ${labels.live}` : `○ ${labels.offline}`;
      status.classList.toggle('is-offline', !ok);
    },
  });
}
