"""The pentagon as a threshold network: five half-planes, summed, thresholded at five."""

SECTION = "Why add more layers?"
ORDER = 56
CAPTION = "The network must fire if the input is in the coloured area."

from nnviz.analysis.regions import preset_region, region_grid  # noqa: E402
from nnviz.plots.regions import plot_regions  # noqa: E402


def make(theme: str = "light"):
    # A preset polygon becomes an exact network of threshold units (one per edge, then their AND).
    region = preset_region("pentagon")
    # Evaluate it on a grid: the half-planes, their sum (the stepped pyramid) and the output.
    grid = region_grid(region, resolution=121)
    # One call, a finished interactive page (with a slider for the threshold).
    return plot_regions(grid, theme=theme)


if __name__ == "__main__":
    from nnviz.plots.save import save

    print(save(make(), "pentagon_regions.html"))
