"""A non-convex region (a star): convex pieces, each an AND of half-planes, OR-ed by the output unit."""

SECTION = "Why add more layers?"
ORDER = 58
CAPTION = "Can now be composed into “networks” to compute arbitrary classification “boundaries”."

from nnviz.analysis.regions import preset_region, region_grid  # noqa: E402
from nnviz.plots.regions import plot_regions  # noqa: E402


def make(theme: str = "light"):
    # The star is cut into convex pieces (ear clipping, then merging); each piece is an AND unit over
    # its half-planes, and the output ORs them: 2-18-5-1 step units, exact.
    grid = region_grid(preset_region("star"), resolution=140)
    return plot_regions(grid, theme=theme)


if __name__ == "__main__":
    from nnviz.plots.save import save

    print(save(make(), "star_region.html"))
