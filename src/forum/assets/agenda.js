// Drag and drop on the facilitator's agenda wall. The keyboard path is the form under each
// theme (a select of free cells and a "Placer" button); this only adds the mouse path.
const grid = document.getElementById('admin-grid');
if (grid) {
  const forumId = document.getElementById('agenda').dataset.forum;
  const csrf = document.querySelector('input[name=_csrf]')?.value;
  for (const item of document.querySelectorAll('.forum-theme[data-theme]')) {
    item.setAttribute('draggable', 'true');
    item.addEventListener('dragstart', (e) => e.dataTransfer.setData('text/plain', item.dataset.theme));
  }
  for (const cell of grid.querySelectorAll('td[data-cell]')) {
    cell.addEventListener('dragover', (e) => {
      e.preventDefault();
      cell.classList.add('is-drop');
    });
    cell.addEventListener('dragleave', () => cell.classList.remove('is-drop'));
    cell.addEventListener('drop', async (e) => {
      e.preventDefault();
      cell.classList.remove('is-drop');
      const theme = e.dataTransfer.getData('text/plain');
      if (!theme) return;
      const body = new URLSearchParams({ _csrf: csrf, cell: cell.dataset.cell });
      // Placed: the redirect carries the page's "placed" message, shown by the reload.
      // Refused: the page the server drew says why; its message is shown here, above the grid.
      const res = await fetch(`/admin/forums/${forumId}/themes/${theme}/placer`, { method: 'POST', body, headers: { 'x-csrf-token': csrf }, redirect: 'manual' });
      if (res.type === 'opaqueredirect' || res.ok) {
        location.reload();
        return;
      }
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      let status = document.getElementById('agenda-drop-status');
      if (!status) {
        status = document.createElement('p');
        status.id = 'agenda-drop-status';
        status.className = 'notice';
        status.setAttribute('role', 'alert');
        grid.closest('.table-wrap')?.before(status);
      }
      status.textContent = doc.querySelector('.notice[role=alert]')?.textContent ?? '';
    });
  }
}
