"""One look for every page and figure: the palette's roles (``nnviz.palette``), by theme, in plotly and matplotlib.

Every plot function takes ``theme="light"`` or ``"dark"`` and asks this module for its colours::

    p = colors(theme)                        # the Palette: p.text, p.class0, p.positive, …
    fig.update_layout(**plotly_layout(theme, title="…"))
    with slide_style(theme):                 # matplotlib: fonts, text and background colours
        fig = SlideFigure(...)

Scales and tints are mixed from the roles (``mix``), never typed: a region's tint is its role
mixed with the background, a diverging scale runs negative → background → positive.
"""

from __future__ import annotations

import contextlib

from nnviz.palette import Palette, mix, palette, probability_scale
from nnviz.palette import class_color as class_color  # the pages and figures colour a class as the scenes do

FONT = "DejaVu Sans, Arial, sans-serif"
SURFACE_SCALE = "Viridis"  # losses: a perceptually uniform scale, readable by colour-blind viewers
CLASS_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x")  # plotly: a class by shape too
CLASS_MARKERS = ("o", "s", "D", "^", "X")  # matplotlib
# Region fills: four roles, light and strong, never a class's own hue (regions are not classes).
TINT_ROLES = ("positive", "negative", "gradient", "highlight")


def colors(theme: str | Palette = "light") -> Palette:
    """The palette of a theme (a ``Palette`` passes through)."""
    return theme if isinstance(theme, Palette) else palette(theme)


def tints(count: int, theme: str | Palette = "light", strength: float = 0.45) -> list[str]:
    """``count`` fill colours that tell regions apart: the roles mixed with the background, first at
    ``strength``, then (past four) lighter, so neighbours differ in hue or in lightness."""
    p = colors(theme)
    roles = [getattr(p, role) for role in TINT_ROLES]
    levels = (strength, 0.55 * strength)
    return [mix(p.background, roles[k % len(roles)], levels[(k // len(roles)) % 2]) for k in range(count)]


def fill_scale(role: str, theme: str | Palette = "light", strength: float = 0.45) -> list[list]:
    """A two-stop plotly scale from the background (0) to a tint of ``role`` (1): "off" and "on"."""
    p = colors(theme)
    return [[0.0, p.background], [1.0, mix(p.background, getattr(p, role), strength)]]


def diverging_scale(theme: str | Palette = "light") -> list[list]:
    """Negative values in the negative role's colour, zero the background, positive the positive role's."""
    p = colors(theme)
    return [[0.0, p.negative], [0.5, p.background], [1.0, p.positive]]


def probability(theme: str | Palette = "light", strength: float = 1.0) -> list[list]:
    """P(class 1): class 0's colour through the background to class 1's (tints below ``strength`` 1, so
    that the data's own marks stay visible on top)."""
    p = colors(theme)
    if strength >= 1:
        return probability_scale(p.name)
    return [[0.0, mix(p.background, p.class0, strength)], [0.5, p.background],
            [1.0, mix(p.background, p.class1, strength)]]


def cmap(scale: list[list], name: str = "nnviz"):
    """A matplotlib colormap from a plotly-style scale [[position, colour], …]."""
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list(name, [(float(pos), color) for pos, color in scale])


def listed(colours: list[str]):
    """A matplotlib colormap of distinct colours (one per class or region colour)."""
    from matplotlib.colors import ListedColormap

    return ListedColormap(colours)


def slide_rc(theme: str | Palette = "light") -> dict:
    """Matplotlib settings of a slide figure: large fonts, the theme's text and background."""
    p = colors(theme)
    return {
        "figure.figsize": (8, 5), "figure.dpi": 100, "font.size": 16, "axes.titlesize": 20,
        "axes.labelsize": 18, "xtick.labelsize": 14, "ytick.labelsize": 14, "legend.fontsize": 14,
        "axes.edgecolor": p.text, "axes.labelcolor": p.text, "text.color": p.text, "xtick.color": p.text,
        "ytick.color": p.text, "axes.facecolor": p.background, "axes.spines.top": False,
        "axes.spines.right": False, "axes.grid": False, "figure.facecolor": p.background,
        "savefig.facecolor": p.background, "legend.facecolor": p.panel, "legend.edgecolor": p.grid,
        "legend.labelcolor": p.text, "grid.color": p.grid, "svg.fonttype": "none", "pdf.fonttype": 42,
    }


@contextlib.contextmanager
def slide_style(theme: str | Palette = "light"):
    """Matplotlib settings for slide figures, around ``SlideFigure(...)`` (no pyplot)."""
    import matplotlib

    with matplotlib.rc_context(slide_rc(theme)):
        yield


def plotly_layout(theme: str | Palette = "light", **overrides) -> dict:
    """The common plotly layout: the theme's background, text and grid; large readable fonts."""
    p = colors(theme)
    axis = dict(gridcolor=p.grid, zerolinecolor=p.grid, linecolor=p.muted, color=p.text)
    layout = dict(template="plotly_white" if p.name == "light" else "plotly_dark",
                  font=dict(family=FONT, size=16, color=p.text), paper_bgcolor=p.background,
                  plot_bgcolor=p.background, margin=dict(l=40, r=40, t=70, b=40), xaxis=axis, yaxis=axis,
                  legend=dict(bgcolor=p.panel, bordercolor=p.grid, borderwidth=1),
                  hoverlabel=dict(bgcolor=p.panel, bordercolor=p.muted, font=dict(color=p.text)))
    layout.update(overrides)
    return layout


def scene_axes(theme: str | Palette = "light") -> dict:
    """The axes of a plotly 3-D scene in the theme's colours."""
    p = colors(theme)
    axis = dict(backgroundcolor=p.background, gridcolor=p.grid, zerolinecolor=p.grid, color=p.text,
                showbackground=True)
    return dict(xaxis=dict(axis), yaxis=dict(axis), zaxis=dict(axis), bgcolor=p.background)


def plain(text: str) -> str:
    """A label from a spec as plain text in matplotlib: ``$`` starts no formula (mathtext)."""
    return str(text).replace("$", r"\$")


def legend_box(theme: str | Palette = "light") -> dict:
    """A plotly annotation's box: the panel colour with a thin border."""
    p = colors(theme)
    return dict(bgcolor=p.panel, bordercolor=p.grid, borderwidth=1, borderpad=6)
