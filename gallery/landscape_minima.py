"""A loss landscape with minima and saddles: gradient descent from nearby starts ends in different minima."""

SECTION = "Loss landscapes"
ORDER = 92
CAPTION = "A “real” loss landscape: many (many many) local minima, saddle points."

from nnviz.analysis.critical import symmetric_example  # noqa: E402
from nnviz.plots.critical import plot_critical_landscape  # noqa: E402


def make(theme: str = "light"):
    # The plane Θ through a trained 1-3-1 tanh network and three copies of it that compute the same
    # function (two hidden units swapped, one unit's signs flipped): four minima of R(θ) on Θ. The
    # engine's gradients find every critical point and its Hessian's eigenvalues; gradient descent
    # from four nearby starts ends in four different minima.
    example = symmetric_example()
    return plot_critical_landscape(example, theme=theme)


if __name__ == "__main__":
    from nnviz.plots.save import save

    print(save(make(), "landscape_minima.html"))
