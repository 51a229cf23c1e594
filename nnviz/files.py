"""Atomic output: write beside the target, then rename, so a crash never leaves half a file.

Every file nnviz writes goes through ``atomic_path`` (or ``atomic_paths`` for a pair that must
change together, like a network and its history). A write that fails — a read-only folder, a full
disk, a name too long — raises ``NnvizError`` naming the target, and leaves the old file as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from nnviz.errors import NnvizError

DEFAULT_OUT = Path("nnviz-out")
"""Where every command writes when no ``-o`` says otherwise."""

_STEM_CHARS = 40  # of the target's name kept in the temporary name: a long valid name stays valid
_WRITING: set[Path] = set()  # temporary files being written: writing one of them again needs no new temporary
_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.ENAMETOOLONG,
                 errno.EFBIG, errno.ENOTDIR, errno.EISDIR}


def default_mode() -> int:
    """The mode a plain ``open()`` gives a new file: 0o666 minus the umask (0o644 usually)."""
    try:  # Linux reports the umask without changing it (os.umask would, for every thread)
        with open("/proc/self/status", encoding="ascii") as status:
            umask = next(int(line.split()[1], 8) for line in status if line.startswith("Umask:"))
    except (OSError, StopIteration, ValueError):
        umask = os.umask(0o022)
        os.umask(umask)
    return 0o666 & ~umask


def make_readable(path: str | os.PathLike, mode: int | None = None) -> Path:
    """Give a file nnviz wrote the mode of a normally created file (or ``mode``); never use it on
    a file nnviz did not write."""
    os.chmod(path, default_mode() if mode is None else mode)
    return Path(path)


def write_error(target: Path, error: OSError) -> NnvizError:
    """One line for a write that the system refused: which file and why."""
    reason = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is exceeded",
              errno.EROFS: "the file system is read-only", errno.ENAMETOOLONG: "the name is too long",
              errno.EFBIG: "the file is larger than the system allows"}.get(error.errno or 0)
    if reason is None and error.errno in (errno.ENOTDIR, errno.EEXIST):
        reason = "a part of the path is a file, not a folder"
    if reason is None:
        reason = (error.strerror or str(error)).lower()
    return NnvizError(f"cannot write {target}: {reason}")


def _make_folder(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; return those created, deepest first."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir(exist_ok=True)
    return missing


def _temporary(target: Path, created: list[Path]) -> Path:
    """A new empty file beside ``target`` with the mode a plain open() would give."""
    try:
        created.extend(_make_folder(target.parent))
        if target.is_dir():
            raise NnvizError(f"cannot write {target}: it is a folder")
        fd, name = tempfile.mkstemp(prefix=f".{target.stem[:_STEM_CHARS]}-", suffix=target.suffix[:16],
                                    dir=target.parent)
    except OSError as e:
        raise write_error(target, e) from None
    os.close(fd)
    return make_readable(name)  # mkstemp makes the file private (0600)


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike, mode: int | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it is renamed onto ``target``.

    The file gets the mode a plain ``open()`` would give (or ``mode``). If the block raises, the
    temporary file is removed and ``target`` keeps its old content.

        with atomic_path("out/figure.svg") as tmp:
            fig.savefig(tmp, format="svg")
    """
    with atomic_paths(target, mode=mode) as (tmp,):
        yield tmp


@contextlib.contextmanager
def atomic_paths(*targets: str | os.PathLike, mode: int | None = None) -> Iterator[tuple[Path, ...]]:
    """Several files that change together, all or nothing (a network and its training history).

    Every file is written to a temporary name first; only when the block succeeds are they renamed
    into place. Should a rename fail half-way, the targets already replaced get their old content
    back, so the old set stays intact.

        with atomic_paths("net.json", "net.history.npz") as (spec_tmp, history_tmp):
            save_network(net, spec_tmp)
            history.save(history_tmp)
    """
    paths = [Path(t) for t in targets]
    if all(path.resolve() in _WRITING for path in paths):  # already a temporary file of an outer write
        yield tuple(paths)
        return
    temps: list[Path] = []
    created: list[Path] = []  # folders made for the targets: removed again if nothing lands in them
    done = False
    try:
        for target in paths:
            temps.append(_temporary(target, created))
        if mode is not None:
            for tmp in temps:
                os.chmod(tmp, mode)
        _WRITING.update(tmp.resolve() for tmp in temps)
        try:
            yield tuple(temps)
        except Exception as e:
            # A writer may wrap the system's refusal in its own error (zlib, a plotting library): when
            # the disk is full, that is what to say.
            full = not isinstance(e, NnvizError) and _nearly_full(paths[0].parent)
            if not full and not (isinstance(e, OSError) and e.errno in _WRITE_ERRNOS):
                raise
            error = e if isinstance(e, OSError) and not full else OSError(errno.ENOSPC, "no space")
            raise write_error(paths[0] if len(paths) == 1 else Path(", ".join(map(str, paths))), error) from e
        _replace_all(temps, paths)
        done = True
    finally:
        for tmp in temps:
            _WRITING.discard(tmp.resolve())
            tmp.unlink(missing_ok=True)
        for folder in created if not done else []:
            with contextlib.suppress(OSError):
                folder.rmdir()


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < 2**20
    except OSError:
        return False


def _replace_all(temps: list[Path], targets: list[Path]) -> None:
    """Rename each temporary file onto its target; on a failure, put the replaced ones back."""
    if len(targets) == 1:
        try:
            os.replace(temps[0], targets[0])
        except OSError as e:
            raise write_error(targets[0], e) from None
        return
    backups: list[tuple[Path, Path | None]] = []  # (target, its old content's name or None: it was new)
    try:
        for i, (tmp, target) in enumerate(zip(temps, targets)):
            backup = None
            if target.exists():
                backup = target.with_name(f".{target.stem[:_STEM_CHARS]}-{os.getpid()}-{i}.old")
                try:
                    os.link(target, backup)
                except OSError:  # a file system without hard links
                    shutil.copy2(target, backup)
            backups.append((target, backup))
            os.replace(tmp, target)
    except BaseException as e:  # an OSError, or Ctrl-C between two renames
        for old, backup in reversed(backups):
            if backup is not None:
                os.replace(backup, old)
            else:
                old.unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise write_error(target, e) from None
        raise
    finally:
        for _, backup in backups:
            if backup is not None:
                backup.unlink(missing_ok=True)


def check_writable(*targets: str | os.PathLike) -> None:
    """Fail now, with one line, if ``targets`` could not be written (before minutes of work)."""
    with contextlib.suppress(_Probe), atomic_paths(*targets):
        raise _Probe  # made the temporary files, then leave without renaming: nothing is changed


class _Probe(Exception):
    pass


def write_text(target: str | os.PathLike, text: str) -> Path:
    """Write ``text`` to ``target`` atomically and return the target path."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(target)
