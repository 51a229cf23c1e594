"""``nnviz slides``: the lecture's animations as a reveal.js deck (manim-slides) and a PDF handout.

Each scene is rendered mixed with ``manim_slides.Slide``, so every ``self.pause()`` in a scene is a
slide break: the lecturer presses → to play the next step. The deck loads reveal.js from a copy
beside it (``reveal.js/``, shipped in ``nnviz/slides-assets``): it plays offline, with no CDN::

    from nnviz.slides import build_slides
    build_slides("nnviz-out/slides", quality="l")      # -> Path(".../index.html"), Path(".../handout.pdf")
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from nnviz.errors import NnvizError
from nnviz.files import atomic_path

DEFAULT_SLIDES = Path("nnviz-out") / "slides"
REVEAL = Path(__file__).resolve().parent / "slides-assets" / "reveal.js"


@dataclass
class Deck:
    index: Path  # the reveal.js deck
    handout: Path  # last frame of every slide, one per page
    slides: int


def slide_mixin(folder: Path) -> type:
    """``manim_slides.Slide`` writing its slide files into ``folder`` (not ./slides)."""
    from manim_slides import Slide

    class LectureSlide(Slide):
        skip_reversing = True  # the deck never plays backwards; reversing doubles the render time

        def __init__(self, *args, **kwargs):
            super().__init__(*args, output_folder=folder, **kwargs)

    return LectureSlide


def build_slides(out: str | os.PathLike = DEFAULT_SLIDES, scenes: list[str] | None = None, *,
                 quality: str = "l", theme: str = "light", size: tuple[int, int] | None = None,
                 fps: float | None = None) -> Deck:
    """Render ``scenes`` (default: all, in lecture order) as one deck in ``out``."""
    from manim_slides.config import PresentationConfig
    from manim_slides.convert import PDF, RevealJS

    from nnviz.animate.base import THEMES, SceneOptions
    from nnviz.render import get_scene, list_scenes, render_scene

    _quiet_manim_slides()
    classes = [get_scene(name) for name in scenes] if scenes else list_scenes()
    if not classes:
        raise NnvizError("no scenes to put in the deck")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    configs = []
    with tempfile.TemporaryDirectory(prefix=".slides-", dir=out) as work:
        work = Path(work)
        mixin = slide_mixin(work / "slides")
        for cls in classes:
            render_scene(cls.name, SceneOptions(theme=theme), quality=quality, fmt="mp4",
                         output=work / "videos" / f"{cls.name}.mp4", size=size, fps=fps, base=mixin)
            configs.append(PresentationConfig.from_file(work / "slides" / f"{cls.__name__}.json"))
        count = sum(len(config.slides) for config in configs)
        title = "What is deep learning?" if scenes is None else ", ".join(cls.name for cls in classes)
        deck = RevealJS(presentation_configs=configs, cdn_url="reveal.js", reveal_theme="serif",
                        assets_dir="slides", title=title, background_color=THEMES[theme].background)
        slides_dir = out / "slides"
        if slides_dir.exists():
            shutil.rmtree(slides_dir)
        with atomic_path(out / "index.html") as tmp:
            deck.convert_to(tmp)
        with atomic_path(out / "handout.pdf") as tmp:
            PDF(presentation_configs=configs, frame_index="last").convert_to(tmp)
    _copy_reveal(out / "reveal.js")
    return Deck(out / "index.html", out / "handout.pdf", count)


def _quiet_manim_slides() -> None:
    """No INFO lines or tqdm bars from manim-slides: nnviz prints the paths it wrote, and errors."""
    import functools
    import logging

    from manim_slides import convert
    from tqdm import tqdm

    logging.getLogger("manim-slides").setLevel(logging.WARNING)
    convert.tqdm = functools.partial(tqdm, disable=True)


def _copy_reveal(target: Path) -> None:
    if not (REVEAL / "dist" / "reveal.js").is_file():
        raise NnvizError(f"{REVEAL}: reveal.js is missing from the nnviz package (reinstall nnviz)")
    shutil.copytree(REVEAL, target, dirs_exist_ok=True)
