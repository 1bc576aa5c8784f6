// Report sections: drafts are kept in localStorage as they are typed, and sent when the
// connection returns. Saves go through fetch with the section's version; a stale save is
// refused by the server, which answers with both texts, and nothing is overwritten.
const report = document.getElementById('report');
if (report) {
  const status = document.getElementById('report-status');
  const labels = JSON.parse(report.dataset.labels);
  const say = (text) => {
    if (status) status.textContent = text;
  };
  const key = (form) => `palabre:draft:${report.dataset.forum}:${report.dataset.theme}:${form.dataset.section}`;

  async function send(form) {
    const data = new URLSearchParams(new FormData(form));
    try {
      const res = await fetch(form.action, { method: 'POST', body: data, headers: { accept: 'application/json', 'x-csrf-token': data.get('_csrf') } });
      const body = await res.json();
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
      say(body.error ?? labels.error);
      return true;
    } catch {
      say(labels.offline);
      return false;
    }
  }

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
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      localStorage.setItem(key(form), JSON.stringify({ body: area.value, version: form.querySelector('input[name=version]').value }));
      say(labels.sending);
      form.dataset.pending = '1';
      void send(form).then((ok) => ok && delete form.dataset.pending);
    });
  }
  const resend = () => {
    for (const form of forms) if (localStorage.getItem(key(form)) && form.dataset.pending === '1') void send(form).then((ok) => ok && delete form.dataset.pending);
  };
  window.addEventListener('online', resend);
  // Some networks come back without an "online" event (captive Wi-Fi, a server restart): retry now and then.
  setInterval(resend, 4000);
}
