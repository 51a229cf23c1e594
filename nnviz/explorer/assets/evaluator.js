// The explorer's evaluator: the ONE place nnviz does arithmetic outside its engine (DESIGN.md).
// It mirrors nnviz/engine (activations.py, losses.py, network.py) formula for formula, for one
// example, and tests/test_explorer_contract.py holds it to the engine's trace to 1e-12.
"use strict";

const NNEval = (() => {
  const sum = (values) => values.reduce((total, v) => total + v, 0);
  // np.max: NaN wins, as in NumPy.
  const maximum = (values) => values.reduce((m, v) => (Number.isNaN(m) ? m : Number.isNaN(v) || v > m ? v : m));
  const clip = (v, lo, hi) => Math.min(Math.max(v, lo), hi);

  // σ(z) = 1 / (1 + e^{-z}) without overflow: the exponent is never positive.
  function sigmoid(z) {
    const e = Math.exp(-Math.abs(z));
    return z >= 0 ? 1 / (1 + e) : e / (1 + e);
  }

  // τ(z)_k = e^{z_k − max} / Σ e^{z_k' − max}: the maximum is subtracted, so nothing overflows.
  function softmax(z) {
    const m = maximum(z);
    const e = z.map((v) => Math.exp(v - m));
    const total = sum(e);
    return e.map((v) => v / total);
  }

  // What the slides write: e^{z_k} and their sum, unshifted (huge z overflow to Infinity).
  function softmaxTerms(z) {
    const exps = z.map(Math.exp);
    return {exps, sum: sum(exps)};
  }

  function logSoftmax(z) {
    const m = maximum(z);
    const shifted = z.map((v) => v - m);
    const log = Math.log(sum(shifted.map(Math.exp)));
    return shifted.map((v) => v - log);
  }

  // ∂τ/∂z = diag(τ) − ττᵀ: J[k][j] = τ_k δ_kj − τ_k τ_j.
  function softmaxJacobian(z) {
    const t = softmax(z);
    return t.map((tk, k) => t.map((tj, j) => tk * (k === j ? 1 : 0) - tk * tj));
  }

  // Each elementwise activation: its value and its derivative d(z_in, z_out), as in activations.py.
  const ACTIVATIONS = {
    identity: {value: (z) => z, derivative: () => 1},
    sigmoid: {value: sigmoid, derivative: (z, out) => out * (1 - out)},
    tanh: {value: Math.tanh, derivative: (z, out) => 1 - out * out},
    relu: {value: (z) => Math.max(0, z), derivative: (z) => (z > 0 ? 1 : 0)},
    step: {value: (z) => (z >= 0 ? 1 : 0), derivative: () => 0},  // [z ≥ 0]: flat wherever it exists
    softmax: {vector: softmax, jacobian: softmaxJacobian},
  };

  function activate(name, zIn) {
    const act = ACTIVATIONS[name];
    return act.vector ? act.vector(zIn) : zIn.map(act.value);
  }

  // grad_z_in = grad_z_out · σ'(z_in); for softmax the Jacobian's transpose times grad_z_out.
  function activationBackward(name, zIn, zOut, gradOut) {
    const act = ACTIVATIONS[name];
    if (!act.jacobian) return gradOut.map((g, j) => g * act.derivative(zIn[j], zOut[j]));
    const J = act.jacobian(zIn);
    return zIn.map((_, j) => sum(J.map((row, k) => row[j] * gradOut[k])));
  }

  // ---- losses: L(y, f) and ∂L/∂f, as in losses.py -------------------------------------------
  const TINY = 1e-300;
  const LOSSES = {
    l2: {value: (f, y) => 0.5 * sum(f.map((fk, k) => (y[k] - fk) * (y[k] - fk))),
         gradient: (f, y) => f.map((fk, k) => fk - y[k])},
    l1: {value: (f, y) => sum(f.map((fk, k) => Math.abs(y[k] - fk))),
         gradient: (f, y) => f.map((fk, k) => Math.sign(fk - y[k]))},
    "binary-cross-entropy": {
      value: (f, y) => -sum(f.map((fk, k) => {
        const p = clip(fk, TINY, 1), q = clip(1 - fk, TINY, 1);
        return y[k] * Math.log(p) + (1 - y[k]) * Math.log(q);
      })),
      gradient: (f, y) => f.map((fk, k) => {
        const p = clip(fk, 1e-12, 1 - 1e-12);
        return (p - y[k]) / (p * (1 - p));
      }),
      fusedWith: "sigmoid",
      // −(y log σ(a) + (1−y) log(1−σ(a))) = softplus(a) − y·a, with a stable softplus.
      fusedValue: (a, y) => sum(a.map((ak, k) => Math.max(ak, 0) + Math.log1p(Math.exp(-Math.abs(ak))) - y[k] * ak)),
    },
    "cross-entropy": {
      value: (f, y) => -sum(f.map((fk, k) => y[k] * Math.log(clip(fk, TINY, 1)))),
      gradient: (f, y) => f.map((fk, k) => -y[k] / Math.max(fk, TINY)),
      fusedWith: "softmax",
      fusedValue: (a, y) => { const logs = logSoftmax(a); return -sum(logs.map((v, k) => y[k] * v)); },
    },
  };

  // The target as a vector of g numbers: a class index becomes one-hot for cross entropy (g > 1).
  function targets(target, g, lossName) {
    if (lossName === "cross-entropy" && g > 1 && target.length === 1) {
      return Array.from({length: g}, (_, k) => (k === target[0] ? 1 : 0));
    }
    return target.length === 1 ? Array(g).fill(target[0]) : target.slice();
  }

  // ---- the passes (Network.forward and Network.backward for one example) -----------------------
  // net: {layers: [{W: inputs × neurons, b, activation}]}; x: the input vector.
  function forward(net, x) {
    const layers = [];
    let input = x;
    for (const layer of net.layers) {
      const zIn = layer.b.map((b, j) => sum(input.map((v, i) => v * layer.W[i][j])) + b);
      const zOut = activate(layer.activation, zIn);
      layers.push({input, z_in: zIn, z_out: zOut});
      input = zOut;
    }
    return {x, layers};
  }

  function backward(net, trace, target, lossName) {
    const loss = LOSSES[lossName];
    const last = net.layers[net.layers.length - 1];
    const top = trace.layers[trace.layers.length - 1];
    const y = targets(target, last.b.length, lossName);
    const n = 1;  // one example: the empirical risk is its loss, the gradients are not divided
    const gradF = loss.gradient(top.z_out, y).map((g) => g / n);
    const fused = loss.fusedWith === last.activation;
    // softmax + cross entropy (sigmoid + BCE): the loss from f_in, grad_f_in = f − y, never overflowing.
    const value = fused ? loss.fusedValue(top.z_in, y) : loss.value(top.z_out, y);
    const gradFIn = fused ? top.z_out.map((f, k) => (f - y[k]) / n) : null;
    let grad = gradF;
    const layers = trace.layers.map((lt) => ({...lt}));
    for (let i = layers.length - 1; i >= 0; i--) {
      const lt = layers[i], layer = net.layers[i];
      lt.grad_z_out = grad;
      lt.grad_z_in = i === layers.length - 1 && fused
        ? gradFIn
        : activationBackward(layer.activation, lt.z_in, lt.z_out, grad);  // grad_z_out · σ'(z_in)
      // grad_W = input · grad_z_in, grad_b = grad_z_in, and the gradient of the layer's input.
      lt.grad_W = lt.input.map((v) => lt.grad_z_in.map((g) => v * g));
      lt.grad_b = lt.grad_z_in.slice();
      grad = lt.input.map((_, r) => sum(lt.grad_z_in.map((g, j) => g * layer.W[r][j])));
    }
    return {...trace, layers, target: y, loss_function: lossName, loss: value, fused};
  }

  return {ACTIVATIONS, LOSSES, sigmoid, softmax, softmaxTerms, softmaxJacobian, activate,
          activationBackward, targets, forward, backward, maximum, sum};
})();
