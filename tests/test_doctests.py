"""Every example in a docstring runs (doctest), so the examples a reader copies are true.

Modules are found by their ``>>>``: every one of them, so an example is written to run as it stands
(it builds the small network or data set it uses).
"""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def documented() -> list[str]:
    modules = []
    for path in sorted((ROOT / "nnviz").rglob("*.py")):
        if ">>>" in path.read_text(encoding="utf-8"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


@pytest.mark.parametrize("module", documented())
def test_doc_examples_run(module, capsys):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.NORMALIZE_WHITESPACE)
    report = capsys.readouterr().out
    assert result.attempted > 0
    assert result.failed == 0, report
