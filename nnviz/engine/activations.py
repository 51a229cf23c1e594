"""Activation functions: each knows its value, its derivative and its LaTeX name.

All of them are stable for large inputs: ``sigmoid(±1000)`` and ``softmax((1, 1000, 2))`` give
their limits without an overflow warning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nnviz.errors import UnknownName

Array = np.ndarray


def sigmoid(z: Array) -> Array:
    """σ(z) = 1 / (1 + e^{-z}), computed without overflow for any z."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))  # never overflows: the exponent is ≤ 0
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def softmax(z: Array) -> Array:
    """τ(z)_k = e^{z_k} / Σ e^{z_k'} over the last axis, shifted by the maximum for stability."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_terms(z: Array) -> tuple[Array, Array]:
    """The pieces the slides write out: e^{z_k} and their sum Σ_k' e^{z_k'} (unshifted, so huge z overflow).

    >>> exps, total = softmax_terms([3, -1, 1])
    >>> exps.round(2), round(float(total), 2)
    (array([20.09,  0.37,  2.72]), 23.17)
    """
    with np.errstate(over="ignore"):
        exps = np.exp(np.asarray(z, dtype=float))
    return exps, exps.sum(axis=-1)


def log_softmax(z: Array) -> Array:
    """log τ(z), by log-sum-exp."""
    z = np.asarray(z, dtype=float)
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def softmax_jacobian(z: Array) -> Array:
    """∂τ/∂z = diag(τ) − ττᵀ, one (g, g) matrix per row of ``z``."""
    t = softmax(z)
    return t[..., :, None] * np.eye(t.shape[-1]) - t[..., :, None] * t[..., None, :]


@dataclass(frozen=True)
class Activation:
    """A named activation with its value and derivative.

    ``derivative(z_in, z_out)`` is elementwise (it may use the already computed ``z_out``, as
    σ' = σ(1 − σ) does), except for softmax, where ``jacobian`` is given instead and ``backward``
    multiplies by it.
    """

    name: str
    latex: str
    formula: str
    value: Callable[[Array], Array]
    derivative: Callable[[Array, Array], Array] | None = None
    jacobian: Callable[[Array], Array] | None = None
    # The value written over its argument (a scratch float array), for the stacked forward pass.
    in_place: Callable[[Array], Array] | None = None

    def __call__(self, z: Array) -> Array:
        return self.value(z)

    def overwrite(self, z: Array) -> Array:
        """The activation of a scratch array ``z``, computed in place where that is possible.

        >>> z = np.array([-2.0, 3.0]); get_activation("relu").overwrite(z) is z
        True
        """
        return self.value(z) if self.in_place is None else self.in_place(z)

    @property
    def elementwise(self) -> bool:
        return self.jacobian is None

    def grad(self, z: Array) -> Array:
        """The elementwise derivative at ``z`` (for softmax: the Jacobian, one matrix per row)."""
        if self.jacobian is not None:
            return self.jacobian(z)
        assert self.derivative is not None
        return self.derivative(np.asarray(z, float), self.value(z))

    def backward(self, z_in: Array, z_out: Array, grad_z_out: Array) -> Array:
        """grad_z_in = grad_z_out * τ'(z_in): the chain rule through this activation."""
        if self.jacobian is None:
            assert self.derivative is not None
            return grad_z_out * self.derivative(z_in, z_out)
        # J is symmetric for softmax, but write the transpose the chain rule asks for.
        return np.einsum("...kj,...k->...j", self.jacobian(z_in), grad_z_out)


def _sigmoid_in_place(z: Array) -> Array:
    """σ(z) over z itself: e^{-|z|} never overflows, and both branches share it."""
    positive = z >= 0
    np.abs(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)  # e = e^{-|z|}
    return np.divide(np.where(positive, 1.0, z), z + 1.0, out=z)


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("identity", r"\mathrm{id}", "z", lambda z: np.asarray(z, float),
                   lambda z, out: np.ones_like(out), in_place=lambda z: z),
        Activation("sigmoid", r"\sigma", "1 / (1 + e^{-z})", sigmoid,
                   lambda z, out: out * (1.0 - out), in_place=_sigmoid_in_place),
        Activation("tanh", r"\tanh", "(e^z - e^{-z}) / (e^z + e^{-z})", np.tanh,
                   lambda z, out: 1.0 - out**2, in_place=lambda z: np.tanh(z, out=z)),
        Activation("relu", r"\mathrm{ReLU}", "max(0, z)", lambda z: np.maximum(0.0, z),
                   lambda z, out: (z > 0).astype(float), in_place=lambda z: np.maximum(z, 0.0, out=z)),
        # A threshold unit [z ≥ 0]: its derivative is zero wherever it exists.
        Activation("step", r"\mathbb{1}", "[z >= 0]", lambda z: (np.asarray(z) >= 0).astype(float),
                   lambda z, out: np.zeros_like(out)),
        Activation("softmax", r"\tau", "e^{z_k} / sum e^{z_k'}", softmax, jacobian=softmax_jacobian),
    )
}
_ALIASES = {"linear": "identity", "none": "identity", "sigma": "sigmoid", "threshold": "step",
            "heaviside": "step", "tau": "softmax"}


def get_activation(name: str | Activation) -> Activation:
    """Look an activation up by name (``"sigmoid"``, ``"relu"``, …)."""
    if isinstance(name, Activation):
        return name
    key = _ALIASES.get(str(name).lower(), str(name).lower())
    if key not in ACTIVATIONS:
        raise UnknownName(f"unknown activation {name!r}; expected one of {', '.join(ACTIVATIONS)}")
    return ACTIVATIONS[key]
