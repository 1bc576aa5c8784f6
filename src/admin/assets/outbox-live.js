// Keeps the outbox counters current while the page is open; without it the page still works.
const el = document.querySelector('[data-live-counts]');
if (el && 'EventSource' in window) {
  const source = new EventSource(el.getAttribute('data-live-counts'));
  source.addEventListener('counts', (e) => {
    el.textContent = JSON.parse(e.data).text;
  });
}
