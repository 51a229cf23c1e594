"""Loss landscapes: directions, grid orientation, PCA of a path, batched evaluation against a loop."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnviz.analysis.landscape import (
    compute_landscape,
    evaluate_losses,
    evaluate_plane,
    interpolate,
    normalize_direction,
    pca_directions,
    project_path,
    random_directions,
)
from nnviz.data import blobs, circles
from nnviz.engine import History, load_network, train
from nnviz.engine.init import random_network
from nnviz.errors import NnvizError


def _net_with_biases(sizes=(2, 5, 4, 1), hidden="tanh", output="sigmoid", seed=0):
    net = random_network(list(sizes), hidden, output, seed=seed)
    rng = np.random.default_rng(seed + 1)
    return net.with_parameters(net.parameters() + 0.3 * rng.standard_normal(net.n_parameters))


def _loop(net, theta, d1, d2, alpha, beta, X, y, loss):
    """The reference: set the parameters, evaluate, one grid point at a time."""
    return np.array([[net.with_parameters(theta + a * d1 + b * d2).loss(X, y, loss) for a in alpha]
                     for b in beta])


def test_filter_normalised_directions_give_each_neuron_the_norm_of_its_weights():
    net = _net_with_biases()
    d1, d2 = random_directions(net, "filter", seed=3)
    for d in (d1, d2):
        for (dW, db), layer in zip(net.split_parameters(d), net.layers):
            np.testing.assert_allclose(np.linalg.norm(dW, axis=0), np.linalg.norm(layer.W, axis=0),
                                       rtol=1e-12)
            assert np.all(db == 0.0)
    assert not np.allclose(d1, d2)


def test_bias_directions_are_filled_and_normalised_only_when_asked():
    net = _net_with_biases()
    d = normalize_direction(net, np.random.default_rng(0).standard_normal(net.n_parameters), "filter",
                            include_bias=True)
    for (dW, db), layer in zip(net.split_parameters(d), net.layers):
        assert np.all(db != 0.0)
        np.testing.assert_allclose(np.linalg.norm(np.vstack([dW, db]), axis=0),
                                   np.linalg.norm(np.vstack([layer.W, layer.b]), axis=0), rtol=1e-12)


def test_layer_normalised_directions_give_each_layer_the_norm_of_its_weights():
    net = _net_with_biases()
    d, _ = random_directions(net, "layer", seed=1)
    for (dW, db), layer in zip(net.split_parameters(d), net.layers):
        assert np.linalg.norm(dW) == pytest.approx(np.linalg.norm(layer.W), rel=1e-12)
        if layer.n_neurons > 1:  # with one neuron a layer is a filter
            assert not np.allclose(np.linalg.norm(dW, axis=0), np.linalg.norm(layer.W, axis=0))
        assert np.all(db == 0.0)


def test_grid_centre_is_the_loss_at_theta():
    net = _net_with_biases()
    X, y = circles(60, seed=2)
    land = compute_landscape(net, X, y, resolution=(9, 7), span=(1.0, 0.5), regions=False)
    assert land.alpha[4] == 0.0 and land.beta[3] == 0.0
    assert land.loss[3, 4] == pytest.approx(net.loss(X, y, "binary-cross-entropy"), abs=1e-13)
    assert land.loss[3, 4] == pytest.approx(land.centre_loss, abs=1e-13)


def test_non_square_grid_rows_follow_beta_and_columns_follow_alpha():
    net = _net_with_biases()
    X, y = circles(40, seed=1)
    land = compute_landscape(net, X, y, resolution=(6, 3), span=(2.0, 0.5), regions=False, seed=5)
    assert land.loss.shape == (3, 6)
    np.testing.assert_allclose(land.alpha, np.linspace(-2, 2, 6))
    np.testing.assert_allclose(land.beta, np.linspace(-0.5, 0.5, 3))
    theta = net.parameters()
    for i, j in [(0, 5), (2, 1), (1, 4)]:
        expected = net.with_parameters(theta + land.alpha[j] * land.d1 + land.beta[i] * land.d2).loss(
            X, y, "binary-cross-entropy")
        assert land.loss[i, j] == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("case", ["tanh-bce", "relu-l2", "softmax-ce", "deep-slide", "single-hidden-slide"])
def test_batched_evaluation_equals_a_per_point_loop(case):
    if case == "tanh-bce":
        net, (X, y), loss = _net_with_biases(), circles(50, seed=0), "binary-cross-entropy"
    elif case == "relu-l2":
        net, (X, y), loss = _net_with_biases((2, 6, 1), "relu", "identity"), circles(50, seed=0), "l2"
    elif case == "softmax-ce":
        net, loss = _net_with_biases((2, 6, 5, 3), "tanh", "softmax"), "cross-entropy"
        X, y = blobs(45, seed=0)
    else:
        net = load_network(case.removesuffix("-slide"))
        X, y, loss = net.default_input[None], net.default_target, net.default_loss
    theta = net.parameters()
    d1, d2 = random_directions(net, "filter", seed=0)
    alpha, beta = np.linspace(-1, 1, 5), np.linspace(-0.7, 0.9, 4)
    Y = net.targets(y, len(X), loss)
    expected = _loop(net, theta, d1, d2, alpha, beta, X, y, loss)
    for chunk_size, workers in [(None, 1), (1, 1), (7, 2)]:
        got = evaluate_plane(net, theta, d1, d2, alpha, beta, X, Y, loss, chunk_size, workers=workers)
        # 1e-10, relative where the loss is large (the slide's deep network reaches 10^6 off-centre)
        assert np.all(np.abs(got - expected) <= 1e-10 * np.maximum(1.0, np.abs(expected)))
    thetas = theta + np.outer(alpha[:3], d1)
    np.testing.assert_allclose(evaluate_losses(net, thetas, X, Y, loss, chunk_size=2),
                               [net.with_parameters(t).loss(X, y, loss) for t in thetas], rtol=0, atol=1e-10)


def test_float32_evaluation_is_close_to_float64():
    net = _net_with_biases()
    X, y = circles(80, seed=3)
    Y = net.targets(y, len(X), "bce")
    d1, d2 = random_directions(net, "layer", seed=2)
    axis = np.linspace(-1, 1, 6)
    exact = evaluate_plane(net, net.parameters(), d1, d2, axis, axis, X, Y, "bce")
    fast = evaluate_plane(net, net.parameters(), d1, d2, axis, axis, X, Y, "bce", dtype=np.float32)
    assert fast.dtype == np.float64
    np.testing.assert_allclose(fast, exact, rtol=1e-5)
    assert not np.array_equal(fast, exact)


def test_pca_projection_of_a_path_in_a_plane_is_exact():
    net = _net_with_biases((2, 4, 1))
    rng = np.random.default_rng(7)
    centre = net.parameters()
    e1, e2 = rng.standard_normal((2, net.n_parameters))  # a plane, not orthonormal on purpose
    u, v = rng.standard_normal((2, 25))
    u[-1] = v[-1] = 0.0  # the path ends at the centre, as a training path ends at θ_final
    parameters = centre + np.outer(u, e1) + np.outer(v, e2)
    d1, d2, explained = pca_directions(parameters)
    assert explained.sum() == pytest.approx(1.0, abs=1e-12)
    assert explained[0] >= explained[1] > 0
    assert d1 @ d2 == pytest.approx(0.0, abs=1e-12) and np.linalg.norm(d1) == pytest.approx(1.0)
    X, y = circles(30, seed=0)
    Y = net.targets(y, len(X), "bce")
    path = project_path(net, parameters, centre, d1, d2, X, Y, "bce")
    np.testing.assert_allclose(path.distance, 0.0, atol=1e-10)
    np.testing.assert_allclose(centre + np.outer(path.alpha, d1) + np.outer(path.beta, d2), parameters,
                               atol=1e-10)
    np.testing.assert_allclose(path.surface_loss, path.loss, atol=1e-10)
    assert path.alpha[0] < 0 and path.beta[0] < 0  # the path starts in the negative quadrant
    assert path.frames[0] == 0 and path.frames[-1] == 24


def test_pca_landscape_of_a_training_run_draws_the_path_inside_its_grid():
    X, y = circles(80, seed=0)
    net = random_network([2, 6, 1], "tanh", "sigmoid", seed=0)
    history = train(net, X, y, "bce", "adam", lr=0.05, steps=60, record_every=2)
    land = compute_landscape(history.final(), X, y, directions="pca", history=history, resolution=11)
    path = land.path
    assert np.abs(path.alpha).max() < land.alpha.max() and np.abs(path.beta).max() < land.beta.max()
    np.testing.assert_allclose(path.loss, history.loss, atol=1e-10)  # the real loss at each θ_t
    assert land.axis_label(0).startswith("PCA 1 (") and land.axis_label(0).endswith(" %)")
    assert land.explained[0] > 0.5
    assert land.loss[5, 5] == pytest.approx(history.loss[-1], abs=1e-12)
    assert "drawn path: at most" in path.summary()
    maps = land.regions
    assert maps.maps.shape == (11, 11, 41, 41) and maps.path_maps.shape == (len(path.frames), 41, 41)
    G1, G2 = np.meshgrid(maps.x1, maps.x2)
    centre = land.network.predict(np.c_[G1.ravel(), G2.ravel()])[:, 0].reshape(41, 41)
    np.testing.assert_allclose(maps.maps[5, 5], centre, atol=1e-12)
    final = history.final().predict(np.c_[G1.ravel(), G2.ravel()])[:, 0].reshape(41, 41)
    np.testing.assert_allclose(maps.path_maps[-1], final, atol=1e-12)


def test_pca_needs_a_history():
    net = _net_with_biases()
    X, y = circles(20)
    with pytest.raises(NnvizError, match="needs a training history"):
        compute_landscape(net, X, y, directions="pca")
    with pytest.raises(NnvizError, match="expected one of"):
        compute_landscape(net, X, y, directions="diagonal")
    empty = History(net, net.parameters()[None], np.array([0.5]), np.array([0]))
    with pytest.raises(NnvizError, match="moves"):
        compute_landscape(net, X, y, directions="pca", history=empty)


def test_interpolation_between_initial_and_trained_descends_and_hits_both_ends():
    X, y = circles(60, seed=1)
    net = random_network([2, 6, 1], "tanh", "sigmoid", seed=1)
    history = train(net, X, y, "bce", "adam", lr=0.05, steps=80)
    curve = interpolate(net, history.parameters[0], history.parameters[-1], X, y, "bce", resolution=21)
    assert curve.loss[curve.t == 0.0][0] == pytest.approx(history.loss[0], abs=1e-12)
    assert curve.loss[curve.t == 1.0][0] == pytest.approx(history.loss[-1], abs=1e-12)
    assert curve.t[0] == -0.25 and curve.t[-1] == 1.25
    assert curve.barrier >= 0.0


@settings(max_examples=12, deadline=None)
@given(hidden=st.lists(st.integers(1, 5), min_size=0, max_size=2),
       activation=st.sampled_from(["tanh", "relu", "sigmoid"]), head=st.sampled_from(["bce", "ce", "l2"]),
       shape=st.tuples(st.integers(2, 4), st.integers(2, 4)), chunk=st.integers(1, 9),
       seed=st.integers(0, 100))
def test_batched_evaluation_equals_the_loop_for_any_small_network(hidden, activation, head, shape, chunk,
                                                                   seed):
    output, loss, classes = {"bce": ("sigmoid", "bce", 1), "ce": ("softmax", "cross-entropy", 3),
                             "l2": ("identity", "l2", 1)}[head]
    net = _net_with_biases((2, *hidden, classes), activation, output, seed)
    X, y = blobs(12, centers=max(2, classes), seed=seed) if classes > 1 else circles(12, seed=seed)
    land = compute_landscape(net, X, y, loss, resolution=shape, span=(0.8, 1.3), seed=seed, regions=False,
                             chunk_size=chunk, include_bias=seed % 2 == 0)
    expected = _loop(net, net.parameters(), land.d1, land.d2, land.alpha, land.beta, X, y, loss)
    assert land.loss.shape == (shape[1], shape[0])
    assert np.all(np.abs(land.loss - expected) <= 1e-10 * np.maximum(1.0, np.abs(expected)))
