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


@contextlib.contextmanager
def staging(folder: Path, name: str) -> Iterator[Path]:
    """A private folder inside ``folder`` (same file system: renames are atomic), removed afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".building-{name}-", dir=folder))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def file_mode() -> int:
    """The mode ``open()`` gives a new file under the current umask (0644 under the usual 022)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def place(files: Mapping[Path, Path]) -> list[Path]:
    """Rename each made file (key) onto its target (value); returns the targets, in order."""
    mode = file_mode()
    targets = []
    for made, target in files.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(made, mode)  # a file nnviz made: tempfile and some tools make them private
        os.replace(made, target)
        targets.append(target)
    return targets


def write_if_changed(target: Path, data: bytes) -> bool:
    """Write ``data`` to ``target`` atomically unless it already holds exactly that; True if written."""
    if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
        place({Path(name): target})
    finally:
        Path(name).unlink(missing_ok=True)
    return True


def remove_stale(folder: Path, before: list[str], now: list[str]) -> None:
    """Remove the files (relative to ``folder``) nnviz wrote before and does not write any more."""
    for relative in set(before) - set(now):
        path = folder / relative
        if folder.resolve() in path.resolve().parents and path.is_file():
            path.unlink()
