"""The risk of many parameter vectors at once: a landscape's grid, a path, a line through Θ.

``evaluate_plane`` is the fast one: on a plane ``θ + α·d1 + β·d2`` the first layer is affine in
(α, β), so its three products with the data are computed once for the whole grid, and each chunk
of grid points only combines them; the layers above run in the engine's stacked forward pass
(``nnviz.engine.stacked``: k networks at once, activations from the registry)::

    loss = evaluate_plane(network, theta, d1, d2, alpha, beta, X, Y, "bce")   # (len(beta), len(alpha))
    risks = evaluate_losses(network, thetas, X, Y, "bce")                    # (K,)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from nnviz.engine.losses import Loss, get_loss
from nnviz.engine.network import Network
from nnviz.engine.stacked import block_rows, chunk_sets, forward_from_first, loss_sums

Array = np.ndarray


def _block(n: int, network: Network) -> int:
    """Data rows per block (the engine's rule: products small enough to wake no BLAS threads)."""
    return block_rows(n, [layer.W.shape for layer in network.layers])


def _chunk(chunk_size: int | None, rows: int, network: Network) -> int:
    """Grid points per chunk: given, or so that an intermediate array is about ``CHUNK_BYTES``."""
    return chunk_sets(chunk_size, rows, max(layer.n_neurons for layer in network.layers))


def evaluate_losses(network: Network, thetas: Array, X: Array, Y: Array, loss: str | Loss,
                    chunk_size: int | None = None) -> Array:
    """The risk at each parameter vector of ``thetas`` (K, P): the engine's stacked forward pass."""
    thetas = np.atleast_2d(np.asarray(thetas, dtype=float))
    risks = network.forward_stacked(thetas, X, Y, loss, outputs=False, chunk_size=chunk_size).loss
    assert risks is not None  # a target was given
    return risks


def evaluate_plane(network: Network, theta: Array, d1: Array, d2: Array, alpha: Array, beta: Array,
                   X: Array, Y: Array, loss: str | Loss, chunk_size: int | None = None,
                   progress: Callable[[int, int], None] | None = None, workers: int = 1,
                   dtype=np.float64) -> Array:
    """``loss[i, j] = L(θ + alpha[j]·d1 + beta[i]·d2)`` on (X, Y), all grid points batched.

    The first layer is affine in (α, β): X·W(α, β) + b(α, β) = (X·W0 + b0) + α(X·D1 + e1) + β(X·D2 + e2);
    the three products are computed once, and a chunk's pre-activations are their combination.
    Memory is bounded by the chunk size (grid points per chunk; default: ~1 MiB per intermediate
    array, which keeps a chunk in cache), and by blocks of data rows. ``progress(done, total)``
    reports the points done; ``workers`` > 1 evaluates chunks in that many threads. ``dtype``
    ``np.float32`` is about three times faster and good to ~1e-6 (pictures, not tests).
    """
    loss = get_loss(loss)
    activations = [layer.activation for layer in network.layers]
    alpha, beta = np.asarray(alpha, float), np.asarray(beta, float)
    (W0, b0), (D1, e1), (D2, e2) = (network.split_parameters(v)[0] for v in (theta, d1, d2))
    n = len(X)
    basis = np.stack([X @ W0 + b0, X @ D1 + e1, X @ D2 + e2]).astype(dtype, copy=False)  # (3, n, h)
    Y = np.asarray(Y).astype(dtype, copy=False)
    A, B = np.meshgrid(alpha, beta)
    coords = np.c_[A.ravel(), B.ravel()]
    low = np.dtype(dtype) != np.float64
    rows = _block(n, network)
    total, k = len(coords), _chunk(chunk_size, rows, network)
    out = np.zeros(total)
    local = threading.local()  # each thread's buffers, reused by all its chunks

    def chunk(start: int) -> int:
        if not hasattr(local, "buffers"):
            local.buffers = [np.empty((k, rows, layer.n_neurons), dtype) for layer in network.layers]
            local.spare = np.empty((k, rows, network.layers[0].n_neurons), dtype)
        a, b = coords[start:start + k, 0, None, None], coords[start:start + k, 1, None, None]
        params = network.split_parameters(theta + a[:, 0] * d1 + b[:, 0] * d2)
        if low:
            params = [(W.astype(dtype), c.astype(dtype)) for W, c in params]
            a, b = a.astype(dtype), b.astype(dtype)
        for r in range(0, n, rows):
            base, along1, along2 = basis[:, r:r + rows]
            # elementwise, not BLAS: no thread pool for a product of inner size 3
            z, spare = local.buffers[0][:len(a), :len(base)], local.spare[:len(a), :len(base)]
            np.multiply(a, along1, out=z)
            z += base
            z += np.multiply(b, along2, out=spare)
            f_in = forward_from_first(activations, params, z, local.buffers)  # the engine's layers above
            out[start:start + k] += loss_sums(loss, activations[-1], f_in, Y[r:r + rows])
        out[start:start + k] /= n
        return min(start + k, total)

    starts = range(0, total, k)
    if workers > 1:  # NumPy releases the GIL inside its loops: chunks run in parallel threads
        with ThreadPoolExecutor(workers) as pool:
            for done, _ in enumerate(pool.map(chunk, starts), 1):
                if progress is not None and (done % 64 == 0 or done == len(starts)):
                    progress(min(done * k, total), total)
    else:
        for start in starts:
            end = chunk(start)
            if progress is not None:
                progress(end, total)
    return out.reshape(len(beta), len(alpha))




def decision_values(network: Network, thetas: Array, x1: Array, x2: Array) -> tuple[Array, str]:
    """What each stacked network says on the input grid: (k, len(x2), len(x1)) and the kind."""
    G1, G2 = np.meshgrid(x1, x2)
    grid = np.c_[G1.ravel(), G2.ravel()]
    thetas = np.atleast_2d(thetas)
    values = []
    for start in range(0, len(thetas), 16):
        f = network.forward_stacked(thetas[start:start + 16], grid).f
        assert f is not None
        if f.shape[-1] > 1:
            values.append(np.argmax(f, axis=-1).astype(float))
        else:
            values.append(f[..., 0])
    kind = ("class" if network.n_outputs > 1 else
            "probability" if network.layers[-1].activation.name == "sigmoid" else "output")
    return np.concatenate(values).reshape(len(thetas), len(x2), len(x1)), kind
