"""Dense layers, the Network, and the Trace that records every number of a forward/backward pass.

Notation as on the slides: a layer computes ``z_in = x @ W + b`` (the slides print ``W^T x + b``;
``W`` is stored as (inputs, neurons)) and ``z_out = σ(z_in)``. The last layer's ``z_in`` and
``z_out`` are the slides' ``f_in`` and ``f``.

>>> from nnviz.engine.spec import load_network
>>> net = load_network("deep")
>>> trace = net.forward([7, 1, -4])
>>> trace.layers[0].z_in[0]
array([ 79., -70.,   9., -26.])
>>> trace = net.backward(trace, target=0)        # the fitting loss: cross entropy after softmax
>>> trace.loss_name, round(trace.loss, 4)
('cross-entropy', 0.1429)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from nnviz.engine.activations import Activation, get_activation
from nnviz.engine.losses import LOSSES, Loss, get_loss
from nnviz.engine.stacked import Stacked, block_rows, chunk_sets, forward_from_first, loss_sums
from nnviz.engine.trace import LayerTrace, Trace
from nnviz.errors import NnvizError

Array = np.ndarray


class Dense:
    """A fully connected layer: ``z_in = x @ W + b``, ``z_out = activation(z_in)``.

    ``W`` is (inputs, neurons) — the slides print ``W^T`` —, ``b`` (neurons,); ``labels`` name the
    neurons (e.g. ["z_1", "z_2"]), ``name`` the layer (e.g. "fc1" from an imported model).
    """

    def __init__(self, W: ArrayLike, b: ArrayLike, activation: str | Activation,
                 labels: list[str] | None = None, name: str | None = None):
        self.W: Array = np.asarray(W, dtype=float)
        self.b: Array = np.asarray(b, dtype=float)
        self.activation: Activation = get_activation(activation)
        self.labels = labels
        self.name = name

    def __repr__(self) -> str:
        named = f"{self.name!r}, " if self.name else ""
        return f"Dense({named}{self.n_inputs} → {self.n_neurons}, {self.activation.name})"

    @property
    def n_inputs(self) -> int:
        return self.W.shape[0]

    @property
    def n_neurons(self) -> int:
        return self.W.shape[1]

    def forward(self, x: Array) -> tuple[Array, Array]:
        z_in = x @ self.W + self.b
        return z_in, self.activation(z_in)

    def backward(self, x: Array, grad_z_in: Array) -> tuple[Array, Array, Array]:
        """The chain rule of one layer, from grad_z_in: grad_W, grad_b and the input's gradient."""
        grad_W = x.T @ grad_z_in
        grad_b = grad_z_in.sum(axis=0)
        return grad_W, grad_b, grad_z_in @ self.W.T


