"""Building the gallery: rebuilds, what makes an item stale, the item contract, the user's files, what is
printed, Ctrl-C. Small fake scripts and one tiny test scene keep these fast."""

from __future__ import annotations

import json
import re
import stat
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from scene_frames import TINY_FPS, TINY_SIZE

from nnviz.cli import cli
from nnviz.errors import NnvizError
from nnviz.gallery import EXAMPLES, MANIFEST, SECTIONS, BuildOptions, Item, build_gallery, script_items
from nnviz.gallery.index import render_css, render_index
from nnviz.palette import PALETTES

TINY = BuildOptions(quality="l", size=TINY_SIZE, fps=TINY_FPS)

FIGURE_SCRIPT = '''
"""{title}"""

SECTION = "Loss landscapes"
ORDER = {order}
CAPTION = "A figure for a test."

# a matplotlib figure: SVG, PDF and PNG downloads
from matplotlib.figure import Figure  # noqa: E402


def make():
    fig = Figure(figsize=(4, 2.25))
    fig.add_subplot().plot([0, 1, 2], [0, {value}, 0])
    return fig
'''


def script(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.py"
    path.write_text(textwrap.dedent(text))
    return path


@pytest.fixture
def examples(tmp_path) -> Path:
    folder = tmp_path / "examples"
    script(folder, "first", FIGURE_SCRIPT.format(title="First figure.", order=1, value=1))
    script(folder, "second", FIGURE_SCRIPT.format(title="Second figure.", order=2, value=2))
    return folder


def test_a_rebuild_skips_unchanged_items_and_remakes_a_changed_one(examples, tmp_path):
    out = tmp_path / "site"
    first = build_gallery(out, options=TINY, examples=examples, scenes=[], progress=False)
    assert sorted(first.built) == ["script:first", "script:second"]
    again = build_gallery(out, options=TINY, examples=examples, scenes=[], progress=False)
    assert again.built == [] and sorted(again.skipped) == sorted(first.built)
    before = (out / "figures" / "first.svg").stat().st_mtime_ns
    script(examples, "second", FIGURE_SCRIPT.format(title="Second figure.", order=2, value=3))
    second = build_gallery(out, options=TINY, examples=examples, scenes=[], progress=False)
    assert second.built == ["script:second"] and second.skipped == ["script:first"]
    assert (out / "figures" / "first.svg").stat().st_mtime_ns == before


def test_parallel_build_makes_the_same_site(examples, tmp_path):
    report = build_gallery(tmp_path / "site", options=TINY, examples=examples, scenes=[], jobs=2,
                           progress=False)
    assert sorted(report.built) == ["script:first", "script:second"]
    for name in ("first", "second"):
        assert (tmp_path / "site" / "figures" / f"{name}.pdf").read_bytes()[:5] == b"%PDF-"


# ---- what makes an item stale: the code it runs, not only its own file -------------------------
HELPER = 'WORDS = "The sum is {value}."\n'
HELPED_SCENE = '''
from manim import Circle, Create
from nnviz.animate.base import LectureScene
from nnviz.scenes.nnviz_site_helper import WORDS


class SiteTestHelped(LectureScene):
    name = "site-test-helped"
    section = "A single neuron"
    summary = "Says what a helper module computes."
    order = 1

    def construct(self):
        self.step(Create(Circle()), say=WORDS, run_time=0.4)
'''


@pytest.mark.render
def test_a_change_in_a_module_the_scene_imports_rebuilds_its_video(tmp_path, monkeypatch):
    import nnviz.scenes

    folder = tmp_path / "scenes"
    folder.mkdir()
    (folder / "nnviz_site_helper.py").write_text(HELPER.format(value=5))
    (folder / "nnviz_site_helped.py").write_text(HELPED_SCENE)
    monkeypatch.setattr(nnviz.scenes, "__path__", [*nnviz.scenes.__path__, str(folder)])
    out = tmp_path / "site"

    def build():
        return build_gallery(out, options=TINY, examples=None, scenes=["site-test-helped"], deck=False,
                             progress=False)

    assert build().built == ["scene:site-test-helped"]
    assert build().skipped == ["scene:site-test-helped"]
    (folder / "nnviz_site_helper.py").write_text(HELPER.format(value=7))  # how the number is computed
    sys.modules.pop("nnviz.scenes.nnviz_site_helper", None)
    sys.modules.pop("nnviz.scenes.nnviz_site_helped", None)
    assert build().built == ["scene:site-test-helped"]
    assert "The sum is 7." in (out / "videos" / "site-test-helped.vtt").read_text()


# ---- the item contract: objects that write their own files -------------------------------------
OWN_FILES_SCRIPT = '''
"""An object that writes its own files."""

SECTION = "Single hidden layer networks"
ORDER = 5
CAPTION = "The item contract's extension."

# make() returns an object with gallery_files(folder, stem): it writes its files, the first is the card's
from pathlib import Path  # noqa: E402


class Made:
    def gallery_files(self, folder, stem):
        files = []
        for suffix, text in {suffixes}:
            path = Path(folder) / f"{{stem}}.{{suffix}}"
            path.write_text(text)
            files.append(path)
        return files


def make():
    return Made()
'''
PAGE = ("html", "<!doctype html><html><body style='background:#234'><h1 style='color:#fc3'>Explorer "
        "page</h1><p>x = (7, 1, -4)</p><img src='{stem}.svg'></body></html>")
SVG = ("svg", "<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg' width='80' height='40'>"
       "<rect width='80' height='40' fill='#ec7'/><text x='5' y='25'>z = 7</text></svg>")
TEX = ("tex", "\\\\begin{tikzpicture}\\\\node {z};\\\\end{tikzpicture}")


def test_an_object_with_gallery_files_becomes_a_page_or_a_figure(tmp_path):
    folder = tmp_path / "examples"
    script(folder, "explorer_page", OWN_FILES_SCRIPT.format(suffixes=[PAGE, SVG]))
    script(folder, "network_diagram", OWN_FILES_SCRIPT.format(suffixes=[SVG, ("pdf", "%PDF-1.4 stub"), TEX]))
    out = tmp_path / "site"
    report = build_gallery(out, options=TINY, examples=folder, scenes=[], progress=False)
    assert report.failed == {}
    outputs = json.loads((out / MANIFEST).read_text())
    assert outputs["script:explorer_page"]["kind"] == "page"
    assert outputs["script:explorer_page"]["outputs"] == ["pages/explorer_page.html", "pages/explorer_page.svg",
                                                         "thumbs/explorer_page.png"]
    assert outputs["script:network_diagram"]["outputs"] == ["figures/network_diagram.svg",
                                                           "figures/network_diagram.pdf", "figures/network_diagram.tex"]
    page = (out / "pages" / "explorer_page.html").read_text()
    assert page.count('class="nnviz-back" href="../index.html"') == 1 and "<h1 style" in page
    html = (out / "index.html").read_text()
    assert '<a class="thumb" href="pages/explorer_page.html"><img src="thumbs/explorer_page.png"' in html
    assert '<a href="pages/explorer_page.svg" download>SVG</a>' in html
    assert '<img src="figures/network_diagram.svg" alt="An object that writes its own files.">' in html
    assert '<a href="figures/network_diagram.tex" download>TEX</a>' in html


def test_gallery_files_outside_the_folder_fail_that_item_alone(tmp_path):
    folder = tmp_path / "examples"
    script(folder, "escapes", OWN_FILES_SCRIPT.format(suffixes=[SVG]).replace(
        "return files", "return [Path(folder).parent / 'elsewhere.svg']"))
    script(folder, "fine", FIGURE_SCRIPT.format(title="Fine.", order=1, value=1))
    report = build_gallery(tmp_path / "site", options=TINY, examples=folder, scenes=[], progress=False)
    assert list(report.failed) == ["script:escapes"]
    assert "gallery_files() returned" in report.failed["script:escapes"] and report.built == ["script:fine"]


def test_a_broken_script_fails_alone_with_one_line(examples, tmp_path):
    script(examples, "broken", '''
        """Broken."""
        SECTION = "Tests"
        ORDER = 1
        CAPTION = "x"

        def make():
            raise ValueError("no figure today")
    ''')
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["gallery", "-o", str(out), "--examples", str(examples),
                                      "--scenes", "", "--size", "256x144", "--fps", "5"])
    assert result.exit_code == 2, result.output
    error = [line for line in result.output.splitlines() if line.startswith("nnviz: error:")]
    assert error == ["nnviz: error: 1 gallery item(s) failed (script:broken: ValueError: no figure today)"]
    assert (out / "figures" / "first.svg").is_file()  # the others were built
    assert "script-broken" not in (out / "index.html").read_text()


