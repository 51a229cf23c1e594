"""What an item's output depends on: its own file, and every nnviz module that was loaded to build it.

A gallery item is stale when any of that code changed — a helper in ``nnviz/analysis/``, a sibling
scene module, the palette — not only the scene's own file. The builder records, after making an
item, the nnviz modules then loaded (``loaded_modules``); a later build hashes those modules again
(``code_digest``) and remakes the item if the digest differs::

    names = loaded_modules()                     # ['nnviz.animate.base', 'nnviz.scenes.deep', ...]
    code_digest(names) == recorded_digest        # False after any of those files changed
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

import nnviz

PACKAGE = Path(nnviz.__file__).resolve().parent
# Modules that only organise the build, the index or the command line: they shape no item's files.
NOT_ITEM_CODE = ("nnviz.cli", "nnviz.commands", "nnviz.doctor", "nnviz.gallery.build", "nnviz.gallery.index",
                 "nnviz.gallery.items", "nnviz.gallery.depends", "nnviz.gallery.pool", "nnviz.slides")
# Files read with open(), not imported, that still decide what an item shows.
DATA_FILES = ("networks/*.toml", "pages/templates/back-link.html")


def loaded_modules() -> list[str]:
    """The nnviz modules loaded in this process that can shape an item's files."""
    return sorted(name for name, module in list(sys.modules.items())
                  if (name == "nnviz" or name.startswith("nnviz.")) and getattr(module, "__file__", None)
                  and not any(name == skip or name.startswith(skip + ".") for skip in NOT_ITEM_CODE))


def module_file(name: str) -> Path | None:
    """The source file of module ``name`` (loaded or not); None if there is none any more."""
    module = sys.modules.get(name)
    origin = getattr(module, "__file__", None)
    if origin is None:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            return None
        origin = spec.origin if spec is not None else None
    return Path(origin) if origin and Path(origin).is_file() else None


class CodeDigests:
    """``code_digest`` with each file read once per build."""

    def __init__(self) -> None:
        self._files: dict[Path, str] = {}

    def file(self, path: Path) -> str:
        if path not in self._files:
            self._files[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        return self._files[path]

    def __call__(self, names: list[str]) -> str:
        """One hash of the modules ``names`` (a missing module counts as a change) and the data files."""
        digest = hashlib.sha256()
        for name in sorted(names):
            path = module_file(name)
            digest.update(f"{name}={self.file(path) if path else 'missing'}\n".encode())
        for pattern in DATA_FILES:
            for path in sorted(PACKAGE.glob(pattern)):
                digest.update(f"{path.relative_to(PACKAGE)}={self.file(path)}\n".encode())
        return digest.hexdigest()


def code_digest(names: list[str]) -> str:
    return CodeDigests()(names)
