'use strict';
// The console's topology page (the drawing, the instances table) and an instance's page. Text from
// the server is only ever set as textContent or a value, never parsed as HTML. Made by console.js
// with the page's helpers, so that both share one session and one way of calling the API.
window.CourierInstances = (page) => {
  const { api, el, badge, tile, $, state, windowMillis: WINDOW_MILLIS } = page;
  const Charts = window.CourierCharts;
  const Topology = window.CourierTopology;

  async function loadTopology() {
    const view = await api('GET', '/api/topology');
    if (state.view !== 'topology') return;
    const byApplication = {};
    view.instances.forEach((instance) => { (byApplication[instance.application] = byApplication[instance.application] || []).push(instance); });
    const drawing = view.nodes.length
      ? Topology.topology(view, (node) => {
        const instances = byApplication[node.application];
        if (instances && instances.length) location.hash = '#/instance/' + encodeURIComponent(instances[0].admin);
      })
      : el('p', 'Nothing is registered yet.', { class: 'muted' });
    $('#topology').replaceChildren(drawing);
    const instances = view.instances.slice().sort((a, b) => a.application.localeCompare(b.application) || a.admin.localeCompare(b.admin));
    $('#instances tbody').replaceChildren(...instances.map((instance) => {
      const row = el('tr', null, { 'data-admin': instance.admin });
      const open = el('a', 'Details', { href: '#/instance/' + encodeURIComponent(instance.admin), class: 'btn btn-small instance-link', 'data-admin': instance.admin });
      const status = instance.error ? badge('unreachable', 'bad') : instance.metrics ? badge('polled', 'ok') : badge('metrics off', 'warn');
      if (instance.error) status.title = instance.error;
      const served = instance.served;
      row.append(el('td', instance.application), el('td', instance.admin, { class: 'mono' }),
        el('td', instance.endpoints.join(', ') || 'consumes only', { class: 'mono break' }),
        el('td', served ? Charts.rate(served.callsPerSecond) : '—', { class: 'num' }),
        el('td', served ? Charts.percent(served.errorRate) : '—', { class: 'num' }),
        el('td', served ? Charts.percent(served.refusalRate) : '—', { class: 'num refused' }),
        el('td', instance.made ? Charts.rate(instance.made.callsPerSecond) : '—', { class: 'num' }), el('td', null), el('td', null));
      row.children[7].append(status);
      row.children[8].append(open);
      return row;
    }));
  }

  /** One service the instance calls: its rates, then each provider it sees with that provider's state. */
  function referenceBox(reference) {
    const box = el('div', null, { class: 'reference', 'data-service': reference.service });
    const latest = reference.series.length ? reference.series[reference.series.length - 1] : null;
    const head = el('h4', null, { class: 'sub-head' });
    head.append(el('span', reference.service, { class: 'break' }),
      el('span', latest ? Charts.rate(latest.callsPerSecond) + ' calls/s · ' + Charts.percent(latest.errorRate) + ' errors · ' + Charts.percent(latest.refusalRate) + ' refused by limits · p99 ' + Charts.millis(latest.p99) : 'no metrics yet', { class: 'muted' }));
    const table = el('table', null, { class: 'table' });
    const header = el('tr');
    ['provider', 'connection', 'weight', 'warming up', 'ejected', 'breakers open', 'in flight'].forEach((name) => header.append(el('th', name)));
    const thead = el('thead');
    thead.append(header);
    const body = el('tbody');
    reference.providers.forEach((provider) => {
      const row = el('tr', null, { 'data-provider': provider.address });
      const connection = el('td');
      connection.append(badge(provider.connection, provider.connection === 'ready' ? 'ok' : provider.connection === 'connecting' ? 'info' : 'bad'));
      const warming = el('td');
      warming.append(provider.warmingUp ? badge('warming up', 'info') : el('span', 'no', { class: 'muted' }));
      const ejectedCell = el('td');
      ejectedCell.append(provider.ejected ? badge('ejected', 'bad') : el('span', 'no', { class: 'muted' }));
      const breakerCell = el('td', null, { class: 'breakers' });
      breakerCell.append(provider.breakerOpen.length ? badge(provider.breakerOpen.join(', '), 'bad') : el('span', 'none', { class: 'muted' }));
      const address = el('td', null, { class: 'mono' });
      if (provider.admin) {
        address.append(el('a', provider.address, { href: '#/instance/' + encodeURIComponent(provider.admin), class: 'instance-link', 'data-admin': provider.admin }));
      } else {
        address.textContent = provider.address;
      }
      row.append(address, connection, el('td', provider.weight, { class: 'num weight' }),
        warming, ejectedCell, breakerCell, el('td', provider.inFlight, { class: 'num' }));
      body.append(row);
    });
    table.append(thead, body);
    const wrap = el('div', null, { class: 'table-wrap' });
    wrap.append(table);
    box.append(head, wrap);
    return box;
  }

  async function loadInstance(admin) {
    let view;
    try {
      view = await api('GET', '/api/instance?admin=' + encodeURIComponent(admin));
    } catch (e) {
      if (state.instance === admin) $('#instance-error').textContent = e.message;
      return;
    }
    if (state.instance !== admin || state.view !== 'instance') return;
    $('#instance-title').textContent = view.application + ' · ' + view.admin;
    const phase = $('#instance-phase');
    phase.textContent = view.error ? 'unreachable' : view.phase + (view.online ? ', online' : ', offline');
    phase.className = 'badge badge-' + (view.error ? 'bad' : view.phase === 'serving' && view.online ? 'ok' : 'warn');
    $('#instance-error').textContent = view.error ? 'Last poll failed: ' + view.error : (view.metrics ? '' : 'Metrics are off in this application (courier.filter.metrics.enabled=true turns them on).');
    const server = view.server;
    const references = view.references;
    const providersSeen = references.reduce((n, reference) => n + reference.providers.length, 0);
    const breakers = references.reduce((n, reference) => n + reference.providers.reduce((m, p) => m + p.breakerOpen.length, 0), 0);
    const ejected = references.reduce((n, reference) => n + reference.providers.filter((p) => p.ejected).length, 0);
    $('#instance-stats').replaceChildren(
      tile('Open connections', server ? server.openConnections : '—', 'connections'),
      tile('Calls in flight', server ? server.inFlight : '—', 'in-flight'),
      tile('Providers it calls', providersSeen, 'providers'),
      tile('Breakers open', breakers, 'breakers'),
      tile('Ejected', ejected, 'ejected'),
      tile('Registry', view.registry || '—', 'registry'));
    $('#instance-exports').replaceChildren(...(view.exports.length ? view.exports.map((exported) => {
      const box = el('div', null, { class: 'export', 'data-service': exported.service });
      const head = el('h4', null, { class: 'sub-head' });
      head.append(el('span', exported.service, { class: 'break' }), badge(exported.registration, exported.registration === 'registered' ? 'ok' : 'warn'));
      const charts = el('div', null, { class: 'charts' });
      charts.append(...Charts.charts([{ name: exported.service, points: exported.series }], WINDOW_MILLIS));
      box.append(head, charts);
      return box;
    }) : [el('p', 'It serves nothing: a consumer only.', { class: 'muted' })]));
    $('#instance-references').replaceChildren(...(references.length ? references.map(referenceBox) : [el('p', 'It calls nothing.', { class: 'muted' })]));
  }

  return { loadTopology, loadInstance };
};
