"""Making one gallery item's files: a scene's video, captions and poster; a script's page, figure or files.

Each item is made in a private folder inside the site and renamed into place when complete, so an
interrupted build leaves no partial file (``nnviz.gallery.place``)::

    built = build_item(item, Path("site"), BuildOptions(quality="l"))
    built.kind, built.outputs        # "video", ["videos/deep-forward.mp4", ".vtt", ".srt", ".png"]

A script's ``make()`` may return a plotly figure (an interactive page, with a thumbnail and a link
back to the index), a matplotlib figure (SVG, PDF and PNG downloads), or any object with
``gallery_files(folder, stem) -> list[Path]`` that writes its own files into ``folder`` (the first
is what the card links to: an HTML page, or a figure).
"""

from __future__ import annotations

import inspect
import os
import re
import runpy
from dataclasses import dataclass, field
from pathlib import Path

from nnviz.errors import NnvizError
from nnviz.gallery.items import Item
from nnviz.gallery.options import BuildOptions
from nnviz.gallery.place import place, staging

PLOTLYJS = "assets/plotly.min.js"
INDEX = "index.html"
FOLDERS = {"video": "videos", "page": "pages", "figure": "figures", "thumb": "thumbs"}
IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif")


@dataclass
class Built:
    """What building an item made: its card's kind, its files (relative to the site), the code it used."""

    kind: str  # "video", "page", "figure" or "slides"
    outputs: list[str]
    modules: list[str] = field(default_factory=list)


def build_item(item: Item, out: Path, options: BuildOptions) -> Built:
    """Make ``item``'s files under ``out``."""
    from nnviz.gallery.depends import loaded_modules

    out = Path(out).resolve()
    if item.kind == "scene":
        kind, paths = "video", _build_scene(item, out, options)
    elif item.kind == "slides":
        from nnviz.gallery.deck import DECK, build_part

        kind, paths = "slides", build_part(item.name, out / DECK, options)
    else:
        kind, paths = _build_script(item, out, options)
    return Built(kind, [path.relative_to(out).as_posix() for path in paths], loaded_modules())


# ---- scenes ------------------------------------------------------------------------------------
def _build_scene(item: Item, out: Path, options: BuildOptions) -> list[Path]:
    from nnviz.animate.base import SceneOptions
    from nnviz.render import caption_paths, render_scene

    with staging(out, item.name) as tmp:
        video = render_scene(item.name, SceneOptions(theme=options.theme), quality=options.quality, fmt="mp4",
                             output=tmp / f"{item.name}.mp4", size=options.size, fps=options.fps,
                             progress=False)  # the gallery shows one bar for all items
        poster = video.with_suffix(".png")
        write_poster(video, poster)
        made = [video, *(path for path in caption_paths(video) if path.is_file()), poster]
        return place({path: out / FOLDERS["video"] / path.name for path in made})


def write_poster(video: Path, poster: Path) -> None:
    """The video's last frame (what the scene is about) as its poster image."""
    import av

    with av.open(str(video)) as container:
        last = None
        for frame in container.decode(video=0):
            last = frame
    if last is None:
        raise NnvizError(f"{video}: the video has no frames")
    last.to_image().save(poster, format="PNG")


# ---- scripts -----------------------------------------------------------------------------------
def _build_script(item: Item, out: Path, options: BuildOptions) -> tuple[str, list[Path]]:
    namespace = runpy.run_path(item.source, run_name="nnviz_gallery")
    make = namespace.get("make")
    if not callable(make):
        raise NnvizError(f"{item.source}: a gallery script defines make() returning its figure")
    made = make(**_theme_argument(make, options.theme))
    with staging(out, item.name) as tmp:
        if callable(getattr(made, "gallery_files", None)):
            kind, files = _own_files(item, made, tmp)
        elif type(made).__module__.startswith("plotly"):
            from nnviz.plots.save import save

            kind, files = "page", [save(made, tmp / f"{item.name}.html", plotlyjs=f"../{PLOTLYJS}")]
        elif hasattr(made, "savefig"):
            from nnviz.plots.save import save

            kind, files = "figure", [save(made, tmp / f"{item.name}.{suffix}") for suffix in ("svg", "pdf", "png")]
        else:
            raise NnvizError(f"{item.source}: make() returned a {type(made).__name__}; expected a plotly or "
                             "matplotlib figure, or an object with gallery_files(folder, stem)")
        targets = {path: out / FOLDERS[kind] / path.relative_to(tmp) for path in files}
        if kind == "page":
            thumb = tmp / f"{item.name}.thumb.png"
            if make_thumbnail(files[0], thumb, namespace, options.theme):
                targets[thumb] = out / FOLDERS["thumb"] / f"{item.name}.png"
            for path in files:
                if path.suffix.lower() in (".html", ".htm"):
                    add_back_link(path, out / FOLDERS[kind] / path.relative_to(tmp), out / INDEX, options.theme)
        return kind, place(targets)


def _theme_argument(make, theme: str) -> dict:
    """``make(theme=...)`` for scripts that take the site's theme."""
    try:
        parameters = inspect.signature(make).parameters
    except (TypeError, ValueError):
        return {}
    return {"theme": theme} if "theme" in parameters else {}


def _own_files(item: Item, made, tmp: Path) -> tuple[str, list[Path]]:
    """The files an object's ``gallery_files(folder, stem)`` wrote: all of them inside ``folder``."""
    files = [Path(path) for path in made.gallery_files(tmp, item.name)]
    if not files:
        raise NnvizError(f"{item.source}: gallery_files() returned no files")
    for path in files:
        inside = path if path.is_absolute() else tmp / path
        if tmp.resolve() not in inside.resolve().parents or not inside.is_file():
            raise NnvizError(f"{item.source}: gallery_files() returned {path}, which is not a file it wrote "
                             f"in the folder it was given")
    files = [(path if path.is_absolute() else tmp / path).resolve() for path in files]
    files = [tmp / path.relative_to(tmp.resolve()) for path in files]
    return ("page" if files[0].suffix.lower() in (".html", ".htm") else "figure"), files


def make_thumbnail(page: Path, png: Path, namespace: dict, theme: str) -> bool:
    """A screenshot of ``page`` in headless Chromium, else the script's static twin (``make_static()``)."""
    from nnviz.gallery.thumbnails import figure_thumbnail, screenshot

    if screenshot(page, png):
        return True
    static = namespace.get("make_static")
    if callable(static):
        figure_thumbnail(static(**_theme_argument(static, theme)), png)
        return True
    return False


# ---- the link back to the index ----------------------------------------------------------------
def add_back_link(page: Path, final: Path, index: Path, theme: str) -> None:
    """Put a small "← lecture gallery" link into ``page`` (which will live at ``final``)."""
    from nnviz.pages.templates import render
    from nnviz.palette import palette

    href = Path(os.path.relpath(index, final.parent)).as_posix()
    link = render("back-link.html", href=href, p=palette(theme)).strip()
    html = page.read_text(encoding="utf-8")
    body = re.search(r"<body\b[^>]*>", html, flags=re.IGNORECASE)
    at = body.end() if body else 0
    page.write_text(html[:at] + link + html[at:], encoding="utf-8")
