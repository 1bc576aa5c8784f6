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
      await fetch(`/admin/forums/${forumId}/themes/${theme}/placer`, { method: 'POST', body, headers: { 'x-csrf-token': csrf } });
      location.reload();
    });
  }
}
