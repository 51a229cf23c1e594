"""The numbers of a forward pass as the scenes write them: every sum, σ and softmax adds up as written.

The engine's numbers are exact; their roundings need not agree. ``0.05·3 + 0.88·(-12) + 0.50·8 +
1.00·1 + 6`` is 0.59, not 0.57. ``ForwardNumbers`` holds every quantity a forward scene shows (x,
each layer's W, b, z_in, z, and for a softmax the exponentials, their sum and the probabilities)
with the equations between them, and lets ``nnviz.animate.precision.Written`` give each quantity
just the digits that make every equation, evaluated from what is written, give what is written::

    >>> from nnviz.engine import load_network
    >>> numbers = ForwardNumbers(load_network("single-hidden").forward([-3, 1, 5]))
    >>> numbers.values(1)                       # z = σ(z_in): three decimals where two do not add up
    ['0.047', '0.881', '0.50', '0.999']
    >>> numbers.worked_sum(1, 0)
    ('0.047·3 + 0.881·(-12) + 0.50·8 + 0.999·1 + 6', '0.57')
    >>> numbers.activation(1, 0)
    ('σ(0.57)', '0.64')

Pure (NumPy and the solver, no manim objects): tests read the strings without rendering.
"""

from __future__ import annotations

import numpy as np

from nnviz.animate.precision import Written, bracketed, format_digits
from nnviz.animate.text import elided
from nnviz.engine import Dense, Network, Trace

SYMBOLS = {"sigmoid": "σ", "tanh": "tanh", "relu": "max", "identity": "", "step": "step"}
MAX_EXTRA = 2  # at most this many digits more than the house format: beyond, ≈ and a note say why
APPROXIMATE = "≈ where rounded terms cannot give the last digit of the result (to four decimals)"
HUGE = 30.0  # beyond this, e^f_in is written shifted by the largest entry: τ(f) = τ(f − max f)


def negated(text: str) -> str:
    """``-x`` for a written number, written simply: ``-3`` → ``3``, ``0.57`` → ``-0.57``, ``0`` → ``0``."""
    if text.startswith("-"):
        return text[1:]
    return text if float(text) == 0 else f"-{text}"


def _apply(symbol: str, argument: str) -> str:
    """``σ(-3)``, ``max(0, 79)``, ``tanh(0.5)`` — an activation applied, as the slides write it."""
    if symbol == "max":
        return f"max(0, {argument})"
    return f"{symbol}({argument})" if symbol else argument


