// "Enregistrer" toggles in place when JavaScript runs; without it the form posts and comes back.
const live = document.createElement('p');
live.className = 'visually-hidden';
live.setAttribute('role', 'status');
document.body.append(live);

document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-bookmark')) return;
  const token = form.elements.namedItem('_csrf');
  // Anonymous visitors have no token: the normal post takes them to sign-in.
  if (!(token instanceof HTMLInputElement) || !token.value) return;
  event.preventDefault();
  const button = form.querySelector('button');
  const action = form.elements.namedItem('action');
  button.disabled = true;
  try {
    const res = await fetch(form.action, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(new FormData(form)),
      credentials: 'same-origin',
    });
    if (!res.ok) throw new Error(String(res.status));
    const { saved } = await res.json();
    button.setAttribute('aria-pressed', saved ? 'true' : 'false');
    button.classList.toggle('is-saved', saved);
    button.textContent = saved ? button.dataset.textSaved : button.dataset.textSave;
    button.setAttribute('aria-label', saved ? button.dataset.labelSaved : button.dataset.labelSave);
    if (action instanceof HTMLInputElement) action.value = saved ? 'remove' : 'save';
    live.textContent = button.textContent;
  } catch {
    form.submit();
  } finally {
    button.disabled = false;
  }
});
