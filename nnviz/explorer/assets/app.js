// The explorer page: its state (the network, x, target, loss, what is shown), the controls that
// edit it, and update(), which recomputes everything and redraws the diagram and the panel.
"use strict";

const NNApp = (() => {
  const {label} = NNDom;
  const meta = JSON.parse(document.getElementById("nnviz-data").textContent);
  const $ = (id) => document.getElementById(id);

  const parseNumber = NNFormat.parseNumber;

  const copy = (v) => JSON.parse(JSON.stringify(v));
  const slide = () => ({net: copy(meta.network), x: meta.x.slice(), target: meta.target.slice(), loss: meta.loss});
  let state = null;  // made by start(): the lab page has no network
  const initialState = () => ({...slide(), precision: meta.precision, theme: meta.theme, view: "neuron",
                               sel: {col: Math.min(1, meta.network.layers.length), row: 0}, backward: meta.backward,
                               weights: meta.weights, lab: copy(meta.lab)});
  let trace = null;
  let labOutElement = null;  // where the softmax lab draws its numbers

  const layers = () => state.net.layers;
  const outputs = () => layers()[layers().length - 1].b.length;
  // Cross entropy over g > 1 classes with one number for a target: a class index (as the engine reads it).
  const classTarget = () => state.loss === "cross-entropy" && outputs() > 1 && state.target.length === 1;
  const columns = () => [state.x.length, ...layers().map((l) => l.b.length)];

  // ---- names --------------------------------------------------------------------------------------
  const SUB = {0: "₀", 1: "₁", 2: "₂", 3: "₃", 4: "₄", 5: "₅", 6: "₆", 7: "₇", 8: "₈", 9: "₉"};
  // x_1 → x₁ (a spec's labels are text: only digits become subscripts)
  const plain = (name) => name.replace(/_\{?(\d+)\}?$/, (_, d) => [...d].map((c) => SUB[c]).join(""));

  // The names depend only on the spec and the shape, which the page never changes: made once.
  let names = null;
  function nodeNames() {
    const L = layers().length;
    return names ??= columns().map((n, c) => {
      const given = c === 0 ? meta.input_labels : meta.layer_labels[c - 1];
      if (given) return given.map(plain);
      const base = c === 0 ? "x" : c === L ? "f" : "z";
      return Array.from({length: n}, (_, k) => (c === L && n === 1 ? "f" : plain(`${base}_${k + 1}`)));
    });
  }

  function headers() {
    const L = layers().length;
    return [["input x", ""], ...layers().map((layer, l) => [l === L - 1 ? "output" : `layer ${l + 1}`, layer.activation])];
  }

  const biasName = (l) => NNWorked.names(state.net, l).b;
  const pal = () => meta.palettes[state.theme];

  // ---- the one computation --------------------------------------------------------------------------
  function compute() {
    const t = {...NNEval.forward(state.net, state.x), net: state.net};
    return {...NNEval.backward(state.net, t, state.target, state.loss), net: state.net};
  }

  // Everything the page computed, at full precision (what the contract test compares to 1e-12).
  function exposeState(labResult) {
    window.nnvizState = {
      x: trace.x.slice(), target: trace.target.slice(), target_given: state.target.slice(),
      loss_function: trace.loss_function, loss: trace.loss,
      fused: trace.fused,
      layers: trace.layers.map((lt, l) => ({
        activation: layers()[l].activation, W: copy(layers()[l].W), b: layers()[l].b.slice(),
        z_in: lt.z_in, z_out: lt.z_out, grad_z_out: lt.grad_z_out, grad_z_in: lt.grad_z_in, grad_W: lt.grad_W,
        grad_b: lt.grad_b, ...NNEval.softmaxTerms(lt.z_in),
      })),
      lab: labResult, view: state.view, precision: state.precision, sel: {...state.sel},
    };
  }

  const ctx = () => ({net: state.net, trace, precision: state.precision, pal: pal(), backward: state.backward});

  function update({editor = false} = {}) {
    trace = compute();
    document.documentElement.dataset.theme = state.theme;
    drawDiagram();
    if (editor) NNEditor.render(state, api);
    drawPanel();
    drawStatus();
    NNEditor.sync();
    NNIO.writeHash(state);
    return window.nnvizState;
  }

  let size = null;  // the diagram's box, measured when it changes (reading it on every edit costs a layout)
  function drawDiagram() {
    const svg = $("diagram"), box = $("diagram-box");
    const focused = svg.contains(document.activeElement);
    // a column of five or six neurons needs ~96 px a row (value, node, bias, δ): taller than the box, it scrolls
    size ??= {width: Math.max(box.clientWidth, 320), height: Math.max(box.clientHeight, 300, 96 * Math.max(...columns()) + 92)};
    NNDiagram.draw(svg, {net: state.net, trace, pal: pal(), precision: state.precision, sel: state.sel,
                         backward: state.backward, weights: state.weights, names: nodeNames(), headers: headers(),
                         layerView: state.view === "layer" && state.sel.col > 0,
                         biasName, ...size});
    if (focused && !svg.contains(document.activeElement)) selectedNode()?.focus();
  }

  const selectedNode = () => $("diagram").querySelector(`.node[data-col="${state.sel.col}"][data-row="${state.sel.row}"]`);

  function drawPanel() {
    const work = $("work");
    let labResult = null;
    document.querySelectorAll("[data-view]").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.view === state.view)));
    $("lab-root").hidden = state.view !== "lab";
    work.hidden = state.view === "lab";
    if (state.view === "lab") {
      labResult = NNLab.draw(labOutElement, state.lab, ctx());
    } else if (state.view === "layer") {
      NNDom.morph(work, [NNLayer.layerView(ctx(), Math.max(state.sel.col - 1, 0))]);
    } else if (state.sel.col === 0) {
      NNDom.morph(work, [NNPanel.inputView(ctx(), state.sel.row)]);
    } else {
      NNDom.morph(work, [NNPanel.neuronView(ctx(), state.sel.col - 1, state.sel.row)]);
    }
    exposeState(labResult ?? NNLab.compute(state.lab.fin, state.lab.T));
    $("notes").hidden = !(meta.notes.length && state.precision === "slide" && NNIO.isSlideState(state, meta));
  }

  // The loss in the toolbar, always in view when the backward pass is on.
  function drawStatus() {
    const box = $("loss-value");
    box.replaceChildren();
    if (!state.backward) return;
    box.append(label("R_emp = L(y, f) = "), NNDom.num(NNFormat.write({q: "loss", idx: [], value: trace.loss}, 0, state.precision), "r"));
  }

  // ---- changing the state ---------------------------------------------------------------------------
  function select(col, row, {focus = false} = {}) {
    const sizes = columns();
    col = Math.max(state.view === "layer" ? 1 : 0, Math.min(col, sizes.length - 1));  // a layer view shows a layer
    state.sel = {col, row: Math.max(0, Math.min(row, sizes[col] - 1))};
    update({editor: true});
    if (focus) selectedNode()?.focus();
  }

  function setTarget(values) {
    state.target = values;
    update();
  }

  // Switching away from cross entropy turns a class index into its one-hot vector; switching to it
  // keeps a vector (a soft target) and reads one number as a class index only if it is one.
  function setLoss(name) {
    const g = outputs(), wasClass = classTarget(), t = state.target[0];
    state.loss = name;
    if (wasClass && !classTarget()) state.target = Array.from({length: g}, (_, k) => (k === t ? 1 : 0));
    else if (classTarget() && !(Number.isInteger(t) && t >= 0 && t < g)) state.target = Array(g).fill(t);
    NNEditor.renderToolbar(state, api);
    update();
  }

  function reset() {
    Object.assign(state, slide());
    NNEditor.renderToolbar(state, api);
    update({editor: true});
  }

  const api = {state: () => state, update, select, setTarget, setLoss, reset, parseNumber, meta, classTarget, outputs,
               nodeNames, selectedNode};

  // ---- keyboard on the diagram: arrows move between neurons, Enter edits --------------------------------
  function onDiagramKey(event) {
    const {col, row} = state.sel, sizes = columns();
    const nearest = (c) => Math.round(((row + 0.5) / sizes[col]) * sizes[c] - 0.5);
    const moves = {ArrowUp: [col, row - 1], ArrowDown: [col, row + 1],
                   ArrowLeft: [col - 1, nearest(col - 1)], ArrowRight: [col + 1, nearest(col + 1)]};
    if (moves[event.key]) {
      event.preventDefault();
      select(...moves[event.key], {focus: true});
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      NNEditor.focusFirst();
    }
  }

  function onDiagramClick(event) {
    const node = event.target.closest(".node"), edge = event.target.closest("[data-edge]"), header = event.target.closest(".header");
    if (node) select(Number(node.dataset.col), Number(node.dataset.row), {focus: true});
    else if (edge) {
      const [l, i, j] = edge.dataset.edge.split(",").map(Number);
      if (state.view === "lab") state.view = "neuron";
      select(l + 1, j);
      NNEditor.focusWeight(i);
    } else if (header && Number(header.dataset.col) > 0) {
      state.view = "layer";
      select(Number(header.dataset.col), 0);
    }
  }

  function start() {
    state = initialState();
    NNIO.readHash(state, meta);
    NNEditor.renderToolbar(state, api);
    const outputs = state.net.layers[state.net.layers.length - 1].b.length;
    const fin = () => trace.layers[trace.layers.length - 1].z_in;  // the output layer's f_in, when the lab has as many
    labOutElement = NNLab.mount($("lab-root"), state.lab, () => update(), outputs === state.lab.fin.length ? fin : null);
    const svg = $("diagram");
    svg.addEventListener("keydown", onDiagramKey);
    svg.addEventListener("click", onDiagramClick);
    window.addEventListener("hashchange", () => {
      if (!NNIO.readHash(state, meta)) return;
      NNEditor.renderToolbar(state, api);
      labOutElement.refresh();
      update({editor: true});
    });
    new ResizeObserver(() => { size = null; drawDiagram(); }).observe($("diagram-box"));
    update({editor: true});
  }

  return {parseNumber, start, api, meta, get state() { return state; }, trace: () => trace, compute};
})();