class ForwardNumbers:
    """Every number of a forward pass as written on screen, with digits that add up (see module doc).

    Columns are numbered as the diagram's: column 0 is ``x``, column ``k`` the output of layer
    ``k - 1``. ``approximate`` lists the quantities whose equation does not add up even with
    ``MAX_EXTRA`` more digits; a scene writes those with ``≈`` and says why.
    """

    def __init__(self, trace: Trace, example: int = 0):
        self.trace, self.example = trace, example
        self.n_layers = len(trace.layers)
        w = self.written = Written()
        w.add("x", trace.x[example], "number")
        previous = "x"
        self.shift: dict[int, float] = {}
        for k, lt in enumerate(trace.layers):
            w.add(f"W{k}", lt.W, "number").add(f"b{k}", lt.b, "number").add(f"zin{k}", lt.z_in[example], "number")
            w.relate(f"zin{k}", lambda a, W, b: a @ W + b, previous, f"W{k}", f"b{k}")
            act = lt.activation
            if act.elementwise:
                w.add(f"z{k}", lt.z_out[example], "number")
                w.relate(f"z{k}", lambda z, a=act: a.value(z), f"zin{k}")
            else:  # softmax: e^f_in (shifted when huge), their sum, the probabilities
                f_in = lt.z_in[example]
                shift = float(f_in.max()) if f_in.max() > HUGE else 0.0
                self.shift[k] = shift
                w.add(f"e{k}", np.exp(f_in - shift), "number").add(f"S{k}", np.exp(f_in - shift).sum(), "number")
                w.add(f"z{k}", lt.z_out[example], "probability")
                w.relate(f"e{k}", lambda z, s=shift: np.exp(z - s), f"zin{k}")
                w.relate(f"S{k}", lambda e: np.sum(e), f"e{k}")
                w.relate(f"z{k}", lambda e, s: e / s, f"e{k}", f"S{k}")
            previous = f"z{k}"
        w.solve(max_extra=MAX_EXTRA)

    # ---- what a column shows ------------------------------------------------------------------
    @property
    def approximate(self) -> set[str]:
        return set(self.written.unresolved)

    def texts(self, name: str) -> list[str]:
        texts = [str(t) for t in np.ravel(self.written.texts(name))]
        if name.startswith("e"):  # e^(negative) is never exactly 0, even where floats underflow to it
            texts = ["0.00" if t == "0" else t for t in texts]
        return texts

    def values(self, column: int, which: str = "z_out") -> list[str]:
        """The texts beside the nodes of ``column``: ``x``, or a layer's ``z_in``/``z_out``."""
        if column == 0:
            return self.texts("x")
        layer = column - 1
        return self.texts(f"zin{layer}" if which == "z_in" else f"z{layer}")

    def matrix(self, layer: int) -> list[list[str]]:
        """``W^T`` of a layer as the slides print it: one row per neuron."""
        return [list(map(str, row)) for row in np.atleast_2d(self.written.texts(f"W{layer}")).T]

    def bias(self, layer: int) -> list[str]:
        return self.texts(f"b{layer}")

    def sign(self, layer: int, quantity: str = "zin") -> str:
        """``=`` before a result that adds up as written, ``≈`` before one that cannot."""
        return self.written.sign(f"{quantity}{layer}")

    # ---- the slides' worked lines -------------------------------------------------------------
    def worked_sum(self, layer: int, neuron: int, max_terms: int = 6) -> tuple[str, str]:
        """``('(-3)·3 + 1·(-9) + 5·2 + 5', '-3')``: a neuron's inputs times weights plus bias, and its value.

        With more than ``max_terms`` products the middle ones become ``…`` (too many to read).
        """
        inputs = self.texts("x") if layer == 0 else self.texts(f"z{layer - 1}")
        weights = [row[neuron] for row in np.atleast_2d(self.written.texts(f"W{layer}"))]
        products = [f"{bracketed(a)}·{bracketed(str(w))}" for a, w in zip(inputs, weights)]
        terms = ["…" if i is None else products[i] for i in elided(len(products), max_terms)]
        text = " + ".join([*terms, bracketed(self.bias(layer)[neuron])])
        return text, self.texts(f"zin{layer}")[neuron]

    def activation(self, layer: int, neuron: int) -> tuple[str, str]:
        """``('σ(-3)', '0.047')`` or ``('max(0, 79)', '79')``: the activation of one neuron, and its value."""
        act = self.trace.layers[layer].activation
        argument = self.texts(f"zin{layer}")[neuron]
        return _apply(SYMBOLS.get(act.name, act.name), argument), self.texts(f"z{layer}")[neuron]

    def said(self, layer: int, neuron: int) -> str:
        """``σ(-3) = 0.047`` (``≈`` where it cannot add up as written): a neuron's activation in words."""
        applied, value = self.activation(layer, neuron)
        return f"{applied} {self.sign(layer, 'z')} {value}"

    def exponent(self, layer: int, k: int) -> str:
        """The exponent of ``e``: ``f_in,k`` as written, or ``1 - 1000`` (``f_in,k − max f_in``) when huge."""
        f_in = self.texts(f"zin{layer}")[k]
        shift = self.shift.get(layer, 0.0)
        return f"{f_in} - {format_digits(shift, 'number')}" if shift else f_in

    def exponential(self, layer: int, k: int) -> tuple[str, str]:
        """``('e^{0.572}', '1.77')``: one exponential of the softmax, as LaTeX, and its value."""
        return f"e^{{{self.exponent(layer, k)}}}", self.texts(f"e{layer}")[k]

    def sigmoid_fraction(self, layer: int, neuron: int) -> tuple[str, str, str]:
        """``(r'\\sigma(-3)', r'\\frac{1}{1 + e^{3}}', '0.047')``: σ written out in LaTeX, as the slides
        write it (correctly: e^{−z}), and its value."""
        argument, value = self.texts(f"zin{layer}")[neuron], self.texts(f"z{layer}")[neuron]
        return rf"\sigma({argument})", rf"\frac{{1}}{{1 + e^{{{negated(argument)}}}}}", value

    def total(self, layer: int) -> tuple[str, str]:
        """``('1.77 + 19.14 + 0.42', '21.33')``: the sum of the exponentials, and its value."""
        return " + ".join(self.texts(f"e{layer}")), self.texts(f"S{layer}")[0]

    def probability(self, layer: int, k: int) -> tuple[str, str]:
        """``('1.77 ÷ 21.33', '0.083')``: one probability of the softmax, and its value."""
        return f"{self.texts(f'e{layer}')[k]} ÷ {self.texts(f'S{layer}')[0]}", self.texts(f"z{layer}")[k]


