"""What the gallery holds: every lecture scene and every example script, filed under the lecture's sections.

    from nnviz.gallery import gallery_items
    [item.key for item in gallery_items()]     # ['scene:single-neuron', ..., 'script:loss_landscape']

A script (``gallery/*.py``, installed as ``nnviz.examples``) has a docstring whose first line is its
title, constants ``SECTION``, ``ORDER``, ``CAPTION``, and a ``make()`` that returns a plotly figure, a
matplotlib figure, or an object with ``gallery_files(folder, stem) -> list[Path]``.
"""

from __future__ import annotations

import ast
import importlib.util
from dataclasses import dataclass, field
from pathlib import Path

from nnviz.errors import NnvizError

# The lecture's sections, in the order the lecture teaches them (BRIEF.md).
SECTIONS = (
    "A single neuron",
    "A single neuron: optimization",
    "Motivation: a new feature space",
    "Single hidden layer networks",
    "Multi-class classification",
    "Feedforward neural networks",
    "Why add more layers?",
    "Implementing learning: gradient descent",
    "Implementing learning: backpropagation",
    "Loss landscapes",
)


@dataclass
class Item:
    """One thing on the index page: a scene's video, or a script's page, figure or files."""

    kind: str  # "scene" or "script"
    name: str  # the scene name or the script's file stem
    title: str
    section: str
    order: int
    caption: str
    source: str  # the scene's module file or the script path
    summary: str = ""  # what the item shows, one line
    outputs: list[str] = field(default_factory=list)  # relative to the gallery folder
    output_kind: str = ""  # "video", "page" or "figure"

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.name}"


def examples_folder() -> Path | None:
    """Where the gallery scripts are installed (the package ``nnviz.examples``), or None."""
    spec = importlib.util.find_spec("nnviz.examples")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))).resolve()


EXAMPLES = examples_folder()


def scene_items(names: list[str] | None = None) -> list[Item]:
    """The scenes called ``names`` (default: every scene), as gallery items."""
    import inspect

    from nnviz.render import get_scene, list_scenes

    classes = list_scenes() if names is None else [get_scene(name) for name in names]
    return [Item("scene", cls.name, _scene_title(cls.name), cls.section, cls.order,
                 cls.caption or cls.summary, inspect.getfile(cls), cls.summary) for cls in classes]


def _scene_title(name: str) -> str:
    return name.replace("-", " ").capitalize()


def script_items(folder: Path | None = None) -> list[Item]:
    """The example scripts in ``folder`` (default: ``nnviz.examples``); files named ``_*`` are helpers."""
    folder = _scripts_folder(folder)
    items = []
    for path in sorted(folder.glob("*.py")):
        if path.name.startswith("_"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        meta = {node.targets[0].id: node.value.value for node in tree.body
                if isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.Constant)}
        missing = [key for key in ("SECTION", "ORDER", "CAPTION") if key not in meta]
        if missing:
            raise NnvizError(f"{path}: a gallery script sets {', '.join(missing)} at the top")
        title = (ast.get_docstring(tree) or path.stem).strip().splitlines()[0]
        items.append(Item("script", path.stem, title, str(meta["SECTION"]), int(meta["ORDER"]),
                          str(meta["CAPTION"]), str(path.resolve())))
    return items


def _scripts_folder(folder: Path | None) -> Path:
    folder = folder if folder is not None else EXAMPLES
    if folder is None or not Path(folder).is_dir():
        raise NnvizError(f"the gallery scripts are missing ({folder or 'no package nnviz.examples'}): "
                         "reinstall nnviz")
    return Path(folder)


def gallery_items(examples: Path | None | bool = True, scenes: list[str] | None = None) -> list[Item]:
    """Every item in lecture order: scenes (``scenes``: only these) and scripts (``examples``: their
    folder; True: the installed ones; None or False: none)."""
    items = scene_items(scenes)
    if examples is not None and examples is not False:
        items += script_items(None if examples is True else Path(examples))
    return sorted(items, key=lecture_order)


def section_rank(section: str) -> int:
    """A section's place in the lecture; sections the lecture does not have come after its own."""
    return SECTIONS.index(section) if section in SECTIONS else len(SECTIONS)


def lecture_order(item: Item) -> tuple:
    return section_rank(item.section), item.order, item.kind, item.name


def by_section(items: list[Item]) -> dict[str, list[Item]]:
    """The items grouped by section, sections in lecture order (others by their first item)."""
    sections: dict[str, list[Item]] = {}
    for item in sorted(items, key=lecture_order):
        sections.setdefault(item.section, []).append(item)
    return sections
