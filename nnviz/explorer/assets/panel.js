// The worked example beside the diagram: a neuron's lines (symbolic, numeric, value), its
// activation step, the softmax step, the backward pass's chain rule, and a layer in matrix form.
"use strict";

const NNPanel = (() => {
  const {el, math, lineElement, approxNote, applied, ACT_NAMES, one} = NNDom;
  const W = NNWorked;
  const write = (line, ctx) => NNLines.writeLine(line, ctx.precision);
  const grad = (s) => ["∂L/∂", s];

  // One step: a heading, the symbolic line, then the numeric line(s) with their values.
  function step(title, symbolic, ...lines) {
    return el("section", {class: "step"}, el("h3", {"data-static": true}, title),
              symbolic ? el("p", {class: "symbolic", "data-static": true}, symbolic) : null,
              lines.flat().filter(Boolean).map((line) => (line instanceof Node ? line : numeric(line))));
  }

  const numeric = (line) => el("p", {class: "numeric"}, lineElement(line), approxNote(line));

  const sumOf = (parts) => parts.flatMap((p, i) => (i ? [" + ", ...p] : p));

  // ---- a neuron --------------------------------------------------------------------------------
  function neuronView(ctx, l, j) {
    const {net, trace} = ctx, N = W.names(net, l), act = net.layers[l].activation;
    const n = net.layers[l].W.length;
    const symbolic = math(N.zIn(j), " = ", "Σ", el("sub", {}, "i"), " ", N.input("i"), " ", N.weight("i", j), " + ", N.bias(j),
                          n <= 6 ? [" = ", sumOf(range(n).map((i) => [N.input(i + 1), " ", N.weight(i + 1, j)])), " + ", N.bias(j)] : []);
    const parts = [step("① Affine: weighted sum of the inputs plus the bias", symbolic, write(W.neuronSum(trace, l, j), ctx))];
    if (act === "softmax") parts.push(softmaxStep(ctx, l, j, N));
    else parts.push(activationStep(ctx, l, j, N));
    if (ctx.backward) parts.push(backwardSteps(ctx, l, j, N));
    return el("div", {class: "view neuron-view"}, parts);
  }

  const FORMULAS = {sigmoid: "1 / (1 + e^(−z))", tanh: "(e^z − e^(−z)) / (e^z + e^(−z))", relu: "max(0, z)",
                    identity: "z", step: "[z ≥ 0]"};
  const DERIVATIVES = {sigmoid: "σ′(z) = σ(z)(1 − σ(z))", tanh: "tanh′(z) = 1 − tanh²(z)", relu: "ReLU′(z) = [z > 0]",
                       identity: "id′(z) = 1", step: "step′(z) = 0 (flat wherever it is defined)"};

  function activationStep(ctx, l, j, N) {
    const act = ctx.net.layers[l].activation;
    const line = write(W.activationLine(ctx.trace, l, j), ctx);
    const symbolic = math(N.zOut(j), " = ", applied(act, math(N.zIn(j))), " with ", ACT_NAMES[act], "(z) = ", FORMULAS[act]);
    const plot = NNPlot.activationPlot({act, zIn: line.args[0], zOut: line.result, pal: ctx.pal, width: 340, height: 190});
    return step("② Activation", symbolic, line, el("div", {class: "plot-box"}, plot));
  }

  function softmaxStep(ctx, l, j, N) {
    const lines = W.softmaxLines(ctx.trace, l, j);
    const symbolic = math(N.zOut(j), " = τ", el("sub", {}, N.zOut(j).sub || "k"), "(", W.sym(N.zin, N.zinSub, N.sup), ") = e",
                          el("sup", {}, math(N.zIn(j))), " / Σ", el("sub", {}, "k"), " e", el("sup", {}, math(W.sym(N.zin, N.zinSub + ",k", N.sup))));
    const out = [step("② Softmax: exponentials, their sum, the probability", symbolic,
                      el("p", {class: "numeric exps"}, lines.naive.exps.map((e) => lineElement(write(e, ctx)))),
                      write(lines.naive.total, ctx), lines.stable ? null : write(lines.naive.prob, ctx))];
    if (lines.stable) {
      out.push(el("p", {class: "note warn", "data-note": "overflow"},
                   "e to a power this large overflows double precision (inf), and inf / inf is nan: the naive way fails. ",
                   "The engine, and this page, subtract the maximum m first, which changes nothing in the result:"));
      out.push(step("Stable: e^(f_in,k − m) with m = max_k f_in,k", null,
                    el("p", {class: "numeric"}, "m = ", NNDom.num(written(lines.stable.max, ctx))),
                    el("p", {class: "numeric exps"}, lines.stable.exps.map((e) => lineElement(write(e, ctx)))),
                    write(lines.stable.total, ctx), write(lines.stable.prob, ctx)));
    }
    return out;
  }

  const written = (q, ctx) => NNFormat.write(q, 0, ctx.precision);

  // ---- backward ----------------------------------------------------------------------------------
  // The losses as the lecture writes them, with subscripts: L(y, f) = −Σ_k y_k log f_k.
  const yk = W.sym("y", "k"), fk = W.sym("f", "k"), sumK = () => ["Σ", el("sub", {}, "k"), " "];
  const LOSS_FORMULAS = {
    l2: () => ["½ ", sumK(), "(", yk, " − ", fk, ")²"],
    l1: () => [sumK(), "|", yk, " − ", fk, "|"],
    "binary-cross-entropy": () => ["−", sumK(), "(", yk, " log ", fk, " + (1 − ", yk, ") log(1 − ", fk, "))"],
    "cross-entropy": () => ["−", sumK(), yk, " log ", fk],
  };
  const lossFormula = (name) => math("L(y, f) = ", LOSS_FORMULAS[name]());

  function lossStep(ctx, number = "") {
    const {trace} = ctx;
    const note = trace.fused
      ? (trace.loss_function === "cross-entropy" ? "With a softmax output the engine computes it from f_in (log-sum-exp), which never overflows."
                                                 : "With a sigmoid output the engine computes it from f_in (softplus), which never overflows.")
      : null;
    return step(`${number ? number + " " : ""}The loss: R_emp = L(y, f) for this one example`, lossFormula(trace.loss_function),
                write(W.lossLine(trace), ctx), note ? el("p", {class: "note"}, note) : null);
  }

  function backwardSteps(ctx, l, j, N) {
    const {trace} = ctx, last = l === trace.layers.length - 1, act = ctx.net.layers[l].activation;
    const numbers = ["③", "④", "⑤", "⑥"];
    const n = () => numbers.shift();
    const out = [lossStep(ctx, n())];
    const gIn = W.gradInLines(trace, l, j);
    if (!gIn.fused) {
      const gOut = W.gradOutLine(trace, l, j);
      const next = last ? null : W.names(ctx.net, l + 1);
      const symbolic = last
        ? math(grad(N.zOut(j)), " = ", {sub: "f − y", sign: "sign(f − y)", bcegrad: "(f − y) / (f(1 − f))", cegrad: "−y / f"}[gOut.op])
        : math(grad(N.zOut(j)), " = Σ", el("sub", {}, "k"), " ", W.sym(next.W, `${j + 1}k`, next.sup), " ",
               grad(W.sym(next.zin, next.zinSub + ",k", next.sup)));
      out.push(step(`${n()} Backward: the gradient of the loss at this neuron's output`, symbolic, write(gOut, ctx)));
    }
    if (gIn.fused) {
      out.push(step(`${n()} Chain rule through the output (fused with the loss)`, math(grad(N.zIn(j)), " = f − y"), write(gIn.fused, ctx)));
    } else if (gIn.jacobian) {
      out.push(step(`${n()} Chain rule through the softmax: its Jacobian diag(τ) − ττᵀ`,
                    math(grad(N.zIn(j)), " = Σ", el("sub", {}, "k"), " J", el("sub", {}, "k" + (j + 1)), " ", grad(W.sym(N.z, "k", N.sup))),
                    write(gIn.jacobian, ctx)));
    } else {
      out.push(step(`${n()} Chain rule through the activation`,
                    math(grad(N.zIn(j)), " = ", grad(N.zOut(j)), " · ", ACT_NAMES[act], "′(", N.zIn(j), ")  with  ", DERIVATIVES[act]),
                    write(gIn.dact, ctx), write(gIn.chain, ctx)));
    }
    const gw = W.gradWeightLines(trace, l, j);
    out.push(step(`${n()} The gradients of this neuron's weights and bias`,
                  math(grad(N.weight("i", j)), " = ", N.input("i"), " · ", grad(N.zIn(j)),
                       ",  ", grad(N.bias(j)), " = ", grad(N.zIn(j))),
                  gw.weights.map((line) => write(line, ctx)),
                  el("p", {class: "numeric"}, math(grad(N.bias(j)), " = "), lineElement(write(gw.bias, ctx)))));
    return out;
  }

  // ---- an input ----------------------------------------------------------------------------------
  function inputView(ctx, i) {
    const x = written({q: "x", idx: [i], value: ctx.trace.x[i], p: false}, ctx);
    return el("div", {class: "view input-view"},
              step("Input", math(W.sym("x", String(i + 1)), " = ", NNDom.num(x, "r")),
                   el("p", {class: "hint"}, "Edit it above, or in the field of x in the toolbar. Arrow keys move between neurons.")));
  }

  const range = (n) => Array.from({length: n}, (_, k) => k);

  return {neuronView, inputView, lossStep, step, numeric, written, range, DERIVATIVES, one};
})();
