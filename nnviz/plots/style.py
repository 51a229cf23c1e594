"""One look for every figure: a light slide style with large fonts, and the same colours as scenes."""

from __future__ import annotations

import contextlib

from nnviz.palette import class_colors, palette, probability_scale

# The light palette's roles (nnviz.palette), by the names the figures use.
_LIGHT = palette("light")
TEXT = _LIGHT.text
MUTED = _LIGHT.muted
POSITIVE = _LIGHT.positive
NEGATIVE = _LIGHT.negative
ACCENT = _LIGHT.highlight
HIGHLIGHT = _LIGHT.highlight
CLASS_COLORS = tuple(class_colors(5))
# A diverging scale from class 0 through white to class 1, for probabilities.
PROBABILITY_SCALE = probability_scale("light")
FONT = "DejaVu Sans, Arial, sans-serif"

SLIDE_RC = {
    "figure.figsize": (8, 5),
    "figure.dpi": 100,
    "font.size": 16,
    "axes.titlesize": 20,
    "axes.labelsize": 18,
    "xtick.labelsize": 14,
    "ytick.labelsize": 14,
    "legend.fontsize": 14,
    "axes.edgecolor": TEXT,
    "axes.labelcolor": TEXT,
    "text.color": TEXT,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
}


@contextlib.contextmanager
def slide_style():
    """Matplotlib settings for slide figures, around ``matplotlib.figure.Figure(...)`` (no pyplot)."""
    import matplotlib

    with matplotlib.rc_context(SLIDE_RC):
        yield


def plotly_layout(**overrides) -> dict:
    """The common plotly layout: white template, large readable fonts."""
    layout = dict(template="plotly_white", font=dict(family=FONT, size=16, color=TEXT),
                  margin=dict(l=40, r=40, t=70, b=40))
    layout.update(overrides)
    return layout
