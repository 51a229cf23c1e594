"""The analysis behind the learning scenes: surfaces, descent runs, boundaries, iso-lines (NumPy only)."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.analysis.descent import (
    boundary_movie,
    contour_segments,
    descent_runs,
    example_losses,
    learning_rates,
    loss_of_prediction,
    loss_surface,
    sharpness,
    single_neuron,
    toy_classification,
    toy_regression,
)
from nnviz.data import xor
from nnviz.engine import load_network, train
from nnviz.engine.init import random_network
from nnviz.errors import NnvizError


def least_squares(X, y):
    """w, b minimising the L2 risk of a linear neuron: the bottom of the bowl."""
    A = np.c_[X[:, 0], np.ones(len(X))]
    return np.linalg.lstsq(A, y, rcond=None)[0]


def test_sharpness_of_a_linear_neuron_is_the_top_eigenvalue_of_the_data_covariance():
    X, y = toy_regression()
    A = np.c_[X[:, 0], np.ones(len(X))]
    expected = np.linalg.eigvalsh(A.T @ A / len(X)).max()  # the Hessian of ½·mean (y − wx − b)²
    assert sharpness(single_neuron(), X, y, "l2") == pytest.approx(expected, rel=1e-6)


def test_the_right_rate_lands_where_least_squares_does_and_the_others_do_not():
    net, (X, y) = single_neuron(), toy_regression()
    small, right, large = learning_rates(net, X, y, "l2")
    assert small == pytest.approx(right / 10) and large > 2 / sharpness(net, X, y, "l2")
    runs = descent_runs(net, X, y, "l2", (small, right, large), steps=60)
    best = least_squares(X, y)
    np.testing.assert_allclose(runs[1].parameters[-1], best, atol=1e-4)
    assert runs[1].loss[-1] == pytest.approx(net.with_parameters(best).loss(X, y, "l2"), abs=1e-8)
    assert np.linalg.norm(runs[0].parameters[-1] - best) > 0.1  # too small: still on its way
    assert runs[2].loss[-1] > runs[2].loss[1]  # too large: the risk grows again (oscillating outwards)
    assert np.all(np.diff(runs[1].loss) <= 1e-12)


def test_descent_runs_are_the_engines_train():
    net, (X, y) = single_neuron(), toy_regression()
    run = descent_runs(net, X, y, "l2", [0.3], steps=7)[0]
    again = train(net, X, y, "l2", "sgd", lr=0.3, steps=7)
    np.testing.assert_array_equal(run.parameters, again.parameters)
    theta = net.parameters()
    for t in range(1, 8):  # θ_t = θ_{t−1} − η ∇R(θ_{t−1})
        theta = theta - 0.3 * net.with_parameters(theta).gradient(X, y, "l2")[1]
        np.testing.assert_allclose(run.parameters[t], theta, rtol=1e-12)


def test_surface_holds_the_engines_risk_and_covers_the_path():
    net, (X, y) = single_neuron(), toy_regression()
    run = descent_runs(net, X, y, "l2", [0.5], steps=20)[0]
    surface = loss_surface(net, X, y, "l2", around=[run.parameters], resolution=21)
    assert surface.risk.shape == (21, 21) and surface.names == ("w", "b")
    assert surface.contains(run.parameters).all()
    j, i = 7, 13
    theta = np.array([surface.p0[i], surface.p1[j]])
    assert surface.risk[j, i] == pytest.approx(net.with_parameters(theta).loss(X, y, "l2"))
    lowest = np.unravel_index(np.argmin(surface.risk), surface.risk.shape)
    cell = np.array([surface.p0[1] - surface.p0[0], surface.p1[1] - surface.p1[0]])
    assert np.all(np.abs([surface.p0[lowest[1]], surface.p1[lowest[0]]] - least_squares(X, y)) <= cell)
    levels = surface.levels()
    assert np.all(np.diff(levels) > 0) and levels[0] > surface.risk.min()


def test_a_surface_needs_exactly_two_parameters():
    with pytest.raises(NnvizError, match="exactly 2 parameters"):
        loss_surface(load_network("perceptron"), [[1, 2, 3]], [1], "bce")


def test_example_losses_average_to_the_engines_risk():
    net, (X, y) = single_neuron(2.0, -1.0, "sigmoid"), toy_classification()
    f, losses, risk = example_losses(net, X, y, "bce")
    np.testing.assert_allclose(f, net.predict(X)[:, 0])
    np.testing.assert_allclose(losses, -(y * np.log(f) + (1 - y) * np.log(1 - f)))
    assert risk == pytest.approx(losses.mean()) and risk == pytest.approx(net.loss(X, y, "bce"))


def test_toy_classification_is_not_separable_on_the_line():
    X, y = toy_classification()
    order = np.argsort(X[:, 0])
    assert np.count_nonzero(np.diff(y[order])) > 1  # labels switch more than once along x


def test_loss_of_prediction_is_the_slides_formula():
    f = np.array([0.25, 0.64])
    np.testing.assert_allclose(loss_of_prediction("l2", 1, f), 0.5 * (1 - f) ** 2)
    np.testing.assert_allclose(loss_of_prediction("bce", 1, f), -np.log(f))
    np.testing.assert_allclose(loss_of_prediction("bce", 0, f), -np.log(1 - f))


def test_contour_segments_of_a_paraboloid_lie_on_the_circle():
    x = y = np.linspace(-2, 2, 41)
    values = x[None, :] ** 2 + y[:, None] ** 2
    segments = contour_segments(x, y, values, 1.0)
    radius = np.hypot(segments[..., 0], segments[..., 1])
    assert len(segments) > 20
    np.testing.assert_allclose(radius, 1.0, atol=0.02)
    assert len(contour_segments(x, y, values, -1.0)) == 0


def test_boundary_movie_frames_are_the_network_at_the_recorded_steps():
    X, y = xor(60, seed=0)
    history = train(random_network([2, 4, 1], "tanh", "sigmoid", seed=0), X, y, "bce", "sgd", lr=1.0, steps=50)
    movie = boundary_movie(history, X, frames=10, resolution=11)
    assert movie.rows[0] == 0 and movie.rows[-1] == len(history) - 1 and np.all(np.diff(movie.rows) > 0)
    grid = np.stack(np.meshgrid(movie.x0, movie.x1), axis=-1).reshape(-1, 2)
    k = len(movie.rows) // 2
    expected = history.network_at(movie.rows[k]).predict(grid)[:, 0].reshape(11, 11)
    np.testing.assert_allclose(movie.output[k], expected)
    assert movie.extent[0] < X[:, 0].min() and movie.extent[3] > X[:, 1].max()