def test_a_script_without_its_metadata_is_named(tmp_path):
    (tmp_path / "bare.py").write_text("def make():\n    pass\n")
    with pytest.raises(NnvizError, match=r"bare.py: a gallery script sets SECTION, ORDER, CAPTION"):
        script_items(tmp_path)


def test_the_gallery_scripts_are_short_and_commented():
    for path in EXAMPLES.glob("*.py"):
        if path.name.startswith("_"):  # the package's __init__ and helpers
            continue
        lines = path.read_text().splitlines()
        assert len(lines) <= 40, path.name
        assert any(line.strip().startswith("#") for line in lines), f"{path.name} explains nothing"
        assert 'if __name__ == "__main__":' in lines, f"{path.name} cannot run on its own"


# ---- the user's files, and what is printed -----------------------------------------------------
def test_private_files_in_the_output_folder_keep_their_mode_and_content(examples, tmp_path):
    out = tmp_path / "site"
    private = {out / ".ssh" / "id_rsa": "-----BEGIN KEY-----\n", out / "tax.txt": "2025\n",
               out / "figures" / "notes.txt": "mine\n", out / "deck" / "slides" / "draft.md": "draft\n"}
    for path, text in private.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        path.chmod(0o600)
    report = build_gallery(out, options=TINY, examples=examples, scenes=[], progress=False)
    assert report.failed == {}
    for path, text in private.items():
        assert path.read_text() == text and stat.S_IMODE(path.stat().st_mode) == 0o600, path
    made = [path for path in out.rglob("*") if path.is_file() and path not in private]
    assert made and all(stat.S_IMODE(path.stat().st_mode) & 0o044 == 0o044 for path in made)


