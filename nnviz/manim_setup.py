"""Where manim writes, and how nnviz makes its shared caches safe for renders side by side.

manim keeps three caches in one media folder: compiled formulas (``Tex/``), drawn texts
(``texts/``) and partial movies. It writes all three under their final names, so two processes (two
renders, a render and the gallery, the workers of ``nnviz gallery -j 2``) can read each other's
half-written files or delete each other's scratch files. ``make_caches_safe()`` fixes that:

- formulas compile one at a time across processes (a ``filelock`` on ``Tex/``), and a LaTeX failure
  becomes one line naming the formula (``NnvizError``), not manim's ``RuntimeError``;
- each text is drawn in a folder of this process and renamed into place; an empty file left by an
  interrupted render is drawn again;
- an SVG is parsed from memory, not from the scratch file ``NAME_.svg`` manim writes beside the
  cached one (and that another process may delete under it).

``manim_config(...)`` sets manim's global config for one render and restores it afterwards.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from nnviz.errors import NnvizError

QUALITIES = {"l": "low_quality", "m": "medium_quality", "h": "high_quality",
             "p": "production_quality", "k": "fourk_quality"}
LATEX_TOOLS = ("latex", "dvisvgm")
LATEX_PACKAGES = "texlive-latex-base texlive-latex-extra preview-latex-style dvisvgm"


def cache_dir() -> Path:
    """manim's media and Tex cache: ``$NNVIZ_CACHE_DIR``, else the user's cache folder + ``nnviz/manim``.

    On Linux that is ``$XDG_CACHE_HOME/nnviz/manim`` or ``~/.cache/nnviz/manim`` (``platformdirs``).
    """
    if os.environ.get("NNVIZ_CACHE_DIR"):
        return Path(os.environ["NNVIZ_CACHE_DIR"])
    from platformdirs import user_cache_path

    return user_cache_path("nnviz", appauthor=False) / "manim"


def check_latex() -> None:
    """Fail with one line (and the Debian packages to install) when LaTeX or dvisvgm is missing."""
    missing = [tool for tool in LATEX_TOOLS if shutil.which(tool) is None]
    if missing:
        raise NnvizError(f"{' and '.join(missing)} not found: manim needs LaTeX for the slides' "
                         f"formulas; install it with `sudo apt-get install {LATEX_PACKAGES}`")


class LatexFailed(NnvizError):
    """LaTeX could not compile a formula: broken installation, or a formula it cannot typeset."""


def make_caches_safe() -> None:
    """Install the three fixes above (once per process; idempotent)."""
    from nnviz.runtime import quiet_libraries

    _lock_tex_compiler()
    _atomic_text_cache()
    _svg_from_memory()
    quiet_libraries()  # after manim's import, which sets matplotlib's logger to INFO; gallery workers too


def _lock_tex_compiler() -> None:
    from filelock import FileLock
    from manim.mobject.text import tex_mobject

    original = tex_mobject.tex_to_svg_file
    if getattr(original, "nnviz_locked", False):
        return

    def tex_to_svg_file(expression, *args, **kwargs):
        from manim import config

        tex_dir = Path(config.get_dir("tex_dir"))
        tex_dir.mkdir(parents=True, exist_ok=True)
        # manim deletes every non-SVG file of Tex/ after each formula: one formula at a time.
        with FileLock(str(tex_dir.parent / "tex.lock")):
            try:
                return original(expression, *args, **kwargs)
            except (RuntimeError, ValueError, FileNotFoundError) as e:
                raise LatexFailed(_latex_message(expression, e)) from e

    tex_to_svg_file.nnviz_locked = True
    tex_mobject.tex_to_svg_file = tex_to_svg_file


def _latex_message(expression: str, error: Exception) -> str:
    import re

    formula = " ".join(re.sub(r"\\special\{[^}]*\}", "", str(expression)).split())
    formula = formula if len(formula) <= 60 else formula[:57] + "..."
    if isinstance(error, FileNotFoundError) or shutil.which("latex") is None:
        return (f"LaTeX is missing ({error.filename or 'latex'}): install it with "
                f"`sudo apt-get install {LATEX_PACKAGES}`")
    if "did not produce a log file" in str(error):
        return (f"LaTeX failed on the formula {formula!r} without writing a log: the LaTeX installation "
                f"is broken (`nnviz doctor` checks it; reinstall with `sudo apt-get install {LATEX_PACKAGES}`)")
    return (f"LaTeX failed on the formula {formula!r} ({str(error).splitlines()[0]}); "
            f"`nnviz doctor` checks the installation")


def _atomic_text_cache() -> None:
    from manim import config
    from manim.mobject.text import text_mobject
    from manim.utils.color import ManimColor

    for cls in (text_mobject.Text, text_mobject.MarkupText):
        original = cls._text2svg
        if getattr(original, "nnviz_atomic", False):
            continue

        def _text2svg(self, color, _original=original, _markup=cls is text_mobject.MarkupText):
            # Pango lays a text out to the frame's pixel size, which manim's hash leaves out: a text
            # drawn for a 192-pixel test render must not be reused, wrapped, by a 1080p render.
            base = Path(config.get_dir("text_dir"))
            shared = base / f"{config.pixel_width}x{config.pixel_height}"
            shared.mkdir(parents=True, exist_ok=True)
            final = shared / (self._text2hash(ManimColor(color) if _markup else color) + ".svg")
            if final.is_file() and final.stat().st_size > 0:
                return str(final.resolve())
            private = Path(tempfile.mkdtemp(prefix=f".text-{os.getpid()}-", dir=shared))
            try:
                config.text_dir = str(private)
                drawn = Path(_original(self, color))
                remove_last_m(str(drawn))  # manim does it after us, in place: then nothing is left to do
                os.replace(drawn, final)
            finally:
                config.text_dir = str(base)
                shutil.rmtree(private, ignore_errors=True)
            return str(final.resolve())

        _text2svg.nnviz_atomic = True
        cls._text2svg = _text2svg
    text_mobject.PangoUtils.remove_last_M = staticmethod(remove_last_m)


def remove_last_m(file_name: str) -> None:
    """manimpango's ``remove_last_M``, but it rewrites the file only if something changes, atomically.

    manim calls it on the shared cached SVG after every Text; manimpango's version truncates and
    rewrites the file each time, so another process can read it empty.
    """
    import re

    path = Path(file_name)
    content = path.read_text()
    changed = re.sub(r'Z M [^A-Za-z]*? "\/>', 'Z "/>', content)
    if changed != content:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".svg", dir=path.parent)
        with os.fdopen(fd, "w") as out:
            out.write(changed)
        os.replace(tmp, path)


def _svg_from_memory() -> None:
    """manim writes ``NAME_.svg`` beside a cached SVG, parses it and deletes it: parse from memory."""
    import svgelements as se
    from manim import RIGHT
    from manim.mobject.svg.svg_mobject import SVGMobject

    original = SVGMobject.generate_mobject
    if getattr(original, "nnviz_in_memory", False):
        return

    def generate_mobject(self):
        from xml.etree import ElementTree as ET

        tree = self.modify_xml_tree(ET.parse(self.get_file_path()))
        buffer = io.BytesIO()
        tree.write(buffer)
        buffer.seek(0)
        mobjects, mobject_dict = self.get_mobjects_from(se.SVG.parse(buffer))
        self.add(*mobjects)
        self.id_to_vgroup_dict = mobject_dict
        self.flip(RIGHT)  # SVG's y axis points down
        return self

    generate_mobject.nnviz_in_memory = True
    SVGMobject.generate_mobject = generate_mobject


@contextmanager
def manim_config(key: str, quality: str, fmt: str, size, fps, background: str, progress: bool,
                 use_cache: bool = True) -> Iterator[Path]:
    """manim's global config for one render, restored afterwards; yields the render's scratch folder.

    ``use_cache``: reuse partial movies of earlier identical renders (``key`` names them). Renders of
    the same key take turns (a lock), so two identical renders at once never write the same files;
    without the cache, partial movies stay in the scratch folder and vanish with it.
    """
    from filelock import FileLock
    from manim import config, tempconfig

    cache = cache_dir()
    (cache / "renders").mkdir(parents=True, exist_ok=True)
    make_caches_safe()
    workdir = Path(tempfile.mkdtemp(prefix=f"{key}-", dir=cache / "renders"))
    partial = cache / "partial" / key if use_cache else workdir / "partial"
    partial.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(partial) + ".lock") if use_cache else None
    try:
        if lock is not None:
            lock.acquire()
        with tempconfig({}):
            config.verbosity = "WARNING"
            config.ffmpeg_loglevel = "ERROR"
            config.progress_bar = "display" if progress else "none"
            config.media_dir = str(cache)
            config.tex_dir = str(cache / "Tex")
            config.text_dir = str(cache / "texts")
            config.video_dir = str(workdir)
            config.images_dir = str(workdir)
            config.partial_movie_dir = str(partial)
            config.quality = QUALITIES[quality]
            if size is not None:
                config.pixel_width, config.pixel_height = size
            if fps is not None:
                config.frame_rate = fps
            config.background_color = background
            config.output_file = key
            config.write_all = False
            config.preview = False
            config.input_file = ""
            config.disable_caching = not use_cache
            config.save_last_frame = fmt == "png"
            config.write_to_movie = fmt != "png"
            config.verbosity = "ERROR"  # manim warns that webm is slow and changes its extension
            config.format = None if fmt in ("png", "gif") else fmt  # GIFs: nnviz encodes them from mp4
            config.verbosity = "WARNING"
            yield workdir
    finally:
        if lock is not None:
            lock.release()
        shutil.rmtree(workdir, ignore_errors=True)


__all__ = ["LATEX_PACKAGES", "LATEX_TOOLS", "QUALITIES", "LatexFailed", "cache_dir", "check_latex",
           "make_caches_safe", "manim_config"]
