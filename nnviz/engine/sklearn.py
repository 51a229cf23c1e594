"""scikit-learn's fitted MLPs as nnviz networks: the same weights, activations and output.

Read from the fitted model's attributes (``coefs_``, ``intercepts_``, ``activation``,
``out_activation_``); scikit-learn itself is never imported here. The forward pass equals
``predict_proba`` (a binary classifier's output is the probability of class 1, its second
column) and ``predict`` for a regressor.

Example::

    from sklearn.neural_network import MLPClassifier
    model = MLPClassifier((8,), max_iter=500).fit(X, y)
    net = from_sklearn(model)
    net.predict(X)[:, 0] - model.predict_proba(X)[:, 1]      # zeros
"""

from __future__ import annotations

from typing import Any

import numpy as np

from nnviz.engine.network import Dense, Network
from nnviz.errors import NnvizError

# scikit-learn's activation names → nnviz's
ACTIVATIONS = {"identity": "identity", "logistic": "sigmoid", "tanh": "tanh", "relu": "relu",
               "softmax": "softmax"}


def from_sklearn(model: Any, name: str | None = None) -> Network:
    """A ``Network`` from a fitted scikit-learn ``MLPClassifier`` or ``MLPRegressor``."""
    kind = type(model).__name__
    if kind not in ("MLPClassifier", "MLPRegressor"):
        raise NnvizError(f"from_sklearn takes a fitted MLPClassifier or MLPRegressor, got {kind}")
    if not hasattr(model, "coefs_"):
        raise NnvizError(f"this {kind} is not fitted yet: call fit(X, y) first")
    hidden, out = model.activation, model.out_activation_
    for act in (hidden, out):
        if act not in ACTIVATIONS:
            raise NnvizError(f"{kind} activation {act!r} is unknown to nnviz; expected one of "
                             f"{', '.join(ACTIVATIONS)}")
    coefs, intercepts = model.coefs_, model.intercepts_
    layers = [Dense(np.asarray(W, float), np.asarray(b, float),
                    ACTIVATIONS[out if i == len(coefs) - 1 else hidden], name=f"layer {i + 1}")
              for i, (W, b) in enumerate(zip(coefs, intercepts))]
    features = getattr(model, "feature_names_in_", None)
    classes = getattr(model, "classes_", None)
    description = f"scikit-learn {kind}"
    if classes is not None:
        description += f" of classes {', '.join(map(str, classes))}"
        if len(classes) == 2 and layers[-1].n_neurons == 1:
            description += f": the output is the probability of class {classes[1]}"
            layers[-1].labels = [f"P({classes[1]})"]
        elif layers[-1].n_neurons == len(classes):
            layers[-1].labels = [f"P({c})" for c in classes]
    loss = {"softmax": "cross-entropy", "logistic": "binary-cross-entropy"}.get(out, "l2")
    return Network(layers, name or kind, default_loss=loss, description=description,
                   input_labels=None if features is None else [str(f) for f in features])
