// The activation step as a picture: the curve of σ (tanh, ReLU …), its axes with their numbers,
// and this neuron's point (z_in, z) on it with dashed lines to both axes.
"use strict";

const NNPlot = (() => {
  const {s, FONT} = NNDiagram;

  // About five round tick values (1, 2 or 5 times a power of ten) covering [lo, hi].
  function ticks(lo, hi) {
    const raw = (hi - lo) / 5, power = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map((m) => m * power).find((v) => v >= raw);
    const out = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
    return out;
  }

  const tickText = (t) => String(Number(t.toPrecision(6)));

  function ranges(act, z) {
    const far = Number.isFinite(z) && Math.abs(z) < 1e6 ? Math.abs(z) + 1 : 6;
    const reach = Math.max(6, Math.min(far, 1e6));
    const lo = -reach, hi = reach;
    const y = {sigmoid: [0, 1], tanh: [-1, 1], step: [0, 1], relu: [0, hi], identity: [lo, hi]}[act];
    return {x: [lo, hi], y};
  }

  // {act, zIn: written quantity, zOut: written quantity, pal, width, height}
  function activationPlot(v) {
    const {pal, width, height} = v;
    const m = {left: 48, right: 14, top: 12, bottom: 34};
    const r = ranges(v.act, v.zIn.value);
    const sx = (x) => m.left + ((x - r.x[0]) / (r.x[1] - r.x[0])) * (width - m.left - m.right);
    const sy = (y) => height - m.bottom - ((y - r.y[0]) / (r.y[1] - r.y[0])) * (height - m.top - m.bottom);
    const svg = s("svg", {viewBox: `0 0 ${width} ${height}`, width, height, "font-family": FONT, class: "plot",
                          role: "img", "aria-label": `${v.act} curve with this neuron's point`});
    const axis = {stroke: pal.muted, "stroke-width": 1.2};
    const x0 = sx(Math.min(Math.max(0, r.x[0]), r.x[1])), y0 = sy(Math.min(Math.max(0, r.y[0]), r.y[1]));
    svg.append(s("line", {x1: m.left, y1: y0, x2: width - m.right, y2: y0, ...axis}),
               s("line", {x1: x0, y1: m.top, x2: x0, y2: height - m.bottom, ...axis}));
    for (const t of ticks(...r.x)) {
      svg.append(s("line", {x1: sx(t), y1: y0, x2: sx(t), y2: y0 + 4, ...axis}),
                 s("text", {x: sx(t), y: height - 12, "text-anchor": "middle", "font-size": 13, fill: pal.muted, "data-static": ""}, tickText(t)));
    }
    for (const t of ticks(...r.y)) {
      svg.append(s("line", {x1: x0 - 4, y1: sy(t), x2: x0, y2: sy(t), ...axis}),
                 s("text", {x: m.left - 8, y: sy(t), "text-anchor": "end", "dominant-baseline": "central", "font-size": 13,
                            fill: pal.muted, "data-static": ""}, tickText(t)));
    }
    // the curve, sampled densely enough for the step's jump and ReLU's corner
    const f = NNEval.ACTIVATIONS[v.act].value;
    const points = [];
    for (let k = 0; k <= 240; k++) {
      const z = r.x[0] + ((r.x[1] - r.x[0]) * k) / 240;
      points.push(`${sx(z).toFixed(1)},${sy(Math.min(Math.max(f(z), r.y[0]), r.y[1])).toFixed(1)}`);
    }
    if (v.act === "step") points.splice(121, 0, `${sx(0).toFixed(1)},${sy(0).toFixed(1)}`);
    svg.append(s("polyline", {points: points.join(" "), fill: "none", stroke: pal.text, "stroke-width": 2}));
    // the point, clamped into the frame when z_in is far out (then marked with an arrow)
    const zc = Math.min(Math.max(v.zIn.value, r.x[0]), r.x[1]);
    const yc = Math.min(Math.max(v.zOut.value, r.y[0]), r.y[1]);
    if (Number.isFinite(zc) && Number.isFinite(yc)) {
      const dash = {stroke: pal.highlight, "stroke-width": 1.5, "stroke-dasharray": "4 3"};
      svg.append(s("line", {x1: sx(zc), y1: sy(yc), x2: sx(zc), y2: y0, ...dash}),
                 s("line", {x1: sx(zc), y1: sy(yc), x2: x0, y2: sy(yc), ...dash}),
                 s("circle", {cx: sx(zc), cy: sy(yc), r: 6, fill: pal.highlight}));
      // "(z, f)" beside the point, on the side with room; a long one (every digit) kept inside the frame
      const long = 0.6 * 14 * (v.zIn.text.length + v.zOut.text.length + 4);
      const right = sx(zc) > width / 2;
      const left = Math.min(Math.max(right ? sx(zc) - 10 - long : sx(zc) + 10, 2), width - long - 2);
      svg.append(s("text", {x: left, y: Math.max(sy(yc) - 12, 14), "text-anchor": "start",
                            "font-size": 14, fill: pal.highlight},
                   s("tspan", {"data-static": ""}, "("), tagged(v.zIn), s("tspan", {"data-static": ""}, ", "),
                   tagged(v.zOut), s("tspan", {"data-static": ""}, ")")));
    }
    return svg;
  }

  const tagged = (w) => s("tspan", NNFormat.tags(w), w.text);

  return {activationPlot, ticks};
})();
