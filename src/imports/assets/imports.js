// Palabre imports: the progress bar follows the run; without this script, the page's link refreshes it.
const box = document.querySelector('[data-progress]');
if (box) {
  const bar = document.getElementById('import-progress');
  const text = document.getElementById('import-progress-text');
  const tick = async () => {
    const res = await fetch(box.dataset.progress, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!res.ok) return;
    const p = await res.json();
    bar.max = Math.max(p.total, 1);
    bar.value = p.processed;
    bar.textContent = `${p.processed} / ${p.total}`;
    text.textContent = p.text;
    // Finished: the page shows the report.
    if (p.status === 'done' || p.status === 'failed') window.location.reload();
    else setTimeout(tick, 1000);
  };
  setTimeout(tick, 1000);
}
