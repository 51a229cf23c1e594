"""Two pentagons: two AND-networks, OR-ed by a last unit (slide figure)."""

SECTION = "Why add more layers?"
ORDER = 57
CAPTION = "Can now be composed into “networks” to compute arbitrary classification “boundaries”."

from nnviz.analysis.regions import preset_region, region_grid  # noqa: E402
from nnviz.plots.regions_static import figure_regions  # noqa: E402


def make(theme: str = "light"):
    # Polygons summed and thresholded at 1 are their union: a second hidden layer does the OR.
    grid = region_grid(preset_region("two-pentagons"), resolution=161)
    # A matplotlib Figure in the slide style: save it as .svg, .pdf or .png.
    return figure_regions(grid, theme=theme)


if __name__ == "__main__":
    from nnviz.plots.save import save

    for suffix in ("svg", "pdf", "png"):
        print(save(make(), f"two_pentagons.{suffix}"))
