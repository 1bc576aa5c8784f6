// The room's timer and announcement (forum.room.views.tsx draws them). This counts the timer
// down every second against the server's clock, rings once when a running timer reaches zero,
// and on phones swaps in the banner the room's stream sends, already rendered by the server.
let offset = 0;
const seenRunning = new Set();
const rung = new Set();

const syncClock = () => {
  const now = Number(document.getElementById('forum-room')?.dataset.now);
  if (now) offset = now - Date.now();
};

const bell = () => {
  try {
    const audio = new AudioContext();
    for (const [i, f] of [880, 660, 880].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = f;
      gain.gain.setValueAtTime(0.2, audio.currentTime + i * 0.35);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + i * 0.35 + 0.3);
      osc.connect(gain).connect(audio.destination);
      osc.start(audio.currentTime + i * 0.35);
      osc.stop(audio.currentTime + i * 0.35 + 0.32);
    }
  } catch {
    // No sound allowed before a tap: the screen still says the time is up.
  }
};

const tick = () => {
  const root = document.getElementById('forum-room');
  if (!root) return;
  const labels = JSON.parse(root.dataset.labels || '{}');
  for (const el of root.querySelectorAll('[data-ends-at]')) {
    const end = el.dataset.endsAt;
    const left = Math.max(0, Math.round((Date.parse(end) - (Date.now() + offset)) / 1000));
    const text = left > 0 ? `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}` : labels.over;
    const out = el.querySelector('.forum-timer-left');
    if (out && out.textContent !== text) out.textContent = text;
    el.classList.toggle('is-over', left === 0);
    if (left > 0) seenRunning.add(end);
    else if (seenRunning.has(end) && !rung.has(end)) {
      rung.add(end);
      bell();
    }
  }
};

syncClock();
tick();
setInterval(tick, 1000);

// The wall fetches its live parts itself (wall.js); only a phone listens to the room's stream.
const root = document.getElementById('forum-room');
if (root?.dataset.roomStream && !document.querySelector('.forum-wall')) {
  const source = new EventSource(root.dataset.roomStream);
  source.addEventListener('room', (e) => {
    const template = document.createElement('template');
    template.innerHTML = JSON.parse(e.data).html;
    const fresh = template.content.firstElementChild;
    const current = document.getElementById('forum-room');
    if (fresh && current && current.outerHTML !== fresh.outerHTML) {
      current.replaceWith(fresh);
      syncClock();
      tick();
    }
  });
}

// The wall swaps its live parts in place: read the server's clock again after each swap.
new MutationObserver(syncClock).observe(document.body, { childList: true, subtree: true });
