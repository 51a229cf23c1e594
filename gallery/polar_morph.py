"""From (x1, x2) to (r, θ): every point moves, and one neuron's line goes from failing to separating."""

SECTION = "Motivation: a new feature space"
ORDER = 21
CAPTION = ("However, the neuron can easily separate the classes if the original features are transformed "
           "(e.g., from Cartesian to polar coordinates).")

from nnviz.analysis.polar import polar_morph  # noqa: E402
from nnviz.plots.polar import plot_polar_morph  # noqa: E402


def make(theme: str = "light"):
    # 21 steps from t = 0 (the data) to t = 1 (its polar coordinates); at each step the engine trains
    # the same single sigmoid neuron (same seed, same steps) on the points where they are.
    morph = polar_morph(n=200, seed=0, frames=21)
    # The page: a slider (and Play) moves the points; the line and its accuracy follow.
    return plot_polar_morph(morph, theme=theme)


if __name__ == "__main__":
    from nnviz.plots.save import save

    print(save(make(), "polar_morph.html"))
