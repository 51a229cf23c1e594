"""Process-wide settings that the `nnviz` command makes for itself (never on `import nnviz`)."""

from __future__ import annotations

import ctypes
import ctypes.util

# glibc's mallopt parameters (malloc.h)
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3


def keep_freed_memory(megabytes: int = 64) -> bool:
    """Ask glibc to recycle freed arrays instead of returning them to the OS at once.

    A Trace holds every layer's arrays and frees them together; with glibc's defaults, arrays of
    128 KiB and more are mmap-ed and their memory handed back on free, so the next pass faults
    every page in again. That costs more than the arithmetic for networks of lecture size (see
    benchmarks/engine.py). Returns False where the C library is not glibc.
    """
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    size = megabytes * 2**20
    return bool(mallopt(_M_MMAP_THRESHOLD, 32 * 2**20)) and bool(mallopt(_M_TRIM_THRESHOLD, size))


def quiet_libraries() -> None:
    """No log lines from libraries nnviz drives: nnviz prints the paths it wrote, and errors.

    manim puts its handler on the root logger at INFO, so matplotlib's "Matplotlib is building the
    font cache" and "generated new fontManager" (once per machine) would show in `make demo`.
    """
    import logging

    logging.getLogger("matplotlib").setLevel(logging.ERROR)
