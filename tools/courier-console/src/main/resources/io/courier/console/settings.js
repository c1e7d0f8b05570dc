'use strict';
// The console's page of an application's own settings (#/settings/<application>): its document in the
// configuration centre, secret values hidden, the keys it declares with their type, range, default,
// meaning and value in force, and its versions to diff and roll back to (history.js). Save and roll back
// go through the centre's write, which refuses an undeclared key (with a did-you-mean) or a value its key
// refuses. Text from the server is only ever set as
// textContent or a value. Made by console.js with the page's helpers.
window.CourierSettings = (page) => {
  const { api, el, $, state, history } = page;
  const edit = { shown: null, version: 0, dirty: false };

  async function loadSettings(application) {
    if (!application) return;
    if (!$('#settings-name').value) $('#settings-name').value = application;
    const view = await api('GET', '/api/application?name=' + encodeURIComponent(application));
    if (state.view !== 'settings' || state.settings !== application) return;
    $('#settings-title').textContent = view.key + ' in environment ' + view.environment + ', version ' + view.version;
    $('#settings-defect').textContent = view.defect || '';
    $('#settings-keys tbody').replaceChildren(...(view.keys.length ? view.keys.map((key) => {
      const row = el('tr', null, { 'data-key': key.name });
      row.append(el('td', key.name, { class: 'mono break' }), el('td', key.type), el('td', key.expectation, { class: 'break' }),
        el('td', key.default, { class: 'mono' }), el('td', key.value === null ? '—' : key.value, { class: 'mono value' }),
        el('td', key.meaning, { class: 'break' }));
      return row;
    }) : [el('tr', null)].map((row) => {
      row.append(el('td', view.declared ? 'It declares no key.' : 'It published no key declarations: writes are checked by the application when it reads them.', { colspan: '6', class: 'muted break' }));
      return row;
    })));
    await history.show('application:' + application, {
      rows: $('#settings-history tbody'), diff: $('#settings-diff'),
      shown: () => state.view === 'settings' && state.settings === application,
      rollback: (revision) => send('/api/config/rollback', { revision }),
      none: 'No version yet: the application runs on its defaults and its own sources.',
    });
    const current = application + '@' + view.version;
    if (edit.shown !== current && !edit.dirty) {
      $('#settings-document').value = view.document;
      Object.assign(edit, { shown: current, version: view.version });
    }
  }

  // Saves or validates the document in the editor, or with a revision rolls back to it.
  async function send(path, rollback) {
    const message = $('#settings-message');
    try {
      const body = Object.assign({ key: 'application:' + state.settings },
        rollback || { document: $('#settings-document').value, version: edit.version });
      const answer = await api('POST', path, body);
      const saved = path !== '/api/config/validate';
      message.className = saved || answer.valid ? 'ok' : 'error';
      message.textContent = saved ? 'In force: version ' + answer.revision : answer.valid ? 'Valid.' : answer.error;
      if (saved) Object.assign(edit, { dirty: false, shown: null });
    } catch (e) {
      message.className = 'error';
      message.textContent = e.message;
    }
    await loadSettings(state.settings).catch(() => null);
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('#settings-open').addEventListener('submit', (event) => {
      event.preventDefault();
      Object.assign(edit, { shown: null, dirty: false });
      location.hash = '#/settings/' + encodeURIComponent($('#settings-name').value.trim());
    });
    $('#settings-document').addEventListener('input', () => { edit.dirty = true; });
    $('#settings-validate').addEventListener('click', () => send('/api/config/validate'));
    $('#settings-save').addEventListener('click', () => send('/api/config'));
  });
  return { loadSettings };
};
