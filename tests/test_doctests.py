"""Every example in a docstring runs (doctest), so the examples a reader copies are true.

Modules are found by their ``>>>``; those whose examples are sketches that cannot run yet are
listed in ``NOT_YET`` with what is missing, and leave the list when their examples are fixed.
"""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOT_YET = {  # module: why its examples do not run as written
    "nnviz.analysis.descent": "uses network, X, y without making them",
    "nnviz.analysis.landscape": "uses network, X, y, history without making them",
    "nnviz.analysis.regions": "sketch without inputs",
    "nnviz.plots.landscape": "sketch without a landscape",
    "nnviz.plots.landscape_static": "sketch without a landscape",
    "nnviz.files": "writes a matplotlib figure it does not make",
}


def documented() -> list[str]:
    modules = []
    for path in sorted((ROOT / "nnviz").rglob("*.py")):
        if ">>>" in path.read_text(encoding="utf-8"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


@pytest.mark.parametrize("module", [m for m in documented() if m not in NOT_YET])
def test_doc_examples_run(module, capsys):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.NORMALIZE_WHITESPACE)
    report = capsys.readouterr().out
    assert result.attempted > 0
    assert result.failed == 0, report


def test_the_not_yet_list_names_modules_that_exist_with_examples():
    assert set(NOT_YET) <= set(documented())
