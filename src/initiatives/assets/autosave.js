// Saves the draft as it is typed. Without JavaScript the form's "Enregistrer le brouillon" button does the same.
const form = document.querySelector('form[data-autosave]');
if (form) {
  const status = document.getElementById('autosave-status');
  const revision = form.querySelector('input[name="revision"]');
  let timer = 0;
  let busy = false;
  let again = false;

  const save = async () => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    const body = new URLSearchParams(new FormData(form));
    body.set('action', 'save');
    try {
      const res = await fetch(form.action, { method: 'POST', body, headers: { 'x-autosave': '1', accept: 'application/json' }, credentials: 'same-origin' });
      const data = await res.json();
      if (data.ok && revision) revision.value = String(data.revision);
      if (status) status.textContent = data.message || '';
    } catch {
      if (status)
        status.textContent =
          document.documentElement.lang === 'en' ? 'Not saved: check your connection, or use the Save button.' : 'Non enregistré : vérifiez votre connexion, ou utilisez le bouton Enregistrer.';
    } finally {
      busy = false;
      if (again) {
        again = false;
        void save();
      }
    }
  };

  form.addEventListener('change', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void save(), 600);
  });
}
