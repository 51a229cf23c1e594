"""Montúfar's fold for a slide: four layers of folds, 2 → 16 regions, and the counts against one wide layer."""

SECTION = "Why add more layers?"
ORDER = 53
CAPTION = ("An intuitive, geometric explanation of the exponential advantage of deeper networks "
           "(Montúfar et al. (2014)).")

from nnviz.analysis.fold import fold_stages  # noqa: E402
from nnviz.plots.linear_regions import figure_fold  # noqa: E402


def make(theme: str = "light"):
    # The first four layers drawn (exact regions); the chart runs to ten layers (30 ReLUs, 1024
    # regions) so that the fold's doubling passes one layer's 1 + n + n(n−1)/2 on the slide.
    return figure_fold(fold_stages(10), both=fold_stages(4, both=True), theme=theme)


if __name__ == "__main__":
    from nnviz.plots.save import save

    print(save(make(), "montufar_fold_figure.pdf"))
