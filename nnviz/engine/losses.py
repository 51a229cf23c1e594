"""Losses L(y, f): per-example values and their gradient with respect to f.

The empirical risk is the mean of the per-example losses, so the gradients are divided by n.
Cross entropy after a softmax (and binary cross entropy after a sigmoid) are fused: the loss is
computed from f_in by log-sum-exp, and grad_f_in = (f − y) / n, which never overflows.

That rule lives here, once: ``Loss.fuses_with(activation)`` decides, ``Loss.values`` gives the
per-example losses and ``Loss.top`` the gradients at the top of the network, fused or not.

>>> top = get_loss("bce").top(np.array([[0.57]]), np.array([[0.64]]), np.array([[1.0]]), "sigmoid")
>>> top.fused, round(float(top.grad_f_in[0, 0]), 2)      # the slides' shortcut f − y
(True, -0.36)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nnviz.engine.activations import Activation, get_activation, log_softmax
from nnviz.errors import UnknownName

Array = np.ndarray
_TINY = 1e-300


@dataclass(frozen=True)
class Top:
    """What a loss gives the top of the network: per-example losses and the risk's gradients.

    ``grad_f`` = ∂R/∂f and ``grad_f_in`` = ∂R/∂f_in (both (n, g), already divided by n);
    ``fused`` says the gradient came from the slides' shortcut f − y, not through τ'(f_in).
    """

    losses: Array
    grad_f: Array
    grad_f_in: Array
    fused: bool

    @property
    def risk(self) -> float:
        """The empirical risk: the mean of the per-example losses."""
        return float(np.mean(self.losses))


@dataclass(frozen=True)
class Loss:
    """A loss: ``value(f, y)`` per example (shape (n,)), ``gradient(f, y)`` = ∂L/∂f per example."""

    name: str
    latex: str
    value: Callable[[Array, Array], Array]
    gradient: Callable[[Array, Array], Array]
    # The output activation this loss fuses with, and the fused versions taking f_in.
    fused_with: str | None = None
    fused_value: Callable[[Array, Array], Array] | None = None

    def risk(self, f: Array, y: Array) -> float:
        """The empirical risk: the mean loss over the batch."""
        return float(np.mean(self.value(f, y)))

    def fuses_with(self, activation: str | Activation) -> bool:
        """Whether this loss after ``activation`` is computed from f_in (the one rule for fusing)."""
        return self.fused_with is not None and self.fused_with == get_activation(activation).name

    def values(self, f_in: Array, f: Array, y: Array, activation: str | Activation) -> Array:
        """Per-example losses (shape ``f.shape[:-1]``; stacks of networks welcome), fused when it fuses."""
        if self.fuses_with(activation):
            assert self.fused_value is not None
            return self.fused_value(f_in, y)
        return self.value(f, y)

    def top(self, f_in: Array, f: Array, y: Array, activation: str | Activation) -> Top:
        """The per-example losses, ∂R/∂f and ∂R/∂f_in for a batch (n, g) through ``activation``."""
        activation = get_activation(activation)
        n = len(f)
        grad_f = self.gradient(f, y) / n
        if self.fused_value is not None and self.fused_with == activation.name:  # as fuses_with says
            # softmax + cross entropy (or sigmoid + BCE): exact and stable in terms of f_in.
            return Top(self.fused_value(f_in, y), grad_f, (f - y) / n, True)
        # grad_f_in = grad_f * τ'(f_in): the chain rule through the output activation
        return Top(self.value(f, y), grad_f, activation.backward(f_in, f, grad_f), False)


def _l2(f, y):
    return 0.5 * np.sum((y - f) ** 2, axis=-1)


def _l1(f, y):
    return np.sum(np.abs(y - f), axis=-1)


def _bce(f, y):
    f = np.clip(f, _TINY, 1.0)
    g = np.clip(1.0 - f, _TINY, 1.0)
    return -np.sum(y * np.log(f) + (1 - y) * np.log(g), axis=-1)


def _bce_grad(f, y):
    f = np.clip(f, 1e-12, 1 - 1e-12)
    return (f - y) / (f * (1 - f))


def _bce_from_logits(f_in, y):
    # −(y log σ(a) + (1−y) log(1−σ(a))) = softplus(a) − y·a, with a stable softplus.
    softplus = np.maximum(f_in, 0) + np.log1p(np.exp(-np.abs(f_in)))
    return np.sum(softplus - y * f_in, axis=-1)


def _ce(f, y):
    return -np.sum(y * np.log(np.clip(f, _TINY, 1.0)), axis=-1)


def _ce_grad(f, y):
    return -y / np.clip(f, _TINY, None)


def _ce_from_logits(f_in, y):
    return -np.sum(y * log_softmax(f_in), axis=-1)


LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        Loss("l2", r"\tfrac{1}{2}(y - f)^2", _l2, lambda f, y: f - y),
        Loss("l1", r"|y - f|", _l1, lambda f, y: np.sign(f - y)),
        Loss("binary-cross-entropy", r"-(y \log f + (1-y)\log(1-f))", _bce, _bce_grad,
             fused_with="sigmoid", fused_value=_bce_from_logits),
        Loss("cross-entropy", r"-\sum_k y_k \log f_k", _ce, _ce_grad,
             fused_with="softmax", fused_value=_ce_from_logits),
    )
}
_ALIASES = {"mse": "l2", "squared": "l2", "mae": "l1", "bce": "binary-cross-entropy",
            "bernoulli": "binary-cross-entropy", "ce": "cross-entropy",
            "crossentropy": "cross-entropy", "binary_cross_entropy": "binary-cross-entropy",
            "cross_entropy": "cross-entropy"}


def get_loss(name: str | Loss) -> Loss:
    """Look a loss up by name (``"l2"``, ``"cross-entropy"``, ``"bce"``, …)."""
    if isinstance(name, Loss):
        return name
    key = _ALIASES.get(str(name).lower(), str(name).lower())
    if key not in LOSSES:
        raise UnknownName(f"unknown loss {name!r}; expected one of {', '.join(LOSSES)}")
    return LOSSES[key]
