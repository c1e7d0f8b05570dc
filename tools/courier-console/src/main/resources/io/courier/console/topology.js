'use strict';
// The topology drawing of the Courier console: applications in columns by their depth in the call
// graph, consumer-to-provider edges, and each edge's label placed where it overlaps no other label
// and no application. Every text from the server is set as textContent or an attribute value.
window.CourierTopology = (() => {
  const Charts = window.CourierCharts;
  const NODE_W = 240;
  const NODE_H = 76;
  const COLUMN = 430;
  const ROW = 112;
  const MARGIN = 30;
  const GAP = 4; // between a label and anything else
  const ALONG = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];

  function svg(tag, attributes) {
    return Charts.svg(tag, attributes);
  }

  /** Columns by depth in the call graph (callers left), rows centred in each column. */
  function places(view) {
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
    const place = {};
    columns.forEach((column, d) => {
      if (!column) return;
      const offset = (rows - column.length) * ROW / 2;
      column.forEach((node, i) => { place[node.application] = { x: MARGIN + d * COLUMN, y: MARGIN + offset + i * ROW }; });
    });
    return {
      place,
      width: MARGIN * 2 + Math.max(0, columns.length - 1) * COLUMN + NODE_W,
      height: MARGIN * 2 + (rows - 1) * ROW + NODE_H,
    };
  }

  /** The edge's curve as four points of a cubic Bézier: right side to left side, or a loop below. */
  function curve(from, to) {
    const x1 = from.x + NODE_W;
    const y1 = from.y + NODE_H / 2;
    const x2 = to.x - 2;
    const y2 = to.y + NODE_H / 2;
    if (from === to || x2 <= x1) {
      const ax = from.x + NODE_W / 2;
      const bx = to.x + NODE_W / 2 + 30;
      return [[ax, from.y + NODE_H], [ax, from.y + NODE_H + 50], [bx, to.y + NODE_H + 50], [bx, to.y + NODE_H]];
    }
    const bend = Math.max(40, (x2 - x1) / 2);
    return [[x1, y1], [x1 + bend, y1], [x2 - bend, y2], [x2, y2]];
  }

  function pointAt(c, t) {
    const u = 1 - t;
    const a = u * u * u;
    const b = 3 * u * u * t;
    const d = 3 * u * t * t;
    const e = t * t * t;
    return [a * c[0][0] + b * c[1][0] + d * c[2][0] + e * c[3][0], a * c[0][1] + b * c[1][1] + d * c[2][1] + e * c[3][1]];
  }

  function edgeText(edge, polled) {
    const calls = edge.calls;
    if (!calls) return polled ? 'no calls measured yet' : 'caller not polled';
    return Charts.rate(calls.callsPerSecond) + '/s'
      + (calls.errorRate > 0 ? ' · ' + Charts.percent(calls.errorRate) + ' err' : '');
  }

  function refusedText(edge) {
    return edge.calls && edge.calls.refusalRate > 0 ? ' · ' + Charts.percent(edge.calls.refusalRate) + ' refused' : '';
  }

  function edgeGroup(edge, c, polled) {
    const calls = edge.calls ? edge.calls.callsPerSecond : null;
    const kind = edge.calls && edge.calls.errorRate > 0 ? ' edge-errors' : '';
    const refusing = edge.calls && edge.calls.refusalRate > 0 ? ' edge-refusing' : '';
    const group = svg('g', { class: 'edge' + kind + refusing + (edge.calls ? '' : ' edge-unmeasured'), 'data-from': edge.from, 'data-to': edge.to, 'data-service': edge.service });
    const d = 'M' + c[0].join(' ') + ' C' + c[1].join(' ') + ' ' + c[2].join(' ') + ' ' + c[3].join(' ');
    group.append(svg('path', { d, class: 'edge-line', 'marker-end': 'url(#arrow)', 'stroke-width': (1.5 + Math.min(4, Math.log10(1 + (calls || 0)))).toFixed(2) }));
    const title = svg('title');
    title.textContent = edge.from + ' → ' + edge.to + ': ' + edge.service;
    group.append(title);
    // two short lines: the service, then the rate, errors and (apart, not as errors) refusals
    const label = svg('text', { x: 0, y: 0, class: 'edge-label', 'text-anchor': 'middle' });
    const name = svg('tspan', { x: 0, class: 'edge-service' });
    name.textContent = Charts.shortName(edge.service);
    const numbers = svg('tspan', { x: 0, dy: 14 });
    numbers.textContent = edgeText(edge, polled);
    const refused = svg('tspan', { class: 'edge-refused' });
    refused.textContent = refusedText(edge);
    numbers.append(refused);
    label.append(name, numbers);
    label.dataset.rate = calls === null ? '' : String(calls);
    group.append(label);
    return { group, label, curve: c };
  }

  function nodeGroup(node, at, onNode) {
    // health as Kiali colours it, from failures only: amber from 1 % of served calls failing, red
    // from 20 %; calls refused by a limit the operator set are the limit working, not failures
    const failing = node.served ? node.served.errorRate : 0;
    const refused = node.served ? node.served.refusalRate : 0;
    const health = failing >= 0.2 ? ' node-failing' : failing >= 0.01 ? ' node-degraded' : '';
    const group = svg('g', { class: 'node' + (node.instances > 0 ? ' node-polled' : ' node-unpolled') + health, 'data-application': node.application, transform: 'translate(' + at.x + ' ' + at.y + ')', tabindex: 0, role: 'link', 'aria-label': node.application });
    group.append(svg('rect', { width: NODE_W, height: NODE_H, rx: 10, class: 'node-box' }));
    group.append(svg('rect', { width: 6, height: NODE_H, rx: 3, class: 'node-accent' }));
    const name = svg('text', { x: 18, y: 24, class: 'node-name' });
    name.textContent = node.application.length > 28 ? node.application.slice(0, 27) + '…' : node.application;
    // what it is and takes in, then how those calls ended: failed, and (apart) refused by a limit
    const detail = svg('text', { x: 18, y: 44, class: 'node-detail' });
    detail.textContent = node.instances === 0
      ? 'not polled: no admin endpoint'
      : node.instances + (node.instances === 1 ? ' instance' : ' instances')
        + (node.served ? ' · ' + Charts.rate(node.served.callsPerSecond) + '/s in' : '');
    const outcome = svg('text', { x: 18, y: 62, class: 'node-detail node-outcome' });
    outcome.textContent = [failing > 0 ? Charts.percent(failing) + ' err' : '', refused > 0 ? Charts.percent(refused) + ' refused' : '']
      .filter((part) => part).join(' · ');
    const title = svg('title');
    title.textContent = node.application + (node.provides.length ? ': provides ' + node.provides.join(', ') : ': consumes only')
      + (node.instances === 0 ? ' (the console polls no admin endpoint of it: give it courier.admin.port, or list it with --admin-endpoints)' : '');
    group.append(title, name, detail, outcome);
    group.addEventListener('click', () => onNode(node));
    group.addEventListener('keydown', (event) => { if (event.key === 'Enter') onNode(node); });
    return group;
  }

  function overlaps(a, b) {
    return a.x < b.x + b.w + GAP && b.x < a.x + a.w + GAP && a.y < b.y + b.h + GAP && b.y < a.y + a.h + GAP;
  }

  /**
   * Places each label on its edge's curve where its box overlaps no application and no label placed
   * before it: along the curve from its middle outwards, then nudged up and down; failing that, in
   * a free row below the drawing. Boxes are measured as the browser draws them.
   */
  function placeLabels(labels, nodes, width, height) {
    const taken = nodes.slice();
    let bottom = height;
    labels.forEach(({ label, curve: c }) => {
      const box = label.getBBox();
      const w = box.width || 8 * label.textContent.length;
      const h = box.height || 30;
      const left = box.width ? box.x : -w / 2;
      const top = box.width ? box.y : -12;
      const spot = freeSpot(c, w, h, taken, width) || { x: pointAt(c, 0.5)[0] - w / 2, y: bottom + GAP };
      label.setAttribute('x', (spot.x - left).toFixed(1));
      label.setAttribute('y', (spot.y - top).toFixed(1));
      label.querySelectorAll(':scope > tspan').forEach((span) => span.setAttribute('x', (spot.x - left).toFixed(1)));
      taken.push({ x: spot.x, y: spot.y, w, h });
      bottom = Math.max(bottom, spot.y + h);
    });
    return bottom;
  }

  function freeSpot(c, w, h, taken, width) {
    for (let nudge = 0; nudge <= 8; nudge++) {
      const shift = (nudge % 2 ? -1 : 1) * Math.ceil(nudge / 2) * (h / 2 + GAP);
      for (const t of ALONG) {
        const [cx, cy] = pointAt(c, t);
        const spot = { x: cx - w / 2, y: cy - h / 2 + shift, w, h };
        if (spot.y >= 0 && spot.x >= 0 && spot.x + w <= width && !taken.some((box) => overlaps(spot, box))) return spot;
      }
    }
    return null;
  }

  /**
   * The topology of {@code view} ({nodes, edges} from /api/topology); {@code onNode(node)} on a
   * click or Enter. Measured off screen so the labels are placed by their real size, then returned
   * for the caller to show.
   */
  function topology(view, onNode) {
    const { place, width, height } = places(view);
    const drawing = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width, height, class: 'topology-svg measuring', role: 'img' });
    const defs = svg('defs');
    const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' });
    marker.append(svg('path', { d: 'M0 0 L10 5 L0 10 z', class: 'arrow' }));
    defs.append(marker);
    drawing.append(defs);
    const polled = new Set(view.nodes.filter((node) => node.instances > 0).map((node) => node.application));
    const labels = [];
    view.edges.forEach((edge) => {
      const from = place[edge.from];
      const to = place[edge.to];
      if (!from || !to) return;
      const drawn = edgeGroup(edge, curve(from, to), polled.has(edge.from));
      drawing.append(drawn.group);
      labels.push(drawn);
    });
    view.nodes.forEach((node) => drawing.append(nodeGroup(node, place[node.application], onNode)));
    document.body.append(drawing);
    const nodes = Object.values(place).map((at) => ({ x: at.x, y: at.y, w: NODE_W, h: NODE_H }));
    const bottom = Math.ceil(Math.max(height, placeLabels(labels, nodes, width, height) + MARGIN / 2));
    drawing.setAttribute('viewBox', '0 0 ' + width + ' ' + bottom);
    drawing.setAttribute('height', bottom);
    drawing.classList.remove('measuring');
    drawing.remove();
    return drawing;
  }

  return { topology };
})();