class Network:
    """A feed-forward network: a list of ``Dense`` layers and, optionally, the slide's input."""

    def __init__(self, layers: Sequence[Dense], name: str = "network", *,
                 input_labels: Sequence[str] | None = None, default_input: Any = None,
                 default_target: Any = None, default_loss: str | None = None, description: str = "",
                 training: dict | None = None):
        self.layers = list(layers)
        self.name = name
        self.input_labels = list(input_labels) if input_labels else None
        self.default_input = None if default_input is None else np.asarray(default_input, float)
        self.default_target = default_target
        self.default_loss = default_loss
        self.description = description
        self.training = training  # how `nnviz train` made it: dataset, seed, history file

    # ---- shape -------------------------------------------------------------------------------
    @property
    def n_inputs(self) -> int:
        return self.layers[0].n_inputs

    @property
    def n_outputs(self) -> int:
        return self.layers[-1].n_neurons

    @property
    def shape(self) -> tuple[int, ...]:
        return (self.n_inputs, *(layer.n_neurons for layer in self.layers))

    def __repr__(self) -> str:
        acts = "-".join(layer.activation.name for layer in self.layers)
        return f"Network({self.name!r}, shape={'-'.join(map(str, self.shape))}, activations={acts})"

    def fitting_loss(self) -> str:
        """The spec's loss, else the loss that fuses with the output (softmax → cross entropy,
        sigmoid → binary cross entropy), else L2."""
        if self.default_loss:
            return self.default_loss
        last = self.layers[-1].activation.name
        return next((loss.name for loss in LOSSES.values() if loss.fused_with == last), "l2")

    # ---- the passes --------------------------------------------------------------------------
    def forward(self, x: Any) -> Trace:
        """Run ``x`` (one example as a 1-D vector, or a batch (n, features)) and record everything."""
        x, single = self.check_input(x)
        layers = []
        for layer in self.layers:
            z_in, z_out = layer.forward(x)
            layers.append(LayerTrace(x, z_in, z_out, layer.W, layer.b, layer.activation))
            x = z_out
        return Trace(layers[0].input, layers, single, self)

    def predict(self, x: Any) -> Array:
        x, single = self.check_input(x)
        for layer in self.layers:
            x = layer.forward(x)[1]
        return x[0] if single else x

    def backward(self, trace: Trace, target: Any, loss: str | Loss | None = None) -> Trace:
        """Add grad_z_out, grad_z_in, grad_W, grad_b to every layer, and the loss (the mean).

        ``loss`` defaults to the fitting loss (``fitting_loss``), as ``nnviz trace`` does.
        """
        loss = self._loss(loss)
        y = self.targets(target, len(trace.x), loss)
        layers = [dataclasses.replace(lt) for lt in trace.layers]
        # The loss gives the top: ∂R/∂f and ∂R/∂f_in (fused with τ or through τ', the loss knows).
        top = loss.top(layers[-1].z_in, layers[-1].z_out, y, layers[-1].activation)
        layers[-1].grad_z_out, layers[-1].grad_z_in = top.grad_f, top.grad_f_in
        for i in range(len(layers) - 1, -1, -1):
            lt, layer = layers[i], self.layers[i]
            assert lt.grad_z_in is not None
            # grad_W = input^T grad_z_in, grad_b = Σ grad_z_in, and the gradient of the input
            lt.grad_W, lt.grad_b, grad = layer.backward(lt.input, lt.grad_z_in)
            if i > 0:
                below = layers[i - 1]
                # grad_z_in = grad_z_out * σ'(z_in)
                below.grad_z_out = grad
                below.grad_z_in = self.layers[i - 1].activation.backward(below.z_in, below.z_out, grad)
        return dataclasses.replace(trace, layers=layers, target=y, loss_name=loss.name, loss=top.risk)

    def loss(self, x: Any, target: Any, loss: str | Loss | None = None) -> float:
        """The empirical risk of the network on (x, target); ``loss`` defaults to the fitting loss."""
        loss = self._loss(loss)
        trace = self.forward(x)
        y = self.targets(target, len(trace.x), loss)
        return float(np.mean(loss.values(trace.f_in, trace.output, y, self.layers[-1].activation)))

    def gradient(self, x: Any, target: Any, loss: str | Loss | None = None) -> tuple[float, Array]:
        """The risk and its gradient as a flat vector in the order of ``parameters()``."""
        trace = self.backward(self.forward(x), target, loss)
        assert trace.loss is not None
        return trace.loss, np.concatenate(
            [np.concatenate([lt.grad_W.ravel(), lt.grad_b]) for lt in trace.layers])  # type: ignore[union-attr]

    def forward_stacked(self, thetas: Any, x: Any, target: Any = None, loss: str | Loss | None = None, *,
                        outputs: bool = True, chunk_size: int | None = None) -> Stacked:
        """The forward pass of k parameter sets (k, n_parameters) on one batch x, all at once.

        Returns ``f_in``, ``f`` (k, n, g) (unless ``outputs=False``) and, with a ``target``, each
        set's risk (k,) under ``loss`` (default: the fitting loss), fused as ``loss`` says. Work is
        done in chunks of sets and blocks of rows, so memory stays near ``CHUNK_BYTES`` beyond the
        outputs kept.
        """
        thetas = np.asarray(thetas, dtype=float)
        thetas = thetas[None] if thetas.ndim == 1 else thetas
        X, _ = self.check_input(x)
        loss_fn = self._loss(loss) if target is not None else None
        Y = None if loss_fn is None else self.targets(target, len(X), loss_fn)
        n, k_all, acts = len(X), len(thetas), [layer.activation for layer in self.layers]
        rows = block_rows(n, [layer.W.shape for layer in self.layers])
        k = chunk_sets(chunk_size, rows, max(layer.n_neurons for layer in self.layers))
        f_in = np.empty((k_all, n, self.n_outputs)) if outputs else None
        risk = None if loss_fn is None else np.zeros(k_all)
        buffers = [np.empty((min(k, k_all), rows, layer.n_neurons)) for layer in self.layers]
        for start in range(0, k_all, k):
            params = self.split_parameters(thetas[start:start + k])
            W, b = params[0]
            for r in range(0, n, rows):
                block = X[None, r:r + rows]
                z = np.matmul(block, W, out=buffers[0][:len(W), :block.shape[1]])
                z += b[:, None, :]
                top = forward_from_first(acts, params, z, buffers)
                if f_in is not None:
                    f_in[start:start + k, r:r + rows] = top
                if risk is not None and loss_fn is not None and Y is not None:
                    risk[start:start + k] += loss_sums(loss_fn, acts[-1], top, Y[r:r + rows])
        return Stacked(f_in, None if f_in is None else acts[-1].value(f_in),
                       None if risk is None else risk / n, None if loss_fn is None else loss_fn.name)

    def _loss(self, loss: str | Loss | None) -> Loss:
        return get_loss(self.fitting_loss() if loss is None else loss)

    # ---- parameters as one vector ------------------------------------------------------------
    def parameters(self) -> Array:
        """θ: every W (row-major) then its b, layer by layer, as one flat vector."""
        return np.concatenate([np.concatenate([layer.W.ravel(), layer.b]) for layer in self.layers])

    @property
    def n_parameters(self) -> int:
        return sum(layer.W.size + layer.b.size for layer in self.layers)

    def split_parameters(self, theta: Array) -> list[tuple[Array, Array]]:
        """Cut a flat vector (or a stack (..., P) of them) into per-layer (W, b) views."""
        theta = np.asarray(theta, dtype=float)
        if theta.shape[-1] != self.n_parameters:
            raise NnvizError(f"parameter vector has {theta.shape[-1]} entries, "
                             f"but {self.name} has {self.n_parameters} parameters")
        lead, out, at = theta.shape[:-1], [], 0
        for layer in self.layers:
            w_size, b_size = layer.W.size, layer.b.size
            W = theta[..., at:at + w_size].reshape(*lead, *layer.W.shape)
            b = theta[..., at + w_size:at + w_size + b_size]
            out.append((W, b))
            at += w_size + b_size
        return out

    def with_parameters(self, theta: Array) -> Network:
        """A copy of this network whose parameters are ``theta``."""
        layers = [Dense(W.copy(), b.copy(), layer.activation, layer.labels, layer.name)
                  for (W, b), layer in zip(self.split_parameters(theta), self.layers)]
        return self._like(layers)

    def copy(self) -> Network:
        return self.with_parameters(self.parameters())

    def _like(self, layers: list[Dense]) -> Network:
        return Network(layers, self.name, input_labels=self.input_labels,
                       default_input=self.default_input, default_target=self.default_target,
                       default_loss=self.default_loss, description=self.description,
                       training=self.training)

    # ---- validation at the edge --------------------------------------------------------------
    def check_input(self, x: Any) -> tuple[Array, bool]:
        """x as an (n, features) float batch, and whether it was one 1-D example."""
        try:
            x = np.asarray(x, dtype=float)
        except (TypeError, ValueError):
            raise NnvizError(f"x must be numbers, got {x!r}") from None
        single = x.ndim == 1
        if single:
            x = x[None, :]
        if x.ndim != 2:
            raise NnvizError(f"x must be a vector or a batch (n, features), got shape {x.shape}")
        if x.shape[1] != self.n_inputs:
            raise NnvizError(f"x has {x.shape[1]} features, but {self.name} expects {self.n_inputs}")
        if not np.all(np.isfinite(x)):
            raise NnvizError("x contains NaN or infinity")
        return x, single

    def targets(self, target: Any, n: int, loss: str | Loss | None = None) -> Array:
        """The targets as an (n, g) array: class indices become one-hot rows for cross entropy."""
        loss, g = self._loss(loss), self.n_outputs
        try:
            y = np.asarray(target, dtype=float)
        except (TypeError, ValueError):
            raise NnvizError(f"target must be numbers, got {target!r}") from None
        if not np.all(np.isfinite(y)):
            raise NnvizError("target contains NaN or infinity")
        if loss.name == "cross-entropy" and g > 1 and (y.ndim == 0 or (y.ndim == 1 and y.size == n)):
            idx = np.broadcast_to(y, (n,))
            if np.any(idx != np.round(idx)) or np.any(idx < 0) or np.any(idx >= g):
                raise NnvizError(f"target must be a class index 0..{g - 1}, got {target!r}")
            return np.eye(g)[idx.astype(int)]
        if y.ndim == 0 or (y.ndim == 1 and g == 1 and y.size == n):
            y = y.reshape(-1, 1)
        if y.ndim == 1:
            y = y[None, :]
        try:
            return np.broadcast_to(y, (n, g)).astype(float)
        except ValueError:
            raise NnvizError(f"target has shape {np.shape(target)}, but the network gives {n} × {g} "
                             "outputs") from None
