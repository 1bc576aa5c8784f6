// Saves the draft as it is typed. Without JavaScript the form's "Enregistrer le brouillon" button does the same.
const form = document.querySelector('form[data-autosave]');
if (form) {
  const status = document.getElementById('autosave-status');
  const revision = form.querySelector('input[name="revision"]');
  let timer = 0;
  let busy = false;
  let again = false;
  // A button pressed while a save is on its way: pressed again once the save has its new revision.
  let waitingSubmit = null;

  const save = async () => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    const body = new URLSearchParams(new FormData(form));
    body.set('action', 'save');
    try {
      // form.action would name the button called "action": the attribute is read instead.
      const res = await fetch(form.getAttribute('action'), { method: 'POST', body, headers: { 'x-autosave': '1', accept: 'application/json' }, credentials: 'same-origin' });
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
      } else if (waitingSubmit) {
        const button = waitingSubmit;
        waitingSubmit = null;
        form.requestSubmit(button);
      }
    }
  };

  form.addEventListener('change', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void save(), 600);
  });
  form.addEventListener('submit', (event) => {
    // The form posts everything typed: a save still waiting is not needed, one on its way must finish first.
    clearTimeout(timer);
    if (busy) {
      event.preventDefault();
      waitingSubmit = event.submitter;
      again = false;
    }
  });
}
