"""The explorer page as a user meets it: offline, robust to bad and huge input, its state in the URL,
its spec readable by `nnviz trace`, its picture exportable, usable from the keyboard, in both themes."""

from __future__ import annotations

import json
import re
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from explorer_check import check

from nnviz.cli import cli
from nnviz.engine import load_network
from nnviz.explorer import Explorer, SoftmaxLab
from nnviz.explorer.page import SCRIPTS
from nnviz.palette import PALETTES

pytestmark = pytest.mark.browser
SLIDES = ["single-hidden", "multiclass", "deep", "perceptron"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("explorer")
    out = {name: Explorer(name, target=load_network(name).default_target).write(folder / f"{name}.html")
           for name in SLIDES}
    out["lab"] = SoftmaxLab().write(folder / "lab.html")
    return out


@pytest.fixture
def tab(browser):
    """A 1024×768 page (a projector) that blocks and records every request but the page's own file."""
    context = browser.new_context(viewport={"width": 1024, "height": 768}, accept_downloads=True)
    outside: list[str] = []

    def only_the_page(route):
        if route.request.url.startswith("file:") and route.request.url.split("#")[0].endswith(".html"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_page)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.outside, page.errors = outside, errors
    yield page
    context.close()


def goto(page, path: Path, hash_: str = ""):
    page.goto(path.as_uri() + hash_)
    page.wait_for_function("() => window.nnvizState !== undefined")


def no_problems(page, **options) -> dict:
    seen, problems = check(page, **options)
    assert problems == [], "\n".join(problems[:10])
    assert page.errors == [] and page.outside == []
    return seen


@pytest.mark.parametrize("name", [*SLIDES, "lab"])
def test_a_page_is_one_file_that_asks_for_nothing(pages, tab, name):
    text = pages[name].read_text(encoding="utf-8")
    assert len(text.encode()) < 300_000  # the goal: under 300 KB, no plotly
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", text)  # no CDN, no web font
    assert "fetch(" not in text and "XMLHttpRequest" not in text and "@import" not in text
    goto(tab, pages[name])
    no_problems(tab)


def test_no_colour_is_typed_outside_the_palette():
    from importlib import resources

    assets = resources.files("nnviz.explorer") / "assets"
    for name in [*SCRIPTS, "style.css", "page.html.j2"]:
        text = (assets / name).read_text(encoding="utf-8")
        assert not re.search(r"#[0-9a-fA-F]{3,8}\b", text), name  # colours come from nnviz/palette.py
        assert not re.search(r"\b(rgb|hsl)a?\(", text), name


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_both_themes_take_their_colours_from_the_palette(pages, tab, theme):
    goto(tab, pages["deep"])
    if theme == "dark":
        tab.click("#theme")
    p = PALETTES[theme]
    got = tab.evaluate("""() => {
        const css = getComputedStyle(document.documentElement);
        const rect = document.querySelector('#diagram > rect');
        const edge = [...document.querySelectorAll('#diagram .edge')].map(e => e.getAttribute('stroke'));
        return {theme: document.documentElement.dataset.theme, bg: css.getPropertyValue('--background').trim(),
                value: css.getPropertyValue('--value').trim(), svg: rect.getAttribute('fill'),
                edges: [...new Set(edge)]};
    }""")
    assert got["theme"] == theme and got["bg"] == p.background and got["svg"] == p.background
    assert got["value"] == p.value
    assert set(got["edges"]) <= {p.positive, p.negative, p.muted} and {p.positive, p.negative} <= set(got["edges"])
    no_problems(tab)


def test_a_non_number_gets_an_inline_message_and_the_page_keeps_its_last_good_state(pages, tab):
    goto(tab, pages["single-hidden"])
    before = tab.evaluate("() => JSON.stringify(window.nnvizState)")
    field = tab.locator("#x-fields input").first
    for bad in ["abc", "", "1e309", "3..1", "-"]:
        field.fill(bad)
        message = field.locator("xpath=following-sibling::span[@role='alert']")
        assert message.is_visible() and "x₁" in message.inner_text() and "keeps" in message.inner_text(), bad
        assert field.get_attribute("aria-invalid") == "true"
        assert tab.evaluate("() => JSON.stringify(window.nnvizState)") == before, bad
    no_problems(tab)
    field.fill("-2")
    assert not field.locator("xpath=following-sibling::span[@role='alert']").is_visible()
    assert tab.evaluate("() => window.nnvizState.x") == [-2, 1, 5]
    no_problems(tab)


def test_1e308_goes_where_the_engine_goes_and_nan_is_never_shown_as_a_number(pages, tab):
    goto(tab, pages["single-hidden"])
    tab.locator("#x-fields input").first.fill("1e308")
    seen = no_problems(tab)
    z_in = seen["state"]["layers"][0]["z_in"]
    assert z_in == [np.inf, np.inf, -np.inf, np.inf]  # 1e308·(3, 11, −6, 6) overflows, as in NumPy
    assert np.isfinite(seen["state"]["layers"][1]["z_in"]).all()  # σ(±inf) is 0 or 1: f_in is a number again
    shown = tab.evaluate("""() => [...document.querySelectorAll('[data-q]')].filter(e => e.checkVisibility())
        .map(e => [e.textContent, e.classList.contains('nonfinite') || e.closest('svg') !== null])""")
    for text, marked in shown:
        assert text not in ("NaN", "Infinity", "undefined", "null")
        if text in ("inf", "-inf", "nan"):
            assert marked
    for col, row in [(1, 0), (1, 2), (2, 0)]:
        tab.locator(f'#diagram .node[data-col="{col}"][data-row="{row}"]').click()
        no_problems(tab)


@pytest.mark.parametrize("logit", ["1000", "-1000"])
def test_a_logit_of_1000_overflows_the_naive_softmax_and_the_page_shows_the_stable_one(pages, tab, logit):
    goto(tab, pages["multiclass"])
    tab.locator('#diagram .node[data-col="2"][data-row="1"]').click()
    tab.locator('[data-edit="b,1,1"]').fill(logit)
    seen = no_problems(tab)
    f = seen["state"]["layers"][1]["z_out"]
    assert np.isfinite(f).all() and abs(sum(f) - 1) < 1e-12
    if logit == "1000":
        assert f[1] == 1.0
        assert tab.locator("[data-note=overflow]").first.is_visible()
        assert any(line["op"] == "div" and line["result"]["q"] == "z_out" and line["args"][0]["q"] == "sexp"
                   for line in seen["lines"])  # f_2 = e^(f_in,2 − m) / Σ: the stable way
        assert any(n["q"] == "exp" and n["text"] == "inf" for n in seen["numbers"])  # the naive e^1000, as such
    else:
        assert f[1] == 0.0 and not tab.locator("[data-note=overflow]").first.is_visible()


def on_screen(page, selector: str, within: str | None = None) -> bool:
    """Scrolled to, the element (or something ``within``) is what the page shows at its centre."""
    return page.evaluate("""([s, within]) => {
        const e = document.querySelector(s);
        e.scrollIntoView({block: 'center'});
        const r = e.getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return (r.width > 0 || r.height > 0) && (hit === e || e.contains(hit) || (!!within && !!hit.closest(within)));
    }""", [selector, within])


def test_the_softmax_lab_shows_the_naive_way_fail_and_the_stable_way_work(pages, tab):
    goto(tab, pages["lab"])
    for selector in ("#lab-root input[type=range]", "#lab-root .lab-way.stable .line", "#lab-root .heatmap"):
        assert on_screen(tab, selector), selector
    seen = no_problems(tab, allow_approx=False)
    assert [n["text"] for n in seen["numbers"] if n["q"] == "lab_tau"] == ["0.867", "0.016", "0.117"]
    tab.click(".lab-huge")
    seen = no_problems(tab)
    numbers = {(n["q"], tuple(n["i"])): n["text"] for n in seen["numbers"]}
    assert numbers[("lab_exp", (1,))] == "inf" and numbers[("lab_naive", (1,))] == "nan"
    assert [numbers[("lab_tau", (k,))] for k in range(3)] == ["0.000", "1.000", "0.000"]
    assert tab.locator(".lab-way.naive.fails h3").inner_text().startswith("The naive way overflows")
    # a temperature, through its field: τ(f_in / T)
    tab.locator("input[aria-label='temperature T']").nth(1).fill("2.5")
    seen = no_problems(tab)
    assert seen["state"]["lab"]["T"] == 2.5
    tab.locator("input[aria-label='temperature T']").nth(1).fill("0")
    assert "positive" in tab.locator("#lab-root .field-error").inner_text()
    assert tab.evaluate("() => window.nnvizState.lab.T") == 2.5


@pytest.mark.parametrize("view", ["neuron", "layer", "lab"])
def test_every_view_is_on_screen_at_1024_by_768(pages, tab, view):
    goto(tab, pages["deep"])
    tab.click(f"[data-view={view}]")
    for selector in ("#diagram .node", "#diagram .edge-hit", ".legend"):
        assert on_screen(tab, selector, "#diagram"), selector
    selectors = {"neuron": ["#editor input", "#work .line", "#work .plot"],
                 "layer": ["#editor table", "#work .bracket"],
                 "lab": ["#lab-root input[type=range]", "#lab-root .heatmap"]}[view]
    for selector in selectors:
        assert on_screen(tab, selector), selector


def test_the_url_holds_the_whole_state(pages, tab, browser):
    goto(tab, pages["deep"])
    tab.locator("#x-fields input").nth(1).fill("2.5")
    tab.locator('#diagram .node[data-col="3"][data-row="2"]').click()
    tab.locator('[data-edit="b,2,2"]').fill("-0.3")
    tab.locator('[data-edit="act,2"]').select_option("tanh")
    tab.select_option("#loss-select select", "l2")
    tab.select_option("#precision", "4")
    tab.click("[data-view=layer]")
    state = tab.evaluate("() => window.nnvizState")
    tab.click("#copy-link")  # the page's own Link button shows the link to copy
    url = tab.locator("#link-text").input_value()
    assert url == tab.url and "x=7%2C2.5%2C-4" in url and "a3=tanh" in url
    other = browser.new_page(viewport={"width": 1024, "height": 768})
    other.goto(url)
    other.wait_for_function("() => window.nnvizState !== undefined")
    again = other.evaluate("() => window.nnvizState")
    for key in ("x", "target", "loss_function", "loss", "view", "precision", "sel", "layers"):
        assert again[key] == state[key], key
    assert other.locator("[data-view=layer]").get_attribute("aria-pressed") == "true"
    other.close()


def test_a_link_for_another_network_says_so_and_the_page_keeps_its_numbers(pages, tab):
    goto(tab, pages["single-hidden"], "#x=1,2&y=1&loss=l2")
    assert "does not fit" in tab.locator("#link-error").inner_text()
    assert tab.evaluate("() => window.nnvizState.x") == [-3, 1, 5]
    no_problems(tab)


def test_the_saved_spec_is_what_nnviz_trace_reads(pages, tab, tmp_path):
    goto(tab, pages["multiclass"])
    tab.locator("#x-fields input").nth(2).fill("4.75")
    tab.locator('#diagram .edge-hit[data-edge="1,3,2"]').dispatch_event("click")
    tab.locator(":focus").fill("-0.1")
    tab.select_option("#target-fields select", "2")
    with tab.expect_download() as download:
        tab.click("#save-toml")
    saved = tmp_path / "saved.toml"
    download.value.save_as(saved)
    assert saved.read_text() == tab.evaluate("() => nnviz.specToml()")
    state = tab.evaluate("() => window.nnvizState")
    result = CliRunner().invoke(cli, ["trace", str(saved), "--target", "2", "--loss", "cross-entropy",
                                      "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    engine = json.loads(result.output)
    assert engine["input"] == state["x"] == [-3, 1, 4.75]
    for mine, theirs in zip(state["layers"], engine["layers"]):
        for key in ("z_in", "z_out", "grad_z_in", "grad_W", "grad_b"):
            np.testing.assert_allclose(mine[key], theirs[key], rtol=1e-12, atol=1e-12)
    assert abs(engine["loss"] - state["loss"]) <= 1e-12 * (1 + abs(engine["loss"]))
    # `nnviz render --network saved.toml` shows LectureScene.network(): load_network of the file, at
    # its default input; the same numbers bit for bit, so the same pictures
    net = load_network(str(saved))
    assert net.default_input.tolist() == state["x"]
    for layer, mine in zip(net.layers, state["layers"]):
        assert layer.W.tolist() == mine["W"] and layer.b.tolist() == mine["b"]
        assert layer.activation.name == mine["activation"]


def test_the_picture_exports_as_svg_with_numbers_as_text_and_as_png(pages, tab, tmp_path):
    goto(tab, pages["deep"])
    tab.locator('#diagram .node[data-col="1"][data-row="0"]').click()
    with tab.expect_download() as download:
        tab.click("#export-svg")
    svg = tmp_path / "deep.svg"
    download.value.save_as(svg)
    text = svg.read_text()
    assert text.startswith("<svg") and 'xmlns="http://www.w3.org/2000/svg"' in text
    texts = [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text[^>]*>(.*?)</text>", text)]  # each line's words
    for number in ("79", "0.867", "0.016", "7·13 + 1·(-9) + (-4)·2 + 5 = 79"):
        assert any(number in t for t in texts), number
    assert "http" not in text.replace("http://www.w3.org/2000/svg", "")
    with tab.expect_download() as download:
        tab.click("#export-png")
    png = tmp_path / "deep.png"
    download.value.save_as(png)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    svg_width = int(re.search(r'width="(\d+)"', text).group(1))
    assert width == 2 * svg_width and height > 600
    assert len(set(zlib.decompress(b"".join(_chunks(data, b"IDAT")))[:200_000])) > 20  # not blank
    assert tab.errors == [] and tab.outside == []
    # the output neuron's symbolic line is longer than the diagram is wide: the picture widens, no line is cut
    tab.locator('#diagram .node[data-col="4"][data-row="0"]').click()
    with tab.expect_download() as download:
        tab.click("#export-svg")
    download.value.save_as(svg)
    width, rights = tab.evaluate("""(text) => {
        const svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
        document.body.append(svg);
        const right = (t) => t.getBBox().x + t.getBBox().width;
        return [svg.width.baseVal.value, [...svg.querySelectorAll(':scope > text')].map(right)];
    }""", svg.read_text())
    assert width > tab.viewport_size["width"] / 2 and max(rights) > 535 and all(r <= width - 8 for r in rights)


def test_the_softmax_labs_own_page_exports_its_picture_too(pages, tab, tmp_path):
    goto(tab, pages["lab"])
    with tab.expect_download() as download:
        tab.click("#export-svg")
    path = tmp_path / "lab.svg"
    download.value.save_as(path)
    texts = [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text[^>]*>(.*?)</text>", path.read_text())]
    assert "20.09 / 23.17 = 0.867" in texts and any("diag(τ)" in t for t in texts)
    assert tab.errors == [] and tab.outside == []


def _chunks(data: bytes, kind: bytes):
    at = 8
    while at < len(data):
        size = struct.unpack(">I", data[at:at + 4])[0]
        if data[at + 4:at + 8] == kind:
            yield data[at + 8:at + 8 + size]
        at += 12 + size


def test_the_keyboard_reaches_moves_and_edits(pages, tab):
    goto(tab, pages["single-hidden"])
    for _ in range(40):  # Tab through the toolbar into the diagram
        tab.keyboard.press("Tab")
        if tab.evaluate("() => document.activeElement.classList.contains('node')"):
            break
    assert tab.evaluate("() => window.nnvizState.sel") == {"col": 1, "row": 0}
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("ArrowRight")
    assert tab.evaluate("() => window.nnvizState.sel") == {"col": 2, "row": 0}
    assert tab.evaluate("() => document.activeElement.dataset.col") == "2"
    tab.keyboard.press("ArrowLeft")  # back from the one output to the middle of the hidden layer
    assert tab.evaluate("() => window.nnvizState.sel") == {"col": 1, "row": 2}
    tab.keyboard.press("Enter")
    assert tab.evaluate("() => document.activeElement.dataset.edit") == "b,0,2"
    tab.keyboard.press("Control+a")
    tab.keyboard.type("4")
    assert tab.evaluate("() => window.nnvizState.layers[0].b[2]") == 4
    tab.keyboard.press("Escape")
    assert tab.evaluate("() => document.activeElement.classList.contains('node')")
    no_problems(tab)


def test_reset_restores_the_slide_and_its_notes(pages, tab):
    goto(tab, pages["deep"])
    notes = tab.locator("#notes")
    assert notes.is_visible() and "0.866, 0.015, 0.117" in notes.inner_text()
    tab.locator("#x-fields input").first.fill("6")
    assert not notes.is_visible()  # the slide's numbers are gone: so is what the notes say about them
    tab.click("#reset")
    assert notes.is_visible()
    assert tab.evaluate("() => window.nnvizState.layers[0].z_in") == [79, -70, 9, -26]
    no_problems(tab, allow_approx=False)


def test_a_spec_label_is_text_never_markup(tmp_path, tab):
    spec = tmp_path / "odd.toml"
    spec.write_text('name = "odd<script>"\ninput = [1, 2]\ninput_labels = ["<b>a</b>", "x_2"]\n'
                    '[[layers]]\nactivation = "relu"\nW_T = [[1, 2]]\nb = [0]\nlabels = ["<img src=x>"]\n')
    path = Explorer(str(spec)).write(tmp_path / "odd.html")
    assert "<img src=x>" not in path.read_text() and "<b>a</b>" not in path.read_text()
    goto(tab, path)
    assert tab.locator("#diagram text", has_text="<b>a</b>").count() == 1
    assert tab.locator("img, b").count() == 0
    no_problems(tab)
