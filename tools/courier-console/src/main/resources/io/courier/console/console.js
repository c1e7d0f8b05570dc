'use strict';
// The Courier console's page: plain DOM, no library. Text from the server is only ever set as
// textContent or a value, never parsed as HTML. Views are chosen by the address's fragment:
// #/services[/<key>], #/topology, #/instance/<admin host:port>, #/settings/<application>, #/events, #/audit.
(() => {
  const Charts = window.CourierCharts;
  const WINDOW_MILLIS = 3 * 60 * 1000;
  const state = { csrf: null, operator: null, view: 'services', service: null, instance: null, configVersion: -1, configDirty: false, timer: null };
  const $ = (selector) => document.querySelector(selector);

  function el(tag, text, attributes) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    return node;
  }
  const badge = (text, kind) => el('span', text, { class: 'badge badge-' + kind });

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
    $('#tabs').hidden = $('#logout').hidden = true;
    $('#who').textContent = '';
  }

  function showApp(session) {
    state.csrf = session.csrf;
    state.operator = session.operator;
    $('#login').hidden = true;
    $('#app').hidden = false;
    $('#tabs').hidden = $('#logout').hidden = false;
    $('#who').textContent = session.operator;
    state.unavailable = session.unavailable; // a discovery-only registry: what the console cannot do, in its words
    Object.assign($('#unavailable'), { hidden: !session.unavailable, textContent: 'Not available on this registry: ' + session.unavailable });
    route();
    if (!state.timer) state.timer = setInterval(refresh, 1000);
  }

  // ---- routing ----------------------------------------------------------------------------

  function route() {
    const parts = (location.hash || '#/services').slice(2).split('/');
    const view = ['services', 'topology', 'instance', 'settings', 'events', 'audit'].includes(parts[0]) ? parts[0] : 'services';
    const argument = parts.length > 1 ? decodeURIComponent(parts.slice(1).join('/')) : null;
    state.view = view;
    if (view === 'services' && argument && argument !== state.service) openService(argument);
    if (view === 'instance' || view === 'settings') state[view] = argument;
    ['services', 'topology', 'instance', 'settings', 'events', 'audit'].forEach((name) => { $('#view-' + name).hidden = name !== view; });
    document.querySelectorAll('#tabs a').forEach((tab) => {
      const current = tab.dataset.view === view || (view === 'instance' && tab.dataset.view === 'topology');
      tab.classList.toggle('active', current);
      if (current) tab.setAttribute('aria-current', 'page'); else tab.removeAttribute('aria-current');
    });
    refresh();
  }

  async function refresh() {
    try {
      const work = [loadServices(), loadAudit()];
      if (state.view === 'services' && state.service) work.push(loadService(state.service));
      if (state.view === 'topology') work.push(loadTopology());
      if (state.view === 'instance' && state.instance) work.push(loadInstance(state.instance));
      if (state.view === 'events') work.push(loadEvents());
      if (state.view === 'settings') work.push(loadSettings(state.settings));
      await Promise.all(work);
    } catch (e) {
      // shown on the next successful refresh; a 401 already went back to the login form
    }
  }

  // ---- services ---------------------------------------------------------------------------

  async function loadServices() {
    const services = await api('GET', '/api/services');
    const filter = $('#service-filter').value.trim().toLowerCase();
    const list = $('#services');
    list.replaceChildren(...services.filter((service) => !filter || service.key.toLowerCase().includes(filter)).map((service) => {
      const item = el('li', null, { 'data-service': service.key });
      if (service.key === state.service) item.className = 'selected';
      const link = el('a', Charts.shortName(service.interfaceName), { href: '#/services/' + encodeURIComponent(service.key), class: 'break', title: service.key });
      link.addEventListener('click', (event) => { event.preventDefault(); selectService(service.key); });
      const dot = service.interfaceName.lastIndexOf('.');
      const where = el('small', dot > 0 ? service.interfaceName.slice(0, dot) : '', { class: 'break package' });
      const facts = el('small', [service.group && 'group ' + service.group, service.version && 'version ' + service.version,
        service.providers + (service.providers === 1 ? ' provider' : ' providers'),
        service.consumers + (service.consumers === 1 ? ' consumer' : ' consumers')].filter(Boolean).join(' · '));
      item.append(link, where, facts);
      return item;
    }));
    if (!services.length) list.replaceChildren(el('li', 'No services registered yet.', { class: 'muted' }));
  }

  function openService(key) {
    state.service = key;
    state.configDirty = false;
    $('#diff').textContent = '';
    $('#call-result').textContent = '';
    $('#config-message').textContent = '';
    $('#service').hidden = false;
    $('#service-empty').hidden = true;
  }

  function selectService(key) {
    openService(key);
    const hash = '#/services/' + encodeURIComponent(key);
    if (location.hash !== hash) location.hash = hash; else refresh();
  }

  async function loadService(key) {
    const [service, traffic] = await Promise.all([
      api('GET', '/api/service?key=' + encodeURIComponent(key)),
      api('GET', '/api/traffic?key=' + encodeURIComponent(key)).catch(() => null),
    ]);
    if (key !== state.service) return;
    $('#service-key').textContent = service.key;
    const byEndpoint = {};
    if (traffic) {
      traffic.instances.forEach((instance) => instance.endpoints.forEach((endpoint) => { byEndpoint[endpoint] = instance; }));
      const lines = [{ name: 'all instances', points: traffic.total }].concat(traffic.instances.map((instance) =>
        ({ name: instance.application + ' ' + (instance.endpoints[0] || instance.admin), points: instance.series })));
      $('#service-charts').replaceChildren(...Charts.charts(lines, WINDOW_MILLIS));
      $('#service-legend').replaceChildren(...Charts.legend(lines.map((line) => line.name)));
      if (!traffic.instances.length) {
        $('#service-legend').replaceChildren(el('span', 'No instance of this service names an admin endpoint with metrics: see the console section of docs/operations.md.', { class: 'muted' }));
      }
    }
    $('#providers tbody').replaceChildren(...service.providers.map((provider) => providerRow(provider, byEndpoint[provider.address])));
    $('#consumers tbody').replaceChildren(...service.consumers.map((consumer) => {
      const row = el('tr', null, { 'data-consumer': consumer.id });
      row.append(el('td', consumer.application), el('td', consumer.host), el('td', consumer.pid), el('td', consumer.id, { class: 'break mono' }));
      return row;
    }));
    $('#config-version').textContent = service.config.unavailable ? '(not available on this registry)' : '(environment ' + service.config.environment + ', '
      + (service.config.version === 0 ? 'no document yet)' : 'version ' + service.config.version + ')');
    $('#config-defect').textContent = service.config.unavailable || (service.config.defect ? 'The document in the registry is invalid; consumers keep the last good one: ' + service.config.defect : '');
    ['#config-document', '#validate', '#save', '#reload'].forEach((id) => { $(id).disabled = Boolean(service.config.unavailable); });
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

  const STATES = { online: 'ok', offline: 'bad', drained: 'warn', 'warming up': 'info' };

  function providerRow(provider, polled) {
    const row = el('tr', null, { 'data-provider': provider.address });
    const weight = el('input', null, { type: 'number', min: '0', max: '10000', class: 'input input-small weight-input', 'aria-label': 'weight of ' + provider.address });
    weight.value = provider.configuredWeight === null ? provider.registeredWeight : provider.configuredWeight;
    const set = el('button', 'Set weight', { type: 'button', class: 'btn btn-small set-weight' });
    set.addEventListener('click', () => change('/api/providers/weight', { address: provider.address, weight: Number(weight.value) }));
    const reset = el('button', 'Reset', { type: 'button', class: 'btn btn-small reset-weight', title: 'Back to the registered weight' });
    reset.addEventListener('click', () => change('/api/providers/weight', { address: provider.address, weight: null }));
    const offline = provider.state === 'offline';
    const toggle = el('button', offline ? 'Online' : 'Offline', { type: 'button', class: 'btn btn-small ' + (offline ? 'online' : 'btn-danger offline') });
    toggle.addEventListener('click', () => change(offline ? '/api/providers/online' : '/api/providers/offline', { address: provider.address }));
    const actions = el('td', null, { class: 'actions' });
    actions.append(weight, set, reset, toggle);
    const address = el('td', null, { class: 'mono' });
    if (provider.admin) {
      address.append(el('a', provider.address, { href: '#/instance/' + encodeURIComponent(provider.admin), class: 'instance-link', 'data-admin': provider.admin }));
    } else {
      address.textContent = provider.address;
    }
    const latest = polled && polled.latest;
    row.append(address, el('td', provider.application), el('td', provider.tags.join(', ')),
      el('td', provider.registeredWeight, { class: 'registered-weight num' }),
      el('td', provider.configuredWeight === null ? '' : provider.configuredWeight, { class: 'configured-weight num' }),
      el('td', provider.state, { class: 'state state-' + provider.state.replace(' ', '-') + ' badge badge-' + (STATES[provider.state] || 'info') }),
      el('td', latest ? Charts.rate(latest.callsPerSecond) : '—', { class: 'num calls' }), actions);
    return row;
  }

  function loadHistory(key) {
    return history.show(key, {
      rows: $('#history tbody'), diff: $('#diff'), shown: () => key === state.service,
      rollback: (revision) => change('/api/config/rollback', { revision }),
      empty: state.unavailable ? 'No history: this registry keeps no configuration.' : null,
      none: 'No version yet: the registered weights and the applications\' own settings apply.',
    });
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

  async function call() {
    const result = $('#call-result');
    result.className = 'code-block';
    result.textContent = 'calling...';
    try {
      const answer = await api('POST', '/api/call', { key: state.service, method: $('#call-method').value, arguments: $('#call-arguments').value });
      result.className = 'code-block ' + (answer.ok ? 'ok' : 'error');
      result.textContent = (answer.ok ? answer.result : answer.error) + '\n(' + answer.millis + ' ms)';
    } catch (e) {
      result.className = 'code-block error';
      result.textContent = e.message;
    }
  }

  // ---- topology and instances (instances.js) ----------------------------------------------

  function tile(label, value, id) {
    const box = el('div', null, { class: 'tile', 'data-tile': id });
    box.append(el('span', label, { class: 'tile-label' }), el('span', value, { class: 'tile-value' }));
    return box;
  }

  const { loadTopology, loadInstance } = window.CourierInstances({ api, el, badge, tile, $, state, windowMillis: WINDOW_MILLIS });
  const history = window.CourierHistory({ api, el }); // a document's versions (history.js)
  const { loadSettings } = window.CourierSettings({ api, el, $, state, history }); // an application's own settings (settings.js)

  // ---- events -------------------------------------------------------------------------------

  function count(value) {
    return value === null || value === undefined ? '—' : String(value);
  }

  async function loadEvents() {
    const view = await api('GET', '/api/events');
    if (state.view !== 'events') return;
    const lag = view.groups.reduce((n, group) => n + (group.lag || 0), 0);
    const dead = view.groups.reduce((n, group) => n + group.deadLettered + group.unreadable, 0);
    $('#events-stats').replaceChildren(
      tile('Applications with events', view.brokers.length, 'brokers'),
      tile('Topics', view.topics.filter((topic) => !topic.deadLetter).length, 'topics'),
      tile('Consumer groups', view.groups.length, 'groups'),
      tile('Total lag', lag, 'lag'),
      tile('Retried', view.groups.reduce((n, group) => n + group.retried, 0), 'retried'),
      tile('Dead-lettered', dead, 'dead-lettered'));
    const failing = view.brokers.filter((broker) => broker.error);
    $('#events-error').textContent = failing.map((broker) => broker.application + ' ' + broker.admin + ': ' + broker.error).join('; ');
    $('#events-notes').replaceChildren(...view.brokers.filter((broker) => broker.notShown.length).map((broker) =>
      el('p', broker.broker + ' (' + broker.application + ') does not show ' + broker.notShown.join('; '), { class: 'muted broker-not-shown' })));
    $('#events-groups').replaceChildren(...(view.groups.length ? view.groups.map(groupBox)
      : [el('p', view.brokers.length ? 'No subscription.' : 'No polled application has opened its event broker: see the events section of docs/operations.md.', { class: 'muted' })]));
    $('#events-topics tbody').replaceChildren(...view.topics.map((topic) => {
      const row = el('tr', null, { 'data-topic': topic.topic });
      const kind = el('td');
      kind.append(topic.deadLetter ? badge('dead letters', topic.written > 0 || topic.retained > 0 ? 'warn' : 'info') : badge('events', 'ok'));
      row.append(el('td', topic.topic, { class: 'mono break' }), kind, el('td', topic.partitions, { class: 'num' }),
        el('td', count(topic.retained), { class: 'num retained' }), el('td', count(topic.written), { class: 'num written' }),
        el('td', topic.applications.join(', ')));
      return row;
    }));
  }

  function groupBox(group) {
    const box = el('div', null, { class: 'export event-group', 'data-group': group.topic + '/' + group.group });
    const head = el('h4', null, { class: 'sub-head' });
    const paused = group.instances.filter((instance) => instance.paused).length;
    const lag = badge('lag ' + count(group.lag), group.lag === 0 ? 'ok' : group.lag === null ? 'info' : 'warn');
    lag.classList.add('group-lag');
    lag.dataset.lag = group.lag === null ? '' : String(group.lag);
    const state = group.state ? badge(group.state, group.state === 'Stable' ? 'ok' : group.state === 'Empty' ? 'bad' : 'warn')
      : group.broker === 'kafka' ? badge('unknown', 'bad') : badge('no group state on ' + group.broker, 'info'); // a fact there, not a fault
    head.append(el('span', group.topic + ' · ' + group.group, { class: 'break' }), state, lag);
    if (paused) head.append(badge(paused === group.instances.length ? 'paused' : paused + ' of ' + group.instances.length + ' paused', 'warn'));
    const facts = el('p', [group.members === null ? 'members not shown' : group.members + (group.members === 1 ? ' member' : ' members'),
      'in ' + group.applications.join(', '), group.handled + ' handled', group.retried + ' retried',
      group.deadLettered + ' dead-lettered', group.unreadable + ' unreadable', 'dead letters to ' + group.deadLetterTopic].join(' · '),
    { class: 'muted group-facts' });
    const table = el('table', null, { class: 'table' });
    const header = el('tr');
    ['partition', 'held by', 'committed', 'end', 'lag'].forEach((name, i) => header.append(el('th', name, i > 1 ? { class: 'num' } : {})));
    const thead = el('thead');
    thead.append(header);
    const body = el('tbody');
    group.partitions.forEach((partition) => {
      const row = el('tr', null, { 'data-partition': partition.partition });
      const owner = el('td', null, { class: 'mono break' });
      owner.append(partition.owner ? el('span', partition.owner) : group.broker === 'kafka' ? badge('no member', 'bad') : el('span', '—'));
      row.append(el('td', partition.partition), owner,
        el('td', count(partition.committedOffset), { class: 'num committed' }), el('td', count(partition.endOffset), { class: 'num end' }),
        el('td', count(partition.lag), { class: 'num lag' }));
      body.append(row);
    });
    table.append(thead, body);
    const wrap = el('div', null, { class: 'table-wrap' });
    wrap.append(table);
    box.append(head, facts, wrap);
    return box;
  }

  // ---- audit --------------------------------------------------------------------------------

  async function loadAudit() {
    const entries = await api('GET', '/api/audit');
    $('#audit').replaceChildren(...entries.slice(0, 50).map((entry) => {
      const item = el('li');
      const line = el('span', null, { class: 'break' });
      line.append(el('strong', entry.who), document.createTextNode(': ' + entry.what + ' (' + entry.outcome + ')'));
      item.append(el('time', new Date(entry.when).toISOString().replace('T', ' ').slice(0, 19)), line);
      if (entry.outcome !== 'ok') item.className = 'audit-refused';
      return item;
    }));
  }

  // A script error is kept on the page (data-error), where a person or a test can read it.
  window.addEventListener('error', (event) => { document.body.dataset.error = String(event.message); });
  window.addEventListener('unhandledrejection', (event) => { document.body.dataset.error = String(event.reason); });
  // so is anything the content security policy refused (an inline style, a script from elsewhere)
  document.addEventListener('securitypolicyviolation', (event) => { document.body.dataset.error = 'CSP refused ' + event.violatedDirective + ' ' + event.blockedURI; });

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
    window.addEventListener('hashchange', () => { if (state.csrf) route(); });
    $('#service-filter').addEventListener('input', () => loadServices().catch(() => null));
    $('#config-document').addEventListener('input', () => { state.configDirty = true; });
    $('#validate').addEventListener('click', validate);
    $('#save').addEventListener('click', () => change('/api/config', { document: $('#config-document').value, version: state.configVersion }));
    $('#reload').addEventListener('click', () => { state.configDirty = false; refresh(); });
    $('#call').addEventListener('click', call);
    // a session check answered after a login (its request left before the cookie existed) must not undo it
    api('GET', '/api/session').then(showApp).catch(() => { if (!state.csrf) showLogin(); });
    document.body.dataset.ready = 'true'; // the handlers are attached: the form may be used
  });
})();
