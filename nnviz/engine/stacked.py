"""The forward pass of many parameter sets at once: what loss landscapes, training curves and tests need.

k parameter vectors of one architecture are evaluated together: layer l's weights are a stack
(k, inputs, neurons), and a batch of pre-activations is (k, n, neurons). ``Network.forward_stacked``
is the entry point; the pieces here let a caller that builds the first layer's pre-activations its
own way (a landscape's plane, which is affine in its two coordinates) run the rest of the network.

>>> from nnviz.engine.init import random_network
>>> net = random_network([2, 8, 1], "tanh", "sigmoid", seed=0)
>>> thetas = net.parameters() + np.zeros((5, net.n_parameters))     # five copies of θ
>>> out = net.forward_stacked(thetas, [[0.5, -1.0]], target=[1])
>>> out.f.shape, bool(np.allclose(out.loss, net.loss([[0.5, -1.0]], [1])))
((5, 1, 1), True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nnviz.engine.activations import Activation
from nnviz.engine.losses import Loss

Array = np.ndarray
CHUNK_BYTES = 2**20  # the largest intermediate array of a chunk: small enough to stay in cache
BLAS_SMALL = 2**18  # OpenBLAS wakes its thread pool for products of M·N·K above about this


@dataclass
class Stacked:
    """The outputs of k parameter sets on one batch: ``f_in``, ``f`` (k, n, g) and each set's risk (k,).

    ``f_in`` and ``f`` are None when only the losses were asked for; ``loss`` is None without a target.
    """

    f_in: Array | None
    f: Array | None
    loss: Array | None
    loss_name: str | None = None

    def __repr__(self) -> str:
        shape = None if self.f is None else " × ".join(map(str, self.f.shape))
        risk = "" if self.loss is None else f", {self.loss_name} risk of {len(self.loss)} sets"
        return f"Stacked(f: {shape or 'not kept'}{risk})"


def block_rows(n: int, widths: Sequence[tuple[int, int]]) -> int:
    """Data rows per block: each per-set matrix product stays below OpenBLAS's threading threshold,
    so no BLAS thread pool is woken for tiny products (on a busy machine that costs 10×)."""
    widest = max(n_in * n_out for n_in, n_out in widths)
    return max(64, min(n, BLAS_SMALL // widest))


def chunk_sets(chunk_size: int | None, rows: int, widest: int, itemsize: int = 8) -> int:
    """Parameter sets per chunk: given, or so that an intermediate array is about ``CHUNK_BYTES``."""
    if chunk_size is not None:
        return max(1, int(chunk_size))
    return max(1, CHUNK_BYTES // (itemsize * rows * widest))


def forward_from_first(activations: Sequence[Activation], params: Sequence[tuple[Array, Array]], z: Array,
                       buffers: Sequence[Array] | None = None) -> Array:
    """From the first layer's pre-activations ``z`` (k, n, neurons) to the last layer's: f_in (k, n, g).

    ``params[l]`` is layer l's stacked (W (k, inputs, neurons), b (k, neurons)); layer 0's is not
    used, ``z`` stands for it. ``z`` is scratch: each activation is computed over its input where the
    activation can (``Activation.overwrite``). ``buffers[l]``, when given (at least (k, n, neurons of
    layer l)), receive layer l's pre-activations, so a loop over chunks allocates nothing.
    """
    for i in range(len(params) - 1):
        W, b = params[i + 1]
        h = activations[i].overwrite(z)
        z = np.matmul(h, W, out=None if buffers is None else buffers[i + 1][:h.shape[0], :h.shape[1]])
        z += b[:, None, :]
    return z


def loss_sums(loss: Loss, activation: Activation, f_in: Array, Y: Array) -> Array:
    """Σ over the examples of each set's loss (k,), from f_in, fused where the loss fuses."""
    # A fused loss never reads f: skip computing it.
    f = f_in if loss.fuses_with(activation) else activation.value(f_in)
    return loss.values(f_in, f, Y, activation).sum(axis=-1)
