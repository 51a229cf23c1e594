"""The numbers of a backward pass (and of one gradient-descent step) as the scenes write them.

Every gradient comes from the engine's ``Trace``; ``BackwardTexts`` only chooses how many digits
each one is written with, so that the chain rule as it appears on screen adds up as written
(``nnviz.animate.precision``): ``∂L/∂f_in = f − y``, ``∂L/∂z = u ∂L/∂f_in``,
``∂L/∂z_in = ∂L/∂z ⊙ σ'(z_in)``, ``∂L/∂Wᵀ = ∂L/∂z_in xᵀ`` and, for a step,
``Wᵀ − η ∂L/∂Wᵀ = Wᵀ_new``::

    >>> from nnviz.engine import load_network
    >>> net = load_network("single-hidden")
    >>> trace = net.backward(net.forward(net.default_input), 1, "binary-cross-entropy")
    >>> texts = BackwardTexts(trace)
    >>> texts.column("grad_z_in", 1), texts.column("grad_z_out", 0)
    (['-0.361'], ['-1.08', '4.33', '-2.89', '-0.36'])
    >>> texts.equations("grad_z_out", 0)[1]
    '(-12)·(-0.361) = 4.33'

No manim here: tests read the strings without rendering.
"""

from __future__ import annotations

import numpy as np

from nnviz.animate.precision import Written, bracketed
from nnviz.engine import Trace, get_loss

# what each quantity is, per layer (the slides' names are in nnviz.engine.notation)
KINDS = ("grad_z_out", "derivative", "grad_z_in", "input", "grad_WT", "W", "WT", "b", "WT_new", "b_new")


def _key(kind: str, layer: int | None = None) -> str:
    return kind if layer is None else f"{kind}[{layer}]"


