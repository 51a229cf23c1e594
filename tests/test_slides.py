"""`nnviz slides`: a deck that stops at every step with its words as speaker notes, opens offline in
Chromium, writes only its own files (relative -o, the user's files kept), and a 1080p handout."""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image
from scene_frames import TINY_FPS, TINY_SIZE, decode
from site_scenes import STEP_WORDS, add_site_scenes

from nnviz.cli import cli
from nnviz.gallery.deck import handout_size, read_part, stills_mixin
from nnviz.gallery.handout import write_handout
from nnviz.render import list_scenes

pytestmark = [pytest.mark.render, pytest.mark.browser]


@dataclass
class BuiltDeck:
    folder: Path  # absolute
    printed: list[list[str]]  # stdout of each of two builds (paths relative to the scratch folder)
    cwd: Path
    user_files: dict[Path, tuple[str, int]]  # the user's files: content, mode


@pytest.fixture(scope="module")
def deck(tmp_path_factory) -> BuiltDeck:
    """A deck of the step test scene, rendered tiny, written to a RELATIVE -o from a scratch folder
    that already holds the user's own files (private ones among them)."""
    scratch = tmp_path_factory.mktemp("slides-cwd")
    with pytest.MonkeyPatch.context() as mp:
        add_site_scenes(mp.setattr, tmp_path_factory.getbasetemp())
        mp.chdir(scratch)
        out = Path("lecture") / "deck"
        user_files = {out / "notes.txt": ("my notes\n", 0o600), out / "slides" / "keep.md": ("mine\n", 0o640),
                      out / "slides" / "site-test-steps" / "extra.txt": ("also mine\n", 0o600)}
        for path, (text, mode) in user_files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            path.chmod(mode)
        size = f"{TINY_SIZE[0]}x{TINY_SIZE[1]}"
        printed = []
        for _ in range(2):  # the second build replaces the first one's files, and only those
            result = CliRunner().invoke(cli, ["slides", "site-test-steps", "-o", str(out), "--size", size,
                                              "--fps", str(TINY_FPS)])
            assert result.exit_code == 0, result.output
            printed.append(result.stdout.splitlines())
    return BuiltDeck(scratch / out, printed, scratch, {scratch / path: value for path, value in user_files.items()})


def test_a_relative_output_folder_works_and_every_written_file_is_printed(deck):
    first, second = deck.printed
    steps = [f"lecture/deck/slides/site-test-steps/{k:02d}.{suffix}" for k in (1, 2, 3) for suffix in ("mp4", "png")]
    for printed in (first, second):
        assert printed[-2:] == ["lecture/deck/index.html", "lecture/deck/handout.pdf"]
        assert set(steps) <= set(printed)
    on_disk = {path.relative_to(deck.cwd).as_posix() for path in deck.folder.rglob("*") if path.is_file()}
    users = {path.relative_to(deck.cwd).as_posix() for path in deck.user_files}
    assert on_disk - users == set(first)  # every file written is printed, as the user named the folder
    assert "lecture/deck/reveal.js/dist/reveal.js" not in second  # unchanged: not written again
    assert not [p for p in deck.folder.rglob(".*") if p.name.startswith(".building")]


def test_the_users_files_in_the_deck_folder_keep_their_content_and_mode(deck):
    for path, (text, mode) in deck.user_files.items():
        assert path.read_text() == text, path
        assert stat.S_IMODE(path.stat().st_mode) == mode, path


def test_every_step_is_one_slide_with_its_words_as_speaker_notes(deck):
    part = read_part(deck.folder / "slides" / "site-test-steps")
    assert [slide["notes"] for slide in part.slides] == STEP_WORDS
    html = (deck.folder / "index.html").read_text()
    notes = re.findall(r'<aside class="notes">(.*?)</aside>', html)
    assert notes[2] == "σ(5) &lt; 1 &amp; &gt; 0: the &lt;b&gt;result&lt;/b&gt; stays a number."  # text, not markup
    assert len(re.findall(r"<section ", html)) == 3


def test_each_slide_stops_on_the_steps_complete_picture(deck):
    """The slide video's last frame is the step's still (the complete picture), not a frame mid-way."""
    folder = deck.folder / "slides" / "site-test-steps"
    for k in (1, 2, 3):
        last = decode(folder / f"{k:02d}.mp4").last.astype(float)
        still = np.asarray(Image.open(folder / f"{k:02d}.png").convert("RGB").resize(TINY_SIZE, Image.LANCZOS))
        assert np.abs(last - still).mean() < 6, k
    first, last = (np.asarray(Image.open(folder / f"{k:02d}.png")) for k in (1, 3))
    assert np.abs(first.astype(int) - last).mean() > 1  # the stills differ: each is its own step


