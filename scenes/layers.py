"""Why add more layers? Montúfar's fold: every layer folds the plane onto itself and doubles its linear regions."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, PI, RIGHT, UP, FadeIn, FadeOut, ReplacementTransform, Rotate, VGroup

from nnviz.analysis.fold import crossover, fold_stages
from nnviz.animate import LectureScene, heading
from nnviz.animate.planes import PlanePanel, region_tints
from nnviz.animate.text import BODY, SMALL, math, words

ABS = r"|u| = \max(0, u) + \max(0, -u)"
HALVES = (np.array([[-1.0, -1.0], [0.0, -1.0], [0.0, 1.0], [-1.0, 1.0]]),  # x₁ ≤ 0 and x₁ ≥ 0 of the window
          np.array([[0.0, -1.0], [1.0, -1.0], [1.0, 1.0], [0.0, 1.0]]))
COLUMNS = ("layers", "ReLUs", "regions", "one layer ≤")


def count_row(stage) -> list[str]:
    """One row of the table: layers, ReLUs, the fold's regions, one layer of the same ReLUs at most.

    >>> from nnviz.analysis.fold import fold_stages
    >>> count_row(fold_stages(2)[1])
    ['2', '6', '4', '22']
    """
    return [str(stage.layers), str(stage.relus), str(stage.count), str(stage.one_layer_bound)]


class MontufarFold(LectureScene):
    name = "montufar-fold"
    section = "Why add more layers?"
    summary = "Absolute-value units fold the plane layer by layer: 2, 4, 8, 16 regions, against one wide layer."
    caption = ("An intuitive, geometric explanation of the exponential advantage of deeper networks "
               "(Montúfar et al. (2014)).")
    order = 54

    def construct(self):
        theme, stages = self.theme, fold_stages(4)
        title = heading("Why add more layers? Folding the plane", theme)
        self.panel = PlanePanel((-1, 1, -1, 1), theme, side=5.2).next_to(title, DOWN, buff=0.5).align_to(title, LEFT)
        formula = math(ABS, theme, BODY + 4).next_to(self.panel, RIGHT, buff=0.9).align_to(self.panel, UP)
        self.table = VGroup(*[words(c, theme, SMALL, color=theme.muted) for c in COLUMNS])
        self.table.arrange(RIGHT, buff=0.45).next_to(formula, DOWN, buff=0.6, aligned_edge=LEFT)
        self.tints = region_tints(theme)
        self.regions = VGroup()
        self.step(FadeIn(title), FadeIn(self.panel), FadeIn(formula), reads=1,
                  say="An absolute-value unit is two ReLUs. It folds the line at zero: both halves land on one.")
        self.play(FadeIn(self.table))
        self.fold_once()
        for stage in stages:
            self.add_layer(stage)
        wins = crossover(3, 2)
        verdict = words(f"the fold doubles per layer;\none layer grows like n²/2:\nfrom {wins} layers ({3 * wins} "
                        "ReLUs) on,\nthe fold makes more regions", theme, SMALL + 6, color=theme.highlight)
        verdict.next_to(self.table, DOWN, buff=0.5).align_to(self.table, LEFT)
        self.step(FadeIn(verdict), reads=2,
                  say=f"Depth doubles the regions with every layer; width adds only about n squared over two. "
                      f"From {wins} layers on, the folded network has more regions than any single layer.")

    def fold_once(self) -> None:
        """The first fold, shown as one: the left half of the plane turns over onto the right half."""
        left, right = (self.panel.regions([half], [k], self.tints) for k, half in enumerate(HALVES))
        line = self.panel.to_screen([[0.0, 0.0]])[0]
        left.set_fill(opacity=0.75)  # it lands on top of the right half, which shows through
        self.play(FadeIn(right), FadeIn(left))
        self.step(Rotate(left, PI, axis=UP, about_point=line, run_time=1.8),
                  say="Folding at x₁ = 0 puts the left half on the right half: the next layer sees both as one.")
        self.play(Rotate(left, -PI, axis=UP, about_point=line, run_time=1.2))
        self.play(FadeOut(left), FadeOut(right))

    def add_layer(self, stage) -> None:
        """The regions after one more fold, and the table's new row."""
        regions = self.panel.regions(stage.regions.polygons, stage.regions.colors, self.tints)
        row = VGroup(*[words(v, self.theme, SMALL) for v in count_row(stage)]).next_to(self.table, DOWN, buff=0.2)
        for cell, head in zip(row, self.table[:4]):
            cell.align_to(head, RIGHT)
        self.step(ReplacementTransform(self.regions, regions) if len(self.regions) else FadeIn(regions),
                  FadeIn(row), reads=4, say=fold_words(stage))
        self.bring_to_back(regions)
        self.regions = regions
        self.table.add(*row)


def fold_words(stage) -> str:
    """What one more layer does, in a sentence (a step's caption)."""
    if stage.layers == 1:
        return (f"The first layer folds the plane along x₁ = 0: {stage.count} regions, and both land on one "
                "half.")
    axis = "x₁" if stage.layers % 2 else "x₂"
    return (f"Layer {stage.layers} folds the folded plane along {axis}: every region is cut again, "
            f"{stage.count} regions from {stage.relus} ReLUs.")


__all__ = ["MontufarFold"]
