// The slides' names and the worked lines of a neuron, a layer and the backward pass, as data.
// Names: hidden layer l has W^(l), b^(l), z_in^(l), z^(l); the output layer U, c, f_in, f (one
// output: u, c); a single neuron w, b. With one hidden layer the superscript is dropped.
"use strict";

const NNWorked = (() => {
  const {qty} = NNLines;
  const sym = (b, sub = "", sup = "") => ({b, sub, sup});

  // The names of layer l (0-based) of a network with L layers and g neurons in it.
  function layerNames(l, L, g) {
    const output = l === L - 1;
    if (L === 1) return {W: "w", b: "b", zin: "f", zinSub: "in", z: "f", sup: "", output, vector: g === 1};
    if (output) return {W: g === 1 ? "u" : "U", b: "c", zin: "f", zinSub: "in", z: "f", sup: "", output, vector: g === 1};
    return {W: "W", b: "b", zin: "z", zinSub: "in", z: "z", sup: L === 2 ? "" : `(${l + 1})`, output, vector: false};
  }

  // sub-indices "in,j" or "j"; a single output has no index (f_in, f, c, u_i).
  const join = (...parts) => parts.filter((p) => p !== "").join(",");

  function names(net, l) {
    const L = net.layers.length, g = net.layers[l].b.length;
    const n = layerNames(l, L, g);
    const k = (j) => (n.vector ? "" : String(j + 1));
    const inputs = l === 0 ? {b: "x", sup: ""} : {b: layerNames(l - 1, L, 0).z, sup: layerNames(l - 1, L, 0).sup};
    return {
      ...n,
      zIn: (j) => sym(n.zin, join(n.zinSub, k(j)), n.sup),
      zOut: (j) => sym(n.z, k(j), n.sup),
      weight: (i, j) => sym(n.W, n.vector ? String(i) : `${i}${k(j)}`, n.sup),
      bias: (j) => sym(n.b, k(j), n.sup),
      input: (i) => sym(inputs.b, String(i), inputs.sup),
      inputName: inputs,
    };
  }

  const inputQty = (trace, l, i) => (l === 0
    ? qty("x", [i], trace.x[i])
    : qty("z_out", [l - 1, i], trace.layers[l - 1].z_out[i], isSoftmax(trace, l - 1)));
  const isSoftmax = (trace, l) => trace.net.layers[l].activation === "softmax";

  // ---- forward -----------------------------------------------------------------------------------
  // z_in,j = Σ_i z_i W_ij + b_j, with this example's numbers: input·weight, as the scenes and the
  // slides' matrix form write it, (-3)·3 + 1·(-9) + 5·2 + 5.
  function neuronSum(trace, l, j) {
    const lt = trace.layers[l], W = trace.net.layers[l].W;
    const terms = lt.input.map((_, i) => [inputQty(trace, l, i), qty("W", [l, i, j], W[i][j])]);
    terms.push([qty("b", [l, j], trace.net.layers[l].b[j])]);
    return {op: "sum", terms, result: qty("z_in", [l, j], lt.z_in[j]), bias: true};
  }

  // z_j = σ(z_in,j) for an elementwise activation.
  function activationLine(trace, l, j) {
    const lt = trace.layers[l], act = trace.net.layers[l].activation;
    return {op: "act", act, args: [qty("z_in", [l, j], lt.z_in[j])], result: qty("z_out", [l, j], lt.z_out[j])};
  }

  // τ_j = e^{f_in,j} / Σ_k e^{f_in,k}, as the slides write it; with the maximum subtracted when
  // e^{f_in,k} overflows (the engine always subtracts it).
  function softmaxLines(trace, l, j) {
    const z = trace.layers[l].z_in, tau = trace.layers[l].z_out;
    const {exps, sum} = NNEval.softmaxTerms(z);
    const naive = {
      exps: z.map((v, k) => ({op: "exp", args: [qty("z_in", [l, k], v)], result: qty("exp", [l, k], exps[k])})),
      total: {op: "sum", terms: exps.map((e, k) => [qty("exp", [l, k], e)]), result: qty("expsum", [l], sum)},
      prob: {op: "div", args: [qty("exp", [l, j], exps[j]), qty("expsum", [l], sum)], result: qty("z_out", [l, j], tau[j], true)},
    };
    if (Number.isFinite(sum)) return {naive};
    const m = NNEval.maximum(z);
    const shift = z.map((v) => v - m), sexp = shift.map(Math.exp), ssum = NNEval.sum(sexp);
    const stable = {
      max: qty("zmax", [l], m),
      exps: shift.map((v, k) => ({op: "exp", args: [qty("shift", [l, k], v)], result: qty("sexp", [l, k], sexp[k])})),
      total: {op: "sum", terms: sexp.map((e, k) => [qty("sexp", [l, k], e)]), result: qty("ssum", [l], ssum)},
      prob: {op: "div", args: [qty("sexp", [l, j], sexp[j]), qty("ssum", [l], ssum)], result: qty("z_out", [l, j], tau[j], true)},
    };
    return {naive, stable};
  }

  // ---- backward ----------------------------------------------------------------------------------
  function lossLine(trace) {
    const top = trace.layers[trace.layers.length - 1], y = trace.target, L = trace.layers.length - 1;
    const p = isSoftmax(trace, L);
    const fk = (k) => qty("z_out", [L, k], top.z_out[k], p), yk = (k) => qty("y", [k], y[k]);
    const op = {l2: "l2", l1: "l1", "binary-cross-entropy": "bce", "cross-entropy": "ce"}[trace.loss_function];
    // cross entropy: the terms with y_k = 0 add nothing, the slides leave them out
    const ks = y.map((_, k) => k).filter((k) => op !== "ce" || y[k] !== 0);
    return {op, args: ks.flatMap((k) => [yk(k), fk(k)]), result: qty("loss", [], trace.loss)};
  }

  // ∂L/∂z_out: the loss's gradient at the output, the weighted sum of the next layer's otherwise.
  function gradOutLine(trace, l, j) {
    const lt = trace.layers[l], last = l === trace.layers.length - 1;
    const result = qty("grad_z_out", [l, j], lt.grad_z_out[j]);
    if (!last) {
      const next = trace.layers[l + 1], W = trace.net.layers[l + 1].W;
      return {op: "sum", result, terms: next.grad_z_in.map((g, k) => [qty("W", [l + 1, j, k], W[j][k]), qty("grad_z_in", [l + 1, k], g)])};
    }
    const f = qty("z_out", [l, j], lt.z_out[j], isSoftmax(trace, l)), y = qty("y", [j], trace.target[j]);
    const op = {l2: "sub", l1: "sign", "binary-cross-entropy": "bcegrad", "cross-entropy": "cegrad"}[trace.loss_function];
    return {op, args: op === "cegrad" ? [y, f] : [f, y], result};  // in the order they are written: −y / f
  }

  // ∂L/∂z_in = ∂L/∂z_out · σ'(z_in); softmax: Σ_k J_kj ∂L/∂f_k; fused with the loss: f − y.
  function gradInLines(trace, l, j) {
    const lt = trace.layers[l], act = trace.net.layers[l].activation;
    const result = qty("grad_z_in", [l, j], lt.grad_z_in[j]);
    if (l === trace.layers.length - 1 && trace.fused) {
      const f = qty("z_out", [l, j], lt.z_out[j], isSoftmax(trace, l)), y = qty("y", [j], trace.target[j]);
      return {fused: {op: "sub", args: [f, y], result}};
    }
    if (act === "softmax") {
      const J = NNEval.softmaxJacobian(lt.z_in);
      return {jacobian: {op: "sum", result, terms: lt.grad_z_out.map((g, k) => [qty("jac", [l, k, j], J[k][j]), qty("grad_z_out", [l, k], g)])}};
    }
    const derivative = NNEval.ACTIVATIONS[act].derivative(lt.z_in[j], lt.z_out[j]);
    return {
      dact: {op: "dact", act, args: [qty("z_in", [l, j], lt.z_in[j])], result: qty("dact", [l, j], derivative)},
      chain: {op: "sum", result, terms: [[qty("grad_z_out", [l, j], lt.grad_z_out[j]), qty("dact", [l, j], derivative)]]},
    };
  }

  // ∂L/∂W_ij = z_i · ∂L/∂z_in,j for every input i, and ∂L/∂b_j = ∂L/∂z_in,j.
  function gradWeightLines(trace, l, j) {
    const lt = trace.layers[l], g = qty("grad_z_in", [l, j], lt.grad_z_in[j]);
    const weights = lt.input.map((_, i) => ({op: "sum", terms: [[inputQty(trace, l, i), g]], result: qty("grad_W", [l, i, j], lt.grad_W[i][j])}));
    return {weights, bias: {op: "eq", args: [g], result: qty("grad_b", [l, j], lt.grad_b[j])}};
  }

  return {sym, names, layerNames, neuronSum, activationLine, softmaxLines, lossLine, gradOutLine,
          gradInLines, gradWeightLines, inputQty, isSoftmax};
})();
