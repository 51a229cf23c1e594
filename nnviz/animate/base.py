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

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
from manim import Scene

from nnviz.engine import Network, Trace, load_network
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
    extra: dict = field(default_factory=dict)


class LectureScene(Scene):
    """A scene of the lecture. Subclasses set ``name``, ``section``, ``summary``."""

    name: ClassVar[str] = ""  # the CLI name, e.g. "deep-forward"
    section: ClassVar[str] = ""  # the lecture section it belongs to
    summary: ClassVar[str] = ""  # one line for `nnviz scenes`
    caption: ClassVar[str] = ""  # a sentence from the lecture, for the gallery
    order: ClassVar[int] = 100  # position in the lecture (sections in slide order)
    default_network: ClassVar[str | None] = None  # None: the scene takes no network
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
            raise ValueError(f"{net.name} has no slide input; give one with -x")
        return net.default_input

    def trace(self) -> Trace:
        """The forward pass of the chosen input through the chosen network."""
        return self.network().forward(self.input())

    # ---- pacing ------------------------------------------------------------------------------
    def pause(self, seconds: float = 0.8) -> None:
        """A step of the explanation: a wait in a video, a new slide when rendered as a deck."""
        if hasattr(self, "next_slide"):  # mixed with manim_slides.Slide by `nnviz slides`
            self.next_slide()
        else:
            self.wait(seconds)
