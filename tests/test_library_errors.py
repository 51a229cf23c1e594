"""Library errors name the parameter a Python user passed; the CLI turns it into the flag they typed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from nnviz.analysis.landscape import compute_landscape
from nnviz.analysis.polygons import parse_polygon
from nnviz.analysis.regions import polygon_region
from nnviz.engine import load_network
from nnviz.errors import NnvizError, UnknownName

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = ["nnviz/engine", "nnviz/analysis", "nnviz/animate", "nnviz/plots", "nnviz/latex", "scenes"]
TRIANGLE = [[0, 0], [1, 0], [0, 1]]


@pytest.mark.parametrize("call, parameter, words", [
    (lambda: parse_polygon("0,0 a,1 1,0"), "polygon", "'a,1' is not a point"),
    (lambda: parse_polygon("0,0 1,1 1,0 0,1"), "polygon", "intersects itself"),
    (lambda: polygon_region(TRIANGLE, slope=-1), "slope", "positive number, got -1"),
    (lambda: compute_landscape(load_network("single-hidden"), [[-3, 1, 5]], [1], directions="up"),
     "directions", "'up': expected one of filter, layer, none, pca"),
    (lambda: compute_landscape(load_network("single-hidden"), [[-3, 1, 5]], [1], directions="pca"),
     "directions", "pca needs a training history"),
])
def test_a_library_error_names_the_parameter_not_a_flag(call, parameter, words):
    with pytest.raises(NnvizError) as caught:
        call()
    error = caught.value
    assert words in error.message and not error.message.startswith("-")
    if error.parameter is not None:
        assert error.parameter == parameter and str(error) == f"{parameter}: {error.message}"
    else:  # validate_polygon names what it checks in the message itself
        assert str(error).startswith(f"{parameter}: ")


def test_an_unknown_loss_is_the_registrys_own_error_unwrapped():
    with pytest.raises(UnknownName, match=r"^unknown loss 'nope'; expected one of l2, l1"):
        compute_landscape(load_network("single-hidden"), [[-3, 1, 5]], [1], loss="nope")


def _raised_texts(path: Path) -> list[tuple[int, str]]:
    """The string pieces of every ``raise SomeError(...)`` message in one file, with their line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
            for piece in ast.walk(node.exc.args[0]):
                if isinstance(piece, ast.Constant) and isinstance(piece.value, str):
                    found.append((node.lineno, piece.value))
    return found


def test_no_library_error_message_names_a_command_line_flag():
    flags = [f"{path.relative_to(ROOT)}:{line}: {text!r}"
             for folder in LIBRARY for path in sorted((ROOT / folder).rglob("*.py"))
             for line, text in _raised_texts(path) if text.lstrip().startswith("--")]
    assert flags == []
