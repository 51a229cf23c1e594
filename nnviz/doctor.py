"""``nnviz doctor``: is everything nnviz needs on this machine? One line per tool, and how to install it.

    >>> from nnviz.doctor import run_checks
    >>> [check.ok for check in run_checks()]
"""

from __future__ import annotations

import importlib
import platform
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

APT = "sudo apt-get install"
PIP = f"{sys.executable} -m pip install"


@dataclass
class Check:
    name: str
    ok: bool
    detail: str  # the version found, or what is missing
    fix: str = ""  # the command that installs what is missing

    def line(self) -> str:
        mark = "ok     " if self.ok else "MISSING"
        text = f"{mark} {self.name:<16} {self.detail}"
        return text if self.ok or not self.fix else f"{text} — install: {self.fix}"


def _version_of(command: list[str], pattern: str = r"(\d+(?:\.\d+)+)") -> str | None:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.search(pattern, result.stdout + result.stderr)
    return found.group(1) if found else "found"


def check_python() -> Check:
    ok = sys.version_info >= (3, 11)
    return Check("Python", ok, f"{platform.python_version()} ({sys.executable})" if ok else
                 f"{platform.python_version()}: nnviz needs 3.11 or newer", f"{APT} python3.11")


def _module(name: str, label: str, fix: str) -> Check:
    try:
        module = importlib.import_module(name)
    except Exception as e:  # ImportError, or a missing shared library underneath
        return Check(label, False, f"cannot import {name} ({type(e).__name__}: {str(e).splitlines()[0]})", fix)
    return Check(label, True, getattr(module, "__version__", "found"))


def check_manim() -> Check:
    check = _module("manim", "manim", f"{PIP} 'manim>=0.21,<0.22'")
    if check.ok and not check.detail.startswith("0.21"):
        return Check("manim", False, f"{check.detail}: manim-slides 5.7 needs manim 0.21",
                     f"{PIP} 'manim>=0.21,<0.22'")
    return check


def check_cairo_pango() -> Check:
    fix = f"{APT} libcairo2-dev libpango1.0-dev pkg-config && {PIP} --force-reinstall pycairo manimpango"
    try:
        import cairo
        import manimpango
    except Exception as e:
        return Check("cairo/pango", False, f"{type(e).__name__}: {str(e).splitlines()[0]}", fix)
    return Check("cairo/pango", True, f"cairo {cairo.cairo_version_string()}, pango {manimpango.pango_version()}")


def check_latex() -> Check:
    fix = f"{APT} texlive-latex-base texlive-latex-extra preview-latex-style dvisvgm"
    missing = [tool for tool in ("latex", "dvisvgm") if shutil.which(tool) is None]
    if missing:
        return Check("LaTeX, dvisvgm", False, f"{' and '.join(missing)} not on PATH", fix)
    latex = _version_of(["latex", "--version"], r"TeX Live (\d{4})")
    dvisvgm = _version_of(["dvisvgm", "--version"])
    detail = f"TeX Live {latex}, dvisvgm {dvisvgm}"
    preview = subprocess.run(["kpsewhich", "preview.sty"], capture_output=True, text=True) \
        if shutil.which("kpsewhich") else None
    if preview is not None and not preview.stdout.strip():
        return Check("LaTeX, dvisvgm", False, f"{detail}, but preview.sty is missing", fix)
    return Check("LaTeX, dvisvgm", True, detail)


def check_ffmpeg() -> Check:
    fix = f"{PIP} --force-reinstall av"
    try:
        import av
    except Exception as e:
        return Check("ffmpeg (PyAV)", False, f"{type(e).__name__}: {e}", fix)
    missing = [codec for codec in ("libx264", "libvpx-vp9", "gif") if codec not in av.codecs_available]
    if missing:
        return Check("ffmpeg (PyAV)", False, f"PyAV {av.__version__} lacks the encoders {', '.join(missing)}", fix)
    libavcodec = ".".join(map(str, av.library_versions.get("libavcodec", ())))
    return Check("ffmpeg (PyAV)", True, f"PyAV {av.__version__}, libavcodec {libavcodec}")


def check_chromium() -> Check:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        return Check("chromium", False, "not on PATH (needed for the page tests only)",
                     f"{APT} chromium fonts-dejavu-core")
    return Check("chromium", True, f"{_version_of([path, '--version'])} ({path})")


CHECKS: list[Callable[[], Check]] = [check_python, check_manim, check_cairo_pango, check_latex,
                                      check_ffmpeg, check_chromium]


def run_checks() -> list[Check]:
    return [check() for check in CHECKS]
