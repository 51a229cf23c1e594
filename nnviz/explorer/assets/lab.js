// The softmax lab: sliders on f_in and a temperature T, τ(f_in / T) live, the Jacobian
// diag(τ) − ττᵀ as an annotated heat map, and why the maximum is subtracted before exponentiating:
// the naive way and the stable way side by side (try f_in = (1, 1000, 2)).
"use strict";

const NNLab = (() => {
  const {el, label, num, lineElement, approxNote} = NNDom;
  const {s} = NNDiagram;
  const F = NNFormat;
  const q = (name, idx, value, p = false) => ({q: name, idx, value, p});

  // Everything the lab shows, from f_in and T (what tests compare with the engine).
  function compute(fin, T) {
    const z = fin.map((v) => v / T);
    const {exps, sum} = NNEval.softmaxTerms(z);
    const m = NNEval.maximum(z), shift = z.map((v) => v - m), sexp = shift.map(Math.exp), ssum = NNEval.sum(sexp);
    return {fin, T, z, exps, sum, naive: exps.map((e) => e / sum), max: m, shift, sexp, ssum,
            tau: NNEval.softmax(z), J: NNEval.softmaxJacobian(z)};
  }

  function lines(r) {
    const k = r.z.map((_, i) => i);
    return {
      scaled: k.map((i) => ({op: "div", args: [q("lab_fin", [i], r.fin[i]), q("lab_T", [], r.T)], result: q("lab_z", [i], r.z[i])})),
      exps: k.map((i) => ({op: "exp", args: [q("lab_z", [i], r.z[i])], result: q("lab_exp", [i], r.exps[i])})),
      sum: {op: "sum", terms: k.map((i) => [q("lab_exp", [i], r.exps[i])]), result: q("lab_sum", [], r.sum)},
      naive: k.map((i) => ({op: "div", args: [q("lab_exp", [i], r.exps[i]), q("lab_sum", [], r.sum)], result: q("lab_naive", [i], r.naive[i], true)})),
      shift: k.map((i) => ({op: "sub", args: [q("lab_z", [i], r.z[i]), q("lab_max", [], r.max)], result: q("lab_shift", [i], r.shift[i])})),
      sexp: k.map((i) => ({op: "exp", args: [q("lab_shift", [i], r.shift[i])], result: q("lab_sexp", [i], r.sexp[i])})),
      ssum: {op: "sum", terms: k.map((i) => [q("lab_sexp", [i], r.sexp[i])]), result: q("lab_ssum", [], r.ssum)},
      stable: k.map((i) => ({op: "div", args: [q("lab_sexp", [i], r.sexp[i]), q("lab_ssum", [], r.ssum)], result: q("lab_tau", [i], r.tau[i], true)})),
    };
  }

  const written = (qt, precision) => F.write(qt, 0, precision);
  const row = (ls, precision, cls = "") => el("div", {class: `numeric-rows ${cls}`}, ls.map((line) => {
    const w = NNLines.writeLine(line, precision);
    return el("p", {class: "numeric"}, lineElement(w), approxNote(w));
  }));

  // Colour t of the way from a to b ("#RRGGBB" strings from the palette).
  function mix(a, b, t) {
    const ca = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16)), cb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
    return "#" + ca.map((x, i) => Math.round(x + (cb[i] - x) * t).toString(16).padStart(2, "0")).join("").toUpperCase();
  }

  // The Jacobian as a heat map: positive entries in the positive colour, negative in the negative
  // one, stronger for larger magnitude, and the number in each cell.
  function heatmap(J, pal, precision) {
    const g = J.length, cell = Math.max(56, Math.min(80, 300 / g)), pad = 54;
    const size = pad + g * cell;
    const svg = s("svg", {viewBox: `0 0 ${size} ${size}`, width: size, height: size, "font-family": NNDiagram.FONT,
                          role: "img", "aria-label": "Jacobian of the softmax, diag(τ) − ττᵀ", class: "heatmap"});
    const biggest = Math.max(...J.flat().map(Math.abs).filter(Number.isFinite), 1e-12);
    J.forEach((rowValues, k) => rowValues.forEach((v, j) => {
      const share = Number.isFinite(v) ? Math.abs(v) / biggest : 0;
      const fill = mix(v >= 0 ? pal.positive : pal.negative, pal.background, 1 - 0.75 * share);
      const w = written(q("lab_J", [k, j], v, true), precision);
      const x = pad + j * cell, y = pad + k * cell;
      svg.append(s("rect", {x, y, width: cell - 2, height: cell - 2, fill, rx: 3}),
                 s("text", {x: x + cell / 2 - 1, y: y + cell / 2, "text-anchor": "middle", "dominant-baseline": "central",
                            "font-size": 15, fill: textOn(fill, pal), ...F.tags(w)}, w.text));
    }));
    for (let k = 0; k < g; k++) {
      svg.append(s("text", {x: pad + k * cell + cell / 2, y: pad - 12, "text-anchor": "middle", "font-size": 14, fill: pal.muted, "data-static": ""}, `j = ${k + 1}`),
                 s("text", {x: pad - 6, y: pad + k * cell + cell / 2, "text-anchor": "end", "dominant-baseline": "central",
                            "font-size": 14, fill: pal.muted, "data-static": ""}, `k = ${k + 1}`));
    }
    return svg;
  }

  // The palette's text or background colour, whichever reads better on `fill` (WCAG luminance).
  function textOn(fill, pal) {
    const lum = (hex) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
        .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a, b) => { const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x); return (hi + 0.05) / (lo + 0.05); };
    return contrast(fill, pal.text) >= contrast(fill, pal.background) ? pal.text : pal.background;
  }

  // The lab's controls in `root`; `lab` = {fin, T} is changed in place, then onChange(lab).
  // `networkFin` (in the explorer) gives the network's f_in now: a button takes them into the lab.
  // Returns the element the numbers are drawn into.
  function mount(root, lab, onChange, networkFin = null) {
    root.replaceChildren();
    const controls = el("div", {class: "lab-controls"});
    const message = el("p", {class: "field-error", role: "alert", "aria-live": "polite", "data-static": true});
    const pairs = [];  // [range, field, get]: refreshed when the lab is set from outside
    const slider = (min, max, stepSize, name, positive, get, set) => {
      const range = el("input", {type: "range", min, max, step: stepSize, "aria-label": name});
      const field = el("input", {type: "text", inputmode: "decimal", "aria-label": name, class: "num-field"});
      range.addEventListener("input", () => { field.value = range.value; set(Number(range.value)); onChange(lab); });
      field.addEventListener("input", () => {
        const v = NNApp.parseNumber(field.value);
        if (v === null || (positive && !(v > 0))) {
          message.textContent = `${name}: “${field.value}” is not ${positive ? "a positive number" : "a finite number"}; the lab keeps the last good value.`;
          field.setAttribute("aria-invalid", "true");
          return;
        }
        message.textContent = "";
        field.removeAttribute("aria-invalid");
        range.value = Math.min(Math.max(v, min), max);
        set(v);
        onChange(lab);
      });
      pairs.push([range, field, get]);
      return [range, field];
    };
    lab.fin.forEach((_, k) => controls.append(el("label", {class: "lab-row"}, label(`f_in,${k + 1}`),
      ...slider(-10, 10, 0.1, `f_in,${k + 1}`, false, () => lab.fin[k], (x) => { lab.fin[k] = x; }))));
    controls.append(el("label", {class: "lab-row"}, "temperature T",
      ...slider(0.1, 5, 0.05, "temperature T", true, () => lab.T, (x) => { lab.T = x; })));
    const refresh = () => pairs.forEach(([range, field, get]) => {
      field.value = String(get());
      field.removeAttribute("aria-invalid");
      range.value = Math.min(Math.max(get(), Number(range.min)), Number(range.max));
    });
    const huge = el("button", {type: "button", class: "lab-huge"}, label("f_in = (1, 1000, 2)"));
    huge.addEventListener("click", () => {
      lab.fin.forEach((_, k) => { lab.fin[k] = [1, 1000, 2][k % 3]; });
      lab.T = 1;
      refresh();
      onChange(lab);
    });
    controls.append(huge);
    if (networkFin) {
      const take = el("button", {type: "button", class: "lab-network"}, "f_in of the network now");
      take.addEventListener("click", () => {
        networkFin().forEach((v, k) => { lab.fin[k] = v; });
        lab.T = 1;
        refresh();
        onChange(lab);
      });
      controls.append(take);
    }
    refresh();
    const out = el("div", {class: "lab-out"});
    root.append(controls, message, out);
    out.refresh = refresh;
    return out;
  }

  // The lab's numbers, drawn into `out`; returns what was computed.
  function draw(out, lab, ctx) {
    const r = compute(lab.fin, lab.T), ls = lines(r), P = ctx.precision;
    const overflow = !Number.isFinite(r.sum);
    NNDom.morph(out, [
      el("p", {class: "symbolic", "data-static": true}, "τ_k = e^(z_k) / Σ_k′ e^(z_k′)  with  z = f_in / T"),
      lab.T !== 1 ? row(ls.scaled, P) : null,
      el("div", {class: "lab-ways"},
         el("section", {class: `lab-way naive${overflow ? " fails" : ""}`},
            el("h3", {}, overflow ? "The naive way overflows" : "The naive way: e^(z_k) / Σ e^(z_k′)"),
            row(ls.exps, P, "exps"), row([ls.sum], P), row(ls.naive, P),
            overflow ? el("p", {class: "note warn", "data-note": "overflow", "data-static": true},
                          "e^z beyond z ≈ 709.78 is larger than the largest double: inf; and inf / inf is nan.") : null),
         el("section", {class: "lab-way stable"},
            el("h3", {}, "The stable way: subtract m = max z first"),
            el("p", {class: "numeric"}, "m = ", num(written(q("lab_max", [], r.max), P))),
            row(ls.shift, P), row(ls.sexp, P, "exps"), row([ls.ssum], P), row(ls.stable, P))),
      el("section", {class: "lab-jacobian"},
         el("h3", {}, "The Jacobian ∂τ/∂z = diag(τ) − ττᵀ"),
         el("p", {class: "hint", "data-static": true}, "On the diagonal τ_k(1 − τ_k) ≥ 0, elsewhere −τ_k τ_j ≤ 0; each row sums to 0."),
         heatmap(r.J, ctx.pal, P))].filter(Boolean));
    return r;
  }

  return {compute, mount, draw, mix, textOn};
})();
