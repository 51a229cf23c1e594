"""`nnviz slides`: a deck with a slide per pause, that opens offline in Chromium and advances."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from scene_frames import TINY_FPS, TINY_SIZE, add_test_scenes

from nnviz.cli import cli

pytestmark = [pytest.mark.render, pytest.mark.browser]


@pytest.fixture
def deck(tmp_path, monkeypatch, tmp_path_factory):
    """A deck of the test scene (one pause: two slides), rendered tiny."""
    add_test_scenes(monkeypatch, tmp_path_factory.getbasetemp())
    out = tmp_path / "deck"
    result = CliRunner().invoke(cli, ["slides", "render-test-circle", "-o", str(out), "--size",
                                      f"{TINY_SIZE[0]}x{TINY_SIZE[1]}", "--fps", str(TINY_FPS)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(out / "index.html"), str(out / "handout.pdf")]
    return out


def test_deck_plays_offline_and_advances_one_slide_per_pause(deck, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    outside = []

    def only_local(route):  # no network at all: anything not a local file is blocked and noted
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((deck / "index.html").as_uri(), wait_until="load")
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=15000)
    assert page.evaluate("Reveal.getTotalSlides()") == 2  # before the pause, after it
    assert page.evaluate("Reveal.getIndices().h") == 0
    page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getIndices().h === 1")
    page.wait_for_function("""(() => { const v = Reveal.getCurrentSlide().slideBackgroundElement
        .querySelector('video'); return v && v.readyState >= 1 && v.duration > 0 })()""", timeout=15000)
    assert outside == [] and errors == []
    context.close()


def test_deck_loads_reveal_from_its_own_folder(deck):
    html = re.sub(r"<!--.*?-->", "", (deck / "index.html").read_text(), flags=re.S)  # live tags only
    sources = re.findall(r'(?:src|href)="([^"]+)"', html) + re.findall(r'data-background-video="([^"]+)"', html)
    assert sources and not [s for s in sources if "://" in s]
    for source in sources:
        assert (deck / source).is_file(), source


def test_handout_has_one_page_per_slide(deck):
    pdf = (deck / "handout.pdf").read_bytes()
    assert pdf[:5] == b"%PDF-"
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 2
