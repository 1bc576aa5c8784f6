// The facilitator's dashboard follows the day live (forum.admin.views.tsx, DashboardLive): on each
// change notice of the forum's stream it fetches its live parts again, drawn by the server, and
// swaps the ones whose markup changed, as the wall does (decision 0020). A part holding the
// keyboard focus waits for the next notice.
const root = document.getElementById('dashboard-live');
if (root) {
  let running = false;
  let again = false;
  const swap = (html) => {
    const template = document.createElement('template');
    template.innerHTML = html;
    for (const fresh of template.content.querySelectorAll('[data-live][id]')) {
      const current = document.getElementById(fresh.id);
      if (!current || current.outerHTML === fresh.outerHTML) continue;
      if (current.contains(document.activeElement)) {
        again = true;
        continue;
      }
      current.replaceWith(fresh);
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
      } while (again && !document.activeElement?.closest('[data-live]'));
    } catch {
      // Offline: the reconnection's snapshot fetches again.
    } finally {
      running = false;
    }
  };
  const source = new EventSource(root.dataset.stream);
  source.addEventListener('snapshot', refresh);
  source.addEventListener('patch', refresh);
}
