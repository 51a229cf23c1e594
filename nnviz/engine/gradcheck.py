"""Central finite differences: the check that every analytic gradient is right."""

from __future__ import annotations

import numpy as np

from nnviz.engine.losses import Loss
from nnviz.engine.network import Network


def numerical_gradient(network: Network, x, target, loss: str | Loss = "l2", eps: float = 1e-6) -> np.ndarray:
    """∂R/∂θ_i ≈ (R(θ + εe_i) − R(θ − εe_i)) / 2ε for every parameter, as a flat vector."""
    theta = network.parameters()
    grad = np.empty_like(theta)
    for i in range(theta.size):
        step = np.zeros_like(theta)
        step[i] = eps
        up = network.with_parameters(theta + step).loss(x, target, loss)
        down = network.with_parameters(theta - step).loss(x, target, loss)
        grad[i] = (up - down) / (2 * eps)
    return grad


def gradient_error(network: Network, x, target, loss: str | Loss = "l2", eps: float = 1e-6) -> float:
    """The largest relative difference between backprop's gradient and finite differences."""
    _, analytic = network.gradient(x, target, loss)
    numeric = numerical_gradient(network, x, target, loss, eps)
    scale = np.maximum(1.0, np.maximum(np.abs(analytic), np.abs(numeric)))
    return float(np.max(np.abs(analytic - numeric) / scale))