def softmax_numbers(f_in) -> ForwardNumbers:
    """The softmax of any ``f_in`` alone, written as a forward pass of one layer (``layer 0``).

    >>> numbers = softmax_numbers([1, 1000, 2])
    >>> numbers.exponential(0, 0), numbers.total(0), numbers.values(1)
    (('e^{1 - 1000}', '0.00'), ('0.00 + 1 + 0.00', '1'), ['0.000', '1.000', '0.000'])
    """
    f_in = np.asarray(f_in, dtype=float)
    layer = Dense(np.eye(len(f_in)), np.zeros(len(f_in)), "softmax")
    return ForwardNumbers(Network([layer], "softmax").forward(f_in))


class JacobianNumbers:
    """The softmax Jacobian ``J = diag(τ) − ττᵀ`` at an output, and backprop through it with a loss
    that is not fused with the softmax (L2 on the probabilities): ``∂L/∂f_in = Jᵀ ∂L/∂f``.

    Every number comes from the engine (``Activation.jacobian``, ``Network.backward``); the digits
    make each entry add up from the τ written on screen::

        >>> from nnviz.engine import load_network
        >>> j = JacobianNumbers(load_network("multiclass"), [-3, 1, 5], target=0)
        >>> j.tau, j.entry(0, 0), j.entry(0, 1)
        (['0.0831', '0.8972', '0.0198'], ('0.0831·(1 - 0.0831)', '0.076'), ('-0.0831·0.8972', '-0.075'))
        >>> j.grad_f(0), j.grad_f_in(0)[1]
        (('0.0831 - 1', '-0.92'), '-0.14')
    """

    def __init__(self, network: Network, x, target, loss: str = "l2"):
        """``target``: a class index (one-hot y, as for cross entropy) or the vector y itself."""
        if np.ndim(target) == 0:  # a class: y is one-hot, whatever the loss
            target = np.eye(network.n_outputs)[int(target)]
        trace = network.backward(network.forward(x), target, loss)
        top = trace.layers[-1]
        self.trace = trace
        jacobian = top.activation.jacobian(top.z_in[0])
        w = self.written = Written()
        w.add("tau", top.z_out[0], "probability").add("y", trace.target[0], "number")
        w.add("J", jacobian, "small").add("gf", top.grad_z_out[0], "small").add("gfin", top.grad_z_in[0], "small")
        w.relate("J", lambda t: np.diag(t) - np.outer(t, t), "tau")
        w.relate("gf", lambda t, y: t - y, "tau", "y")
        w.relate("gfin", lambda J, g: J.T @ g, "J", "gf")
        w.solve(max_extra=MAX_EXTRA)
        self.loss = trace.loss

    def texts(self, name: str) -> list[str]:
        return [str(t) for t in np.ravel(self.written.texts(name))]

    @property
    def tau(self) -> list[str]:
        return self.texts("tau")

    def matrix(self) -> list[list[str]]:
        return [list(map(str, row)) for row in self.written.texts("J")]

    def entry(self, i: int, j: int) -> tuple[str, str]:
        """``J_ii = τ_i(1 − τ_i)``, ``J_ij = −τ_iτ_j``: the entry written out, and its value."""
        t, value = self.tau, self.matrix()[i][j]
        return (f"{t[i]}·(1 - {t[i]})" if i == j else f"-{t[i]}·{bracketed(t[j])}"), value

    def grad_f(self, k: int) -> tuple[str, str]:
        """``('0.0831 - 1', '-0.917')``: ∂L/∂f_k = f_k − y_k for the L2 loss (one example)."""
        return f"{self.tau[k]} - {bracketed(self.texts('y')[k])}", self.texts("gf")[k]

    def grad_f_in(self, k: int) -> tuple[str, str]:
        """Row ``k`` of ``Jᵀ ∂L/∂f``: ``Σ_i J_ik · ∂L/∂f_i``, and its value."""
        J, g = self.matrix(), self.texts("gf")
        text = " + ".join(f"{bracketed(J[i][k])}·{bracketed(g[i])}" for i in range(len(g)))
        return text, self.texts("gfin")[k]

    def equations(self) -> list[str]:
        """Every equation behind the numbers on screen (the classroom check reads them)."""
        g = len(self.tau)
        lines = [" = ".join(self.entry(i, j)) for i in range(g) for j in range(g)]
        return lines + [" = ".join(self.grad_f(k)) for k in range(g)] + [" = ".join(self.grad_f_in(k))
                                                                        for k in range(g)]


__all__ = ["APPROXIMATE", "ForwardNumbers", "JacobianNumbers", "negated", "softmax_numbers"]
