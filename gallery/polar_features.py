"""Circles: no line separates them in (x1, x2); one line does in polar coordinates (r, θ)."""

SECTION = "Motivation: a new feature space"
ORDER = 20
CAPTION = ("The neuron can easily separate the classes if the original features are transformed "
           "(e.g., from Cartesian to polar coordinates).")

from nnviz.analysis.regions import polar_fit  # noqa: E402
from nnviz.plots.regions import plot_polar  # noqa: E402


def make(theme: str = "light"):
    # Fit one logistic neuron on the raw circles data and one on its polar features (seeded).
    fit = polar_fit(n=200, seed=0)
    # Side by side: the failed boundary in (x1, x2), the straight one in (r, θ).
    return plot_polar(fit, theme=theme)


if __name__ == "__main__":
    from nnviz.plots.save import save

    print(save(make(), "polar_features.html"))