def test_the_gallery_prints_every_file_it_wrote_and_the_index_last(examples, tmp_path):
    out = tmp_path / "site"
    args = ["gallery", "-o", str(out), "--examples", str(examples), "--scenes", ""]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    printed = first.stdout.splitlines()
    assert printed[-1] == str(out / "index.html")
    on_disk = sorted(str(path) for path in out.rglob("*") if path.is_file())
    assert sorted(printed) == on_disk
    again = CliRunner().invoke(cli, args)
    assert again.stdout.splitlines() == [str(out / "index.html")]  # nothing else changed


@pytest.mark.parametrize("garbage", [b"[1, 2, 3]", b"\x89PNG\x00\xff binary", b"{\"script:first\": [1]}"])
def test_an_unreadable_manifest_means_rebuild_everything(examples, tmp_path, garbage):
    out = tmp_path / "site"
    out.mkdir()
    (out / MANIFEST).write_bytes(garbage)
    report = build_gallery(out, options=TINY, examples=examples, scenes=[], progress=False)
    assert sorted(report.built) == ["script:first", "script:second"]
    assert sorted(json.loads((out / MANIFEST).read_text())) == ["script:first", "script:second"]


def test_list_names_every_scene_and_script_without_building(tmp_path):
    from nnviz.render import list_scenes

    result = CliRunner().invoke(cli, ["gallery", "--list", "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    keys = [line.split("\t")[0] for line in result.stdout.splitlines()]
    expected = {f"scene:{cls.name}" for cls in list_scenes()} | {f"script:{i.name}" for i in script_items()}
    assert sorted(keys) == sorted(expected) and len(keys) >= 21
    assert not (tmp_path / "site").exists()


# ---- the index: templates, escaping, the palette -----------------------------------------------
def test_labels_are_text_never_markup(tmp_path):
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "x.svg").write_text("<svg/>")
    item = Item("script", "x", "<script>alert(1)</script>", "Loss landscapes", 1, 'say "<b>hi</b>" & go', "x.py",
                outputs=["figures/x.svg"], output_kind="figure")
    html = render_index([item], tmp_path)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&lt;b&gt;hi&lt;/b&gt;&#34; &amp; go" in html


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_style_sheet_takes_every_colour_from_the_palette(theme):
    css = render_css(theme)
    colours = set(re.findall(r"#[0-9A-Fa-f]{6}\b", css))
    roles = PALETTES[theme].roles()
    assert colours and colours <= set(roles.values())
    assert f"background: {roles['background']}" in css and f"color: {roles['text']}" in css
    templates = Path(__import__("nnviz.pages", fromlist=["x"]).__file__).parent / "templates"
    for template in templates.iterdir():
        assert not re.findall(r"#[0-9A-Fa-f]{3,8}\b", template.read_text()), template.name  # no typed colour


def test_sections_are_the_lectures_in_order():
    assert SECTIONS[0] == "A single neuron" and SECTIONS[-1] == "Loss landscapes" and len(SECTIONS) == 10


def test_the_site_follows_the_theme(examples, tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["gallery", "-o", str(out), "--examples", str(examples), "--scenes", "",
                                      "--theme", "dark"])
    assert result.exit_code == 0, result.output
    dark = PALETTES["dark"]
    css = (out / "assets" / "gallery.css").read_text()
    assert f"background: {dark.background}" in css and f"color: {dark.text}" in css
    assert '<html lang="en" data-theme="dark">' in (out / "index.html").read_text()


PAGE_SCRIPT = '''
"""A page with a static twin."""

SECTION = "Loss landscapes"
ORDER = 3
CAPTION = "Without Chromium, its card shows the twin."

# a plotly page, and the same picture as a matplotlib figure for its thumbnail
import plotly.graph_objects as go  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402


def make():
    return go.Figure(go.Scatter(x=[0, 1, 2], y=[0, 1, 0]))


def make_static():
    fig = Figure(figsize=(6.4, 3.6))
    fig.add_subplot().plot([0, 1, 2], [0, 1, 0], linewidth=8)
    return fig
'''


def test_without_chromium_a_page_card_shows_the_scripts_static_twin(tmp_path, monkeypatch):
    import numpy as np
    from PIL import Image

    from nnviz.gallery import thumbnails

    monkeypatch.setattr(thumbnails, "chromium", lambda: None)
    folder = tmp_path / "examples"
    script(folder, "twin", PAGE_SCRIPT)
    out = tmp_path / "site"
    report = build_gallery(out, options=TINY, examples=folder, scenes=[], progress=False)
    assert report.failed == {}
    picture = np.asarray(Image.open(out / "thumbs" / "twin.png").convert("RGB"))
    assert picture.shape == (360, 640, 3) and len(np.unique(picture.reshape(-1, 3), axis=0)) > 20
    assert '<img src="thumbs/twin.png"' in (out / "index.html").read_text()
