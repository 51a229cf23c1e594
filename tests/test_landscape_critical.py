"""A landscape with the slide's features: minima, saddles, and gradient descent ending in different minima."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.analysis.critical import PlaneRisk, critical_points, descend, symmetric_example, wave
from nnviz.analysis.plane import evaluate_losses


@pytest.fixture(scope="module")
def example():
    return symmetric_example(resolution=61)


def test_the_plane_holds_four_copies_of_one_network_that_compute_the_same_function(example):
    land = example.landscape
    X, _ = wave()
    outputs = []
    for alpha, beta in example.anchors.values():
        theta = land.theta + alpha * land.d1 + beta * land.d2
        outputs.append(land.network.with_parameters(theta).predict(X)[:, 0])
    for out in outputs[1:]:
        np.testing.assert_allclose(out, outputs[0], atol=1e-12)
    assert land.d1 @ land.d2 == pytest.approx(0.0, abs=1e-12)  # swap and flip touch different weights


def test_each_marked_minimum_has_no_negative_hessian_eigenvalue_and_sits_at_a_copy(example):
    minima = example.minima
    assert len(minima) == 4
    for p in minima:
        assert p.kind == "minimum" and p.signs == "(+, +)" and np.all(p.eigenvalues > 0)
        assert p.gradient_norm < 1e-8
        nearest = min(np.hypot(p.alpha - a, p.beta - b) for a, b in example.anchors.values())
        assert nearest < 1e-6
    losses = [p.loss for p in minima]
    assert max(losses) - min(losses) < 1e-12 and len(example.argmin) == 4  # argmin is a set of four


def test_the_saddles_have_hessian_eigenvalues_of_both_signs_and_lie_higher_than_the_minima(example):
    saddles = example.saddles
    assert saddles, "the plane must show a saddle point"
    for p in saddles:
        assert p.eigenvalues[0] < 0 < p.eigenvalues[1] and p.signs == "(−, +)"
        assert p.gradient_norm < 1e-8 and p.loss > max(m.loss for m in example.minima)


def test_the_hessian_on_the_plane_agrees_with_second_differences_of_the_risk(example):
    land = example.landscape
    X, y = wave()
    risk = PlaneRisk(land.network, X, y, "l2", land.theta, land.d1, land.d2)
    p, h = np.array([example.saddles[0].alpha, example.saddles[0].beta]), 1e-3
    Y = land.network.targets(y, len(X), "l2")

    def R(q):
        return evaluate_losses(land.network, risk.point(q)[None], X, Y, "l2")[0]

    e1, e2 = np.array([h, 0.0]), np.array([0.0, h])
    second = np.array([[R(p + e1) - 2 * R(p) + R(p - e1),
                        (R(p + e1 + e2) - R(p + e1 - e2) - R(p - e1 + e2) + R(p - e1 - e2)) / 4],
                       [0.0, R(p + e2) - 2 * R(p) + R(p - e2)]]) / h**2
    second[1, 0] = second[0, 1]
    np.testing.assert_allclose(risk.hessian(p), second, atol=1e-4)
    assert risk.value(p) == pytest.approx(example.saddles[0].loss, rel=1e-12)


def test_gradient_descent_from_nearby_starts_ends_in_different_minima(example):
    runs = example.runs
    assert len(runs) == 4 and len({run.minimum for run in runs}) == 4
    starts = np.array([run.start for run in runs])
    assert np.abs(starts).max() < 1.5  # all start close to the centre …
    for run in runs:
        end = example.minima[run.minimum]
        assert np.hypot(run.alpha[-1] - end.alpha, run.beta[-1] - end.beta) < 1e-6  # … and end far apart
        assert np.all(np.diff(run.loss) <= 1e-12)  # every step goes down: the rate is below 2 / sharpness
        assert run.loss[-1] == pytest.approx(end.loss, abs=1e-10)


def test_descend_is_plain_gradient_descent_with_the_engines_gradient(example):
    land = example.landscape
    X, y = wave()
    risk = PlaneRisk(land.network, X, y, "l2", land.theta, land.d1, land.d2)
    run = descend(risk, (0.3, -0.2), 0.5, example.minima, steps=3)
    step = np.array([run.alpha[0], run.beta[0]]) - 0.5 * risk.gradient((0.3, -0.2))
    np.testing.assert_allclose([run.alpha[1], run.beta[1]], step, atol=1e-15)
    _, full = land.network.with_parameters(risk.point((0.3, -0.2))).gradient(X, y, "l2")
    np.testing.assert_allclose(risk.gradient((0.3, -0.2)), [full @ land.d1, full @ land.d2], atol=1e-14)


def test_critical_points_finds_the_centre_of_a_symmetric_plane_as_a_maximum(example):
    land = example.landscape
    X, y = wave()
    risk = PlaneRisk(land.network, X, y, "l2", land.theta, land.d1, land.d2)
    found = critical_points(risk, land.alpha, land.beta, land.loss)
    kinds = [p.kind for p in found]
    assert kinds.count("minimum") == 4 and "saddle" in kinds
    top = [p for p in found if p.kind == "maximum"]
    assert top and np.hypot(top[0].alpha, top[0].beta) < 1e-9  # the centre: both symmetries fix it
