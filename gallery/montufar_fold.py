"""Montúfar's fold: each layer folds the plane onto itself, and the number of linear regions doubles."""

SECTION = "Why add more layers?"
ORDER = 53
CAPTION = ("An intuitive, geometric explanation of the exponential advantage of deeper networks "
           "(Montúfar et al. (2014)).")

from nnviz.analysis.fold import fold_stages  # noqa: E402
from nnviz.plots.linear_regions import plot_fold  # noqa: E402


def make(theme: str = "light"):
    # Absolute-value units |u| = relu(u) + relu(−u), one fold a layer, ten layers: 2, 4, …, 1024
    # regions (exact), against one layer of the same number of ReLUs; and the fold of both
    # coordinates a layer (×4), which beats one layer from 16 ReLUs on.
    return plot_fold(fold_stages(10), both=fold_stages(4, both=True), theme=theme)


if __name__ == "__main__":
    from nnviz.plots.save import save

    print(save(make(), "montufar_fold.html"))
