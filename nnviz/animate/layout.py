"""Where a forward scene puts things: a slide's regions under its title, no coordinates in scenes.

    head = title("A single neuron", theme)
    slide = SlideLayout(head, header=0.9, footer=1.6, split=0.55)
    slide.header.place(formula)              # under the title
    slide.beside_title(formula)              # or on the title's line
    legend = edge_legend(theme)
    diagram = slide.diagram(trace, theme, legend=legend)   # the left column; values' and legend's room kept
    plot = slide.plot(activation, theme)     # the right column
    slide.footer.place(worked_line, UP)      # the worked lines along the bottom

Regions are ``nnviz.animate.stage.Region`` (the learning scenes use the same); ``Region.place`` shrinks
a mobject until it fits (never grows it) and centres it, or puts it against an edge.
"""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, Mobject, VGroup

from nnviz.animate.base import Theme
from nnviz.animate.diagram import VALUE_SIZE, NetworkDiagram
from nnviz.animate.stage import GAP, Region, content_area
from nnviz.animate.text import words


class SlideLayout:
    """The frame under the title as a slide: a ``header`` band, ``left`` and ``right`` columns, a ``footer``.

    ``header``/``footer``: heights in scene units (0 for none); ``split``: the left column's share.
    """

    def __init__(self, title: Mobject, *, header: float = 0.0, footer: float = 0.0, split: float = 0.5):
        self.title = title
        area = content_area(title)
        self.area = area
        top = area.top
        self.header = Region(area.left, area.right, top - header, top)
        if header:
            top -= header + GAP
        self.footer = Region(area.left, area.right, area.bottom, area.bottom + footer)
        bottom = area.bottom + (footer + GAP if footer else 0)
        self.body = Region(area.left, area.right, bottom, top)
        self.left, self.right = self.body.columns(split, 1 - split) if 0 < split < 1 else (self.body, self.body)

    def beside_title(self, mobject: Mobject, gap: float = 0.6) -> Mobject:
        """``mobject`` (a formula) on the title's line, right of it, against the frame's right margin."""
        room = Region(self.title.get_right()[0] + gap, self.area.right, self.title.get_bottom()[1] - 0.2,
                      self.title.get_top()[1] + 0.2)
        return room.place(mobject, RIGHT)

    def diagram(self, trace, theme: Theme, region: Region | None = None, *, legend: Mobject | None = None,
                numbers=None, left: float = 0.9, right: float = 1.3, **options) -> NetworkDiagram:
        """A ``NetworkDiagram`` as large as ``region`` (the left column) allows, keeping ``left`` and
        ``right`` for the values beside the input and output nodes and room for ``legend`` under it
        (placed there). With ``numbers`` (a ``ForwardNumbers``) every room fits the values it will show."""
        region = region or self.left
        if numbers is not None:
            last = numbers.n_layers
            width = lambda texts: max(words(t, theme, VALUE_SIZE).width for t in texts) + 0.25  # noqa: E731
            left, right = width(numbers.values(0)), width(numbers.values(last) + numbers.values(last, "z_in"))
            options.setdefault("room_for", [t for c in range(1, last) for w in ("z_in", "z_out")
                                            for t in numbers.values(c, w)] or ["0"])
        if legend is not None and legend.width > region.width and len(legend) > 1:  # note under the swatches
            swatches = VGroup(*legend[:-1]).arrange(RIGHT, buff=0.35)
            legend[-1].next_to(swatches, DOWN, buff=0.12, aligned_edge=LEFT)
        legend_room = legend.height + 0.3 if legend is not None else 0.0
        radius = options.get("max_radius", 0.34)
        diagram = NetworkDiagram(trace, theme, width=region.width - left - right - 2 * radius,
                                 height=region.height - legend_room - 2 * radius, **options)
        diagram.move_to(region.center + (left - right) / 2 * RIGHT + legend_room / 2 * UP)
        if legend is not None:
            legend.next_to(diagram, DOWN, buff=0.3)
            legend.set_x(min(max(legend.get_x(), region.left + legend.width / 2), region.right - legend.width / 2))
        return diagram

    def plot(self, activation, theme: Theme, region: Region | None = None, **options):
        """An ``ActivationPlot`` (numbers and formula included) as large as ``region`` (the right column)."""
        from nnviz.animate.plot import ActivationPlot

        region = region or self.right
        return region.place(ActivationPlot(activation, theme, width=region.width, height=region.height, **options))

    def full(self, region: Region) -> Region:
        """``region`` (a column) stretched over the whole content height: the footer's too (for a last slide)."""
        return Region(region.left, region.right, self.area.bottom, region.top)

    @staticmethod
    def grow(mobject: Mobject, region: Region, legend: Mobject | None = None, most: float = 1.6) -> list:
        """Animations that scale ``mobject`` to fill ``region`` (up to ``most`` times), centred there, with
        its ``legend`` (kept at its size) under it."""
        room = region.height - (legend.height + 0.3 if legend is not None else 0)
        scale = min(most, region.width / mobject.width, room / mobject.height)
        target = mobject.copy().scale(scale).move_to(region.center + (region.height - room) / 2 * UP)
        moves = [mobject.animate.scale(scale).move_to(target)]
        if legend is not None:
            moves.append(legend.animate.next_to(target, DOWN, buff=0.3))
        return moves

    def below(self, mobject: Mobject, region: Region | None = None) -> Region:
        """The part of ``region`` (the body) under ``mobject``."""
        return (region or self.body).below(mobject)


__all__ = ["SlideLayout"]
