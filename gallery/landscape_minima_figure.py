"""Minima, saddles and a maximum of R(θ) on a plane Θ, with the signs of the Hessian's eigenvalues (slide figure)."""

SECTION = "Loss landscapes"
ORDER = 93
CAPTION = "Goal: θ_opt = argmin over θ ∈ Θ of R(θ) — and R has many minima and saddle points."

from nnviz.analysis.critical import symmetric_example  # noqa: E402
from nnviz.plots.critical import figure_critical_landscape  # noqa: E402


def make(theme: str = "light"):
    # The same plane as the page: log R(θ) from above, each critical point marked (+, +), (−, +) or
    # (−, −), the level set through a saddle dashed, and the four descent runs.
    return figure_critical_landscape(symmetric_example(), theme=theme)


if __name__ == "__main__":
    from nnviz.plots.save import save

    for suffix in ("svg", "pdf", "png"):
        print(save(make(), f"landscape_minima_figure.{suffix}"))
