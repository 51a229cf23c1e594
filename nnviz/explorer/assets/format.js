// Numbers as nnviz writes them: a port of nnviz.engine.notation.format_number, and exact decimals
// for checking that a worked line adds up as written (CLASSROOM.md: "what is written adds up").
"use strict";

const NNFormat = (() => {
  // Python's round(v): to the nearest integer, ties to even.
  function roundHalfEven(v) {
    const floor = Math.floor(v), rest = v - floor;
    if (rest < 0.5) return floor;
    if (rest > 0.5) return floor + 1;
    return floor % 2 === 0 ? floor : floor + 1;
  }

  function integerText(v) {
    return BigInt(v).toString();  // exact for any integral double; -0 becomes "0", as str(int(-0.0))
  }

  // Python's f"{v:.{d}f}": the exact binary value rounded to d decimals, ties to even.
  // toFixed is exact too, but rounds an exact tie up, so ties are found and rounded to even.
  function fixed(v, d) {
    const sign = v < 0 || Object.is(v, -0) ? "-" : "";
    const a = Math.abs(v);
    if (a >= 1e21) return sign + integerText(a) + (d > 0 ? "." + "0".repeat(d) : "");
    const scaled = a * 10 ** d;
    if (Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-9 + 1e-12 * scaled) return sign + a.toFixed(d);  // far from a tie
    const exact = a.toFixed(100);  // a double's value near a tie is decided long before 100 decimals
    const point = exact.indexOf(".");
    const kept = exact.slice(0, point + 1 + d).replace(/\.$/, "");
    const tail = exact.slice(point + 1 + d);
    let text = a.toFixed(d);
    if (/^50*$/.test(tail) && Number(kept.slice(-1)) % 2 === 0) text = kept;  // a tie: keep the even digit
    return sign + text;
  }

  // Python's repr(float): the shortest digits that read back as v, in Python's layout.
  function repr(v) {
    if (Number.isNaN(v)) return "nan";
    if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
    const [mantissa, expText] = v.toExponential().split("e");  // toExponential() gives the shortest digits
    const exp = Number(expText);
    const sign = v < 0 || Object.is(v, -0) ? "-" : "";
    const digits = mantissa.replace("-", "").replace(".", "");
    if (exp >= -4 && exp < 16) {
      if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
      const whole = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
      const frac = digits.slice(exp + 1);
      return `${sign}${whole}.${frac || "0"}`;
    }
    const rest = digits.length > 1 ? "." + digits.slice(1) : "";
    return `${sign}${digits[0]}${rest}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }

  // Python's f"{v:.4g}" for huge numbers (|v| ≥ 1e12): four significant digits, ties to even.
  function general4(v) {
    const sign = v < 0 ? "-" : "";
    const a = Math.abs(v);
    const exact = a >= 1e21 ? integerText(a) : a.toFixed(100).replace(/0+$/, "").replace(/\.$/, "");
    const [whole, frac = ""] = exact.split(".");
    let exp = whole.length - 1;
    let head = BigInt(whole.slice(0, 4));
    const tail = whole.slice(4) + frac;
    const half = "5".padEnd(tail.length, "0");
    if (tail > half || (tail === half && head % 2n === 1n)) head += 1n;
    let text = head.toString();
    if (text.length > 4) { text = text.slice(0, 4); exp += 1; }
    const mant = (text[0] + "." + text.slice(1)).replace(/\.?0+$/, "");
    return `${sign}${mant}e+${String(exp).padStart(2, "0")}`;
  }

  const HUGE = 1e12;  // from here on a number is written as 4 significant digits and an exponent

  // The style a quantity is written in: "p" probabilities (three decimals), "s" gradients, losses and
  // derivatives (two significant digits when small), "n" anything else (two decimals).
  const SMALL = new Set(["grad_z_out", "grad_z_in", "grad_W", "grad_b", "loss", "dact"]);
  const styleOf = (q, p) => (p ? "p" : SMALL.has(q) ? "s" : "n");

  // How nnviz writes a number — nnviz.analysis.worked.written, the house format (format_number
  // for "n" and "p"): integers as integers; two decimals, probabilities three; a small gradient
  // (|v| < 0.095) with two significant digits; `extra` more decimals where a worked line needs
  // them, but no trailing zeros they would only add (0.50, not 0.500). precision "4": four decimals
  // for every style; "full": every digit. Huge numbers (|v| ≥ 1e12): four significant digits.
  function written(v, style = "n", extra = 0, precision = "slide") {
    if (Number.isNaN(v)) return "nan";
    if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
    if (precision === "full") return Number.isInteger(v) && Math.abs(v) < 1e16 ? integerText(v) : repr(v);
    if (Math.abs(v) >= HUGE) return general4(v);
    if (style !== "p" && Math.abs(v - roundHalfEven(v)) < 1e-9) return integerText(roundHalfEven(v));
    let decimals = (precision === "4" ? 4 : style === "p" ? 3 : 2) + extra;
    if (style === "s" && Math.abs(v) < 0.095) {
      decimals = Math.max(decimals, 1 + extra - Math.floor(Math.log10(Math.abs(v))));
      if (decimals > 8) return v.toExponential(1 + extra);  // Python's f"{v:.2e}", e-09 written e-9
    }
    let text = fixed(v, decimals);
    if (extra) {  // extra digits only where they tell something (down to format_number's length, as the house does)
      const base = written(v, style === "p" ? "p" : "n", 0, precision);
      while (text.endsWith("0") && text.length > base.length && Number(text.slice(0, -1)) === Number(text)) text = text.slice(0, -1);
    }
    // "-0.00" says nothing a plain "0.00" does not.
    return text.startsWith("-") && Number(text) === 0 ? text.slice(1) : text;
  }

  // nnviz.engine.notation.format_number(v, probability=p): the house format with no extra digits.
  const formatNumber = (v, p = false) => written(v, p ? "p" : "n");

  // A quantity {q, idx, value, p} written: its style, its extra digits and its text.
  function write(quantity, extra = 0, precision = "slide") {
    const style = styleOf(quantity.q, quantity.p);
    return {...quantity, style, extra, precision, text: written(quantity.value, style, extra, precision)};
  }

  // The attributes that tell the contract test what a number is and how it is written.
  const tags = (w) => ({"data-q": w.q, "data-i": w.idx.join(","), "data-s": w.style,
                        "data-x": w.precision === "full" ? "full" : w.extra});

  // ---- exact decimals: {m: BigInt, e: integer} is m · 10^e -------------------------------------
  function parseDecimal(text) {
    const match = /^(-?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/.exec(text);
    if (!match) return null;  // "inf", "nan"
    const [, sign, whole, frac = "", exp = "0"] = match;
    return {m: BigInt(sign + (whole + frac || "0")), e: Number(exp) - frac.length};
  }

  function align(a, b) {
    const e = Math.min(a.e, b.e);
    return [a.m * 10n ** BigInt(a.e - e), b.m * 10n ** BigInt(b.e - e), e];
  }
  const add = (a, b) => { const [x, y, e] = align(a, b); return {m: x + y, e}; };
  const sub = (a, b) => add(a, {m: -b.m, e: b.e});
  const mul = (a, b) => ({m: a.m * b.m, e: a.e + b.e});
  const abs = (a) => ({m: a.m < 0n ? -a.m : a.m, e: a.e});

  // m · 10^e rounded to an integer number of units 10^-d; null if it is an exact tie.
  function roundUnits(x, d) {
    const shift = x.e + d;
    if (shift >= 0) return x.m * 10n ** BigInt(shift);
    const unit = 10n ** BigInt(-shift);
    const q = x.m / unit, r = x.m % unit;  // BigInt division truncates toward zero
    const twice = (r < 0n ? -r : r) * 2n;
    if (twice === unit) return null;
    return twice < unit ? q : q + (x.m < 0n ? -1n : 1n);
  }

  function unitsText(units, d) {
    const negative = units < 0n;
    const digits = (negative ? -units : units).toString().padStart(d + 1, "0");
    const text = d > 0 ? digits.slice(0, -d) + "." + digits.slice(-d) : digits;
    return negative && /[1-9]/.test(digits) ? "-" + text : text;
  }

  // An exact decimal written as `written(·, style, 0, precision)` writes a double; null when the
  // rounding is an exact tie (a reader could round it either way: the line needs more digits). At
  // full precision it is the nearest double, written as a double is.
  function writtenDecimal(x, style = "n", precision = "slide") {
    if (precision === "full" || compare(abs(x), {m: 1n, e: 12}) >= 0) return written(toNumber(x), style, 0, precision);
    if (style !== "p") {
      const nearest = roundUnits(x, 0);
      if (nearest !== null) {
        const off = abs(sub(x, {m: nearest, e: 0}));
        if (off.m === 0n || compare(off, {m: 1n, e: -9}) < 0) return nearest.toString();
      }
    }
    let decimals = precision === "4" ? 4 : style === "p" ? 3 : 2;
    if (style === "s" && x.m !== 0n && compare(abs(x), {m: 95n, e: -3}) < 0) {
      const magnitude = (x.m < 0n ? -x.m : x.m).toString().length - 1 + x.e;  // floor(log10 |x|)
      decimals = Math.max(decimals, 1 - magnitude);
      if (decimals > 8) return written(toNumber(x), style, 0, precision);
    }
    const units = roundUnits(x, decimals);
    return units === null ? null : unitsText(units, decimals);
  }

  function compare(a, b) {
    const [x, y] = align(a, b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  const toNumber = (x) => Number(`${x.m}e${x.e}`);

  // A number as a user types it: 7, -3.5, 1e308, −2 (a minus sign); null for anything else, and for
  // what overflows (1e309): the engine refuses infinity as an input too.
  function parseNumber(text) {
    const clean = String(text).trim().replace(/^[−–]/, "-");
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(clean)) return null;
    const v = Number(clean);
    return Number.isFinite(v) ? v : null;
  }

  return {parseNumber, roundHalfEven, fixed, repr, written, formatNumber, write, tags, styleOf, parseDecimal,
          writtenDecimal, add, sub, mul, abs, toNumber, HUGE};
})();
