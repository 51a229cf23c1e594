// What leaves the page: the state in the URL (shareable, bookmarkable), the network as a TOML spec
// that `nnviz trace` and `nnviz render --network` read, and the picture as SVG and PNG. No request
// is ever made: files are handed to the browser as downloads of in-memory blobs.
"use strict";

const NNIO = (() => {
  const LOSSES = ["l2", "l1", "binary-cross-entropy", "cross-entropy"];
  const ACTIVATIONS = Object.keys(NNEval.ACTIVATIONS);
  const PRECISIONS = ["slide", "4", "full"];
  const VIEWS = ["neuron", "layer", "lab"];
  const list = (values) => values.map(String).join(",");  // String(v) reads back as exactly v

  // ---- the URL: #x=-3,1,5&y=1&loss=l2&a1=sigmoid&W1=3,-9,2;11,-2,7&b1=5,2&… (W as the slides' W^T rows)
  function encode(state) {
    const p = new URLSearchParams();
    p.set("x", list(state.x));
    p.set("y", list(state.target));
    p.set("loss", state.loss);
    state.net.layers.forEach((layer, l) => {
      p.set(`a${l + 1}`, layer.activation);
      p.set(`W${l + 1}`, layer.b.map((_, j) => list(layer.W.map((row) => row[j]))).join(";"));
      p.set(`b${l + 1}`, list(layer.b));
    });
    p.set("p", state.precision);
    p.set("theme", state.theme);
    p.set("view", state.view);
    p.set("sel", `${state.sel.col}.${state.sel.row}`);
    p.set("backward", state.backward ? "1" : "0");
    p.set("weights", state.weights ? "1" : "0");
    p.set("lab", `${list(state.lab.fin)};${state.lab.T}`);
    return p.toString();
  }

  // The URL follows the state a moment after the last edit: replaceState is slow (milliseconds), and
  // writing it on every keystroke or slider step would cost more than the whole recompute.
  let written = "", timer = null;
  function writeHash(state, {now = false} = {}) {
    clearTimeout(timer);
    const write = () => {
      written = encode(state);
      if (location.hash.slice(1) !== written) history.replaceState(null, "", `#${written}`);
    };
    if (now) write(); else timer = setTimeout(write, 120);
  }

  const numbers = (text, n, what) => {
    const values = (text ?? "").split(",").map((t) => NNApp.parseNumber(t));
    if (values.length !== n || values.some((v) => v === null)) throw new Error(`${what} must be ${n} finite numbers`);
    return values;
  };

  // Reads the URL into the state: every key it has (a link may carry only some, e.g. #theme=dark);
  // false, with a message on the page, if what it says does not fit this network.
  function readHash(state, meta) {
    const text = location.hash.slice(1);
    if (!text || text === written) return false;
    const p = new URLSearchParams(text);
    try {
      const next = JSON.parse(JSON.stringify({net: state.net, x: state.x, target: state.target, loss: state.loss}));
      const g = next.net.layers[next.net.layers.length - 1].b.length;
      if (p.has("x")) next.x = numbers(p.get("x"), state.x.length, "x");
      if (p.has("loss")) {
        if (!LOSSES.includes(p.get("loss"))) throw new Error(`loss must be one of ${LOSSES.join(", ")}`);
        next.loss = p.get("loss");
      }
      if (p.has("y")) {
        const count = p.get("y").split(",").length;
        next.target = numbers(p.get("y"), count === 1 ? 1 : g, "y");
      }
      if (next.loss === "cross-entropy" && g > 1 && next.target.length === 1
          && !(Number.isInteger(next.target[0]) && next.target[0] >= 0 && next.target[0] < g)) {
        throw new Error(`y must be a class index 0..${g - 1}`);
      }
      next.net.layers.forEach((layer, l) => {
        const act = p.get(`a${l + 1}`);
        if (act !== null && !ACTIVATIONS.includes(act)) throw new Error(`a${l + 1} must be one of ${ACTIVATIONS.join(", ")}`);
        if (p.has(`W${l + 1}`)) {
          const rows = p.get(`W${l + 1}`).split(";");
          if (rows.length !== layer.b.length) throw new Error(`W${l + 1} must have ${layer.b.length} rows`);
          const WT = rows.map((row, j) => numbers(row, layer.W.length, `W${l + 1} row ${j + 1}`));
          layer.W = layer.W.map((_, i) => WT.map((row) => row[i]));
        }
        if (p.has(`b${l + 1}`)) layer.b = numbers(p.get(`b${l + 1}`), layer.b.length, `b${l + 1}`);
        if (act !== null) layer.activation = act;
      });
      let lab = null;
      if (p.has("lab")) {
        const [fin, T] = p.get("lab").split(";");
        lab = {fin: numbers(fin, state.lab.fin.length, "lab"), T: numbers(T ?? "", 1, "lab T")[0]};
        if (!(lab.T > 0)) throw new Error("lab T must be positive");
      }
      Object.assign(state, next);
      if (lab) Object.assign(state.lab, lab);  // in place: the lab's controls hold this object
      if (PRECISIONS.includes(p.get("p"))) state.precision = p.get("p");
      if (p.get("theme") in meta.palettes) state.theme = p.get("theme");
      if (VIEWS.includes(p.get("view"))) state.view = p.get("view");
      if (p.has("backward")) state.backward = p.get("backward") !== "0";
      if (p.has("weights")) state.weights = p.get("weights") === "1";
      const [col, row] = (p.get("sel") ?? "").split(".").map(Number);
      const sizes = [state.x.length, ...state.net.layers.map((l) => l.b.length)];
      if (Number.isInteger(col) && col >= 0 && col < sizes.length && Number.isInteger(row) && row >= 0 && row < sizes[col]) {
        state.sel = {col, row};
      }
      document.getElementById("link-error").textContent = "";
      return true;
    } catch (error) {
      document.getElementById("link-error").textContent = `This link does not fit the network (${error.message}): the page shows its own numbers.`;
      return false;
    }
  }

  // The page's numbers are the slide's (then the notes on the slide's own rounding apply).
  function isSlideState(state, meta) {
    const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
    return same(state.net, meta.network) && same(state.x, meta.x);
  }

  // ---- the network as a TOML spec ------------------------------------------------------------------
  // A number as TOML: integers as integers (up to 2^53), anything else as the shortest decimal that
  // reads back as exactly this double.
  function tomlNumber(v) {
    if (Object.is(v, -0)) return "-0.0";
    if (Number.isInteger(v) && Math.abs(v) <= 2 ** 53) return String(v);
    const text = String(v);
    return /[.e]/.test(text) ? text : `${text}.0`;
  }

  const tomlString = (s) => '"' + String(s).replace(/[\\"\u0000-\u001f\u007f]/g,
    (c) => ({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)) + '"';
  const tomlList = (values) => `[${values.map(tomlNumber).join(", ")}]`;

  function specToml(state, meta) {
    const lines = [`# Saved by the nnviz explorer. Reproduce: nnviz trace ${meta.name}.toml --target ${list(state.target)} --loss ${state.loss}`,
                   `name = ${tomlString(meta.name)}`];
    if (meta.description) lines.push(`description = ${tomlString(meta.description)}`);
    lines.push(`input = ${tomlList(state.x)}`);
    if (meta.input_labels) lines.push(`input_labels = [${meta.input_labels.map(tomlString).join(", ")}]`);
    lines.push(`target = ${state.target.length === 1 ? tomlNumber(state.target[0]) : tomlList(state.target)}`);
    lines.push(`loss = ${tomlString(state.loss)}`);
    state.net.layers.forEach((layer, l) => {
      const WT = layer.b.map((_, j) => tomlList(layer.W.map((row) => row[j])));
      lines.push("", "[[layers]]", `activation = ${tomlString(layer.activation)}`, `W_T = [${WT.join(", ")}]`, `b = ${tomlList(layer.b)}`);
      if (meta.layer_labels[l]) lines.push(`labels = [${meta.layer_labels[l].map(tomlString).join(", ")}]`);
    });
    return lines.join("\n") + "\n";
  }

  // ---- the picture ------------------------------------------------------------------------------------
  // The diagram (on the lab's own page: the Jacobian) and the worked lines under it as one SVG,
  // every number as text, sub- and superscripts as such, results and gradients in their colours.
  function pictureSvg(pal) {
    const {s} = NNDiagram;
    const source = document.getElementById("diagram") ?? document.querySelector("#lab-root .heatmap");
    const diagram = source.cloneNode(true);
    const width = Number(diagram.getAttribute("width")), height = Number(diagram.getAttribute("height"));
    const rows = [...document.querySelectorAll("#work .symbolic, #work .line, #lab-root .symbolic, #lab-root .line")]
      .filter((n) => n.checkVisibility()).slice(0, 12);
    const legend = document.getElementById("diagram") ? "edge colour: sign of the weight (blue +, vermillion −); width: size"
      : "the Jacobian diag(τ) − ττᵀ: positive entries blue, negative vermillion";
    const lineHeight = 24, extra = 20 + lineHeight * (rows.length + 1);
    const svg = s("svg", {xmlns: "http://www.w3.org/2000/svg", "font-family": NNDiagram.FONT});
    const background = s("rect", {x: 0, y: 0, height: height + extra, fill: pal.background});
    svg.append(background, ...diagram.childNodes);
    const y = (k) => height + 14 + lineHeight * (k + 0.6);
    const texts = [s("text", {x: 16, y: y(0), "font-size": 14, fill: pal.muted}, legend),
                   ...rows.map((row, k) => s("text", {x: 16, y: y(k + 1), "font-size": 16, fill: pal.text}, spans(row, pal)))];
    svg.append(...texts);
    // as wide as its longest line (a worked sum is not cut off at the diagram's edge): measured in the page
    svg.setAttribute("style", "position: absolute; left: -99999px; visibility: hidden");
    document.body.append(svg);
    const wide = Math.ceil(Math.max(width, ...texts.map((t) => 16 + t.getComputedTextLength() + 16)));
    svg.remove();
    svg.removeAttribute("style");
    for (const [name, value] of [["viewBox", `0 0 ${wide} ${height + extra}`], ["width", wide], ["height", height + extra]]) {
      svg.setAttribute(name, value);
    }
    background.setAttribute("width", wide);
    svg.querySelectorAll("[tabindex]").forEach((n) => n.removeAttribute("tabindex"));
    svg.querySelectorAll(".edge-hit").forEach((n) => n.remove());
    return new XMLSerializer().serializeToString(svg);
  }

  // HTML text as SVG tspans: <sub>/<sup> shifted and smaller, numbers coloured as on the page.
  function spans(node, pal, shift = null) {
    const {s} = NNDiagram;
    const out = [];
    for (const child of node.childNodes) {
      if (child.nodeType === 3) {
        out.push(s("tspan", shift ? {"baseline-shift": shift, "font-size": "70%"} : {}, child.data.replace(/\s+/g, " ")));
      } else if (child.nodeType === 1 && child.checkVisibility()) {
        const tag = child.tagName;
        // a subscript inside a superscript (e^(f_in,k)) stays up with it: SVG does not nest the shifts
        const inner = spans(child, pal, tag === "SUP" || shift === "super" ? (tag === "SUB" || tag === "SUP" ? "super" : shift)
          : tag === "SUB" ? "sub" : shift);
        const colour = child.classList.contains("result") ? pal.highlight : child.classList.contains("grad") ? pal.gradient : null;
        out.push(colour ? s("tspan", {fill: colour, "font-weight": child.classList.contains("result") ? "bold" : null}, inner) : inner);
      }
    }
    return out.flat(Infinity);
  }

  function download(name, blob) {
    const url = URL.createObjectURL(blob);
    const a = Object.assign(document.createElement("a"), {href: url, download: name});
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // The picture as PNG at twice its size (sharp on a projector), drawn from the SVG.
  function picturePng(svgText, scale = 2) {
    return new Promise((resolve, reject) => {
      const image = new Image();
      image.onload = () => {
        const canvas = document.createElement("canvas");
        canvas.width = image.width * scale;
        canvas.height = image.height * scale;
        const g = canvas.getContext("2d");
        g.scale(scale, scale);
        g.drawImage(image, 0, 0);
        canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("no PNG"))), "image/png");
      };
      image.onerror = () => reject(new Error("the SVG could not be drawn"));
      image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText);
    });
  }

  return {encode, writeHash, readHash, isSlideState, specToml, pictureSvg, picturePng, download, tomlNumber};
})();
