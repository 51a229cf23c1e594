// A layer in matrix form, as the deep-network slides write it: W^T z + b = (the worked sums) =
// z_in, then z = σ(z_in) row by row; and, going backward, the chain rule for the whole layer.
"use strict";

const NNLayer = (() => {
  const {el, math, num, lineElement, approxNote, ACT_NAMES} = NNDom;
  const W = NNWorked;
  const {step, written} = NNPanel;
  const write = (line, ctx) => NNLines.writeLine(line, ctx.precision);
  const q = (name, idx, value, p = false) => ({q: name, idx, value, p});

  // A bracketed column (a vector) or a grid (a matrix) of numbers or of worked lines.
  function bracket(rows, cls = "") {
    return el("div", {class: `bracket ${cls}`}, rows.map((cells) => el("div", {class: "row"}, cells.map((c) => el("span", {class: "cell"}, c)))));
  }

  const numbers = (quantities, ctx) => quantities.map((qt) => [num(written(qt, ctx))]);
  const lines = (ls, ctx) => ls.map((line) => { const w = write(line, ctx); return [[lineElement(w), approxNote(w)]]; });  // one cell a row

  function layerView(ctx, l) {
    const {net, trace} = ctx, layer = net.layers[l], N = W.names(net, l);
    const n = layer.W.length, g = layer.b.length, act = layer.activation;
    const vec = (s) => ({...s, b: s.b});  // names of whole vectors: no index
    const zinName = W.sym(N.zin, N.zinSub, N.sup), zName = W.sym(N.z, "", N.sup);
    const inputName = W.sym(N.inputName.b, "", N.inputName.sup);
    const WT = W.sym(N.W, "", N.sup + (N.vector ? "" : "T"));
    const affine = el("div", {class: "matrix-form"},
                      bracket(range(g).map((j) => range(n).map((i) => num(written(q("W", [l, i, j], layer.W[i][j]), ctx))))),
                      bracket(numbers(range(n).map((i) => W.inputQty(trace, l, i)), ctx)), " + ",
                      bracket(numbers(range(g).map((j) => q("b", [l, j], layer.b[j])), ctx)), " = ",
                      bracket(lines(range(g).map((j) => W.neuronSum(trace, l, j)), ctx), "lines"));
    const parts = [step(`① Affine, the whole layer at once (${WT.b}${N.vector ? "" : "ᵀ"}: one row per neuron)`,
                        math(vec(zinName), " = ", WT, " ", vec(inputName), " + ", W.sym(N.b, "", N.sup)), affine)];
    if (act === "softmax") {
      const sm = range(g).map((j) => W.softmaxLines(trace, l, j));
      const view = sm[0].stable ? "stable" : "naive";
      parts.push(step(`② Softmax${view === "stable" ? ", with the maximum subtracted (e^f_in overflows)" : ""}`,
                      math(zName, " = τ(", zinName, ")"),
                      el("p", {class: "numeric exps"}, sm[0][view].exps.map((e) => lineElement(write(e, ctx)))),
                      write(sm[0][view].total, ctx),
                      el("div", {class: "matrix-form"}, bracket(lines(sm.map((s) => s[view].prob), ctx), "lines"))));
    } else {
      parts.push(step("② Activation, row by row", math(zName, " = ", ACT_NAMES[act], "(", zinName, ")"),
                      el("div", {class: "matrix-form"}, bracket(lines(range(g).map((j) => W.activationLine(trace, l, j)), ctx), "lines"))));
    }
    if (ctx.backward) parts.push(layerBackward(ctx, l, N));
    return el("div", {class: "view layer-view"}, parts);
  }

  function layerBackward(ctx, l, N) {
    const {trace, net} = ctx, lt = trace.layers[l], g = net.layers[l].b.length, n = net.layers[l].W.length;
    const gIns = range(g).map((j) => W.gradInLines(trace, l, j));
    const rows = gIns.map((gIn) => gIn.fused || gIn.jacobian || gIn.chain);
    const zinName = W.sym(N.zin, N.zinSub, N.sup), zName = W.sym(N.z, "", N.sup);
    const act = net.layers[l].activation;
    const [title, rule] = gIns[0].fused
      ? ["④ Chain rule through the output (fused with the loss), row by row", [" = ", zName, " − y"]]
      : gIns[0].jacobian
        ? ["④ Chain rule through the softmax, row by row: its Jacobian J = diag(τ) − ττᵀ", [" = J ∂L/∂", zName]]
        : ["④ Chain rule, row by row", [" = ∂L/∂", zName, " ⊙ ", ACT_NAMES[act], "′(", zinName, ")"]];
    const gradW = bracket(range(g).map((j) => range(n).map((i) => num(written(q("grad_W", [l, i, j], lt.grad_W[i][j]), ctx)))));
    return [
      NNPanel.lossStep(ctx, "③"),
      step(title, math("∂L/∂", zinName, ...rule), el("div", {class: "matrix-form"}, bracket(lines(rows, ctx), "lines"))),
      step("⑤ The layer's weight gradients: one row per neuron, ∂L/∂W_ij = z_i · ∂L/∂z_in,j",
           math("(∂L/∂", W.sym(N.W, "", N.sup), ")ᵀ = ∂L/∂", zinName, " · ", W.sym(N.inputName.b, "", N.inputName.sup), "ᵀ"),
           el("div", {class: "matrix-form"}, gradW)),
    ];
  }

  const range = (n) => Array.from({length: n}, (_, k) => k);

  return {layerView};
})();
