// Report sections: drafts are kept in localStorage as they are typed, and sent when the
// connection returns. Saves go through fetch with the section's version; a stale save is
// refused by the server, which answers with both texts, and nothing is overwritten.
// Nothing typed is lost (decision 0032): a refused save keeps its draft and says why in words;
// once the report no longer takes text, a draft left on this phone is shown to be copied.
// While someone types, the page tells the server now and then, so that the facilitator is
// warned before closing the forum.
const report = document.getElementById('report');
if (report) {
  const status = document.getElementById('report-status');
  const labels = JSON.parse(report.dataset.labels);
  const say = (text) => {
    if (status) status.textContent = text;
  };
  const keyOf = (section) => `palabre:draft:${report.dataset.forum}:${report.dataset.theme}:${section}`;
  const key = (form) => keyOf(form.dataset.section);

  async function send(form) {
    const data = new URLSearchParams(new FormData(form));
    try {
      const res = await fetch(form.getAttribute('action'), { method: 'POST', body: data, headers: { accept: 'application/json', 'x-csrf-token': data.get('_csrf') } });
      const body = await res.json().catch(() => ({}));
      if (body.ok) {
        form.querySelector('input[name=version]').value = String(body.version);
        localStorage.removeItem(key(form));
        say(labels.saved);
        return true;
      }
      if (body.conflict) {
        // Keep our text in the field, show theirs above it, and adopt their version for the next save.
        let box = form.querySelector('.forum-conflict-inline');
        if (!box) {
          box = document.createElement('div');
          box.className = 'error-summary forum-conflict-inline';
          box.setAttribute('role', 'alert');
          form.prepend(box);
        }
        const p = document.createElement('p');
        p.textContent = body.message;
        const pre = document.createElement('pre');
        pre.className = 'forum-prewrap';
        pre.textContent = body.theirs;
        box.replaceChildren(p, pre);
        form.querySelector('input[name=version]').value = String(body.version);
        localStorage.removeItem(key(form));
        return true;
      }
      // Refused (the report closed, a session lost): the draft stays on the phone, the reason is said in words.
      say(body.message || labels.error);
      return true;
    } catch {
      say(labels.offline);
      return false;
    }
  }

  let lastPing = 0;
  const ping = (form) => {
    if (Date.now() - lastPing < 30_000) return;
    lastPing = Date.now();
    const csrf = form.querySelector('input[name=_csrf]').value;
    const url = `${form.getAttribute('action').replace(/\/[^/]+$/, '')}/ecriture`;
    fetch(url, { method: 'POST', body: new URLSearchParams({ _csrf: csrf }), headers: { 'x-csrf-token': csrf, accept: 'application/json' } }).catch(() => {});
  };

  const forms = [...report.querySelectorAll('form.forum-section-form')];
  for (const form of forms) {
    const area = form.querySelector('textarea');
    const saved = localStorage.getItem(key(form));
    if (saved) {
      const draft = JSON.parse(saved);
      area.value = draft.body;
      form.querySelector('input[name=version]').value = String(draft.version);
      form.dataset.pending = '1';
      if (navigator.onLine) void send(form).then((ok) => ok && delete form.dataset.pending);
    }
    area.addEventListener('input', () => {
      localStorage.setItem(key(form), JSON.stringify({ body: area.value, version: form.querySelector('input[name=version]').value }));
      ping(form);
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      localStorage.setItem(key(form), JSON.stringify({ body: area.value, version: form.querySelector('input[name=version]').value }));
      say(labels.sending);
      form.dataset.pending = '1';
      void send(form).then((ok) => ok && delete form.dataset.pending);
    });
  }

  // Sections that no longer take text: a draft left here is shown, to be copied rather than lost.
  for (const section of report.querySelectorAll('.forum-section[data-section]')) {
    if (section.querySelector('form')) continue;
    const saved = localStorage.getItem(keyOf(section.dataset.section));
    if (!saved) continue;
    const id = `draft-${section.dataset.section}`;
    const box = document.createElement('div');
    box.className = 'error-summary';
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = labels.unsaved;
    const area = document.createElement('textarea');
    area.id = id;
    area.readOnly = true;
    area.value = JSON.parse(saved).body;
    box.append(label, area);
    section.append(box);
  }

  const resend = () => {
    for (const form of forms) if (localStorage.getItem(key(form)) && form.dataset.pending === '1') void send(form).then((ok) => ok && delete form.dataset.pending);
  };
  window.addEventListener('online', resend);
  // Some networks come back without an "online" event (captive Wi-Fi, a server restart): retry now and then.
  setInterval(resend, 4000);
}
