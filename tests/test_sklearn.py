"""scikit-learn's MLPs in nnviz: from_sklearn directly, and through ONNX (skl2onnx) into every command."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pytest
from click.testing import CliRunner
from onnx_graphs import run_onnxruntime

import nnviz
from nnviz.cli import cli
from nnviz.data import load_dataset
from nnviz.errors import NnvizError

sklearn = pytest.importorskip("sklearn")
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.neural_network import MLPClassifier, MLPRegressor  # noqa: E402


def fitted(model, X, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(X, y)


@pytest.fixture(scope="module")
def moons():
    X, y = load_dataset("moons", 200, seed=0)
    return X, y, fitted(MLPClassifier((6,), activation="tanh", max_iter=2000, random_state=0), X, y)


@pytest.fixture(scope="module")
def moons_onnx(moons, tmp_path_factory):
    """The moons classifier exported by skl2onnx as a user would: labels, ZipMap and all."""
    skl2onnx = pytest.importorskip("skl2onnx")
    X, _, model = moons
    path = tmp_path_factory.mktemp("onnx") / "model.onnx"
    path.write_bytes(skl2onnx.to_onnx(model, X[:1].astype(np.float32)).SerializeToString())
    return path


# ---- from_sklearn -----------------------------------------------------------------------------
def test_binary_classifier_output_is_predict_proba_of_class_1(moons):
    X, _, model = moons
    net = nnviz.from_sklearn(model)
    assert net.shape == (2, 6, 1)
    assert [layer.activation.name for layer in net.layers] == ["tanh", "sigmoid"]
    np.testing.assert_allclose(net.predict(X)[:, 0], model.predict_proba(X)[:, 1], rtol=1e-12, atol=1e-15)
    assert net.fitting_loss() == "binary-cross-entropy" and net.layers[-1].labels == ["P(1)"]


@pytest.mark.parametrize("activation", ["relu", "logistic", "identity", "tanh"])
def test_multiclass_classifier_output_is_predict_proba(activation):
    X, y = load_dataset("blobs", 150, seed=1)
    model = fitted(MLPClassifier((5, 4), activation=activation, max_iter=300, random_state=0), X, y)
    net = nnviz.from_sklearn(model)
    assert net.shape == (2, 5, 4, 3) and net.layers[-1].activation.name == "softmax"
    np.testing.assert_allclose(net.predict(X), model.predict_proba(X), rtol=1e-12, atol=1e-15)
    assert net.fitting_loss() == "cross-entropy"


def test_regressor_output_is_predict():
    X, _ = load_dataset("circles", 100, seed=0)
    y = np.sin(X[:, 0]) + X[:, 1] ** 2
    model = fitted(MLPRegressor(hidden_layer_sizes=(7,), activation="relu", max_iter=500, random_state=0), X, y)
    net = nnviz.from_sklearn(model)
    assert net.layers[-1].activation.name == "identity" and net.fitting_loss() == "l2"
    np.testing.assert_allclose(net.predict(X)[:, 0], model.predict(X), rtol=1e-12, atol=1e-13)


def test_unfitted_or_other_models_are_one_line_errors():
    with pytest.raises(NnvizError, match="^this MLPClassifier is not fitted yet: call fit"):
        nnviz.from_sklearn(MLPClassifier())
    from sklearn.linear_model import LogisticRegression

    with pytest.raises(NnvizError, match="takes a fitted MLPClassifier or MLPRegressor, got LogisticRegression"):
        nnviz.from_sklearn(LogisticRegression())


# ---- through ONNX ------------------------------------------------------------------------------
def test_skl2onnx_moons_model_gives_predict_proba(moons, moons_onnx):
    X, _, model = moons
    net = nnviz.load_network(moons_onnx)
    assert net.shape == (2, 6, 1) and "probability of class 1" in net.description
    np.testing.assert_allclose(net.predict(X)[:, 0], model.predict_proba(X)[:, 1], rtol=1e-6)
    label, probabilities = run_onnxruntime(moons_onnx, X.astype(np.float32))  # float32 arithmetic
    np.testing.assert_allclose(net.predict(X)[:, 0], [p[1] for p in probabilities], rtol=1e-6, atol=1e-7)
    np.testing.assert_array_equal(label, model.predict(X))


@pytest.mark.parametrize("zipmap", [True, False])
def test_skl2onnx_multiclass_and_regressor(tmp_path, zipmap):
    skl2onnx = pytest.importorskip("skl2onnx")
    X, y = load_dataset("blobs", 150, seed=1)
    model = fitted(MLPClassifier((5, 4), activation="relu", max_iter=300, random_state=0), X, y)
    path = tmp_path / "multi.onnx"
    options = None if zipmap else {id(model): {"zipmap": False}}
    path.write_bytes(skl2onnx.to_onnx(model, X[:1].astype(np.float32), options=options).SerializeToString())
    np.testing.assert_allclose(nnviz.load_network(path).predict(X), model.predict_proba(X), rtol=1e-6, atol=1e-7)
    regressor = fitted(MLPRegressor(hidden_layer_sizes=(6,), activation="tanh", max_iter=300, random_state=0),
                       X, X[:, 0] - X[:, 1])
    path = tmp_path / "reg.onnx"
    path.write_bytes(skl2onnx.to_onnx(regressor, X[:1].astype(np.float32)).SerializeToString())
    np.testing.assert_allclose(nnviz.load_network(path).predict(X)[:, 0], regressor.predict(X), rtol=1e-6, atol=1e-6)


# ---- every command on the exported moons model -------------------------------------------------
def test_trace_shows_the_models_probability_and_gradients(moons, moons_onnx):
    _, _, model = moons
    result = CliRunner().invoke(cli, ["trace", str(moons_onnx), "-x", "0.5,-0.2", "--target", "1",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["output"][0] == pytest.approx(model.predict_proba([[0.5, -0.2]])[0, 1], rel=1e-6)
    assert data["loss_function"] == "binary-cross-entropy"
    assert data["loss"] == pytest.approx(-np.log(data["output"][0]), rel=1e-12)
    assert len(data["layers"][0]["grad_W"]) == 2 and len(data["layers"][0]["grad_W"][0]) == 6


@pytest.mark.render
def test_render_single_hidden_example_with_the_imported_network(moons_onnx, tmp_path):
    from scene_frames import TINY_FPS, TINY_SIZE, assert_frames_sane, decode

    out = tmp_path / "forward.mp4"
    result = CliRunner().invoke(cli, ["render", "single-hidden-example", "--network", str(moons_onnx),
                                      "-x", "0.5,-0.2", "--size", f"{TINY_SIZE[0]}x{TINY_SIZE[1]}",
                                      "--fps", str(TINY_FPS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    video = decode(out)
    assert_frames_sane(video)
    assert video.first.shape == (TINY_SIZE[1], TINY_SIZE[0], 3)


def test_landscape_and_boundary_on_moons(moons, moons_onnx, tmp_path):
    X, y, model = moons
    for command in ("landscape", "boundary"):
        out = tmp_path / f"{command}.html"
        result = CliRunner().invoke(cli, [command, str(moons_onnx), "--dataset", "moons", "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert result.output.strip().splitlines()[-1] == str(out)
        assert out.stat().st_size > 10_000
    page = (tmp_path / "boundary.html").read_text()
    assert f"accuracy on the data {model.score(X, y):.3f}" in page
    assert "binary-cross-entropy loss of model on moons" in (tmp_path / "landscape.html").read_text()


def test_a_scikit_learn_network_saved_as_toml_loads_back_the_same(moons, tmp_path):
    X, _, model = moons
    net = nnviz.from_sklearn(model)
    again = nnviz.load_network(nnviz.save_network(net, tmp_path / "moons.toml"))
    np.testing.assert_array_equal(again.parameters(), net.parameters())
    assert (again.name, again.description, again.default_loss) == (net.name, net.description, net.default_loss)
    assert [layer.labels for layer in again.layers] == [None, ["P(1)"]]
    np.testing.assert_array_equal(again.predict(X), net.predict(X))