def test_the_deck_plays_offline_advances_step_by_step_and_shows_the_notes(deck, browser):
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
    page.goto((deck.folder / "index.html").as_uri(), wait_until="load")
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=15000)
    assert page.evaluate("Reveal.getTotalSlides()") == len(STEP_WORDS)
    for k, words in enumerate(STEP_WORDS):
        page.wait_for_function(f"Reveal.getIndices().h === {k}")
        assert page.evaluate("Reveal.getCurrentSlide().querySelector('aside.notes').textContent") == words
        page.wait_for_function("""(() => { const v = Reveal.getCurrentSlide().slideBackgroundElement
            .querySelector('video'); return v && v.readyState >= 1 && v.duration > 0 })()""", timeout=15000)
        page.keyboard.press("ArrowRight")
    with context.expect_page(timeout=15000) as speaker:  # S: the speaker view, with the current step's words
        page.keyboard.press("s")
    view = speaker.value
    view.wait_for_function("document.querySelector('.speaker-controls-notes .value') && "
                           "document.querySelector('.speaker-controls-notes .value').textContent.length > 0",
                           timeout=15000)
    assert view.evaluate("document.querySelector('.speaker-controls-notes .value').textContent").strip() == \
        STEP_WORDS[-1]
    view.screenshot(path=str(deck.folder.parent / "speaker-view.png"))
    assert outside == [] and errors == []
    context.close()


def test_deck_loads_reveal_from_its_own_folder(deck):
    html = re.sub(r"<!--.*?-->", "", (deck.folder / "index.html").read_text(), flags=re.S)  # live tags only
    sources = re.findall(r'(?:src|href)="([^"]+)"', html) + re.findall(r'data-background-video="([^"]+)"', html)
    assert sources and not [s for s in sources if "://" in s]
    for source in sources:
        assert (deck.folder / source).is_file(), source


def pdf_pages(pdf: bytes) -> list[tuple[int, int]]:
    """(width, height) in pixels of each page's picture."""
    return [(int(w), int(h)) for w, h in re.findall(rb"/Subtype /Image /Width (\d+) /Height (\d+)", pdf)]


def test_handout_has_one_page_per_step_at_1080p(deck):
    pdf = (deck.folder / "handout.pdf").read_bytes()
    assert pdf[:5] == b"%PDF-" and pdf.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == len(STEP_WORDS)
    assert pdf_pages(pdf) == [(1920, 1080)] * len(STEP_WORDS)


def test_a_smaller_handout_on_request(tmp_path):
    assert handout_size(1080) == (1920, 1080) and handout_size(720) == (1280, 720)
    assert handout_size(480) == (854, 480)
    stills = []
    for k, colour in enumerate(((250, 250, 250), (20, 20, 20))):
        picture = np.full((480, 854, 3), colour, dtype=np.uint8)
        picture[100:200, 100 + 300 * k:300 + 300 * k] = (200, 60, 20)
        stills.append(tmp_path / f"{k}.png")
        Image.fromarray(picture).save(stills[-1])
    pdf = write_handout(stills, tmp_path / "handout.pdf").read_bytes()
    assert pdf_pages(pdf) == [(854, 480), (854, 480)]
    result = CliRunner().invoke(cli, ["slides", "--help"])
    assert "--handout [1080p|720p|480p]" in result.output


def recording_mixin(folder: Path, record: dict) -> type:
    """The deck's stills pass, noting each slide's speaker notes and the scene's steps."""

    class Recording(stills_mixin(folder)):
        def tear_down(self):
            super().tear_down()
            record["slides"] = list(self.deck_notes)
            record["steps"] = [step.words for step in self.steps]

    return Recording


@pytest.mark.parametrize("scene", [cls.name for cls in list_scenes()])
def test_the_deck_stops_at_every_step_of_every_scene(scene, tmp_path):
    """Every step of a lecture scene is a slide of its own, its words the slide's notes (σ points too)."""
    from nnviz.animate.base import SceneOptions
    from nnviz.render import render_scene

    record = {"slides": [], "steps": []}
    render_scene(scene, SceneOptions(), fmt="png", output=tmp_path / "last.png", size=(128, 72),
                 base=recording_mixin(tmp_path, record), cache=False)
    if not record["steps"]:
        pytest.skip(f"{scene} does not use the step model yet: its slides have no words")
    assert record["slides"] == record["steps"]  # each slide ends on its step's complete picture


@pytest.mark.parametrize(("args", "message"), [
    (["--size", "0x0"], "size 0x0: width and height must be even"),
    (["--fps", "nan"], "--fps nan: the frame rate must be a number"),
])
def test_bad_size_or_frame_rate_writes_nothing(args, message, tmp_path, monkeypatch):
    """The deck's options are checked before its folder is made: one line, exit 2, nothing written."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["slides", "-o", "s", *args])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nnviz: error: ") and message in lines[0]
    assert list(tmp_path.iterdir()) == []
