"""The lecture as a reveal.js deck: one slide per step (its words as speaker notes), and a PDF handout.

A scene's part of the deck is made in two renders (``build_part``): mixed with
``manim_slides.Slide``, every step (``LectureScene.step`` calls ``next_slide(notes=words)``) becomes a
slide video that ends on the step's complete last frame; then, skipping the animations, each step's
last frame is drawn at handout size (1920×1080 by default) as a still. ``assemble_deck`` writes the
deck page (``nnviz/pages/templates/deck.html``), the handout (one page per still) and a copy of reveal.js::

    deck = Path("site/deck")
    build_part("deep-forward", deck, BuildOptions(quality="l"))   # deck/slides/deep-forward/01.mp4, 01.png …
    assemble_deck(deck, ["deep-forward"])                         # deck/index.html, deck/handout.pdf

The deck plays offline: reveal.js comes from ``nnviz/slides-assets`` and every slide is a local file.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from nnviz.errors import NnvizError
from nnviz.files import write_text
from nnviz.gallery.options import BuildOptions
from nnviz.gallery.place import place, remove_stale, staging, write_if_changed

DECK = "deck"  # the deck's folder inside the gallery
SLIDES = "slides"  # one folder per scene inside the deck's folder
PART = "part.json"
REVEAL = Path(__file__).resolve().parent.parent / "slides-assets" / "reveal.js"
HANDOUT_HEIGHTS = (1080, 720, 480)


@dataclass
class Part:
    """A scene's slides in the deck: each a video, a still and the step's words."""

    scene: str
    title: str
    width: int
    height: int
    background: str
    slides: list[dict]  # {"video": "01.mp4", "still": "01.png", "notes": "..."}

    @property
    def folder(self) -> str:
        return f"{SLIDES}/{self.scene}"


def handout_size(height: int) -> tuple[int, int]:
    if height not in HANDOUT_HEIGHTS:
        raise NnvizError(f"handout height {height}: must be one of {', '.join(map(str, HANDOUT_HEIGHTS))}")
    return round(height * 16 / 9 / 2) * 2, height  # even, as video encoders want: 854 × 480 like manim


# ---- one scene's slides ------------------------------------------------------------------------
class StepBreaks:
    """Slide breaks where the steps end: a slide is one step, from the end of the step before.

    ``LectureScene.step`` calls ``next_slide(notes=words)`` as it starts; what a scene plays between two
    steps (a point moving to where the next step reads it) belongs to the next step's slide, so the
    break is made when the step is over: before the next play after it, or at the next step's start.
    ``next_slide()`` without notes (``pause``) breaks at once. ``_deck_break(notes)`` ends the slide.
    """

    def setup(self):
        super().setup()
        self._deck_notes = None  # the words of the current slide's step, once that step has begun
        self._deck_steps = 0  # how many steps were done when it began
        self._deck_breaking = False

    def next_slide(self, *args, **kwargs):
        if "notes" not in kwargs:  # a pause: a slide break here
            self._deck_end_slide()
            return
        if self._deck_notes is not None:  # the current slide has its step already: it ends here
            self._deck_end_slide()
        self._deck_notes, self._deck_steps = kwargs["notes"], len(getattr(self, "steps", ()))

    def play(self, *args, **kwargs):
        if not self._deck_breaking and self._deck_notes is not None and \
                len(getattr(self, "steps", ())) > self._deck_steps:  # the step is over: its slide ends
            self._deck_end_slide()
        super().play(*args, **kwargs)

    def tear_down(self):
        self._deck_end_slide(last=True)
        super().tear_down()

    def _deck_end_slide(self, last: bool = False) -> None:
        notes, self._deck_notes = self._deck_notes or "", None
        self._deck_breaking = True
        try:
            self._deck_break(notes, last)
        finally:
            self._deck_breaking = False


def slide_mixin(folder: Path) -> type:
    """``manim_slides.Slide`` writing its slide files into ``folder``; each slide ends complete."""
    import logging

    from manim import config
    from manim_slides import Slide

    logging.getLogger("manim-slides").setLevel(logging.WARNING)  # nnviz prints the files it wrote, and errors

    class LectureSlide(StepBreaks, Slide):
        skip_reversing = True  # the deck never plays backwards; reversing doubles the render time

        def __init__(self, *args, **kwargs):
            super().__init__(*args, output_folder=folder, **kwargs)
            # manim writes an animation's last frame only when the next one starts: a short still at
            # the end of every slide makes the slide stop on the step's complete picture.
            self.wait_time_between_slides = max(0.1, 1 / config.frame_rate)

        def _deck_break(self, notes: str, last: bool) -> None:
            self._base_slide_config.notes = notes  # the words of the slide that ends here
            if last:
                if self._current_animation > self._start_animation:
                    self.wait(self.wait_time_between_slides)
            else:
                Slide.next_slide(self)

    return LectureSlide


def stills_mixin(folder: Path) -> type:
    """A scene that draws the picture at every slide break (manim-slides' rule) into ``folder/NN.png``."""
    from manim import Scene
    from PIL import Image

    class Stills(StepBreaks, Scene):
        def setup(self):
            super().setup()
            self._deck_plays = self._deck_shown = self._deck_stills = 0  # names no scene uses
            self.deck_notes: list[str] = []  # each still's slide's words

        def play(self, *args, **kwargs):
            super().play(*args, **kwargs)
            self._deck_plays += 1

        def _deck_break(self, notes: str, last: bool) -> None:
            if self._deck_plays > self._deck_shown:  # like manim-slides: a break with nothing played is no slide
                self.renderer.update_frame(self, ignore_skipping=True)
                frame = Image.fromarray(self.renderer.get_frame()).convert("RGB")
                self._deck_stills += 1
                frame.save(folder / f"{self._deck_stills:02d}.png", format="PNG")
                self._deck_shown = self._deck_plays
                self.deck_notes.append(notes)

    return Stills


def build_part(scene: str, deck: Path, options: BuildOptions) -> list[Path]:
    """Render ``scene``'s slides and stills into ``deck/slides/<scene>/``; returns the files written."""
    from manim_slides.config import PresentationConfig

    from nnviz.animate.base import SceneOptions
    from nnviz.palette import palette
    from nnviz.render import get_scene, render_scene

    cls = get_scene(scene)
    folder = deck.resolve() / SLIDES / scene
    before = _part_files(folder)
    with staging(folder.parent, scene) as tmp:
        manim_dir, stills = tmp / "manim", tmp / "stills"
        stills.mkdir()
        render_scene(scene, SceneOptions(theme=options.theme), quality=options.quality, fmt="mp4",
                     output=tmp / "whole.mp4", size=options.size, fps=options.fps, base=slide_mixin(manim_dir),
                     progress=False)
        config = PresentationConfig.from_file(manim_dir / f"{cls.__name__}.json")
        render_scene(scene, SceneOptions(theme=options.theme), quality="h", fmt="png", output=tmp / "last.png",
                     size=handout_size(options.handout), base=stills_mixin(stills), cache=False, progress=False)
        pictures = sorted(stills.glob("*.png"))
        if len(pictures) != len(config.slides):
            raise NnvizError(f"scene {scene}: the deck has {len(config.slides)} slides but {len(pictures)} "
                             "stills were drawn at the slide breaks")
        made, slides = {}, []
        for number, (slide, still) in enumerate(zip(config.slides, pictures), 1):
            video = tmp / f"{number:02d}.mp4"
            shutil.copyfile(slide.file, video)
            made[video], made[still] = folder / video.name, folder / f"{number:02d}.png"
            slides.append({"video": video.name, "still": f"{number:02d}.png", "notes": slide.notes})
        width, height = config.resolution
        part = {"scene": scene, "title": cls.summary or scene, "width": width, "height": height,
                "background": palette(options.theme).background, "slides": slides}
        (tmp / PART).write_text(json.dumps(part, indent=1), encoding="utf-8")
        made[tmp / PART] = folder / PART
        written = place(made)
    remove_stale(folder, before, [path.name for path in written])
    return written


def read_part(folder: Path) -> Part | None:
    try:
        data = json.loads((folder / PART).read_text(encoding="utf-8"))
        return Part(**data)
    except (OSError, ValueError, TypeError):
        return None


def _part_files(folder: Path) -> list[str]:
    part = read_part(folder)
    if part is None:
        return []
    return [PART, *(name for slide in part.slides for name in (slide["video"], slide["still"]))]


# ---- the whole deck ----------------------------------------------------------------------------
def assemble_deck(deck: Path, scenes: list[str], *, title: str = "What is deep learning?", theme: str = "light",
                  back: str | None = None) -> list[Path]:
    """The deck page, the handout and reveal.js for the parts of ``scenes``; returns the files written.

    ``back``: the href of the page to link back to (the gallery's index), or None.
    """
    from nnviz.gallery.handout import write_handout
    from nnviz.pages.templates import render
    from nnviz.palette import palette

    parts = [part for part in (read_part(deck / SLIDES / scene) for scene in scenes) if part is not None]
    if not parts:
        raise NnvizError(f"{deck}: no scene's slides to put in the deck")
    width, height = parts[0].width, parts[0].height
    html = render("deck.html", title=title, parts=parts, width=width, height=height, back=back, p=palette(theme))
    written = _copy_reveal(deck / "reveal.js")
    written.append(write_text(deck / "index.html", html))  # always: the deck's entry point is printed
    stills = [deck / part.folder / slide["still"] for part in parts for slide in part.slides]
    written.append(write_handout(stills, deck / "handout.pdf"))
    return written


def _copy_reveal(target: Path) -> list[Path]:
    """reveal.js beside the deck (offline), file by file: only what differs is written."""
    if not (REVEAL / "dist" / "reveal.js").is_file():
        raise NnvizError(f"{REVEAL}: reveal.js is missing from the nnviz package (reinstall nnviz)")
    written = []
    for source in sorted(path for path in REVEAL.rglob("*") if path.is_file()):
        destination = target / source.relative_to(REVEAL)
        if write_if_changed(destination, source.read_bytes()):
            written.append(destination)
    return written