class BackwardTexts:
    """The strings of a backward ``trace`` (one example), and of the step to ``after`` with rate ``lr``."""

    def __init__(self, trace: Trace, *, lr: float | None = None, after: Trace | None = None):
        if not trace.has_gradients:
            raise ValueError("the trace has no gradients: run Network.backward first")
        if len(trace.x) != 1:
            raise ValueError(f"a backward pass is written for one example, the trace holds {len(trace.x)}")
        self.trace, self.loss = trace, get_loss(trace.loss_name)
        self.n_layers = len(trace.layers)
        top = trace.layers[-1]
        self.fused = self.loss.fuses_with(top.activation)
        self.softmax = top.activation.name == "softmax"
        w = self.written = Written()
        w.add("f", top.z_out[0], "probability" if self.softmax else "number")
        w.add("y", trace.target[0], "number").add("L", trace.loss)
        w.relate("L", lambda f, y: self.loss.value(f[None], y[None])[0], "f", "y",
                 write=lambda f, y, L: [f"{self.loss_numbers(f, y)} = {L}"])
        for layer in range(self.n_layers - 1, -1, -1):
            self._layer(layer)
        if lr is not None and after is not None:
            self._step(lr, after)
        w.solve()

    def _layer(self, layer: int) -> None:
        w, lt = self.written, self.trace.layers[layer]
        k = lambda kind, at=layer: _key(kind, at)  # noqa: E731
        w.add(k("grad_z_out"), lt.grad_z_out[0]).add(k("grad_z_in"), lt.grad_z_in[0])
        w.add(k("input"), lt.input[0], "number").add(k("W"), lt.W, "number")
        w.add(k("grad_WT"), lt.grad_W.T, "significant")
        last = layer == self.n_layers - 1
        if last and self.fused:  # the slides' shortcut: ∂L/∂f_in = f − y
            w.difference(k("grad_z_in"), "f", "y")
        elif lt.activation.jacobian is None:  # elementwise: ∂L/∂z_in = ∂L/∂z ⊙ σ'(z_in)
            w.add(k("derivative"), lt.activation.grad(lt.z_in[0]))
            w.product(k("grad_z_in"), k("grad_z_out"), k("derivative"))
        if last and self.loss.name == "l2":  # ∂L/∂f = f − y
            w.difference(k("grad_z_out"), "f", "y")
        w.outer(k("grad_WT"), k("grad_z_in"), k("input"))
        if layer > 0:  # ∂L/∂z^(l−1) = W^(l) ∂L/∂z_in^(l)
            w.matvec(k("grad_z_out", layer - 1), k("W"), k("grad_z_in"))

    def _step(self, lr: float, after: Trace) -> None:
        w = self.written
        w.add("eta", lr)
        for layer, (old, new) in enumerate(zip(self.trace.layers, after.layers)):
            k = lambda kind, at=layer: _key(kind, at)  # noqa: E731
            w.add(k("WT"), old.W.T, "number").add(k("WT_new"), new.W.T, "number")
            w.add(k("b"), old.b, "number").add(k("b_new"), new.b, "number")
            w.update(k("WT_new"), k("WT"), "eta", k("grad_WT"))
            w.update(k("b_new"), k("b"), "eta", k("grad_z_in"))  # ∂L/∂b = ∂L/∂z_in for one example

    # ---- what a scene reads -------------------------------------------------------------------------
    def column(self, kind: str, layer: int | None = None) -> list[str]:
        """A vector's strings (``grad_z_in``, ``grad_z_out``, ``derivative``, ``input``, ``b``, …; or ``f``, ``y``)."""
        return [str(t) for t in np.ravel(self.written.texts(_key(kind, layer)))]

    def matrix(self, kind: str, layer: int) -> list[list[str]]:
        """A matrix's strings by rows (``grad_WT``, ``WT``, ``WT_new``: neurons × inputs; ``W``)."""
        return [[str(t) for t in row] for row in np.atleast_2d(self.written.texts(_key(kind, layer)))]

    def scalar(self, name: str) -> str:
        """``L``, ``eta``."""
        return str(np.ravel(self.written.texts(name))[0])

    def sign(self, kind: str, layer: int | None = None) -> str:
        """``=`` or, where no digits make the equation add up, ``≈``."""
        return self.written.sign(_key(kind, layer))

    def equations(self, kind: str, layer: int | None = None) -> list[str]:
        """The equations giving a quantity, written with the strings on screen (for checks)."""
        return self.written.equations(_key(kind, layer))

    def hidden_strings(self) -> list[str]:
        """Every string a scene may write beside a hidden node: its value and its gradients."""
        from nnviz.engine.notation import format_number

        hidden = range(self.n_layers - 1)
        return [*[format_number(v) for layer in hidden for v in self.trace.layers[layer].z_out[0]],
                *[t for layer in hidden for kind in ("grad_z_in", "grad_z_out") for t in self.column(kind, layer)]]

    def has(self, kind: str, layer: int | None = None) -> bool:
        return _key(kind, layer) in self.written.quantities

    def loss_numbers(self, f, y) -> str:
        """The loss with the numbers put in, as a student evaluates it: ``-log(0.64)``, ``½·(1 - 0.64)²``."""
        f, y = [str(t) for t in np.ravel(f)], [float(t) for t in np.ravel(y)]
        name = self.loss.name
        if name == "l2":
            return " + ".join(f"½·({format_target(t)} - {p})²" for p, t in zip(f, y))
        if name == "l1":
            return " + ".join(f"|{format_target(t)} - {p}|" for p, t in zip(f, y))
        if name == "cross-entropy" and all(t in (0, 1) for t in y):  # one-hot: one term is left
            return f"-log({f[int(np.argmax(y))]})"
        if name == "binary-cross-entropy" and all(t in (0, 1) for t in y):
            return " + ".join(f"-log({p})" if t == 1 else f"-log(1 - {p})" for p, t in zip(f, y))
        terms = [f"{format_target(t)}·log({p})" for p, t in zip(f, y)]
        return f"-({' + '.join(terms)})"


def format_target(value: float) -> str:
    """A target as written in a loss: ``1``, ``0``, ``(-0.5)``."""
    from nnviz.engine.notation import format_number

    return bracketed(format_number(value))




def chosen_target_and_loss(network, target=None, loss: str | None = None) -> tuple:
    """The target and loss a scene uses: the caller's, else the network's slide target and loss."""
    from nnviz.errors import NnvizError

    target = network.default_target if target is None else target
    if target is None:
        raise NnvizError(f"{network.name} has no slide target: choose one (the option 'target')")
    return target, get_loss(loss or network.default_loss or "l2").name


def gradient_step(network, x, target, loss: str, lr: float) -> tuple[Trace, Trace]:
    """The backward trace at ``x`` before one gradient-descent step of rate ``lr``, and after it.

    The step is the engine's (``train`` with plain SGD, one step), not arithmetic of our own.
    """
    from nnviz.engine import train

    x = np.asarray(x, float)
    before = network.backward(network.forward(x), target, loss)
    moved = train(network, x[None], network.targets(target, 1, loss), loss, "sgd", lr=lr, steps=1).network_at(1)
    return before, moved.backward(moved.forward(x), target, loss)


__all__ = ["KINDS", "BackwardTexts", "chosen_target_and_loss", "format_target", "gradient_step"]
