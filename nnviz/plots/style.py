"""One look for every figure: a light slide style with large fonts, and the same colours as scenes."""

from __future__ import annotations

import contextlib

# The light theme of nnviz.animate.base.THEMES, repeated here so that plots do not import manim.
TEXT = "#1F2430"
MUTED = "#8A8F98"
POSITIVE = "#1F6FB2"
NEGATIVE = "#C8412B"
ACCENT = "#E08A00"
HIGHLIGHT = "#2E8B57"
CLASS_COLORS = ("#C8412B", "#1F6FB2", "#2E8B57", "#E08A00", "#7A4EB0")
# A diverging scale from class 0 (red) through white to class 1 (blue), for probabilities.
PROBABILITY_SCALE = [[0.0, "#C8412B"], [0.5, "#FFFFFF"], [1.0, "#1F6FB2"]]
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
