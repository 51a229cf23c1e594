"""Dense layers, the Network, and the Trace that records every number of a forward/backward pass.

Notation as on the slides: a layer computes ``z_in = x @ W + b`` (the slides print ``W^T x + b``;
``W`` is stored as (inputs, neurons)) and ``z_out = σ(z_in)``. The last layer's ``z_in`` and
``z_out`` are the slides' ``f_in`` and ``f``.

>>> net = load_network("deep")
>>> trace = net.forward([7, 1, -4])
>>> trace.layers[0].z_in        # array([ 79., -70.,   9., -26.])
>>> trace = net.backward(trace, target=0, loss="cross-entropy")
>>> trace.layers[-1].grad_W
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from nnviz.engine.activations import Activation, get_activation
from nnviz.engine.losses import LOSSES, Loss, get_loss
from nnviz.errors import NnvizError

Array = np.ndarray


@dataclass
class Dense:
    """A fully connected layer: ``z_in = x @ W + b``, ``z_out = activation(z_in)``."""

    W: Array  # (inputs, neurons); the slides print W^T
    b: Array  # (neurons,)
    activation: Activation
    labels: list[str] | None = None  # optional neuron names, e.g. ["z_1", "z_2"]

    def __post_init__(self) -> None:
        self.W = np.asarray(self.W, dtype=float)
        self.b = np.asarray(self.b, dtype=float)
        self.activation = get_activation(self.activation)

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

    def to_dict(self, single: bool) -> dict:
        pick = (lambda a: a[0]) if single else (lambda a: a)
        out = {"activation": self.activation.name, "z_in": pick(self.z_in).tolist(),
               "z_out": pick(self.z_out).tolist()}
        if self.grad_z_in is not None:
            out |= {"grad_z_out": pick(self.grad_z_out).tolist(),
                    "grad_z_in": pick(self.grad_z_in).tolist(),
                    "grad_W": self.grad_W.tolist(), "grad_b": self.grad_b.tolist()}
        return out


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

    def to_dict(self) -> dict:
        """The JSON form, keyed by the slides' names."""
        pick = (lambda a: a[0]) if self.single else (lambda a: a)
        out = {"input": pick(self.x).tolist(),
               "layers": [layer.to_dict(self.single) for layer in self.layers],
               "output": pick(self.output).tolist()}
        if self.loss is not None:
            out |= {"target": pick(self.target).tolist(), "loss_function": self.loss_name,
                    "loss": self.loss}
        return out

    def _repr_html_(self) -> str:
        from nnviz.engine.tables import trace_html

        return trace_html(self)


class Network:
    """A feed-forward network: a list of ``Dense`` layers and, optionally, the slide's input."""

    def __init__(self, layers: Sequence[Dense], name: str = "network", *,
                 input_labels: Sequence[str] | None = None, default_input: Sequence[float] | None = None,
                 default_target=None, default_loss: str | None = None, description: str = "",
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
    def forward(self, x) -> Trace:
        """Run ``x`` (one example as a 1-D vector, or a batch (n, features)) and record everything."""
        x, single = self.check_input(x)
        layers = []
        for layer in self.layers:
            z_in, z_out = layer.forward(x)
            layers.append(LayerTrace(x, z_in, z_out, layer.W, layer.b, layer.activation))
            x = z_out
        return Trace(layers[0].input, layers, single, self)

    def predict(self, x) -> Array:
        x, single = self.check_input(x)
        for layer in self.layers:
            x = layer.forward(x)[1]
        return x[0] if single else x

    def backward(self, trace: Trace, target, loss: str | Loss = "l2") -> Trace:
        """Add grad_z_out, grad_z_in, grad_W, grad_b to every layer, and the loss (the mean)."""
        loss = get_loss(loss)
        last = self.layers[-1]
        y = self.targets(target, len(trace.x), loss)
        top = trace.layers[-1]
        n = len(trace.x)
        grad_f = loss.gradient(top.z_out, y) / n
        if loss.fused_with == last.activation.name:
            # softmax + cross entropy (or sigmoid + BCE): exact and stable in terms of f_in.
            value = float(np.mean(loss.fused_value(top.z_in, y)))
            grad_f_in = (top.z_out - y) / n
        else:
            value = loss.risk(top.z_out, y)
            grad_f_in = None
        layers = [dataclasses.replace(lt) for lt in trace.layers]
        grad = grad_f
        for i in range(len(layers) - 1, -1, -1):
            lt, layer = layers[i], self.layers[i]
            lt.grad_z_out = grad
            if i == len(layers) - 1 and grad_f_in is not None:
                lt.grad_z_in = grad_f_in
            else:
                # grad_z_in = grad_z_out * σ'(z_in)
                lt.grad_z_in = layer.activation.backward(lt.z_in, lt.z_out, grad)
            # grad_W = input^T grad_z_in, grad_b = Σ grad_z_in, and the gradient of the input
            lt.grad_W, lt.grad_b, grad = layer.backward(lt.input, lt.grad_z_in)
        return dataclasses.replace(trace, layers=layers, target=y, loss_name=loss.name, loss=value)

    def loss(self, x, target, loss: str | Loss = "l2") -> float:
        """The empirical risk of the network on (x, target)."""
        loss = get_loss(loss)
        trace = self.forward(x)
        y = self.targets(target, len(trace.x), loss)
        if loss.fused_with == self.layers[-1].activation.name:
            return float(np.mean(loss.fused_value(trace.f_in, y)))
        return loss.risk(trace.output, y)

    def gradient(self, x, target, loss: str | Loss = "l2") -> tuple[float, Array]:
        """The risk and its gradient as a flat vector in the order of ``parameters()``."""
        trace = self.backward(self.forward(x), target, loss)
        return trace.loss, np.concatenate(
            [np.concatenate([lt.grad_W.ravel(), lt.grad_b]) for lt in trace.layers])

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
        layers = [Dense(W.copy(), b.copy(), layer.activation, layer.labels)
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
    def check_input(self, x) -> tuple[Array, bool]:
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

    def targets(self, target, n: int, loss: str | Loss) -> Array:
        """The targets as an (n, g) array: class indices become one-hot rows for cross entropy."""
        loss, g = get_loss(loss), self.n_outputs
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
