// The controls: the toolbar (x, target, loss, precision, theme, what is shown, the actions) and the
// editor of the selection (a neuron's weights, bias and activation; an input; a layer's W^T and b).
// A field that does not hold a number says so beside it and the page keeps its last good state.
"use strict";

const NNEditor = (() => {
  const {el} = NNDom;
  const $ = (id) => document.getElementById(id);
  let fields = [];  // {input, get}: every number field, refreshed from the state after each update

  const ACTIVATIONS = ["identity", "sigmoid", "tanh", "relu", "step", "softmax"];
  const LOSSES = {l2: "L2: ½(y − f)²", l1: "L1: |y − f|", "binary-cross-entropy": "binary cross entropy",
                  "cross-entropy": "cross entropy"};

  // A field for one number: edits apply at once when they parse, else an inline message.
  function numberField(name, get, set, api, attrs = {}) {
    const input = el("input", {type: "text", inputmode: "decimal", value: String(get()), "aria-label": name,
                               class: "num-field", spellcheck: "false", autocomplete: "off", ...attrs});
    const error = el("span", {class: "field-error", role: "alert", "data-static": true});
    input.addEventListener("input", () => {
      const v = api.parseNumber(input.value);
      if (v === null) {
        const what = input.value.trim() === "" ? "is empty"
          : `“${input.value}” is not a finite number${input.value.includes(",") ? " (decimals take a point: 2.5)" : ""}`;
        error.textContent = `${name} ${what}: the page keeps ${name} = ${get()}`;
        input.setAttribute("aria-invalid", "true");
        return;
      }
      error.textContent = "";
      input.removeAttribute("aria-invalid");
      set(v);
      api.update();
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        input.value = String(get());
        error.textContent = "";
        input.removeAttribute("aria-invalid");
        api.selectedNode()?.focus();
      }
    });
    fields.push({input, get, error});
    return el("label", {class: "field"}, el("span", {class: "field-name", "data-static": true}, name), input, error);
  }

  function select(name, options, value, onChange, attrs = {}) {
    const node = el("select", {"aria-label": name, "data-static": true, ...attrs},
                    Object.entries(options).map(([key, text]) => el("option", {value: key, selected: key === value}, text)));
    node.addEventListener("change", () => onChange(node.value));
    return node;
  }

  // The refresh after an update: fields show the state (except the one being typed in).
  function sync() {
    fields = fields.filter((f) => f.input.isConnected);
    for (const f of fields) {
      if (f.input !== document.activeElement && !f.input.hasAttribute("aria-invalid")) f.input.value = String(f.get());
    }
  }

  const names = (api) => api.nodeNames();

  // ---- the toolbar ------------------------------------------------------------------------------------
  function renderToolbar(state, api) {
    const xs = state.x.map((_, i) => numberField(names(api)[0][i], () => state.x[i], (v) => { state.x[i] = v; }, api));
    $("x-fields").replaceChildren(el("span", {class: "group-name"}, "input x"), ...xs);
    renderTarget(state, api);
    $("loss-select").replaceChildren(el("span", {class: "group-name"}, "loss"),
                                     select("loss", LOSSES, state.loss, (v) => api.setLoss(v)));
    $("precision").value = state.precision;
    $("backward").checked = state.backward;
    $("weights").checked = state.weights;
  }

  function renderTarget(state, api) {
    const g = api.outputs(), out = names(api)[names(api).length - 1];
    let controls;
    if (api.classTarget()) {
      const options = Object.fromEntries(out.map((n, k) => [String(k), `class ${k} (${n})`]));
      controls = [select("target class", options, String(state.target[0]), (v) => api.setTarget([Number(v)]))];
    } else {
      const y = NNEval.targets(state.target, g, state.loss);
      state.target = y;
      controls = y.map((_, k) => numberField(`y${g > 1 ? "_" + (k + 1) : ""}`, () => state.target[k], (v) => { state.target[k] = v; }, api));
    }
    $("target-fields").replaceChildren(el("span", {class: "group-name"}, "target y"), ...controls);
  }

  // ---- the selection --------------------------------------------------------------------------------
  function render(state, api) {
    const box = $("editor");
    if (state.view === "lab") { box.replaceChildren(); return; }
    const {col, row} = state.sel;
    if (state.view === "layer") box.replaceChildren(layerEditor(state, api, Math.max(col - 1, 0)));
    else if (col === 0) box.replaceChildren(inputEditor(state, api, row));
    else box.replaceChildren(neuronEditor(state, api, col - 1, row));
  }

  function title(text) {
    return el("h2", {"data-static": true}, text);
  }

  function inputEditor(state, api, i) {
    const name = names(api)[0][i];
    return el("div", {class: "edit"}, title(`Input ${name}`),
              numberField(name, () => state.x[i], (v) => { state.x[i] = v; }, api, {"data-edit": `x,${i}`}));
  }

  function activationSelect(state, api, l) {
    return el("label", {class: "field"}, el("span", {class: "field-name", "data-static": true}, "activation of the layer"),
              select("activation of the layer", Object.fromEntries(ACTIVATIONS.map((a) => [a, a])), state.net.layers[l].activation,
                     (v) => { state.net.layers[l].activation = v; api.update({editor: true}); }, {"data-edit": `act,${l}`}));
  }

  function neuronEditor(state, api, l, j) {
    const layer = state.net.layers[l], N = NNWorked.names(state.net, l), nm = names(api);
    const L = state.net.layers.length;
    const where = l === L - 1 ? "the output layer" : `hidden layer ${l + 1}`;
    const weights = layer.W.map((_, i) => numberField(text(N.weight(i + 1, j)), () => layer.W[i][j],
                                                      (v) => { layer.W[i][j] = v; }, api, {"data-edit": `W,${l},${i},${j}`}));
    return el("div", {class: "edit"}, title(`Neuron ${nm[l + 1][j]} of ${where}`),
              el("div", {class: "field-row"}, numberField(text(N.bias(j)), () => layer.b[j], (v) => { layer.b[j] = v; }, api,
                                                          {"data-edit": `b,${l},${j}`}), activationSelect(state, api, l)),
              el("div", {class: "field-row weights"}, el("span", {class: "group-name", "data-static": true}, `weights into ${nm[l + 1][j]}`), weights));
  }

  // The layer's W^T as the slides print it (a row per neuron, a column per input) and b, as a table
  // of fields with the names of rows and columns at their heads.
  function layerEditor(state, api, l) {
    const layer = state.net.layers[l], N = NNWorked.names(state.net, l), nm = names(api);
    const head = el("tr", {}, el("th", {}), layer.W.map((_, i) => el("th", {"data-static": true}, l === 0 ? nm[0][i] : text(N.input(i + 1)))),
                    el("th", {"data-static": true}, text(NNWorked.sym(N.b, N.vector ? "" : "j", N.sup))));
    const rows = layer.b.map((_, j) => el("tr", {}, el("th", {"data-static": true}, text(N.zOut(j))),
      layer.W.map((_, i) => el("td", {}, cell(text(N.weight(i + 1, j)), () => layer.W[i][j], (v) => { layer.W[i][j] = v; },
                                             api, `W,${l},${i},${j}`))),
      el("td", {}, cell(text(N.bias(j)), () => layer.b[j], (v) => { layer.b[j] = v; }, api, `b,${l},${j}`))));
    return el("div", {class: "edit"}, title(`Layer ${l + 1}: ${N.W}${N.vector ? "" : "ᵀ"} (a row per neuron) and ${N.b}`),
              activationSelect(state, api, l), el("table", {class: layer.W.length >= 5 ? "grid wide" : "grid"}, el("thead", {}, head), el("tbody", {}, rows)));
  }

  // A field in a table: its name is the row's and column's (read out by a screen reader, not shown).
  function cell(name, get, set, api, edit) {
    const field = numberField(name, get, set, api, {"data-edit": edit});
    field.querySelector(".field-name").classList.add("visually-hidden");
    return field;
  }

  // A symbol as plain text for a field's name: W₁₂⁽²⁾ style.
  function text(s) {
    const SUB = {0: "₀", 1: "₁", 2: "₂", 3: "₃", 4: "₄", 5: "₅", 6: "₆", 7: "₇", 8: "₈", 9: "₉", ",": ",", i: "ᵢ", j: "ⱼ", k: "ₖ"};
    const SUP = {0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹", "(": "⁽", ")": "⁾", T: "ᵀ"};
    const tr = (str, map) => [...str].map((c) => map[c] ?? c).join("");
    return s.b + tr(s.sub, SUB) + tr(s.sup, SUP);
  }

  const focusFirst = () => $("editor").querySelector("input, select")?.focus();
  const focusWeight = (i) => $("editor").querySelectorAll(".weights input")[i]?.focus();

  return {renderToolbar, renderTarget, render, sync, focusFirst, focusWeight, numberField, text};
})();
