"""What the commands check at the edge: work that fits, targets that mean something, finite results.

The engine computes and trusts its arrays; these checks sit where the user's numbers go in and
where results come out, so that nonsense is one line instead of a NaN figure or a 200 GiB
allocation.

    check_budget("train", *train_cost(net.shape, n=200, steps=2000), force=False)
    check_finite(trace, "deep with x = (1e308, 1, 1)")
"""

from __future__ import annotations

import click
import numpy as np

from nnviz.commands.common import terminal_text
from nnviz.errors import NnvizError, TooMuchWork

# ---- work estimated before it starts ---------------------------------------------------------------
MAX_SECONDS = 300.0
MAX_BYTES = 4 * 2**30
WARN_SECONDS = 30.0
RATE = 4e9  # multiply-adds a second on one core, measured for the engine's matrix products
STEP_OVERHEAD = 1.5e-4  # seconds of Python around one training step of a small network
ACTIVATION_COST = 120  # multiply-adds an activation value costs in training (value, derivative, Adam)
GRID_ACTIVATION_COST = 15  # … and in a batched forward pass only
PLOT_UNIT_SECONDS = 6e-4  # regions: drawing grows with the square of the half-plane units (measured)

force_option = click.option("--force", is_flag=True,
                            help="Go on even when the work is estimated to take very long or much memory.")


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.0f} h"
    return f"{seconds / 86400:,.0f} days"


def _size(n_bytes: float) -> str:
    for unit, scale in (("TiB", 2**40), ("GiB", 2**30), ("MiB", 2**20)):
        if n_bytes >= scale:
            return f"{n_bytes / scale:,.1f} {unit}"
    return f"{n_bytes / 2**10:.0f} KiB"


Cost = tuple[float, float, str]  # seconds, bytes, and what they were estimated from


def check_budget(what: str, cost: Cost, force: bool) -> None:
    """Refuse (one line, with the estimate and ``--force``) work past the limits; warn on long work.

    >>> check_budget("train", (4000, 2e9, "4e8 parameters"), force=False)
    Traceback (most recent call last):
    nnviz.errors.TooMuchWork: train: estimated 67 min and 1.9 GiB (4e8 parameters), past the limit of 5 min \
or 4.0 GiB; make it smaller, or add --force to go on anyway
    """
    seconds, n_bytes, because = cost
    estimate = f"estimated {_duration(seconds)} and {_size(n_bytes)}" + (f" ({because})" if because else "")
    if not force and (seconds > MAX_SECONDS or n_bytes > MAX_BYTES):
        raise TooMuchWork(f"{what}: {estimate}, past the limit of {_duration(MAX_SECONDS)} or "
                          f"{_size(MAX_BYTES)}; make it smaller, or add --force to go on anyway")
    if seconds > WARN_SECONDS:
        click.echo(f"nnviz: {what}: {estimate}", err=True)


def _counts(shape: tuple[int, ...]) -> tuple[float, float, float]:
    """Parameters, units (activations per example) and the widest layer of a network's shape."""
    sizes = [float(s) for s in shape]
    parameters = sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:]))
    return parameters, sum(sizes[1:]), max(sizes)


def train_cost(shape: tuple[int, ...], n: int, steps: int, batch_size: int | None = None,
               records: int = 502) -> Cost:
    """Seconds and bytes to train a network of ``shape`` (and keep ``records`` parameter vectors)."""
    parameters, units, widest = _counts(shape)
    batch = min(batch_size or n, n)
    seconds = steps * (STEP_OVERHEAD + (4 * batch * parameters + ACTIVATION_COST * batch * units) / RATE)
    kept = min(records, steps + 1)
    n_bytes = 8 * (2 * kept * parameters + 6 * parameters + 6 * n * (units + shape[0]) + 3 * n)
    return seconds, n_bytes, f"{parameters:,.0f} parameters, {n:,} points, {steps:,} steps"


def grid_cost(shape: tuple[int, ...], grid_points: int, n: int = 1, history: int = 0) -> Cost:
    """Seconds and bytes to run a network over ``grid_points`` settings (or inputs) × ``n`` points."""
    parameters, units, widest = _counts(shape)
    seconds = grid_points * n * (parameters + GRID_ACTIVATION_COST * units) / RATE
    n_bytes = 8 * (4 * n * widest + 6 * grid_points * max(1.0, units if n == 1 else 1.0)
                   + 6 * parameters + 3 * history * parameters)
    return seconds, n_bytes, f"{parameters:,.0f} parameters, {grid_points:,} grid points × {n:,} data points"


def polygon_cost(vertices: int, resolution: int) -> Cost:
    """Seconds and bytes to build, evaluate and draw the threshold network of a polygon."""
    units = 2.0 * vertices  # edges of its convex pieces, at most about twice its vertices
    seconds = PLOT_UNIT_SECONDS * units**2 + 1.2e-5 * vertices**2
    n_bytes = 8 * 3 * resolution**2 * units * 1.5
    return seconds, n_bytes, f"{vertices} vertices, about {units:.0f} half-plane units"


# ---- numbers that mean something -------------------------------------------------------------------
def check_target(network, target, loss: str) -> None:
    """Targets a loss can compare with: probabilities in [0, 1] for (binary) cross entropy."""
    from nnviz.engine.spec import target_problem

    problem = target_problem(target, loss, network.n_outputs)
    if problem:
        raise NnvizError(f"--target {problem}")


def check_finite(trace, what: str) -> None:
    """One line, instead of NaN in a table or a figure, when a pass overflowed."""
    for i, layer in enumerate(trace.layers, start=1):
        for field in ("z_in", "z_out", "grad_z_out", "grad_z_in", "grad_W", "grad_b"):
            values = getattr(layer, field)
            if values is not None and not np.all(np.isfinite(values)):
                raise NnvizError(f"{what}: layer {i}'s {field} overflows (±inf or NaN); the input or the "
                                 "weights are too large for 64-bit floats")
    if trace.loss is not None and not np.isfinite(trace.loss):
        raise NnvizError(f"{what}: the loss overflows (±inf or NaN)")


def checked_trace(network, x, target=None, loss: str | None = None):
    """The forward pass at ``x`` (and the backward pass with ``target``, a number or a list), refused in
    one line when the target means nothing to the loss or a value overflows.

    >>> from nnviz.engine import load_network
    >>> checked_trace(load_network("single-hidden"), [-3, 1, 5], [2])
    Traceback (most recent call last):
    nnviz.errors.NnvizError: --target 2: binary-cross-entropy compares with probabilities in [0, 1]
    """
    where = f"{terminal_text(network.name)} with x = ({', '.join(f'{v:g}' for v in np.ravel(x))})"
    trace = network.forward(x)
    check_finite(trace, where)
    if target is None:
        if loss is not None:
            raise NnvizError("--loss needs --target (the loss compares the output to a target)")
        return trace
    loss_name = loss or network.fitting_loss()
    values = np.ravel(np.asarray(target, dtype=float)).tolist()
    goal = values[0] if len(values) == 1 else values
    check_target(network, goal, loss_name)
    trace = network.backward(trace, goal, loss_name)
    check_finite(trace, where)
    return trace
