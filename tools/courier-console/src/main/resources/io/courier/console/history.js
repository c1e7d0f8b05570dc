'use strict';
// A configuration document's versions as a table, each with "Diff with current" and "Roll back to
// this": a service's configuration (console.js) and an application's own settings (settings.js) show
// one each. Text from the server is only ever set as textContent. Made with the page's helpers.
window.CourierHistory = (page) => {
  const { api, el } = page;

  // Fills view.rows with the versions of key (none asked for when view.empty says why there are none),
  // unless view.shown() says the page moved on meanwhile; a diff goes to view.diff, a rollback to
  // view.rollback(revision).
  async function show(key, view) {
    const revisions = view.empty ? [] : await api('GET', '/api/config/history?key=' + encodeURIComponent(key));
    if (!view.shown()) return;
    const rows = revisions.map((revision, index) => {
      const row = el('tr', null, { 'data-revision': revision.revision });
      const diff = el('button', 'Diff with current', { type: 'button', class: 'btn btn-small diff' });
      diff.disabled = index === 0;
      diff.addEventListener('click', () => showDiff(key, revision.revision, view.diff));
      const rollback = el('button', 'Roll back to this', { type: 'button', class: 'btn btn-small rollback' });
      rollback.disabled = index === 0;
      rollback.addEventListener('click', () => view.rollback(revision.revision));
      const actions = el('td', null, { class: 'actions' });
      actions.append(diff, rollback);
      row.append(el('td', 'v' + revision.revision), el('td', revision.when ? new Date(revision.when).toISOString() : ''),
        el('td', revision.who), el('td', revision.what, { class: 'break' }), actions);
      return row;
    });
    if (!rows.length) {
      const empty = el('tr');
      empty.append(el('td', view.empty || view.none, { colspan: '5', class: 'muted break' }));
      rows.push(empty);
    }
    view.rows.replaceChildren(...rows);
  }

  async function showDiff(key, revision, target) {
    const diff = await api('GET', '/api/config/diff?key=' + encodeURIComponent(key) + '&from=' + revision);
    target.replaceChildren(el('div', 'v' + diff.from + ' -> v' + diff.to + ' (in force)'), ...diff.lines.map((line) =>
      el('div', line, { class: line.startsWith('+ ') ? 'added' : line.startsWith('- ') ? 'removed' : 'same' })));
  }

  return { show };
};
