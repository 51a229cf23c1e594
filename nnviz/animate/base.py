"""The base of every lecture scene: its name, its options (network, input, …) and its theme.

A scene in ``scenes/`` subclasses ``LectureScene``, sets the class attributes that list it in
``nnviz scenes``, and reads everything it shows from ``self.options`` (a network and its trace),
never from numbers typed into the scene::

    class SingleHiddenExample(LectureScene):
        name = "single-hidden-example"
        section = "Single hidden layer networks"
        summary = "The four hidden sums, their sigmoids, f_in = 0.57 and f = 0.64."
        default_network = "single-hidden"

        def construct(self):
            trace = self.trace()
            ...
            self.pause()          # a step: a wait in a video, a new slide in a deck
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
from manim import MathTex, Scene, Text

from nnviz.animate.pacing import DEFAULT_PACE, PACES, Pace, StepRecord, reading_time
from nnviz.engine import Network, Trace, load_network
from nnviz.errors import NnvizError
from nnviz.palette import PALETTES, Palette

# A scene's theme is the palette of nnviz.palette: one set of named roles for scenes, pages and figures.
Theme = Palette
THEMES: dict[str, Theme] = PALETTES


@dataclass
class SceneOptions:
    """What the user chose on the command line (or in Python) for a scene."""

    network: str | Network | None = None  # a built-in name, a spec path or a Network
    x: np.ndarray | list[float] | None = None  # the input; None: the network's slide input
    target: float | list[float] | None = None
    loss: str | None = None
    lr: float | None = None
    theme: str = "light"
    pace: str = DEFAULT_PACE  # "lecture": holds long enough to read in a hall; "brisk": shorter
    extra: dict = field(default_factory=dict)


class LectureScene(Scene):
    """A scene of the lecture. Subclasses set ``name``, ``section``, ``summary``."""

    name: ClassVar[str] = ""  # the CLI name, e.g. "deep-forward"
    section: ClassVar[str] = ""  # the lecture section it belongs to
    summary: ClassVar[str] = ""  # one line for `nnviz scenes`
    caption: ClassVar[str] = ""  # a sentence from the lecture, for the gallery
    order: ClassVar[int] = 100  # position in the lecture (sections in slide order)
    default_network: ClassVar[str | None] = None  # None: the scene takes no network
    takes: ClassVar[frozenset[str]] = frozenset()  # which of target, loss, lr the scene reads
    options: ClassVar[SceneOptions] = SceneOptions()  # set by nnviz.render before rendering

    # ---- what the scene reads ----------------------------------------------------------------
    @property
    def theme(self) -> Theme:
        return THEMES[self.options.theme]

    def network(self) -> Network:
        """The network to show: the user's choice or the scene's slide network."""
        chosen = self.options.network or self.default_network
        if chosen is None:
            raise ValueError(f"scene {self.name} takes no network")
        return load_network(chosen)

    def input(self) -> np.ndarray:
        net = self.network()
        if self.options.x is not None:
            return np.asarray(self.options.x, dtype=float)
        if net.default_input is None:
            raise NnvizError(f"{net.name} has no slide input; give one", parameter="x")
        return net.default_input

    def trace(self) -> Trace:
        """The forward pass of the chosen input through the chosen network."""
        return self.network().forward(self.input())

    # ---- steps -------------------------------------------------------------------------------
    def setup(self) -> None:
        super().setup()
        self.steps: list[StepRecord] = []
        self._step_start = 0.0  # where the next step's change begins: the end of the last hold

    @property
    def pace(self) -> Pace:
        return PACES[self.options.pace]

    def step(self, *animations, say: str, reads: int | Iterable = 0, run_time: float | None = None,
             **play_kwargs) -> StepRecord:
        """One step of the explanation: play ``animations``, then hold the picture for its reading time.

        ``say``: one or two plain sentences (from the lecture where it has them): the step's caption
        and, in a deck, its speaker notes. ``reads``: what the viewer must read that just appeared,
        as a count of products or numbers, or mobjects that know theirs (``reading_items``). The hold
        is ``pace.hold + pace.per_item × reads`` seconds (``nnviz.animate.pacing``). In a deck
        (``nnviz slides``) the step is one slide: the deck stops on its complete last frame.
        """
        deck = hasattr(self, "next_slide")  # mixed with manim_slides.Slide by `nnviz slides`
        if deck:
            self.next_slide(notes=say)
        if animations:
            if run_time is not None:
                play_kwargs["run_time"] = run_time * self.pace.motion
            self.play(*animations, **play_kwargs)
        shown = self.time
        items = reading_items(reads)
        record = StepRecord(len(self.steps), say, items, self._step_start, shown, shown, self.texts_on_screen())
        if not deck:
            self.wait(reading_time(self.pace, items))
        record.end = self._step_start = self.time
        self.steps.append(record)
        return record

    @property
    def time(self) -> float:
        """Seconds of video so far."""
        return float(self.renderer.time)

    def texts_on_screen(self) -> list[str]:
        """Every text and formula on screen, as written (for captions' tests and the arithmetic checks)."""
        found = []
        for top in self.mobjects:
            for m in top.get_family():
                if isinstance(m, Text):
                    found.append(m.original_text)
                elif isinstance(m, MathTex):
                    found.append(m.tex_string)
        return list(dict.fromkeys(found))

    def pause(self, seconds: float = 0.8) -> None:
        """A wait in a video, a new slide in a deck. Prefer ``step``: it knows its reading time."""
        if hasattr(self, "next_slide"):  # mixed with manim_slides.Slide by `nnviz slides`
            self.next_slide()
        else:
            self.wait(seconds)


def reading_items(reads: int | Iterable) -> int:
    """How many products or numbers ``reads`` asks the viewer to read."""
    if isinstance(reads, int):
        return reads
    total = 0
    for thing in reads if isinstance(reads, list | tuple) else [reads]:
        total += thing if isinstance(thing, int) else int(getattr(thing, "reading_items", 0))
    return total
