"""manim building blocks of the lecture scenes: the diagram, vectors, worked sums, activations.

Scenes in ``scenes/`` import from here; everything drawn takes a ``Theme`` and reads its numbers
from a ``Trace``::

    from nnviz.animate import NetworkDiagram, WorkedSum, VectorColumn
"""

from nnviz.animate.base import THEMES, LectureScene, SceneOptions, Theme
from nnviz.animate.diagram import NetworkDiagram, node_names
from nnviz.animate.legend import colour_legend, edge_legend
from nnviz.animate.steps import (
                                 ActivationPlot,
                                 ActivationStep,
                                 AffineStep,
                                 ColumnStrip,
                                 SoftmaxStep,
                                 WorkedSum,
                                 exponential_texts,
                                 fit_width,
                                 neuron_latex,
)
from nnviz.animate.text import (
                                 BODY,
                                 SMALL,
                                 TITLE,
                                 activation_texts,
                                 first_neurons,
                                 heading,
                                 layer_sum_texts,
                                 math,
                                 number,
                                 title,
                                 words,
                                 worked_sum_text,
)
from nnviz.animate.vectors import MatrixBlock, VectorColumn, side_by_side

__all__ = ["colour_legend", "edge_legend", "first_neurons", "heading", "title",
           "BODY", "SMALL", "THEMES", "TITLE", "ActivationPlot", "ActivationStep", "AffineStep",
           "ColumnStrip", "LectureScene", "MatrixBlock", "NetworkDiagram", "SceneOptions",
           "SoftmaxStep", "Theme", "VectorColumn", "WorkedSum", "activation_texts", "exponential_texts",
           "fit_width", "layer_sum_texts", "math", "neuron_latex", "node_names", "number",
           "side_by_side", "words", "worked_sum_text"]
