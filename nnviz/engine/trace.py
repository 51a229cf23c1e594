"""The Trace: every number of a forward pass (and, after ``Network.backward``, of the backward pass).

Plain records of arrays named as the slides name them. ``trace_rows`` gives the same numbers as a
table of strings (plain data) for whoever draws them: the terminal table, the Jupyter HTML table.

>>> from nnviz.engine.spec import load_network
>>> trace = load_network("deep").forward([7, 1, -4])
>>> trace.layers[0].z_in
array([[ 79., -70.,   9., -26.]])
>>> trace
Trace of deep (3-4-4-4-3, relu-relu-relu-softmax), one example
  x = [7, 1, -4]
  f = [0.8668, 0.01588, 0.1173]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from nnviz.engine.activations import Activation
from nnviz.engine.losses import get_loss
from nnviz.engine.notation import format_number, layer_names

if TYPE_CHECKING:  # annotation only: the network module imports this one
    from nnviz.engine.network import Network

Array = np.ndarray


@dataclass
class LayerTrace:
    """What one layer saw and computed. Arrays are (n, ·); gradients are filled by ``backward``."""

    input: Array
    z_in: Array
    z_out: Array
    W: Array
    b: Array
    activation: Activation
    grad_z_out: Array | None = None
    grad_z_in: Array | None = None
    grad_W: Array | None = None
    grad_b: Array | None = None

    def to_dict(self, single: bool) -> dict[str, Any]:
        pick = (lambda a: a[0]) if single else (lambda a: a)
        out: dict[str, Any] = {"activation": self.activation.name, "z_in": pick(self.z_in).tolist(),
                               "z_out": pick(self.z_out).tolist()}
        if self.grad_z_in is not None:
            assert self.grad_z_out is not None and self.grad_W is not None and self.grad_b is not None
            out |= {"grad_z_out": pick(self.grad_z_out).tolist(),
                    "grad_z_in": pick(self.grad_z_in).tolist(),
                    "grad_W": self.grad_W.tolist(), "grad_b": self.grad_b.tolist()}
        return out


# Jupyter's HTML table is drawn by the page layer; the package's front registers it (nnviz/__init__.py).
_html_renderer: Callable[[Trace], str] | None = None


def use_html_renderer(render: Callable[[Trace], str] | None) -> None:
    """Set the function that draws a Trace as HTML for Jupyter (None: plain text only)."""
    global _html_renderer
    _html_renderer = render


@dataclass
class Trace:
    """Every number of a forward pass (and, after ``backward``, of the backward pass).

    ``single`` is true when the input was one example given as a 1-D vector; arrays are still
    stored as batches of one, and ``to_dict`` unwraps them.
    """

    x: Array
    layers: list[LayerTrace]
    single: bool = False
    network: Network | None = field(default=None, repr=False)
    target: Array | None = None
    loss_name: str | None = None
    loss: float | None = None

    @property
    def output(self) -> Array:
        """f = f_out, the network's output (n, g)."""
        return self.layers[-1].z_out

    @property
    def f_in(self) -> Array:
        return self.layers[-1].z_in

    @property
    def has_gradients(self) -> bool:
        return self.layers[-1].grad_z_in is not None

    @property
    def fused(self) -> bool:
        """Whether the backward pass took the slides' shortcut ∂R/∂f_in = (f − y)/n (loss fused with τ)."""
        return self.loss_name is not None and get_loss(self.loss_name).fuses_with(self.layers[-1].activation)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, keyed by the slides' names."""
        pick = (lambda a: a[0]) if self.single else (lambda a: a)
        out: dict[str, Any] = {"input": pick(self.x).tolist(),
                               "layers": [layer.to_dict(self.single) for layer in self.layers],
                               "output": pick(self.output).tolist()}
        if self.loss is not None and self.target is not None:
            out |= {"target": pick(self.target).tolist(), "loss_function": self.loss_name,
                    "loss": self.loss}
        return out

    def __repr__(self) -> str:
        shape = "-".join(str(n) for n in (self.x.shape[1], *(lt.z_in.shape[1] for lt in self.layers)))
        acts = "-".join(lt.activation.name for lt in self.layers)
        name = self.network.name if self.network is not None else "a network"
        lines = [f"Trace of {name} ({shape}, {acts}), "
                 + ("one example" if self.single else f"a batch of {len(self.x)}")]
        if self.single:
            lines += [f"  x = {_short(self.x[0])}", f"  f = {_short(self.output[0])}"]
        else:
            lines += [f"  x: {self.x.shape[0]} × {self.x.shape[1]}, f: {self.output.shape[0]} × "
                      f"{self.output.shape[1]}"]
        if self.loss is not None:
            lines.append(f"  loss ({self.loss_name}) = {self.loss:.6g}, with gradients")
        return "\n".join(lines)

    def _repr_html_(self) -> str | None:
        return None if _html_renderer is None else _html_renderer(self)


def _short(values: Array, limit: int = 8) -> str:
    """A vector in four significant digits, cut after ``limit`` entries."""
    cells = [f"{float(v):.4g}" for v in values[:limit]]
    return "[" + ", ".join(cells) + (", …" if len(values) > limit else "") + "]"


@dataclass(frozen=True)
class TableBlock:
    """One block of a trace table: a title ("hidden layer 1 (relu)") and rows of strings (name first)."""

    title: str
    rows: list[list[str]]


def trace_rows(trace: Trace, example: int = 0) -> list[TableBlock]:
    """Every recorded value of one example as strings, block by block (input, then each layer).

    >>> from nnviz.engine.spec import load_network
    >>> trace_rows(load_network("deep").forward([7, 1, -4]))[1].rows[0]
    ['z_in^(1)', '79', '-70', '9', '-26']
    """
    blocks = [TableBlock("input x", [["x", *(format_number(v) for v in trace.x[example])]])]
    n = len(trace.layers)
    for i, lt in enumerate(trace.layers):
        names = layer_names(i, n)
        prob = lt.activation.name == "softmax"
        title = f"{'output' if names.is_output else f'hidden layer {i + 1}'} ({lt.activation.name})"
        rows = [[names.plain_z_in, *(format_number(v) for v in lt.z_in[example])],
                [names.plain_z_out, *(format_number(v, probability=prob) for v in lt.z_out[example])]]
        if lt.grad_z_in is not None:
            assert lt.grad_z_out is not None and lt.grad_W is not None and lt.grad_b is not None
            rows.append(["grad_z_out", *(_g(v) for v in lt.grad_z_out[example])])
            rows.append(["grad_z_in", *(_g(v) for v in lt.grad_z_in[example])])
            rows.append(["grad_b", *(_g(v) for v in lt.grad_b)])
            for j, row in enumerate(lt.grad_W):
                rows.append([f"grad_W[{j + 1},:]", *(_g(v) for v in row)])
        blocks.append(TableBlock(title, rows))
    return blocks


def trace_title(trace: Trace) -> str:
    """'deep: forward pass' or 'deep: forward pass and backward pass'."""
    name = trace.network.name if trace.network is not None else "network"
    return f"{name}: forward pass" + (" and backward pass" if trace.has_gradients else "")


def loss_line(trace: Trace) -> str | None:
    """'loss (cross-entropy) = 0.143' after a backward pass, else None."""
    return None if trace.loss is None else f"loss ({trace.loss_name}) = {trace.loss:.6g}"


def _g(value: float) -> str:
    """Gradients are often tiny: four significant digits, not a fixed number of decimals."""
    return f"{value:.4g}" if value != 0 else "0"
