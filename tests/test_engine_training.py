"""Training lowers the loss; the History records it; datasets are seeded."""

import numpy as np
import pytest

from nnviz import data
from nnviz.engine import History, train
from nnviz.engine.init import random_network
from nnviz.errors import NnvizError


@pytest.mark.parametrize("optimizer,lr", [("sgd", 0.5), ("momentum", 0.1), ("adam", 0.05)])
def test_training_learns_xor(optimizer, lr):
    X, y = data.xor(200, seed=0)
    net = random_network([2, 8, 1], "tanh", "sigmoid", seed=0)
    history = train(net, X, y, "bce", optimizer, lr=lr, steps=400)
    assert history.loss[-1] < 0.25 * history.loss[0]
    accuracy = np.mean((history.final().predict(X)[:, 0] > 0.5) == y)
    assert accuracy > 0.95


def test_training_learns_circles_with_minibatches():
    X, y = data.circles(200, seed=1)
    net = random_network([2, 8, 8, 1], "tanh", "sigmoid", seed=1)
    history = train(net, X, y, "bce", "adam", lr=0.03, steps=600, batch_size=32, seed=1)
    assert history.loss[-1] < 0.2 * history.loss[0]


def test_history_records_every_step_and_starts_at_the_initial_network():
    X, y = data.blobs(60, seed=0)
    net = random_network([2, 4, 3], "relu", "softmax", seed=0)
    history = train(net, X, y, "cross-entropy", "sgd", lr=0.1, steps=10)
    assert history.parameters.shape == (11, net.n_parameters)
    np.testing.assert_array_equal(history.steps, np.arange(11))
    np.testing.assert_array_equal(history.parameters[0], net.parameters())
    assert history.loss[0] == pytest.approx(net.loss(X, y, "cross-entropy"))
    # plain SGD: θ_1 = θ_0 − η ∇R(θ_0)
    _, grad = net.gradient(X, y, "cross-entropy")
    np.testing.assert_allclose(history.parameters[1], net.parameters() - 0.1 * grad)


def test_training_leaves_the_network_passed_in_unchanged():
    X, y = data.xor(40)
    net = random_network([2, 3, 1], "tanh", "sigmoid", seed=0)
    before = net.parameters().copy()
    train(net, X, y, "bce", "adam", lr=0.1, steps=20)
    np.testing.assert_array_equal(net.parameters(), before)


def test_history_saves_and_loads(tmp_path):
    X, y = data.moons(50)
    net = random_network([2, 4, 1], "tanh", "sigmoid", seed=0)
    history = train(net, X, y, "bce", "momentum", lr=0.1, steps=30, record_every=10)
    np.testing.assert_array_equal(history.steps, [0, 10, 20, 30])
    path = history.save(tmp_path / "h.npz")
    loaded = History.load(path, net)
    np.testing.assert_array_equal(loaded.parameters, history.parameters)
    assert loaded.optimizer == "momentum" and loaded.loss_name == "binary-cross-entropy"
    with pytest.raises(NnvizError, match="parameters"):
        History.load(path, random_network([2, 5, 1], seed=0))


@pytest.mark.parametrize("name", list(data.DATASETS))
def test_datasets_are_seeded_and_two_dimensional(name):
    X1, y1 = data.load_dataset(name, 120, seed=4)
    X2, y2 = data.load_dataset(name, 120, seed=4)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert X1.shape == (120, 2) and y1.shape == (120,)
    assert set(np.unique(y1)) == set(range(int(y1.max()) + 1))
    assert not np.array_equal(X1, data.load_dataset(name, 120, seed=5)[0])


def test_polar_coordinates_make_circles_separable_by_one_line():
    X, y = data.circles(300, noise=0.03, seed=0)
    r = data.polar(X)[:, 0]
    assert r[y == 1].max() < r[y == 0].min()  # the line r = const separates the classes
