"""``nnviz slides``: the lecture's animations as a reveal.js deck that stops at every step, and a PDF handout.

Every step of a scene is one slide (→ plays the next), with the step's words as speaker notes
(press S); the handout has one page per slide, its complete last frame at 1920×1080 (``handout=720``
or ``480`` for smaller). The deck plays offline (reveal.js is copied beside it)::

    from nnviz.slides import build_slides
    deck = build_slides("nnviz-out/slides", ["deep-forward"], quality="l")
    deck.index, deck.handout, deck.slides         # Path(".../index.html"), Path(".../handout.pdf"), 12

Only the deck's own files are written (``index.html``, ``handout.pdf``, ``reveal.js/``,
``slides/<scene>/``), each made beside its target and renamed into place: nothing else in the
folder is changed or removed. The gallery builds the same deck into its ``deck/`` folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from nnviz.errors import NnvizError
from nnviz.files import DEFAULT_OUT

DEFAULT_SLIDES = DEFAULT_OUT / "slides"


@dataclass
class Deck:
    index: Path  # the reveal.js deck
    handout: Path  # one page per slide: its last frame
    slides: int
    written: list[Path] = field(default_factory=list)  # every file written


def build_slides(out: str | os.PathLike = DEFAULT_SLIDES, scenes: list[str] | None = None, *,
                 quality: str = "l", theme: str = "light", size: tuple[int, int] | None = None,
                 fps: float | None = None, handout: int = 1080, progress: bool | None = None) -> Deck:
    """Render ``scenes`` (default: all, in lecture order) as one deck in ``out``."""
    from nnviz.gallery.deck import SLIDES, assemble_deck, build_part, handout_size, read_part
    from nnviz.gallery.options import BuildOptions
    from nnviz.gallery.pool import progress_bar
    from nnviz.render import _check_render_arguments, check_latex, get_scene, list_scenes

    _check_render_arguments(quality, "mp4", size, fps)  # before anything is made: bad input writes nothing
    handout_size(handout)
    names = [get_scene(name).name for name in scenes] if scenes else [cls.name for cls in list_scenes()]
    if not names:
        raise NnvizError("no scenes to put in the deck")
    check_latex()
    out = Path(out)
    options = BuildOptions(quality=quality, size=size, fps=fps, theme=theme, handout=handout)
    written: list[Path] = []
    with progress_bar("slides", len(names), progress) as advance:
        for name in names:
            written += build_part(name, out, options)
            advance(name)
    title = "What is deep learning?" if not scenes else ", ".join(names)
    written += assemble_deck(out, names, title=title, theme=theme)
    count = sum(len(read_part(out / SLIDES / name).slides) for name in names)
    return Deck(out / "index.html", out / "handout.pdf", count, _relative_to(written, out))


def _relative_to(paths: list[Path], out: Path) -> list[Path]:
    """The written paths as the user named the folder (``build_part`` works with absolute ones)."""
    base = out.resolve()
    return [out / path.relative_to(base) if path.is_absolute() and base in path.parents else path
            for path in paths]
