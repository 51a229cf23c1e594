// The network diagram in the scenes' visual language, as SVG: nodes in columns with their values,
// edges coloured by the sign of the weight and as wide as its size, biases under the nodes,
// gradients (δ = ∂L/∂z_in) in the gradient colour. Colours are attributes taken from the palette,
// so the exported SVG looks the same outside the page.
"use strict";

const NNDiagram = (() => {
  const SVG = "http://www.w3.org/2000/svg";
  const FONT = "DejaVu Sans, Verdana, sans-serif";
  const F = NNFormat;

  function s(tag, attrs = {}, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value);
    }
    for (const child of children.flat(Infinity)) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // Where everything goes: one column per layer (column 0 is x), rows centred.
  function layout(sizes, width, height) {
    const left = 70, right = 70, top = 62, bottom = 30;
    const colGap = (width - left - right) / Math.max(sizes.length - 1, 1);
    const tallest = Math.max(...sizes);
    const rowGap = Math.min(118, (height - top - bottom) / tallest);
    const radius = Math.max(15, Math.min(24, rowGap * 0.22, colGap * 0.16, (rowGap - 62) / 2));  // 62: value, bias, δ
    const middle = top + (height - top - bottom) / 2;
    const at = (c, r) => ({x: left + c * colGap, y: middle + (r - (sizes[c] - 1) / 2) * rowGap});
    return {at, radius, colGap, rowGap, width, height};
  }

  // A number as SVG text, tagged like the page's other numbers (data-q, data-i, data-s, data-x).
  function numText(w, attrs) {
    return s("text", {...attrs, ...F.tags(w)}, w.text);
  }

  // Text with a background (the panel colour), so an edge under it never crosses what it says.
  function boxed(text, x, y, color, size, pal, tag = {}) {
    const group = s("g", {class: "boxed"});
    const node = tag.q ? numText(tag, {x, y, fill: color}) : s("text", {x, y, fill: color, "data-static": ""}, text);
    node.setAttribute("font-size", size);
    node.setAttribute("text-anchor", "middle");
    node.setAttribute("dominant-baseline", "central");
    const width = 0.62 * size * node.textContent.length + 6;
    group.append(s("rect", {x: x - width / 2, y: y - size * 0.62, width, height: size * 1.24, rx: 3, fill: pal.background, opacity: 0.92}), node);
    return group;
  }

  const written = (q, idx, value, p, precision) => F.write({q, idx, value, p}, 0, precision);

  // Draws the diagram into `svg` (emptied first) for the view `v`:
  // {net, trace, names (per column), headers, pal, precision, sel, backward, weights, width, height}.
  function draw(target, v) {
    const svg = s("svg");  // drawn apart, then morphed into the page's svg: only what changed changes
    draw_(svg, {...v, drawn: target.querySelector(":scope > g.edges")?.getAttribute("data-key")});
    NNDom.morph(target, [...svg.childNodes]);
    for (const name of ["viewBox", "width", "height", "font-family"]) target.setAttribute(name, svg.getAttribute(name));
  }

  function draw_(svg, v) {
    const {net, trace, pal} = v;
    const sizes = [trace.x.length, ...net.layers.map((layer) => layer.b.length)];
    const geo = layout(sizes, v.width, v.height);
    svg.setAttribute("viewBox", `0 0 ${v.width} ${v.height}`);
    svg.setAttribute("width", v.width);
    svg.setAttribute("height", v.height);
    svg.setAttribute("font-family", FONT);
    svg.append(s("rect", {x: 0, y: 0, width: v.width, height: v.height, fill: pal.background}));
    const d = v.precision;
    const sel = v.sel;

    // edges first, under the nodes; the selected neuron's incoming edges drawn last and opaque. The
    // others change only with the weights, the selection or the size: when none did, they are kept.
    const key = JSON.stringify([net.layers.map((layer) => layer.W), sel, v.layerView, pal.background, v.width, v.height]);
    const keep = key === v.drawn;
    const edges = s("g", {class: "edges", "data-key": key}), labels = s("g", {class: "weight-labels"});
    const wanted = [];  // the weight labels to draw: placed after the edges, the selected neuron's first
    net.layers.forEach((layer, l) => {
      const biggest = Math.max(...layer.W.flat().map(Math.abs).filter(Number.isFinite), 1e-300);
      layer.W.forEach((row, i) => row.forEach((w, j) => {
        const a = geo.at(l, i), b = geo.at(l + 1, j);
        const into = sel && sel.col === l + 1 && (sel.row === j || v.layerView);
        const share = Number.isFinite(w) ? Math.min(Math.abs(w) / biggest, 1) : 1;
        const faded = sel && sel.col > 0 && !into;
        const color = w > 0 ? pal.positive : w < 0 ? pal.negative : pal.muted;
        const line = s("line", {x1: a.x + geo.radius, y1: a.y, x2: b.x - geo.radius, y2: b.y, stroke: color,
                                "stroke-width": (1 + 5 * share).toFixed(2), "stroke-linecap": "round",
                                "stroke-opacity": faded ? 0.16 : (0.35 + 0.65 * share).toFixed(2),
                                class: "edge", "data-edge": `${l},${i},${j}`});
        const hit = s("line", {x1: a.x + geo.radius, y1: a.y, x2: b.x - geo.radius, y2: b.y, stroke: "transparent",
                               "stroke-width": 12, class: "edge-hit", "data-edge": `${l},${i},${j}`});
        if (into) labels.append(line, hit);
        else if (!keep) edges.append(line, hit);
        if (v.weights || (into && !v.layerView)) {
          const mine = into && !v.layerView;
          const weight = written("W", [l, i, j], w, false, d);
          const gradient = v.backward ? written("grad_W", [l, i, j], trace.layers[l].grad_W[i][j], false, d) : null;
          wanted.push({a, b, color, mine, weight, gradient, stagger: sizes[l + 1] === 1 ? 0.5 : j / (sizes[l + 1] - 1)});
        }
      }));
    });
    // each node's numbers: the value above it, the bias and the gradient under it
    const texts = sizes.map((n, c) => Array.from({length: n}, (_, r) => (c === 0
      ? {value: written("x", [r], trace.x[r], false, d)}
      : {value: written("z_out", [c - 1, r], trace.layers[c - 1].z_out[r], net.layers[c - 1].activation === "softmax", d),
         bias: written("b", [c - 1, r], net.layers[c - 1].b[r], false, d),
         delta: v.backward ? written("grad_z_in", [c - 1, r], trace.layers[c - 1].grad_z_in[r], false, d) : null})));
    const inside = (x, width) => Math.min(Math.max(x, width / 2 + 2), v.width - width / 2 - 2);  // a label in the frame
    const spots = spotsFor(sizes, geo, texts, inside), boxes = new Map();
    for (const label of [...wanted.filter((w) => w.mine), ...wanted.filter((w) => !w.mine)]) {
      // a selected neuron's weights near mid-edge (they fan in, so they stand apart there); the others
      // staggered along the edge by target, each moved along its edge to where it covers least
      const start = label.mine ? 0.5 : 0.22 + 0.5 * label.stagger;
      const chars = Math.max(label.weight.text.length, label.gradient ? label.gradient.text.length : 0);
      const {x, y} = spots.take(label.a, label.b, start, 0.62 * 14 * chars + 10, label.gradient ? 36 : 20);
      boxes.set(label, [boxed(null, x, y - (label.gradient ? 8 : 0), label.color, 14, pal, label.weight),
                        label.gradient ? boxed(null, x, y + 9, pal.gradient, 13, pal, label.gradient) : null]);
    }
    // drawn in the edges' order, the selected neuron's last: on top where a spot had to be shared
    labels.append(...[...wanted.filter((w) => !w.mine), ...wanted.filter((w) => w.mine)].flatMap((w) => boxes.get(w)).filter(Boolean));
    svg.append(edges, labels);

    // column headers: x, then each layer's name and activation
    v.headers.forEach(([name, act], c) => {
      const {x} = geo.at(c, 0);
      svg.append(s("text", {x, y: 18, "text-anchor": "middle", "font-size": 14, fill: pal.muted, class: "header",
                            "data-static": "", "data-col": c},
                   s("tspan", {x, dy: 0}, name), act ? s("tspan", {x, dy: 17}, act) : null));
    });

    // nodes: the name inside, the value above, the bias and the gradient under
    sizes.forEach((n, c) => {
      for (let r = 0; r < n; r++) {
        const {x, y} = geo.at(c, r);
        const selected = sel && sel.col === c && (sel.row === r || (v.layerView && c > 0));
        const node = s("g", {class: "node", "data-col": c, "data-row": r, role: "button", tabindex: sel && sel.col === c && sel.row === r ? 0 : -1,
                             "aria-label": `${v.names[c][r]}`});
        node.append(s("circle", {cx: x, cy: y, r: geo.radius, fill: pal.node_fill,
                                 stroke: selected ? pal.highlight : pal.node_stroke, "stroke-width": selected ? 4 : 2}));
        node.append(s("text", {x, y, "text-anchor": "middle", "dominant-baseline": "central", "font-size": 15,
                               fill: pal.text, "data-static": ""}, v.names[c][r]));
        const {value, bias, delta} = texts[c][r];
        node.append(boxed(null, inside(x, valueWidth(value)), y - geo.radius - 12, selected ? pal.highlight : pal.value, 15, pal, value));
        if (c > 0) {
          node.append(biasLabel(inside(x, underWidth(bias)), y + geo.radius + 12, v.biasName(c - 1), bias, pal));
          if (delta) node.append(deltaLabel(inside(x, underWidth(delta)), y + geo.radius + 30, delta, pal));
        }
        svg.append(node);
      }
    });
    return geo;
  }

  // Where weight labels go: boxes taken so far (the nodes with their value above and bias and δ
  // under, then each label placed); take() moves a label along its edge from `start` to the first
  // spot that covers nothing, or else the one that covers least.
  const SHIFTS = [0, ...Array.from({length: 18}, (_, k) => (k % 2 ? 1 : -1) * 0.04 * Math.ceil((k + 1) / 2))];  // 0, −.04, .04, −.08 …

  const valueWidth = (w) => 0.62 * 15 * w.text.length + 6;  // as boxed() draws it
  const underWidth = (w) => 0.6 * 13 * (w.text.length + 4);  // "b = 5", "δ = −0.13"

  function spotsFor(sizes, geo, texts, inside) {
    const taken = [];
    sizes.forEach((n, c) => {
      for (let r = 0; r < n; r++) {
        const {x, y} = geo.at(c, r), R = geo.radius, {value, bias, delta} = texts[c][r];
        const around = (w, top, bottom) => { const cx = inside(x, w); return [cx - w / 2, top, cx + w / 2, bottom]; };
        taken.push([x - R, y - R, x + R, y + R], around(valueWidth(value), y - R - 22, y - R));
        if (bias) taken.push(around(Math.max(underWidth(bias), delta ? underWidth(delta) : 0), y + R, y + R + (delta ? 40 : 22)));
      }
    });
    const cover = (p, q) => Math.max(0, Math.min(p[2], q[2]) - Math.max(p[0], q[0])) * Math.max(0, Math.min(p[3], q[3]) - Math.max(p[1], q[1]));
    function take(a, b, start, width, height) {
      let best = null;
      for (const shift of SHIFTS) {
        const t = start + shift;
        if (t < 0.12 || t > 0.88) continue;
        const x = a.x + (b.x - a.x) * t, y = a.y + (b.y - a.y) * t;
        const box = [x - width / 2, y - height / 2, x + width / 2, y + height / 2];
        const covered = taken.reduce((sum, other) => sum + cover(box, other), 0);
        if (!best || covered < best.covered) best = {x, y, box, covered};
        if (covered === 0) break;
      }
      taken.push(best.box);
      return best;
    }
    return {take};
  }

  // "b = 5" (the bias, muted) and "δ = −0.13" (the gradient): a name, then a tagged number.
  function biasLabel(x, y, name, w, pal) {
    return s("text", {x, y, "text-anchor": "middle", "dominant-baseline": "central", "font-size": 13, fill: pal.muted},
             s("tspan", {"data-static": ""}, `${name} = `), numTspan(w));
  }

  function deltaLabel(x, y, w, pal) {
    return s("text", {x, y, "text-anchor": "middle", "dominant-baseline": "central", "font-size": 13, fill: pal.gradient},
             s("tspan", {"data-static": ""}, "δ = "), numTspan(w));
  }

  const numTspan = (w) => s("tspan", F.tags(w), w.text);

  return {draw, draw_, s, FONT};
})();
