"""Files into an output folder the safe way: made in a private folder beside them, then renamed into place.

Only files nnviz makes are touched: their mode is set (a normal file's, 0666 − umask), they are
renamed onto their targets, and a file nnviz wrote before and no longer makes is removed only if it
is listed as nnviz's (``remove_stale``). Anything else in the folder keeps its content and mode::

    with staging(out, "deep-forward") as tmp:
        video = render(tmp / "deep-forward.mp4")
        written = place({video: out / "videos" / "deep-forward.mp4"})
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from nnviz.files import atomic_path, make_readable


@contextlib.contextmanager
def staging(folder: Path, name: str) -> Iterator[Path]:
    """A private folder inside ``folder`` (same file system: renames are atomic), removed afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".building-{name}-", dir=folder))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def place(files: Mapping[Path, Path]) -> list[Path]:
    """Rename each made file (key) onto its target (value); returns the targets, in order."""
    targets = []
    for made, target in files.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        make_readable(made)  # a file nnviz made: tempfile and some tools make them private
        os.replace(made, target)
        targets.append(target)
    return targets


def write_if_changed(target: Path, data: bytes) -> bool:
    """Write ``data`` to ``target`` atomically unless it already holds exactly that; True if written."""
    if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
        return False
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return True


def remove_stale(folder: Path, before: list[str], now: list[str]) -> None:
    """Remove the files (relative to ``folder``) nnviz wrote before and does not write any more."""
    for relative in set(before) - set(now):
        path = folder / relative
        if folder.resolve() in path.resolve().parents and path.is_file():
            path.unlink()
