"""Find the lecture's scenes and render them through manim's Python API.

API (front layer; manim is imported inside the functions)::

    from nnviz.render import list_scenes, get_scene, render_scene
    from nnviz.animate.base import SceneOptions

    list_scenes()                      # [SceneClass, ...] every LectureScene in nnviz.scenes, by `order`
    get_scene("deep-forward")          # the class; unknown name -> NnvizError listing the names
    render_scene("deep-forward", SceneOptions(theme="dark"), quality="l", fmt="mp4",
                 output="talk/deep.mp4")                # -> Path("talk/deep.mp4")
    render_scene(name, SceneOptions(), size=(256, 144), fps=5)   # tiny, for tests

- A scene is any ``LectureScene`` subclass with a non-empty ``name`` defined in a module of the
  ``nnviz.scenes`` package (the repository's ``scenes/``); every module there is imported.
- ``quality``: ``l m h p k`` = manim's ``-ql -qm -qh -qp -qk``; ``size``/``fps`` override it.
- ``fmt``: ``mp4 gif webm png``; ``png`` is the scene's last frame (a slide).
- The file lands exactly at ``output`` (default ``nnviz-out/<scene>.<fmt>``), atomically.
- manim's media and Tex cache live in ``cache_dir()`` (``$XDG_CACHE_HOME/nnviz/manim``), never
  in the working directory. The options reach the scene through a throwaway subclass, so the
  shared scene class is never modified.
- Tests: ``tests/scene_frames.py`` has ``render_frames(name, tmp_path, **options)`` and
  ``assert_frames_sane(video)``.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import math
import os
import pkgutil
import shutil
import sys
from pathlib import Path

from nnviz.errors import NnvizError, UnknownName
from nnviz.files import DEFAULT_OUT, atomic_path, make_readable, write_text
from nnviz.manim_setup import (
    LATEX_PACKAGES,
    LATEX_TOOLS,
    QUALITIES,
    cache_dir,
    check_latex,
    make_caches_safe,
    manim_config,
)

FORMATS = ("mp4", "gif", "webm", "png")
STILL_QUALITY = "h"  # a slide's still (png) is 1920×1080 unless asked otherwise
VIDEO_QUALITY = "l"  # videos render fast by default


# ---- finding scenes ----------------------------------------------------------------------------
def list_scenes() -> list[type]:
    """Every lecture scene, in lecture order (``order``, then ``name``)."""
    import nnviz.scenes as package
    from nnviz.animate.base import LectureScene

    found: dict[str, type] = {}
    for module_info in pkgutil.iter_modules(package.__path__):
        module_name = f"{package.__name__}.{module_info.name}"
        try:
            module = importlib.import_module(module_name)
        except NnvizError:
            raise
        except Exception as e:  # a broken scene file: say which, in one line
            raise NnvizError(f"{module_name}: cannot import the scene module "
                             f"({type(e).__name__}: {e})") from e
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, LectureScene) and cls.__module__ == module.__name__ and cls.name:
                if cls.name in found and found[cls.name] is not cls:
                    raise NnvizError(f"scene name {cls.name!r} is used by both "
                                     f"{found[cls.name].__qualname__} and {cls.__qualname__}")
                found[cls.name] = cls
    return sorted(found.values(), key=lambda cls: (cls.order, cls.name))


def scene_names() -> list[str]:
    return [cls.name for cls in list_scenes()]


def get_scene(name: str) -> type:
    """The scene class called ``name``; an unknown name lists the known ones."""
    scenes = {cls.name: cls for cls in list_scenes()}
    if name not in scenes:
        known = ", ".join(scenes) or "none installed"
        raise NnvizError(f"unknown scene {name!r}; the scenes are: {known}")
    return scenes[name]


# ---- where manim writes (nnviz.manim_setup) ----------------------------------------------------
def _serialise_tex_cache() -> None:
    """The caches' safety for parallel renders (kept under the old name for tests)."""
    make_caches_safe()


_atomic_text_cache = _serialise_tex_cache


def default_output(name: str, fmt: str) -> Path:
    return DEFAULT_OUT / f"{name}.{fmt}"


# ---- rendering ---------------------------------------------------------------------------------
def render_scene(name: str, options=None, quality: str | None = None, fmt: str = "mp4",
                 output: str | os.PathLike | None = None, *, size: tuple[int, int] | None = None,
                 fps: float | None = None, progress: bool | None = None, base: type | None = None,
                 cache: bool | None = None) -> Path:
    """Render scene ``name`` with ``options`` (a ``SceneOptions``) to ``output``; returns the path.

    ``quality``: manim's preset; default ``l`` (480p) for videos and ``h`` (1080p) for a ``png`` still.
    ``progress``: manim's progress bars; default: when stderr is a terminal.
    ``base``: an extra class mixed into the scene (``nnviz slides`` passes ``manim_slides.Slide``).
    ``cache``: reuse manim's partial movies from earlier renders. Hashing every animation costs about
    as much as drawing it small, so the default is on for the quality presets and off for ``size``/
    ``fps`` overrides (the tiny renders of tests).
    Videos get their captions beside them (``caption_paths``).
    """
    from nnviz.animate.base import THEMES, SceneOptions

    options = options if options is not None else SceneOptions()
    quality = quality or (STILL_QUALITY if fmt == "png" else VIDEO_QUALITY)
    _check_render_arguments(quality, fmt, size, fps)
    scene_class = get_scene(name)
    validate_options(scene_class, options)
    check_latex()
    output = Path(output) if output is not None else default_output(name, fmt)
    if output.suffix.lower() != f".{fmt}":
        raise NnvizError(f"-o {output}: the file name must end in .{fmt} (the format chosen)")
    progress = sys.stderr.isatty() if progress is None else progress

    bases = (scene_class,) if base is None else (scene_class, base)
    configured = type(scene_class.__name__, bases, {"options": options, "__module__": scene_class.__module__})
    key = _render_key(name, options, quality, fmt, size, fps, base)
    use_cache = (size is None and fps is None) if cache is None else cache
    with manim_config(key, quality, fmt, size, fps, THEMES[options.theme].background, progress, use_cache):
        scene = configured()
        scene.render()
        rendered = _rendered_file(scene, fmt)
        if not rendered.is_file():
            raise NnvizError(f"scene {name}: manim wrote no {fmt} file (expected {rendered})")
        with atomic_path(output) as tmp:
            if fmt == "gif":
                from nnviz.video import encode_gif

                encode_gif(rendered, tmp)
            else:
                shutil.copyfile(rendered, tmp)
            make_readable(tmp)
        if fmt != "png":
            write_captions(scene, output)
    return output


