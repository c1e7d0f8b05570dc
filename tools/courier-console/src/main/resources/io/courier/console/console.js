'use strict';
// The Courier console's page: plain DOM, no library. Text from the server is only ever set as
// textContent or a value, never parsed as HTML.
(() => {
  const state = { csrf: null, operator: null, service: null, configVersion: -1, configDirty: false, timer: null };
  const $ = (selector) => document.querySelector(selector);

  function el(tag, text, attributes) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    return node;
  }

  async function api(method, path, body) {
    const options = { method, headers: {}, credentials: 'same-origin' };
    if (method === 'POST') {
      options.headers['Content-Type'] = 'application/json';
      if (state.csrf) options.headers['X-CSRF-Token'] = state.csrf;
      options.body = JSON.stringify(body || {});
    }
    const response = await fetch(path, options);
    const data = await response.json().catch(() => ({}));
    if (response.status === 401 && path !== '/api/login') showLogin();
    if (!response.ok) {
      const error = new Error(data.detail || ('HTTP ' + response.status));
      error.status = response.status;
      throw error;
    }
    return data;
  }

  function showLogin() {
    state.csrf = null;
    if (state.timer) clearInterval(state.timer);
    state.timer = null;
    $('#login').hidden = false;
    $('#app').hidden = true;
    $('#logout').hidden = true;
    $('#who').textContent = '';
  }

  function showApp(session) {
    state.csrf = session.csrf;
    state.operator = session.operator;
    $('#login').hidden = true;
    $('#app').hidden = false;
    $('#logout').hidden = false;
    $('#who').textContent = 'logged in as ' + session.operator;
    refresh();
    if (!state.timer) state.timer = setInterval(refresh, 1000);
  }

  async function refresh() {
    try {
      await Promise.all([loadServices(), state.service ? loadService(state.service) : null, loadAudit()]);
    } catch (e) {
      // shown on the next successful refresh; a 401 already went back to the login form
    }
  }

  async function loadServices() {
    const services = await api('GET', '/api/services');
    const list = $('#services');
    list.replaceChildren(...services.map((service) => {
      const item = el('li', null, { 'data-service': service.key });
      if (service.key === state.service) item.className = 'selected';
      const link = el('a', service.interfaceName);
      link.addEventListener('click', () => selectService(service.key));
      item.append(link, el('small', ' ' + [service.group && 'group ' + service.group,
        service.version && 'version ' + service.version,
        service.providers + ' providers', service.consumers + ' consumers'].filter(Boolean).join(', ')));
      return item;
    }));
  }

  function selectService(key) {
    state.service = key;
    state.configDirty = false;
    $('#diff').textContent = '';
    $('#call-result').textContent = '';
    $('#config-message').textContent = '';
    $('#service').hidden = false;
    refresh();
  }

  async function loadService(key) {
    const service = await api('GET', '/api/service?key=' + encodeURIComponent(key));
    if (key !== state.service) return;
    $('#service-key').textContent = service.key;
    $('#providers tbody').replaceChildren(...service.providers.map(providerRow));
    $('#consumers tbody').replaceChildren(...service.consumers.map((consumer) => {
      const row = el('tr', null, { 'data-consumer': consumer.id });
      row.append(el('td', consumer.application), el('td', consumer.host), el('td', consumer.pid), el('td', consumer.id));
      return row;
    }));
    $('#config-version').textContent = '(environment ' + service.config.environment + ', '
      + (service.config.version === 0 ? 'no document yet)' : 'version ' + service.config.version + ')');
    $('#config-defect').textContent = service.config.defect ? 'The document in the registry is invalid; consumers keep the last good one: ' + service.config.defect : '';
    if (!state.configDirty) {
      $('#config-document').value = service.config.document || 'version: 1\n';
      state.configVersion = service.config.version;
    }
    const select = $('#call-method');
    const names = service.methods.map((method) => method.name);
    if (select.dataset.methods !== names.join(',')) {
      select.dataset.methods = names.join(',');
      select.replaceChildren(...service.methods.map((method) =>
        el('option', method.name + '(' + method.parameters.join(', ') + ')', { value: method.name })));
    }
    await loadHistory(key);
  }

  function providerRow(provider) {
    const row = el('tr', null, { 'data-provider': provider.address });
    const weight = el('input', null, { type: 'number', min: '0', max: '10000', class: 'weight-input', 'aria-label': 'weight of ' + provider.address });
    weight.value = provider.configuredWeight === null ? provider.registeredWeight : provider.configuredWeight;
    const set = el('button', 'Set weight', { type: 'button', class: 'set-weight' });
    set.addEventListener('click', () => change('/api/providers/weight', { address: provider.address, weight: Number(weight.value) }));
    const reset = el('button', 'Registered weight', { type: 'button', class: 'reset-weight' });
    reset.addEventListener('click', () => change('/api/providers/weight', { address: provider.address, weight: null }));
    const offline = provider.state === 'offline';
    const toggle = el('button', offline ? 'Online' : 'Offline', { type: 'button', class: offline ? 'online' : 'offline' });
    toggle.addEventListener('click', () => change(offline ? '/api/providers/online' : '/api/providers/offline', { address: provider.address }));
    const actions = el('td');
    actions.append(weight, set, reset, toggle);
    row.append(el('td', provider.address), el('td', provider.application), el('td', provider.tags.join(', ')),
      el('td', provider.registeredWeight, { class: 'registered-weight' }),
      el('td', provider.configuredWeight === null ? '' : provider.configuredWeight, { class: 'configured-weight' }),
      el('td', provider.state, { class: 'state state-' + provider.state.replace(' ', '-') }), actions);
    return row;
  }

  async function loadHistory(key) {
    const revisions = await api('GET', '/api/config/history?key=' + encodeURIComponent(key));
    if (key !== state.service) return;
    $('#history tbody').replaceChildren(...revisions.map((revision, index) => {
      const row = el('tr', null, { 'data-revision': revision.revision });
      const diff = el('button', 'Diff with current', { type: 'button', class: 'diff' });
      diff.disabled = index === 0;
      diff.addEventListener('click', () => showDiff(revision.revision));
      const rollback = el('button', 'Roll back to this', { type: 'button', class: 'rollback' });
      rollback.disabled = index === 0;
      rollback.addEventListener('click', () => change('/api/config/rollback', { revision: revision.revision }));
      const actions = el('td');
      actions.append(diff, rollback);
      row.append(el('td', 'v' + revision.revision), el('td', revision.when ? new Date(revision.when).toISOString() : ''),
        el('td', revision.who), el('td', revision.what), actions);
      return row;
    }));
  }

  async function showDiff(revision) {
    const diff = await api('GET', '/api/config/diff?key=' + encodeURIComponent(state.service) + '&from=' + revision);
    $('#diff').replaceChildren(el('div', 'v' + diff.from + ' -> v' + diff.to + ' (in force)'), ...diff.lines.map((line) =>
      el('div', line, { class: line.startsWith('+ ') ? 'added' : line.startsWith('- ') ? 'removed' : 'same' })));
  }

  async function change(path, body) {
    const message = $('#config-message');
    try {
      const revision = await api('POST', path, Object.assign({ key: state.service }, body));
      message.className = 'ok';
      message.textContent = 'In force: version ' + revision.revision + ' (' + revision.what + ')';
      state.configDirty = false;
    } catch (e) {
      message.className = 'error';
      message.textContent = e.message;
    }
    await refresh();
  }

  async function validate() {
    const message = $('#config-message');
    try {
      const result = await api('POST', '/api/config/validate', { key: state.service, document: $('#config-document').value });
      message.className = result.valid ? 'ok' : 'error';
      message.textContent = result.valid ? 'Valid.' : result.error;
    } catch (e) {
      message.className = 'error';
      message.textContent = e.message;
    }
  }

  async function loadAudit() {
    const entries = await api('GET', '/api/audit');
    $('#audit').replaceChildren(...entries.slice(0, 50).map((entry) =>
      el('li', new Date(entry.when).toISOString() + ' ' + entry.who + ': ' + entry.what + ' (' + entry.outcome + ')')));
  }

  async function call() {
    const result = $('#call-result');
    result.className = '';
    result.textContent = 'calling...';
    try {
      const answer = await api('POST', '/api/call', { key: state.service, method: $('#call-method').value, arguments: $('#call-arguments').value });
      result.className = answer.ok ? 'ok' : 'error';
      result.textContent = (answer.ok ? answer.result : answer.error) + '\n(' + answer.millis + ' ms)';
    } catch (e) {
      result.className = 'error';
      result.textContent = e.message;
    }
  }

  // A script error is kept on the page (data-error), where a person or a test can read it.
  window.addEventListener('error', (event) => { document.body.dataset.error = String(event.message); });
  window.addEventListener('unhandledrejection', (event) => { document.body.dataset.error = String(event.reason); });

  document.addEventListener('DOMContentLoaded', () => {
    $('#login-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      $('#login-error').textContent = '';
      try {
        showApp(await api('POST', '/api/login', { operator: $('#operator').value, token: $('#token').value }));
        $('#token').value = '';
      } catch (e) {
        $('#login-error').textContent = e.message;
      }
    });
    $('#logout').addEventListener('click', async () => {
      await api('POST', '/api/logout').catch(() => null);
      showLogin();
    });
    $('#config-document').addEventListener('input', () => { state.configDirty = true; });
    $('#validate').addEventListener('click', validate);
    $('#save').addEventListener('click', () => change('/api/config', { document: $('#config-document').value, version: state.configVersion }));
    $('#reload').addEventListener('click', () => { state.configDirty = false; refresh(); });
    $('#call').addEventListener('click', call);
    api('GET', '/api/session').then(showApp).catch(() => showLogin());
    document.body.dataset.ready = 'true'; // the handlers are attached: the form may be used
  });
})();
