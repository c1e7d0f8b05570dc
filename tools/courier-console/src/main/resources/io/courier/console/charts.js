'use strict';
// Small SVG line charts of the Courier console, with their value and time scales: no library. Every
// text from the server is set as textContent or an attribute value, never parsed as HTML or markup.
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
    { id: 'errors', title: 'Error rate', value: (p) => p.errorRate, format: percent, ceiling: 1 },
    // refused by a rate, concurrency or adaptive limit: the operator's limit working, not failures
    { id: 'refused', title: 'Refused by limits', value: (p) => p.refusalRate, format: percent, ceiling: 1 },
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
   * The top of a value scale: the largest value with some headroom, rounded up to 1, 2, 2.5 or 5
   * times a power of ten so the scale's labels read as round numbers; at most the metric's ceiling
   * (a share never goes past 100 %), and a small default while everything is 0.
   */
  function niceTop(max, metric) {
    if (!(max > 0)) return metric.ceiling ? 0.01 : 1;
    const rough = max * 1.1;
    const power = Math.pow(10, Math.floor(Math.log10(rough)));
    const step = [1, 2, 2.5, 5, 10].find((f) => f * power >= rough) * power;
    return metric.ceiling ? Math.min(metric.ceiling, step) : step;
  }

  function ago(millis) {
    return millis >= 60000 ? '−' + +(millis / 60000).toFixed(1) + ' min' : '−' + Math.round(millis / 1000) + ' s';
  }

  function head(metric, first) {
    const last = first.length ? first[first.length - 1] : null;
    const lastValue = last ? metric.value(last) : null;
    const box = html('div', 'chart-head');
    box.append(html('span', 'chart-title', metric.title));
    const value = html('span', 'chart-value', metric.format(lastValue));
    value.dataset.value = lastValue === null || lastValue === undefined ? '' : String(lastValue);
    value.dataset.at = last ? String(last.at) : '';
    value.dataset.points = String(first.length);
    box.append(value);
    return box;
  }

  /** The lines and the area under the first, scaled by {@code x} and {@code y}. */
  function plot(metric, lines, x, y) {
    const drawing = svg('svg', { viewBox: '0 0 ' + WIDTH + ' ' + HEIGHT, preserveAspectRatio: 'none', class: 'chart-svg', role: 'img' });
    drawing.append(svg('title')); drawing.firstChild.textContent = metric.title;
    // grid lines at the scale's labels: its top, half and (the axis) zero
    [0, 0.5, 1].forEach((f) => drawing.append(svg('line', { x1: 0, x2: WIDTH, y1: HEIGHT * f, y2: HEIGHT * f, class: f === 1 ? 'grid grid-zero' : 'grid' })));
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
    return drawing;
  }

  /**
   * One chart of one metric. {@code lines}: [{name, points}], the first drawn filled (the total).
   * The newest value of the first line is shown large and kept in data-value, its time in data-at.
   * The value scale (left: top, half, zero) and the time scale (below: the window's start, its
   * middle, now) label the plot; the scale's top is in data-top.
   */
  function chart(metric, lines, windowMillis) {
    const box = html('div', 'chart');
    box.dataset.metric = metric.id;
    box.append(head(metric, lines.length ? lines[0].points : []));
    let newest = 0;
    let max = 0;
    lines.forEach((line) => line.points.forEach((point) => {
      newest = Math.max(newest, point.at);
      const v = metric.value(point);
      if (v !== null && v !== undefined) max = Math.max(max, v);
    }));
    const top = niceTop(max, metric);
    let oldest = newest;
    lines.forEach((line) => line.points.forEach((point) => { oldest = Math.min(oldest, point.at); }));
    // the window grows with the history, up to windowMillis: a fresh chart is not a sliver at the right
    const span = Math.min(windowMillis, Math.max(MIN_WINDOW_MILLIS, newest - oldest));
    const start = newest - span;
    const x = (at) => Math.max(0, (at - start) / span * WIDTH);
    const y = (v) => HEIGHT - Math.min(v, top) / top * HEIGHT;
    const body = html('div', 'chart-body');
    const scale = html('div', 'chart-scale');
    scale.dataset.top = String(top);
    scale.append(html('span', null, metric.format(top)), html('span', null, metric.format(top / 2)), html('span', null, metric.format(0)));
    body.append(scale, plot(metric, lines, x, y));
    box.append(body);
    const axis = html('div', 'chart-axis');
    axis.append(html('span', null, ago(span)), html('span', null, ago(span / 2)), html('span', null, 'now'));
    box.append(axis);
    return box;
  }

  /** The charts (calls/s, error rate, refusals by limits, p50, p99) of {@code lines}. */
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

  return { charts, legend, svg, rate, millis, percent, shortName };
})();