def _check_render_arguments(quality: str, fmt: str, size, fps) -> None:
    if quality not in QUALITIES:
        raise NnvizError(f"-q {quality}: quality must be one of {', '.join(QUALITIES)} (manim's -ql ... -qk)")
    if fmt not in FORMATS:
        raise NnvizError(f"--format {fmt}: must be one of {', '.join(FORMATS)}")
    if size is not None and (size[0] % 2 or size[1] % 2 or min(size) < 16 or max(size) > 7680):
        raise NnvizError(f"size {size[0]}x{size[1]}: width and height must be even, at least 16 and at "
                         "most 7680")
    if fps is not None and not (isinstance(fps, int | float) and math.isfinite(fps) and 1 <= fps <= 120):
        raise NnvizError(f"--fps {fps}: the frame rate must be a number from 1 to 120")


def caption_paths(video: str | os.PathLike) -> tuple[Path, Path]:
    """The WebVTT and SRT captions written beside ``video`` (same name, .vtt and .srt)."""
    video = Path(video)
    return video.with_suffix(".vtt"), video.with_suffix(".srt")


def write_captions(scene, video: Path) -> tuple[Path, Path]:
    """One cue per step of ``scene`` (its words, timed to the video), as .vtt and .srt beside it."""
    from nnviz.animate.pacing import captions_srt, captions_vtt

    steps, duration = getattr(scene, "steps", []), float(scene.renderer.time)
    vtt, srt = caption_paths(video)
    write_text(vtt, captions_vtt(steps, duration))
    write_text(srt, captions_srt(steps, duration))
    return vtt, srt


def validate_options(scene_class: type, options) -> None:
    """Check the network and input before manim starts, so bad input fails fast in one line."""
    from nnviz.engine import load_network

    if scene_class.default_network is None:
        if options.network is not None or options.x is not None:
            raise NnvizError(f"scene {scene_class.name} draws no network: it takes no --network or -x")
    else:
        network = load_network(options.network or scene_class.default_network)
        if options.x is not None:
            network.forward(options.x)
        elif network.default_input is None:
            raise NnvizError(f"{network.name}: the spec has no slide input; give one with -x")
    if options.loss is not None:
        from nnviz.engine import get_loss

        try:
            get_loss(options.loss)
        except UnknownName as e:
            raise NnvizError(e.message, parameter="loss") from None
    if options.lr is not None and not options.lr > 0:
        raise NnvizError(f"--lr {options.lr}: the learning rate must be a positive number")
    from nnviz.animate.base import THEMES
    from nnviz.animate.pacing import PACES

    if options.theme not in THEMES:
        raise NnvizError(f"--theme {options.theme}: must be one of {', '.join(THEMES)}")
    if options.pace not in PACES:
        raise NnvizError(f"--pace {options.pace}: must be one of {', '.join(PACES)}")
    unused = [name for name in ("target", "loss", "lr")
              if getattr(options, name) is not None and name not in scene_class.takes]
    if unused:
        flags = ", ".join(f"--{name}" for name in unused)
        what = ", ".join(f"--{name}" for name in sorted(scene_class.takes)) or "none of --target, --loss, --lr"
        raise NnvizError(f"scene {scene_class.name} does not use {flags} (it takes {what})")


def _render_key(name, options, quality, fmt, size, fps, base) -> str:
    """Names manim's partial-movie cache for this exact render (scene, options, quality)."""
    text = repr((name, _options_repr(options), quality, fmt, size, fps, getattr(base, "__name__", None)))
    return f"{name}-{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def _options_repr(options) -> str:
    import numpy as np

    network = options.network
    if network is not None and not isinstance(network, str | os.PathLike):
        network = (network.name, tuple(network.parameters().round(12)))
    elif isinstance(network, os.PathLike | str) and Path(network).is_file():
        network = (str(network), Path(network).read_bytes())
    x = None if options.x is None else tuple(np.asarray(options.x, dtype=float).ravel())
    return repr((network, x, options.target, options.loss, options.lr, options.theme, options.pace,
                 sorted(options.extra.items())))


def _rendered_file(scene, fmt: str) -> Path:
    writer = scene.renderer.file_writer
    if fmt == "png":
        return Path(writer.image_file_path)
    return Path(writer.movie_file_path)  # a GIF is encoded by nnviz from this mp4


__all__ = ["DEFAULT_OUT", "FORMATS", "LATEX_PACKAGES", "LATEX_TOOLS", "QUALITIES", "cache_dir", "caption_paths",
           "check_latex", "default_output", "get_scene", "list_scenes", "render_scene", "scene_names",
           "validate_options", "write_captions"]
