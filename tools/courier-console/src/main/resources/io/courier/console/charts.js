'use strict';
// Small SVG line charts and the topology drawing of the Courier console: no library. Every text
// from the server is set as textContent or an attribute value, never parsed as HTML or markup.
window.CourierCharts = (() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const WIDTH = 300;
  const HEIGHT = 100;
  const MIN_WINDOW_MILLIS = 10000;
  const COLORS = ['#2563eb', '#0d9488', '#d97706', '#9333ea', '#dc2626', '#0891b2', '#65a30d', '#db2777'];

  function rate(value) {
    if (value === null || value === undefined) return '—';
    if (value >= 100) return value.toFixed(0);
    if (value >= 10) return value.toFixed(1);
    return value.toFixed(2);
  }

  function millis(value) {
    if (value === null || value === undefined) return '—';
    if (value < 1) return (value * 1000).toFixed(0) + ' µs';
    if (value < 10) return value.toFixed(2) + ' ms';
    return value.toFixed(1) + ' ms';
  }

  function percent(value) {
    if (value === null || value === undefined) return '—';
    return (value * 100).toFixed(value > 0 && value < 0.01 ? 2 : 1) + ' %';
  }

  const METRICS = [
    { id: 'calls', title: 'Calls / s', value: (p) => p.callsPerSecond, format: rate },
    { id: 'errors', title: 'Error rate', value: (p) => p.errorRate, format: percent },
    { id: 'p50', title: 'Latency p50', value: (p) => p.p50, format: millis },
    { id: 'p99', title: 'Latency p99', value: (p) => p.p99, format: millis },
  ];

  function svg(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, String(value)));
    return node;
  }

  function html(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function color(index) {
    return COLORS[index % COLORS.length];
  }

  /** The path of one line: a new segment after each missing value. */
  function linePath(points, metric, x, y) {
    let path = '';
    let open = false;
    points.forEach((point) => {
      const value = metric.value(point);
      if (value === null || value === undefined) { open = false; return; }
      path += (open ? ' L' : ' M') + x(point.at).toFixed(1) + ' ' + y(value).toFixed(1);
      open = true;
    });
    return path.trim();
  }

  /**
   * One chart of one metric. {@code lines}: [{name, points}], the first drawn filled (the total).
   * The newest value of the first line is shown large and kept in data-value, its time in data-at.
   */
  function chart(metric, lines, windowMillis) {
    const box = html('div', 'chart');
    box.dataset.metric = metric.id;
    const first = lines.length ? lines[0].points : [];
    const last = first.length ? first[first.length - 1] : null;
    const lastValue = last ? metric.value(last) : null;
    const head = html('div', 'chart-head');
    head.append(html('span', 'chart-title', metric.title));
    const value = html('span', 'chart-value', metric.format(lastValue));
    value.dataset.value = lastValue === null || lastValue === undefined ? '' : String(lastValue);
    value.dataset.at = last ? String(last.at) : '';
    value.dataset.points = String(first.length);
    head.append(value);
    box.append(head);

    let newest = 0;
    let max = 0;
    lines.forEach((line) => line.points.forEach((point) => {
      newest = Math.max(newest, point.at);
      const v = metric.value(point);
      if (v !== null && v !== undefined) max = Math.max(max, v);
    }));
    const top = max > 0 ? max * 1.15 : (metric.id === 'errors' ? 0.01 : 1);
    let oldest = newest;
    lines.forEach((line) => line.points.forEach((point) => { oldest = Math.min(oldest, point.at); }));
    // the window grows with the history, up to windowMillis: a fresh chart is not a sliver at the right
    const span = Math.min(windowMillis, Math.max(MIN_WINDOW_MILLIS, newest - oldest));
    const start = newest - span;
    const x = (at) => Math.max(0, (at - start) / span * WIDTH);
    const y = (v) => HEIGHT - (v / top) * (HEIGHT - 4);
    const drawing = svg('svg', { viewBox: '0 0 ' + WIDTH + ' ' + HEIGHT, preserveAspectRatio: 'none', class: 'chart-svg', role: 'img' });
    drawing.append(svg('title')); drawing.firstChild.textContent = metric.title;
    [0.25, 0.5, 0.75].forEach((f) => drawing.append(svg('line', { x1: 0, x2: WIDTH, y1: HEIGHT * f, y2: HEIGHT * f, class: 'grid' })));
    lines.forEach((line, index) => {
      const d = linePath(line.points, metric, x, y);
      if (!d) return;
      if (index === 0) {
        const points = line.points.filter((p) => metric.value(p) !== null && metric.value(p) !== undefined);
        if (points.length > 1) {
          const area = d + ' L' + x(points[points.length - 1].at).toFixed(1) + ' ' + HEIGHT + ' L' + x(points[0].at).toFixed(1) + ' ' + HEIGHT + ' Z';
          drawing.append(svg('path', { d: area, class: 'area', fill: color(0) }));
        }
      }
      drawing.append(svg('path', { d, class: index === 0 ? 'line line-total' : 'line', stroke: color(index), 'data-series': line.name }));
    });
    box.append(drawing);
    const axis = html('div', 'chart-axis');
    axis.append(html('span', null, span >= 60000 ? '−' + Math.round(span / 60000) + ' min' : '−' + Math.round(span / 1000) + ' s'),
      html('span', null, 'max ' + metric.format(max)));
    box.append(axis);
    return box;
  }

  /** The four charts (calls/s, error rate, p50, p99) of {@code lines}. */
  function charts(lines, windowMillis) {
    return METRICS.map((metric) => chart(metric, lines, windowMillis));
  }

  function legend(names) {
    return names.map((name, index) => {
      const item = html('span', 'legend-item');
      const swatch = html('span', 'swatch');
      swatch.classList.add('swatch-' + (index % COLORS.length));
      item.append(swatch, html('span', null, name));
      return item;
    });
  }

  /** A short name for a service key: the interface's simple name. */
  function shortName(service) {
    const withoutVersion = service.split(':')[0];
    const parts = withoutVersion.split(/[./]/);
    return parts[parts.length - 1] || service;
  }

  /**
   * The topology: applications in columns by their depth in the call graph (callers left), edges
   * from consumer to provider labelled with the service and the consumer's calls/s.
   */
  function topology(view, onNode) {
    const NODE_W = 240;
    const NODE_H = 64;
    const COLUMN = 430;
    const ROW = 104;
    const MARGIN = 30;
    const names = view.nodes.map((node) => node.application);
    const depth = Object.fromEntries(names.map((name) => [name, 0]));
    for (let round = 0; round < names.length; round++) {
      view.edges.forEach((edge) => {
        if (edge.from !== edge.to && depth[edge.from] !== undefined && depth[edge.to] !== undefined) {
          depth[edge.to] = Math.max(depth[edge.to], Math.min(names.length, depth[edge.from] + 1));
        }
      });
    }
    const columns = [];
    view.nodes.forEach((node) => {
      const d = depth[node.application];
      (columns[d] = columns[d] || []).push(node);
    });
    const rows = Math.max(1, ...columns.map((column) => (column ? column.length : 0)));
    const width = MARGIN * 2 + Math.max(0, columns.length - 1) * COLUMN + NODE_W;
    const height = MARGIN * 2 + (rows - 1) * ROW + NODE_H;
    const place = {};
    columns.forEach((column, d) => {
      if (!column) return;
      const offset = (rows - column.length) * ROW / 2;
      column.forEach((node, i) => { place[node.application] = { x: MARGIN + d * COLUMN, y: MARGIN + offset + i * ROW }; });
    });
    const drawing = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width, height, class: 'topology-svg', role: 'img' });
    const defs = svg('defs');
    const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' });
    marker.append(svg('path', { d: 'M0 0 L10 5 L0 10 z', class: 'arrow' }));
    defs.append(marker);
    drawing.append(defs);
    const pairs = {};
    view.edges.forEach((edge) => {
      const from = place[edge.from];
      const to = place[edge.to];
      if (!from || !to) return;
      const pair = edge.from + '\u0000' + edge.to;
      const nth = pairs[pair] = (pairs[pair] || 0) + 1;
      const x1 = from.x + NODE_W;
      const y1 = from.y + NODE_H / 2;
      const x2 = to.x - 2;
      const y2 = to.y + NODE_H / 2;
      const bend = Math.max(40, (x2 - x1) / 2);
      const d = edge.from === edge.to || x2 <= x1
        ? 'M' + (from.x + NODE_W / 2) + ' ' + (from.y + NODE_H) + ' C' + (from.x + NODE_W / 2) + ' ' + (from.y + NODE_H + 50) + ' ' + (to.x + NODE_W / 2 + 30) + ' ' + (to.y + NODE_H + 50) + ' ' + (to.x + NODE_W / 2 + 30) + ' ' + (to.y + NODE_H)
        : 'M' + x1 + ' ' + y1 + ' C' + (x1 + bend) + ' ' + y1 + ' ' + (x2 - bend) + ' ' + y2 + ' ' + x2 + ' ' + y2;
      const calls = edge.calls ? edge.calls.callsPerSecond : null;
      const group = svg('g', { class: 'edge' + (edge.calls && edge.calls.errorRate > 0 ? ' edge-errors' : ''), 'data-from': edge.from, 'data-to': edge.to, 'data-service': edge.service });
      group.append(svg('path', { d, class: 'edge-line', 'marker-end': 'url(#arrow)', 'stroke-width': (1.5 + Math.min(4, Math.log10(1 + (calls || 0)))).toFixed(2) }));
      const title = svg('title');
      title.textContent = edge.from + ' → ' + edge.to + ': ' + edge.service;
      group.append(title);
      // two short lines at the curve's middle: the service, then the rate (and errors)
      const middleX = (x1 + x2) / 2;
      const label = svg('text', { x: middleX, y: (y1 + y2) / 2 - 20 + (nth - 1) * 30, class: 'edge-label', 'text-anchor': 'middle' });
      const name = svg('tspan', { x: middleX, class: 'edge-service' });
      name.textContent = shortName(edge.service);
      const numbers = svg('tspan', { x: middleX, dy: 14 });
      numbers.textContent = (calls === null ? 'no metrics' : rate(calls) + '/s')
        + (edge.calls && edge.calls.errorRate > 0 ? ' · ' + percent(edge.calls.errorRate) + ' err' : '');
      label.append(name, numbers);
      label.dataset.rate = calls === null ? '' : String(calls);
      group.append(label);
      drawing.append(group);
    });
    view.nodes.forEach((node) => {
      const at = place[node.application];
      // health as Kiali colours it: amber from 1 % of served calls failing, red from 20 %
      const failing = node.served ? node.served.errorRate : 0;
      const health = failing >= 0.2 ? ' node-failing' : failing >= 0.01 ? ' node-degraded' : '';
      const group = svg('g', { class: 'node' + (node.instances > 0 ? ' node-polled' : '') + health, 'data-application': node.application, transform: 'translate(' + at.x + ' ' + at.y + ')', tabindex: 0, role: 'link', 'aria-label': node.application });
      group.append(svg('rect', { width: NODE_W, height: NODE_H, rx: 10, class: 'node-box' }));
      group.append(svg('rect', { width: 6, height: NODE_H, rx: 3, class: 'node-accent' }));
      const name = svg('text', { x: 18, y: 26, class: 'node-name' });
      name.textContent = node.application.length > 28 ? node.application.slice(0, 27) + '…' : node.application;
      const detail = svg('text', { x: 18, y: 46, class: 'node-detail' });
      detail.textContent = node.instances + (node.instances === 1 ? ' instance' : ' instances')
        + (node.served ? ' · ' + rate(node.served.callsPerSecond) + '/s in' : '')
        + (failing > 0 ? ' · ' + percent(failing) + ' err' : '');
      const title = svg('title');
      title.textContent = node.application + (node.provides.length ? ': provides ' + node.provides.join(', ') : ': consumes only');
      group.append(title, name, detail);
      group.addEventListener('click', () => onNode(node));
      group.addEventListener('keydown', (event) => { if (event.key === 'Enter') onNode(node); });
      drawing.append(group);
    });
    return drawing;
  }

  return { charts, legend, topology, rate, millis, percent, shortName };
})();
