// Worked lines: a formula with this example's numbers, written so that it adds up as written.
// A line is data — {op, terms | args, result} of quantities {q, idx, value, p} — written by
// writeLine() with as few digits as the precision asks, and more where the written terms would
// otherwise not give the written result (CLASSROOM.md: 0.047·3 …, never 0.05·3 … = 0.57).
"use strict";

const NNLines = (() => {
  const F = NNFormat;

  // A quantity the page shows: q names it as the engine does (z_in, grad_W, …), idx locates it.
  const qty = (q, idx, value, p = false) => ({q, idx, value, p});

  // The extra decimals tried for the operands, then every digit.
  const LADDER = [0, 1, 2, 3, 4, 6, "full"];

  function written(quantity, step, precision) {
    return step === "full" ? F.write(quantity, 0, "full") : F.write(quantity, step, precision);
  }

  const asNumber = (text) => (text === "inf" ? Infinity : text === "-inf" ? -Infinity : text === "nan" ? NaN : Number(text));

  // ---- what a line's written operands give ------------------------------------------------------
  const exact = {
    // Σ_t Π factors_t (a worked sum: products, single terms and the bias)
    sum: (line) => line.terms.reduce((total, factors) =>
      F.add(total, factors.reduce((prod, f) => F.mul(prod, f.dec), {m: 1n, e: 0})), {m: 0n, e: 0}),
    sub: (line) => F.sub(line.args[0].dec, line.args[1].dec),
    // ½ Σ (y_k − f_k)² and Σ |y_k − f_k|, over the pairs (y_k, f_k)
    l2: (line) => F.mul({m: 5n, e: -1}, pairs(line).reduce((t, [y, f]) => { const d = F.sub(y.dec, f.dec); return F.add(t, F.mul(d, d)); }, {m: 0n, e: 0})),
    l1: (line) => pairs(line).reduce((t, [y, f]) => F.add(t, F.abs(F.sub(y.dec, f.dec))), {m: 0n, e: 0}),
  };
  const floating = {
    exp: ([a]) => Math.exp(a),
    div: ([a, b]) => a / b,
    act: ([a], line) => NNEval.ACTIVATIONS[line.act].value(a),
    dact: ([a], line) => { const act = NNEval.ACTIVATIONS[line.act]; return act.derivative(a, act.value(a)); },
    sign: ([f, y]) => Math.sign(f - y),
    bcegrad: ([f, y]) => (f - y) / (f * (1 - f)),
    cegrad: ([y, f]) => -y / f,
    bce: (values) => -pairsOf(values).reduce((t, [y, f]) => t + (y * Math.log(f) + (1 - y) * Math.log(1 - f)), 0),
    ce: (values) => -pairsOf(values).reduce((t, [y, f]) => t + y * Math.log(f), 0),
    eq: ([a]) => a,
  };

  const pairsOf = (values) => values.reduce((out, v, i) => (i % 2 ? out : [...out, [v, values[i + 1]]]), []);
  const pairs = (line) => pairsOf(line.args);
  const operands = (line) => (line.terms ? line.terms.flat() : line.args);

  // The written operands' result, written as the result is (null: an exact tie, cannot say).
  function evaluate(line) {
    const r = line.result;
    if (exact[line.op]) {
      if (operands(line).some((o) => (o.dec = F.parseDecimal(o.text)) === null)) return null;
      return F.writtenDecimal(exact[line.op](line), r.style, r.precision);
    }
    const value = floating[line.op](operands(line).map((o) => asNumber(o.text)), line);
    return F.written(value, r.style, 0, r.precision);
  }

  // Writes the line: operands with the fewest extra digits that make the written operands give the
  // written result; if none do, every digit and `approx` with the reason.
  function writeLine(line, precision) {
    const result = F.write(line.result, 0, precision);
    // inf and nan do not add up as decimals: more digits would not help, so none are added
    const overflow = exact[line.op] && [...operands(line), line.result].some((o) => !Number.isFinite(o.value));
    const steps = precision === "full" ? ["full"] : overflow ? [0] : LADDER;
    let attempt = null;
    for (const step of steps) {
      const w = (o) => written(o, step, precision);
      attempt = line.terms ? {...line, terms: line.terms.map((fs) => fs.map(w))} : {...line, args: line.args.map(w)};
      attempt.result = result;
      if (evaluate(attempt) === result.text) return attempt;
    }
    return {...attempt, approx: approxReason(attempt, precision)};
  }

  // Where the engine keeps a probability off 0 and 1 (log 0, 1/0): the written formula cannot add up.
  const CLIPPED = {
    bce: (a) => a.filter((_, i) => i % 2).some((f) => f <= 0 || f >= 1),
    ce: (a) => a.filter((_, i) => i % 2).some((f) => f <= 0),
    bcegrad: (a) => a[0] <= 1e-12 || a[0] >= 1 - 1e-12,
    cegrad: (a) => a[1] <= 0,
  };

  function approxReason(line, precision) {
    const values = [...operands(line), line.result].map((o) => o.value);
    if (CLIPPED[line.op]?.(line.args.map((o) => o.value))) return "clipped";
    if (values.some((v) => !Number.isFinite(v))) return "overflow";
    return precision === "full" ? "float" : "rounding";
  }

  return {qty, writeLine, evaluate};
})();
