// Building the page's text: elements, the slides' symbols, numbers tagged with where they come
// from (data-q, data-i: what the contract test compares with the engine), and worked lines.
// Text from a spec (names, labels) only ever goes in as text, never as markup.
"use strict";

const NNDom = (() => {
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // Text with digits that is a name or a label, not a number of the pass (layer 1, x_1 …).
  const label = (text, tag = "span", attrs = {}) => el(tag, {...attrs, "data-static": true}, text);

  // z_in,2^(1): a symbol with its subscript and superscript.
  function sym(s) {
    return el("span", {class: "sym", "data-static": true}, el("var", {}, s.b),
              s.sub ? el("sub", {}, s.sub) : null, s.sup ? el("sup", {}, s.sup) : null);
  }

  // A written number, tagged: data-q/data-i name the quantity, data-s/data-x how it is written.
  function num(w, role = "a", extra = {}) {
    const cls = ["num", w.q.startsWith("grad_") ? "grad" : "",
                 !Number.isFinite(w.value) ? "nonfinite" : "", role === "r" ? "result" : ""].filter(Boolean).join(" ");
    return el("span", {class: cls, ...NNFormat.tags(w), "data-role": role, ...extra}, w.text);
  }

  // A number inside a formula: negatives in parentheses, as the slides write (-3)·3.
  const inner = (w, role) => (w.text.startsWith("-") ? ["(", num(w, role), ")"] : [num(w, role)]);

  // Math from tokens: strings, symbols ({b, sub, sup}), or nodes.
  function math(...tokens) {
    return el("span", {class: "math"}, tokens.flat(Infinity).map((t) => (typeof t === "object" && t && "b" in t ? sym(t) : t)));
  }

  const ACT_NAMES = {sigmoid: "σ", tanh: "tanh", relu: "ReLU", identity: "id", step: "step", softmax: "τ"};

  // f(a) as the slides write each activation: σ(−3), max(0, 79), tanh(0.5), [z ≥ 0].
  function applied(act, arg, prime = false) {
    if (act === "relu" && !prime) return ["max(", one("0"), ", ", arg, ")"];
    if (act === "step" && !prime) return ["[", arg, " ≥ ", one("0"), "]"];
    return [ACT_NAMES[act] + (prime ? "′" : ""), "(", arg, ")"];
  }

  // A constant of a formula (the 1 of 1 − f, the 0 of max(0, z)): part of the formula, not of the pass.
  const one = (text = "1") => label(text);

  const join = (parts, sep) => parts.flatMap((p, i) => (i ? [sep, p] : [p]));

  // The numeric part of a worked line (its operands, "=", its result), tagged for the checker: each
  // operand once as data-role "a" (or "f", a factor of a term), repeats as "dup", the result "r".
  function lineElement(line) {
    const a = line.args || [], r = num(line.result, "r");
    let body;
    switch (line.op) {
      case "sum": body = join(line.terms.map((fs) => el("span", {class: "term"}, join(fs.map((f) => inner(f, "f")), "·"))), " + "); break;
      case "sub": body = [num(a[0]), " − ", ...inner(a[1])]; break;
      case "exp": body = ["e", el("sup", {}, num(a[0]))]; break;
      case "div": body = [num(a[0]), " / ", num(a[1])]; break;
      case "act": body = applied(line.act, [num(a[0])]); break;
      case "dact": body = applied(line.act, [num(a[0])], true); break;
      case "sign": body = ["sign(", num(a[0]), " − ", ...inner(a[1]), ")"]; break;
      case "bcegrad": body = ["(", num(a[0]), " − ", ...inner(a[1]), ") / (", num(a[0], "dup"), "·(", one(), " − ", num(a[0], "dup"), "))"]; break;
      case "cegrad": body = ["−", ...inner(a[0]), " / ", num(a[1])]; break;
      case "l2": body = ["½(", join(pairs(a).map(([y, f]) => ["(", num(y), " − ", ...inner(f), ")²"]), " + "), ")"]; break;
      case "l1": body = join(pairs(a).map(([y, f]) => ["|", num(y), " − ", ...inner(f), "|"]), " + "); break;
      case "bce": body = ["−(", join(pairs(a).map(([y, f]) => [...inner(y), "·log ", num(f), " + (", one(), " − ", num(y, "dup"), ")·log(", one(), " − ", num(f, "dup"), ")"]), " + "), ")"]; break;
      case "ce": body = ["−(", join(pairs(a).map(([y, f]) => [...inner(y), "·log ", num(f)]), " + "), ")"]; break;
      case "eq": body = []; break;
      default: throw new Error(`unknown line ${line.op}`);
    }
    const equals = line.approx ? " ≈ " : " = ";
    return el("span", {class: "line", "data-op": line.op, "data-act": line.act, "data-approx": line.approx},
              body, body.length ? equals : "", r);
  }

  const pairs = (args) => args.reduce((out, v, i) => (i % 2 ? out : [...out, [v, args[i + 1]]]), []);

  // Why a line says ≈ instead of =.
  const APPROX_NOTES = {
    overflow: "beyond double precision (±1.8e308): inf and nan are what the engine computes, too",
    clipped: "log 0 and 1/0: the engine keeps f within [1e-300, 1] for the loss and [1e-12, 1 − 1e-12] for its gradient",
    rounding: "the numbers are rounded: even written with all their digits they miss the result by a rounding",
    float: "floating point: the exact sum of these decimals rounds to a neighbouring double",
  };

  function approxNote(line) {
    return line.approx ? el("p", {class: "note", "data-note": line.approx, "data-static": true}, "≈: " + APPROX_NOTES[line.approx]) : null;
  }

  // Makes `old`'s children look like `fresh` (a list of nodes), touching only what differs: an edit
  // that changes numbers changes text, not elements, so the browser re-lays out little (recompute
  // time, benchmarks/explorer.py). Nodes here carry no listeners of their own (events are delegated).
  function morph(old, fresh) {
    let target = old.firstChild, k = 0;
    for (; target && k < fresh.length; target = target.nextSibling, k++) if (!same(target, fresh[k])) break;
    if (target || k < fresh.length) {  // another shape: take the new nodes as they are
      old.replaceChildren(...fresh);
      return;
    }
    target = old.firstChild;
    for (const node of fresh) {
      if (node.nodeType === 1 && node.hasAttribute("data-key") && node.getAttribute("data-key") === target.getAttribute("data-key")) {
        target = target.nextSibling;  // drawn from the same data: kept as it is
        continue;
      }
      if (node.nodeType === 3) {
        if (target.data !== node.data) target.data = node.data;
      } else {
        const names = node.getAttributeNames();
        for (const name of names) {
          const value = node.getAttribute(name);
          if (target.getAttribute(name) !== value) target.setAttribute(name, value);
        }
        if (target.attributes.length !== names.length) {
          for (const name of target.getAttributeNames()) if (!node.hasAttribute(name)) target.removeAttribute(name);
        }
        morph(target, node.childNodes);
      }
      target = target.nextSibling;
    }
  }

  const same = (a, b) => a.nodeType === b.nodeType && a.nodeName === b.nodeName;  // same kind of node

  return {morph, el, label, sym, num, inner, math, applied, lineElement, approxNote, ACT_NAMES, join, one};
})();
