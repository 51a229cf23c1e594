"""Pieces of the gradient-descent scenes: the goal and the update rule, three learning rates side by side,
the loss before and after one step, and the legend of a descent picture."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, UP, Animation, FadeIn, Group, Mobject, VGroup

from nnviz.analysis.descent import LossSurface
from nnviz.animate.base import Theme
from nnviz.animate.colormaps import lowest_risk_color
from nnviz.animate.curves import TrainingCurve
from nnviz.animate.precision import format_small
from nnviz.animate.stage import Region, legend, swatch, table_layout
from nnviz.animate.surfaces import SurfacePanel
from nnviz.animate.text import BODY, SMALL, math, words
from nnviz.engine import Trace
from nnviz.engine.notation import format_number
from nnviz.engine.train import History

GOAL = r"\theta_{opt} = \operatorname{argmin}_{\theta \in \Theta} \mathcal{R}(\theta)"
RULE = r"\theta_{t+1} = \theta_t - \eta\, \nabla_\theta \mathcal{R}(\theta_t)"


def goal_and_rule(theme: Theme) -> tuple[Mobject, Mobject]:
    """The lecture's goal, θ_opt = argmin R(θ), and the gradient-descent step that pursues it."""
    return math(GOAL, theme), math(RULE, theme)


def descent_legend(theme: Theme) -> VGroup:
    """What the colours of a descent picture mean."""
    return legend([(swatch(theme.text), "start θ₀"), (swatch(theme.highlight), "iterates θ₁, θ₂, …"),
                   (swatch(lowest_risk_color(theme), "square"), "lowest risk R")], theme)


class DescentColumns(Group):
    """One column per learning rate: the risk surface with its descent path, and the risk over the steps."""

    VERDICTS = ("too small", "about right", "too large")

    def __init__(self, surface: LossSurface, runs: Sequence[History], rates: Sequence[float], theme: Theme,
                 region: Region):
        super().__init__()
        self.runs, self.rates, self.panels, self.curves, self.outcomes = list(runs), list(rates), [], [], []
        for run, rate, verdict, column in zip(runs, rates, self.VERDICTS, region.columns(*[1] * len(runs))):
            panel = SurfacePanel(surface, run, theme, title=f"η = {format_small(rate)}: {verdict}",
                                 width=column.width - 1.5, height=0.4 * column.height)
            curve = TrainingCurve(run, theme, width=column.width - 1.6, height=0.16 * column.height, label="R")
            text = f"R: {format_small(run.loss[0])} → {format_small(run.loss[-1])}"
            outcome = words(text + (" (leaves)" if panel.left_surface else ""), theme, SMALL + 2,
                            color=theme.highlight)
            self.panels.append(panel)
            self.curves.append(curve)
            self.outcomes.append(outcome)
            stack = Group(panel, curve, outcome).arrange(DOWN, buff=0.35)
            self.add(column.place(stack, UP))
            stack.remove(outcome)  # placed, but shown only when its column has descended

    def descend(self, k: int) -> list[Animation]:
        """Column ``k``'s iterates walk down, its risk curve grows, and its outcome appears."""
        panel, curve = self.panels[k], self.curves[k]
        seconds = max(2.0, 0.2 * panel.n_steps)
        return [panel.descend(seconds_per_step=seconds / max(panel.n_steps, 1)),
                curve.grow(run_time=seconds), FadeIn(self.outcomes[k])]

    def outcome_words(self, k: int) -> str:
        run, panel = self.runs[k], self.panels[k]
        start, end = format_small(run.loss[0]), format_small(run.loss[-1])
        if panel.left_surface or run.loss[-1] > run.loss[0]:
            return f"the steps overshoot the valley and the risk grows from {start} to {end}."
        lowest = int(np.argmin(run.loss))
        if run.loss[-1] > 2 * run.loss[lowest]:  # down into the valley, then thrown from side to side of it
            return (f"the steps overshoot the valley: the risk falls to {format_small(run.loss[lowest])} after "
                    f"{lowest} {'step' if lowest == 1 else 'steps'}, then grows back to {end}.")
        if k == 0:
            return f"the steps are tiny: after {len(run) - 1} steps the risk has only fallen from {start} to {end}."
        return f"the iterates reach the bottom of the valley: the risk falls from {start} to {end}."


class LossLines(VGroup):
    """The prediction and the loss before one gradient step and after it, as a small table::

                 f      L
        before  0.64   0.45
        after   0.99   0.013
    """

    def __init__(self, before: Trace, after: Trace, theme: Theme, font_size: float = BODY):
        softmax = before.layers[-1].activation.name == "softmax"
        self.f_before, self.f_after = (", ".join(format_number(v, probability=softmax) for v in t.output[0])
                                       for t in (before, after))
        self.L_before, self.L_after = format_small(before.loss), format_small(after.loss)
        head = [VGroup(), math(r"\mathbf{f}", theme, font_size + 8), math("L", theme, font_size + 8)]
        rows = [[words(w, theme, font_size, color=c) for w in texts] for texts, c in (
            (("before", self.f_before, self.L_before), theme.text),
            (("after", self.f_after, self.L_after), theme.highlight))]
        table_layout([head, *rows])
        self.head, self.before, self.after = VGroup(*head), VGroup(*rows[0]), VGroup(*rows[1])
        super().__init__(self.head, self.before, self.after)


__all__ = ["GOAL", "RULE", "DescentColumns", "LossLines", "descent_legend", "goal_and_rule"]
