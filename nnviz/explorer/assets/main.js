// Starting the page: the toolbar's buttons, and either the explorer or the softmax lab on its own.
"use strict";

const NNMain = (() => {
  const $ = (id) => document.getElementById(id);
  const meta = NNApp.meta;

  function common(state, update, link) {
    $("precision").addEventListener("change", () => { state.precision = $("precision").value; update(); });
    $("theme").addEventListener("click", () => { state.theme = state.theme === "light" ? "dark" : "light"; update(); });
    $("export-svg").addEventListener("click", () => NNIO.download(`${meta.name}.svg`, new Blob([picture()], {type: "image/svg+xml"})));
    $("export-png").addEventListener("click", async () => NNIO.download(`${meta.name}.png`, await NNIO.picturePng(picture())));
    $("copy-link").addEventListener("click", () => {
      $("link-box").hidden = false;
      $("link-text").value = link();
      $("link-text").select();
    });
    const picture = () => NNIO.pictureSvg(meta.palettes[state.theme]);
  }

  function explorer() {
    NNApp.start();
    const api = NNApp.api, state = NNApp.state;
    const link = () => { NNIO.writeHash(state, {now: true}); return location.href; };
    common(state, () => api.update(), link);
    $("backward").addEventListener("change", () => { state.backward = $("backward").checked; api.update(); });
    $("weights").addEventListener("change", () => { state.weights = $("weights").checked; api.update(); });
    $("reset").addEventListener("click", () => api.reset());
    $("save-toml").addEventListener("click", () => NNIO.download(`${meta.name}.toml`, new Blob([NNIO.specToml(state, meta)], {type: "application/toml"})));
    document.querySelectorAll("[data-view]").forEach((button) => button.addEventListener("click", () => {
      state.view = button.dataset.view;
      api.select(state.sel.col, state.sel.row);
    }));
    window.nnviz = {state, update: api.update, select: api.select, link, specToml: () => NNIO.specToml(state, meta),
                    pictureSvg: () => NNIO.pictureSvg(meta.palettes[state.theme]), bench};
  }

  // The softmax lab as a page of its own (the gallery's): its state in the URL too.
  function labPage() {
    const state = {lab: JSON.parse(JSON.stringify(meta.lab)), precision: meta.precision, theme: meta.theme};
    const read = () => {
      const p = new URLSearchParams(location.hash.slice(1));
      const [fin, T] = (p.get("lab") ?? "").split(";");
      const values = (fin ?? "").split(",").map(NNApp.parseNumber), t = NNApp.parseNumber(T ?? "");
      if (values.length === state.lab.fin.length && values.every((v) => v !== null) && t !== null && t > 0) state.lab = {fin: values, T: t};
      if (["slide", "4", "full"].includes(p.get("p"))) state.precision = p.get("p");
      if (p.get("theme") in meta.palettes) state.theme = p.get("theme");
    };
    read();
    const root = $("lab-root");
    let out = null;
    const update = () => {
      document.documentElement.dataset.theme = state.theme;
      $("precision").value = state.precision;
      const r = NNLab.draw(out, state.lab, {precision: state.precision, pal: meta.palettes[state.theme]});
      window.nnvizState = {lab: r, precision: state.precision};
      clearTimeout(timer);
      timer = setTimeout(link, 120);
      return window.nnvizState;
    };
    let timer = null;
    const link = () => {
      clearTimeout(timer);
      history.replaceState(null, "", `#lab=${state.lab.fin.join(",")};${state.lab.T}&p=${state.precision}&theme=${state.theme}`);
      return location.href;
    };
    out = NNLab.mount(root, state.lab, update);
    common(state, update, link);
    window.nnviz = {state, update, link, pictureSvg: () => NNIO.pictureSvg(meta.palettes[state.theme]), bench: null};
    update();
  }

  // The recompute time (make bench): n edits of x through the page's own update, in milliseconds each.
  function bench(n = 200) {
    const state = NNApp.state, x0 = state.x[0];
    const t0 = performance.now();
    for (let k = 0; k < n; k++) { state.x[0] = x0 + (k % 7) * 0.25; NNApp.api.update(); }
    const full = (performance.now() - t0) / n;
    const t1 = performance.now();
    for (let k = 0; k < n * 10; k++) NNApp.compute();
    const evaluate = (performance.now() - t1) / (n * 10);
    state.x[0] = x0;
    NNApp.api.update();
    return {update_ms: full, evaluate_ms: evaluate};
  }

  if (meta.kind === "lab") labPage(); else explorer();
  return {};
})();
