"""manim building blocks of the lecture scenes: the diagram, vectors, worked lines, softmax, layout.

Scenes in ``scenes/`` import from here; everything drawn takes a ``Theme``, and every number comes
from a ``Trace``, written by ``ForwardNumbers`` so that it adds up as written::

    from nnviz.animate import ForwardNumbers, NetworkDiagram, WorkedLine, title
"""

from nnviz.animate.base import THEMES, LectureScene, SceneOptions, Theme
from nnviz.animate.diagram import NetworkDiagram, node_names
from nnviz.animate.legend import colour_legend, edge_legend
from nnviz.animate.lines import WorkedLine, fit_width, formula, note
from nnviz.animate.plot import ActivationPlot
from nnviz.animate.softmax import JacobianBlock, SoftmaxBackprop, SoftmaxTable
from nnviz.animate.steps import ActivationStep, AffineStep, ColumnStrip, operators
from nnviz.animate.text import BODY, FORMULA, SMALL, TITLE, heading, math, number, title, words
from nnviz.animate.vectors import MatrixBlock, VectorColumn, side_by_side
from nnviz.animate.written import ForwardNumbers, JacobianNumbers, softmax_numbers

__all__ = ["BODY", "FORMULA", "SMALL", "THEMES", "TITLE", "ActivationPlot", "ActivationStep", "AffineStep",
           "ColumnStrip", "ForwardNumbers", "JacobianBlock", "JacobianNumbers", "LectureScene", "MatrixBlock",
           "NetworkDiagram", "SceneOptions", "SoftmaxBackprop", "SoftmaxTable", "Theme", "VectorColumn",
           "WorkedLine", "colour_legend", "edge_legend", "fit_width", "formula", "heading", "math", "node_names",
           "note", "number", "operators", "side_by_side", "softmax_numbers", "title", "words"]
