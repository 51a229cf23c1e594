"""``nnviz doctor``: is everything nnviz needs on this machine? One line per tool, and how to install it.

Like ``manim checkhealth``, it does not stop at "the program is on PATH": it compiles a formula with
LaTeX the way manim does and renders one tiny frame with a text and a formula. Chromium is needed
only by the page tests, so it is reported as optional and never makes the doctor fail::

    from nnviz.doctor import all_required_ok, run_checks
    checks = run_checks()
    all_required_ok(checks)         # what `nnviz doctor`'s exit status says
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
    optional: bool = False  # needed only for the tests: missing is reported, not a failure

    def line(self) -> str:
        mark = "ok     " if self.ok else "absent " if self.optional else "MISSING"
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


LATEX_FIX = f"{APT} texlive-latex-base texlive-latex-extra preview-latex-style dvisvgm"


def check_latex() -> Check:
    missing = [tool for tool in ("latex", "dvisvgm") if shutil.which(tool) is None]
    if missing:
        return Check("LaTeX, dvisvgm", False, f"{' and '.join(missing)} not on PATH", LATEX_FIX)
    latex = _version_of(["latex", "--version"], r"TeX Live (\d{4})")
    dvisvgm = _version_of(["dvisvgm", "--version"])
    detail = f"TeX Live {latex}, dvisvgm {dvisvgm}"
    preview = subprocess.run(["kpsewhich", "preview.sty"], capture_output=True, text=True) \
        if shutil.which("kpsewhich") else None
    if preview is not None and not preview.stdout.strip():
        return Check("LaTeX, dvisvgm", False, f"{detail}, but preview.sty is missing", LATEX_FIX)
    problem = _compile_formula()
    if problem:
        return Check("LaTeX, dvisvgm", False, f"{detail}, but a formula does not compile: {problem}", LATEX_FIX)
    return Check("LaTeX, dvisvgm", True, f"{detail}; a formula compiles")


def _compile_formula() -> str | None:
    """Compile ``\\sigma(z) = 1/(1+e^{-z})`` to SVG as manim does, in a scratch folder; the problem, if any."""
    import tempfile

    try:
        from manim import tempconfig
        from manim.utils.tex_file_writing import tex_to_svg_file
    except Exception as e:
        return f"manim cannot be imported ({type(e).__name__})"
    with tempfile.TemporaryDirectory(prefix="nnviz-doctor-") as scratch, \
            tempconfig({"tex_dir": scratch, "verbosity": "CRITICAL"}):
        try:
            svg = tex_to_svg_file(r"\sigma(z) = \frac{1}{1+e^{-z}}", environment="align*")
        except Exception as e:
            return str(e).splitlines()[0] if str(e) else type(e).__name__
        return None if svg.is_file() and svg.stat().st_size > 0 else "no SVG was written"


def check_render() -> Check:
    """Render one tiny frame with a text and a formula, as a scene would."""
    import tempfile

    name = "render a frame"
    try:
        from manim import MathTex, Scene, Text, VGroup, tempconfig
    except Exception as e:
        return Check(name, False, f"manim cannot be imported ({type(e).__name__})")

    class Probe(Scene):
        def construct(self):
            self.add(VGroup(Text("nnviz"), MathTex(r"f = \tau(f_{in})")).arrange())

    with tempfile.TemporaryDirectory(prefix="nnviz-doctor-") as scratch, \
            tempconfig({"media_dir": scratch, "pixel_width": 64, "pixel_height": 36, "save_last_frame": True,
                        "write_to_movie": False, "verbosity": "CRITICAL", "progress_bar": "none",
                        "disable_caching": True}):
        try:
            scene = Probe()
            scene.render()
            frame = scene.renderer.get_frame()
        except Exception as e:
            return Check(name, False, f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}",
                         f"{APT} libcairo2-dev libpango1.0-dev && {PIP} --force-reinstall pycairo manimpango")
    drawn = int((frame[..., :3].std(axis=(0, 1)) > 1).any())
    return Check(name, bool(drawn), "a text and a formula drawn at 64×36" if drawn else "the frame came out blank")


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
        return Check("chromium", False, "not on PATH (optional: only the page tests need it)",
                     f"{APT} chromium fonts-dejavu-core", optional=True)
    return Check("chromium", True, f"{_version_of([path, '--version'])} ({path}; optional, for the page tests)",
                 optional=True)


CHECKS: list[Callable[[], Check]] = [check_python, check_manim, check_cairo_pango, check_latex,
                                      check_ffmpeg, check_chromium]


def run_checks() -> list[Check]:
    """Every check; a frame is rendered only when manim, cairo/pango and LaTeX passed."""
    checks = [check() for check in CHECKS]
    if all(c.ok for c in checks if c.name in ("manim", "cairo/pango", "LaTeX, dvisvgm")):
        checks.insert(4, check_render())
    return checks


def all_required_ok(checks: list[Check]) -> bool:
    """What the doctor's exit status says: every check passed that is not optional."""
    return all(check.ok or check.optional for check in checks)
