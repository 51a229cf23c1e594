"""A region with a hole (a hexagonal ring): six convex pieces around the hole, OR-ed (slide figure)."""

SECTION = "Why add more layers?"
ORDER = 59
CAPTION = "The network must fire if the input is in the coloured area."

from nnviz.analysis.regions import preset_region, region_grid  # noqa: E402
from nnviz.plots.regions_static import figure_regions  # noqa: E402


def make(theme: str = "light"):
    # The ring: an outer and an inner hexagon; the pieces between matching edges are convex
    # quadrilaterals, each the AND of four half-planes: 2-24-6-1 step units.
    return figure_regions(region_grid(preset_region("ring"), resolution=160), theme=theme)


if __name__ == "__main__":
    from nnviz.plots.save import save

    for suffix in ("svg", "pdf", "png"):
        print(save(make(), f"ring_region.{suffix}"))
