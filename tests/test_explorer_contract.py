"""The explorer's contract: every number the page shows is the engine's, for the slide networks and
for random specs, after edits made through the page's own controls (see tests/explorer_check.py).

One browser; a page per network; many states per page. Requests are blocked and recorded: the page
must make none.
"""

from __future__ import annotations

import numpy as np
import pytest
from explorer_check import check

from nnviz.analysis.worked import worked
from nnviz.engine import ACTIVATIONS, LOSSES, Dense, Network, builtin_networks, load_network
from nnviz.explorer import Explorer

pytestmark = pytest.mark.browser

SLIDES = ["single-hidden", "multiclass", "deep", "perceptron"]
N_RANDOM = 52


@pytest.fixture(scope="module")
def tab(browser):
    """One page in a context that blocks and records every request that is not the page itself."""
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    outside: list[str] = []

    def only_the_page(route):
        url = route.request.url
        if url.startswith("file:") and url.endswith(".html"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", only_the_page)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page, errors, outside
    assert outside == [], f"the explorer made requests: {outside}"
    context.close()


def open_explorer(tab, tmp_path, network, **options):
    page, errors, _ = tab
    path = Explorer(network, **options).write(tmp_path / "explore.html")
    page.goto(path.as_uri())
    page.wait_for_function("() => window.nnvizState !== undefined")
    return page


def assert_matches(page, tab, what: str, **options) -> dict:
    seen, problems = check(page, **options)
    assert problems == [], f"{what}: " + "\n".join(problems[:12])
    assert tab[1] == [], f"{what}: console errors {tab[1]}"
    return seen


def sizes(page) -> list[int]:
    return page.evaluate("() => [...document.querySelectorAll('#diagram .node')].reduce("
                         "(s, n) => { s[+n.dataset.col] = +n.dataset.row + 1; return s; }, [])")


def visit_every_neuron(page):
    """Walk the diagram with the keyboard (arrows), column by column; yields (column, row) at each neuron."""
    page.locator('#diagram .node[data-col="0"][data-row="0"]').click()
    counts = sizes(page)
    for col, n in enumerate(counts):
        row = page.evaluate("() => window.nnvizState.sel.row")
        for _ in range(row):
            page.keyboard.press("ArrowUp")
        for r in range(n):
            assert page.evaluate("() => window.nnvizState.sel") == {"col": col, "row": r}
            yield col, r
            if r < n - 1:
                page.keyboard.press("ArrowDown")
        if col < len(counts) - 1:
            page.keyboard.press("ArrowRight")


# ---- the slide networks: every neuron, every view, every precision ---------------------------------
@pytest.mark.parametrize("name", SLIDES)
def test_every_number_of_a_slide_network_is_the_engines(tab, tmp_path, name):
    assert name in builtin_networks()
    net = load_network(name)
    page = open_explorer(tab, tmp_path, name, target=net.default_target)
    seen = assert_matches(page, tab, f"{name} as it opens", allow_approx=False)
    assert seen["state"]["x"] == net.default_input.tolist()
    for precision in ("slide", "4", "full"):
        page.select_option("#precision", precision)
        page.click("[data-view=neuron]")
        for col, row in visit_every_neuron(page):
            seen = assert_matches(page, tab, f"{name} {precision} neuron {col},{row}", allow_approx=precision == "full")
            assert seen["lines"] or col == 0, "a worked line is shown"
        page.click("[data-view=layer]")
        page.locator('#diagram .node[data-col="1"][data-row="0"]').click()
        for layer in range(len(net.layers)):  # the layer view, layer after layer with →
            assert page.evaluate("() => window.nnvizState.sel.col") == layer + 1
            seen = assert_matches(page, tab, f"{name} {precision} layer {layer}", allow_approx=precision == "full")
            assert sum(line["result"]["q"] == "z_in" for line in seen["lines"]) == net.layers[layer].n_neurons
            page.keyboard.press("ArrowRight")
        page.click("[data-view=lab]")
        assert_matches(page, tab, f"{name} {precision} softmax lab", allow_approx=precision == "full")
        page.click("[data-view=neuron]")


def test_the_slides_arithmetic_is_written_so_that_it_adds_up(tab, tmp_path):
    """f_in = 0.047·3 + 0.881·(-12) + 0.50·8 + 0.999·1 + 6 = 0.57: more digits than the slide, adding up,
    written as nnviz.analysis.worked writes it for the diagram and the LaTeX."""
    page = open_explorer(tab, tmp_path, "single-hidden", target=1)
    page.click('#diagram .node[data-col="2"][data-row="0"]')
    seen = assert_matches(page, tab, "single-hidden output", allow_approx=False)
    f_in = next(line for line in seen["lines"] if line["op"] == "sum" and line["result"]["q"] == "z_in")
    factors = [[f["text"] for f in term] for term in f_in["terms"]]
    assert factors == [["0.047", "3"], ["0.881", "-12"], ["0.50", "8"], ["0.999", "1"], ["6"]]
    house = worked(load_network("single-hidden").forward([-3, 1, 5]))
    assert " + ".join("·".join(f"({t})" if t.startswith("-") else t for t in term) for term in factors) == \
        house.sum_text(1, 0)
    assert f_in["result"]["text"] == "0.57"
    page.click('#diagram .node[data-col="1"][data-row="0"]')
    seen = assert_matches(page, tab, "single-hidden z_1", allow_approx=False)
    z1 = next(line for line in seen["lines"] if line["op"] == "sum" and line["result"]["q"] == "z_in")
    assert [[f["text"] for f in term] for term in z1["terms"]] == [["-3", "3"], ["1", "-9"], ["5", "2"], ["5"]]
    assert z1["result"]["text"] == "-3"


def test_the_deep_networks_softmax_step_writes_the_exponentials_as_they_add_up(tab, tmp_path):
    page = open_explorer(tab, tmp_path, "deep", target=0)
    page.click('#diagram .node[data-col="4"][data-row="1"]')
    seen = assert_matches(page, tab, "deep f_2", allow_approx=False)
    by_op = {}
    for line in seen["lines"]:
        by_op.setdefault(line["op"], []).append(line)
    assert [line["result"]["text"] for line in by_op["exp"]] == ["20.09", "0.37", "2.72"]
    total = next(line for line in by_op["sum"] if line["result"]["q"] == "expsum")
    assert total["result"]["text"] == "23.17"  # 20.09 + 0.37 + 2.72 would be 23.18: written with 3 decimals
    assert [f["text"] for term in total["terms"] for f in term] == ["20.086", "0.368", "2.718"]
    assert by_op["div"][0]["result"]["text"] == "0.016"


# ---- random specs, edited through the page's controls ----------------------------------------------------
def _number(rng: np.random.Generator) -> float:
    """An integer, a quarter, or any double: the page must write all of them as the engine does."""
    kind = rng.integers(3)
    if kind == 0:
        return float(rng.integers(-6, 7))
    if kind == 1:
        return float(rng.integers(-24, 25)) / 4
    return float(rng.normal(0, 1.2))


def random_spec(seed: int) -> tuple[Network, list[float], object, str]:
    """Depth 1–4, widths 1–6; activations and losses cycle so that every one appears many times."""
    rng = np.random.default_rng(seed)
    depth = 1 + seed % 4
    sizes = [int(rng.integers(1, 7)) for _ in range(depth + 1)]
    acts = list(ACTIVATIONS)
    layers = [Dense([[_number(rng) for _ in range(sizes[k + 1])] for _ in range(sizes[k])],
                    [_number(rng) for _ in range(sizes[k + 1])], acts[(seed + 2 * k) % len(acts)])
              for k in range(depth)]
    loss = list(LOSSES)[(seed // 2) % len(LOSSES)]
    g = sizes[-1]
    if loss == "cross-entropy" and g > 1:
        target = int(rng.integers(g))
    else:
        target = [float(rng.integers(0, 2)) if loss != "l2" else _number(rng) for _ in range(g)]
    return Network(layers, f"random-{seed}"), [_number(rng) for _ in range(sizes[0])], target, loss


def test_the_random_specs_cover_every_depth_width_activation_and_loss():
    specs = [random_spec(seed) for seed in range(N_RANDOM)]
    assert {len(net.layers) for net, *_ in specs} == {1, 2, 3, 4}
    assert {n for net, *_ in specs for n in net.shape} == {1, 2, 3, 4, 5, 6}
    assert {layer.activation.name for net, *_ in specs for layer in net.layers} == set(ACTIVATIONS)
    assert {net.layers[-1].activation.name for net, *_ in specs} == set(ACTIVATIONS)  # every output, too
    assert {loss for *_, loss in specs} == set(LOSSES)
    fused = {(net.layers[-1].activation.name, loss) for net, *_, loss in specs}
    assert {("softmax", "cross-entropy"), ("sigmoid", "binary-cross-entropy")} <= fused


def typed(rng: np.random.Generator) -> str:
    """What a user types: 2, -0.75, 1.3e-1, or the shortest form of a random double."""
    return repr(_number(rng)) if rng.random() < 0.5 else str(_number(rng)).removesuffix(".0")


@pytest.mark.parametrize("seed", range(N_RANDOM))
def test_random_specs_edited_through_the_page_agree_with_the_engine(tab, tmp_path, seed):
    net, x, target, loss = random_spec(seed)
    rng = np.random.default_rng(1000 + seed)
    page = open_explorer(tab, tmp_path, net, x=x, target=target, loss=loss, backward=True)
    assert_matches(page, tab, f"spec {seed} as it opens")
    state = page.evaluate("() => window.nnvizState")
    assert state["loss_function"] == loss and [len(lt["b"]) for lt in state["layers"]] == list(net.shape[1:])

    # x, through the toolbar's field
    i = int(rng.integers(net.n_inputs))
    text = typed(rng)
    page.locator("#x-fields input").nth(i).fill(text)
    seen = assert_matches(page, tab, f"spec {seed} after x_{i + 1} = {text}")
    assert seen["state"]["x"][i] == float(text)

    # a weight: click its edge, type into the field that gets the focus
    layer = int(rng.integers(len(net.layers)))
    a, b = int(rng.integers(net.shape[layer])), int(rng.integers(net.shape[layer + 1]))
    page.locator(f'#diagram .edge-hit[data-edge="{layer},{a},{b}"]').dispatch_event("click")
    text = typed(rng)
    page.locator(":focus").fill(text)
    seen = assert_matches(page, tab, f"spec {seed} after W[{layer}][{a},{b}] = {text}")
    assert seen["state"]["layers"][layer]["W"][a][b] == float(text)

    # a bias: the keyboard way — arrows to a neuron, Enter, type
    page.locator(f'#diagram .node[data-col="{layer + 1}"][data-row="{b}"]').focus()
    page.keyboard.press("ArrowUp" if b > 0 else "ArrowDown")
    sel = page.evaluate("() => window.nnvizState.sel")
    assert sel == {"col": layer + 1, "row": b - 1 if b > 0 else min(1, net.shape[layer + 1] - 1)}
    page.keyboard.press("Enter")
    text = typed(rng)
    page.locator(":focus").fill(text)
    seen = assert_matches(page, tab, f"spec {seed} after b[{layer}][{sel['row']}] = {text}")
    assert seen["state"]["layers"][layer]["b"][sel["row"]] == float(text)

    # a layer's activation and the loss, through their selects; then a precision and the layer view
    act = list(ACTIVATIONS)[int(rng.integers(len(ACTIVATIONS)))]
    page.select_option(f'[data-edit="act,{layer}"]', act)
    new_loss = list(LOSSES)[int(rng.integers(len(LOSSES)))]
    page.select_option("#loss-select select", new_loss)
    assert_matches(page, tab, f"spec {seed} with {act} and {new_loss}")
    page.select_option("#precision", ["slide", "4", "full"][seed % 3])
    page.click("[data-view=layer]")
    assert_matches(page, tab, f"spec {seed} layer view")
