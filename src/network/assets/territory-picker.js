// Territory picker: suggestions while typing. Without JavaScript the form's "Chercher" button does the same.
const picker = document.querySelector('[data-territory-picker]');
if (picker) {
  const input = picker.querySelector('[data-territory-search]');
  const code = picker.querySelector('[data-territory-code]');
  const label = picker.querySelector('[data-territory-label]');
  const lang = document.documentElement.lang;
  const list = document.createElement('ul');
  list.className = 'territory-suggestions plain-list';
  list.id = 'territory-suggestions';
  const status = document.createElement('p');
  status.className = 'territory-chosen';
  status.setAttribute('role', 'status');
  input.insertAdjacentElement('afterend', list);
  list.insertAdjacentElement('afterend', status);
  let timer = 0;
  let last = '';

  const choose = (item) => {
    code.value = item.code;
    label.value = item.label;
    input.value = item.label;
    list.replaceChildren();
    status.textContent = (lang === 'en' ? 'Chosen territory: ' : 'Territoire choisi\u00a0: ') + item.label;
    picker.querySelectorAll('input[name="territory_pick"]').forEach((r) => {
      r.checked = false;
    });
  };

  const search = async () => {
    const q = input.value.trim();
    if (q === last) return;
    last = q;
    if (q.length < 2) return list.replaceChildren();
    const res = await fetch(`/reseau/territoires?q=${encodeURIComponent(q)}`, { headers: { accept: 'application/json' } });
    if (!res.ok || input.value.trim() !== q) return;
    const items = await res.json();
    list.replaceChildren(
      ...items.map((item) => {
        const li = document.createElement('li');
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'link-button';
        b.textContent = item.label;
        b.addEventListener('click', () => choose(item));
        li.append(b);
        return li;
      }),
    );
    status.textContent = items.length
      ? lang === 'en'
        ? `${items.length} suggestions below`
        : `${items.length} suggestions ci-dessous`
      : lang === 'en'
        ? 'No territory found'
        : 'Aucun territoire trouvé';
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  input.addEventListener('keydown', (e) => {
    // Enter picks the first suggestion instead of submitting the whole form.
    if (e.key === 'Enter' && list.firstElementChild) {
      e.preventDefault();
      list.querySelector('button').click();
    }
  });
}
