"""nnviz: the lecture "What is deep learning?" as animations, interactive pages and slide figures.

>>> import nnviz
>>> trace = nnviz.load_network("deep").forward([7, 1, -4])
>>> trace.output.round(3)            # f ≈ (0.867, 0.016, 0.117)
array([[0.867, 0.016, 0.117]])
"""

from nnviz import data
from nnviz.engine import (
    Dense,
    History,
    LayerTrace,
    Network,
    Trace,
    builtin_networks,
    from_sklearn,
    load_network,
    random_network,
    save_network,
    train,
)
from nnviz.engine.trace import use_html_renderer
from nnviz.errors import NnvizError


def show(scene: str, **options):
    """Render a lecture scene and play it in the notebook: ``nnviz.show("deep-forward")`` (``nnviz.jupyter``)."""
    from nnviz.jupyter import show as show_scene

    return show_scene(scene, **options)


__version__ = "0.1.0"


def diagram(trace_or_network, show=None, theme: str = "light", **options):
    """The network diagram with its numbers, a figure that shows inline in Jupyter and saves by suffix
    (``nnviz.plots.save.save(fig, "net.pdf")``); see ``nnviz.plots.diagram.diagram`` for the options."""
    from nnviz.plots.diagram import diagram as draw  # matplotlib only when a diagram is asked for

    return draw(trace_or_network, show=show, theme=theme, **options)


__all__ = ["Dense", "History", "LayerTrace", "Network", "NnvizError", "Trace", "builtin_networks",
           "data", "diagram", "from_sklearn", "load_network", "random_network", "save_network", "show", "train"]


def _trace_html(trace: Trace) -> str:
    """Jupyter's table for a Trace: drawn by the page layer, imported only when a notebook asks."""
    from nnviz.pages.trace import trace_html

    return trace_html(trace)


use_html_renderer(_trace_html)
