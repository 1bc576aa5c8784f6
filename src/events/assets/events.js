// Palabre agenda: small enhancements; every page works without this script.

// Live registrations on the animator's event page: reload the figures and the table on each change.
const live = document.querySelector('[data-live]');
if (live && 'EventSource' in window) {
  let pending = null;
  const refresh = async () => {
    const res = await fetch(live.dataset.fragment, { credentials: 'same-origin' });
    if (!res.ok) return;
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    for (const id of ['figures', 'registrations-table']) {
      const fresh = doc.getElementById(id);
      const current = document.getElementById(id);
      if (fresh && current) current.replaceWith(fresh);
    }
  };
  const source = new EventSource(live.dataset.live);
  source.addEventListener('registrations', () => {
    // A burst of registrations triggers one reload.
    clearTimeout(pending);
    pending = setTimeout(refresh, 300);
  });
}

// Émargement numérique: draw on a canvas; the PNG goes in a hidden field, the typed name stays as the fallback.
for (const form of document.querySelectorAll('form[data-signature]')) {
  const pad = form.querySelector('.signature-pad');
  const canvas = form.querySelector('canvas');
  const field = form.querySelector('input[name="png"]');
  const ctx = canvas.getContext('2d');
  pad.hidden = false;
  ctx.lineWidth = 3;
  ctx.lineCap = 'round';
  ctx.strokeStyle = '#12345c';
  let drawing = false;
  let drawn = false;
  const point = (e) => {
    const r = canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * canvas.width) / r.width, ((e.clientY - r.top) * canvas.height) / r.height];
  };
  canvas.addEventListener('pointerdown', (e) => {
    drawing = true;
    canvas.setPointerCapture(e.pointerId);
    ctx.beginPath();
    ctx.moveTo(...point(e));
    e.preventDefault();
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drawing) return;
    ctx.lineTo(...point(e));
    ctx.stroke();
    drawn = true;
  });
  const stop = () => {
    drawing = false;
  };
  canvas.addEventListener('pointerup', stop);
  canvas.addEventListener('pointercancel', stop);
  form.querySelector('[data-clear]').addEventListener('click', () => {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    drawn = false;
    field.value = '';
  });
  form.addEventListener('submit', () => {
    if (drawn) field.value = canvas.toDataURL('image/png');
  });
}
