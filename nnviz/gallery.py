"""``nnviz gallery``: the whole lecture's material as one static site, organised by lecture section.

The items are every lecture scene (a video with its poster frame) and every example script in the
repository's ``gallery/`` folder (each returns a plotly figure, which becomes an interactive page, or
a matplotlib figure, which becomes SVG/PDF/PNG downloads)::

    from nnviz.gallery import build_gallery
    build_gallery("nnviz-out/gallery", quality="l", jobs=2)     # -> Path(".../index.html")

The site shares one plotly.js (``assets/plotly.min.js``) and works offline. A rebuild skips every
item whose inputs (its code, the library code it draws with, the options, nnviz's version) did not
change; ``.gallery.json`` records them.
"""

from __future__ import annotations

import hashlib
import json
import os
import runpy
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path

import nnviz
from nnviz.errors import NnvizError
from nnviz.files import atomic_path, write_text

PACKAGE = Path(nnviz.__file__).resolve().parent
EXAMPLES = PACKAGE.parent / "gallery"  # the repository's example scripts
DEFAULT_GALLERY = Path("nnviz-out") / "gallery"
MANIFEST = ".gallery.json"
PLOTLYJS = "assets/plotly.min.js"
# The library code each kind of item draws with: a change there rebuilds the item.
SCENE_CODE = ("engine", "animate", "networks", "render.py")
SCRIPT_CODE = ("engine", "analysis", "plots", "networks", "data.py")


@dataclass
class Item:
    """One thing on the index page: a scene's video, or a script's page or figure."""

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


@dataclass
class BuildOptions:
    quality: str = "l"
    size: tuple[int, int] | None = None  # tests render tiny
    fps: float | None = None
    theme: str = "light"


# ---- finding the items -------------------------------------------------------------------------
def scene_items(names: list[str] | None = None) -> list[Item]:
    """The scenes called ``names`` (default: every scene), as gallery items."""
    import inspect

    from nnviz.render import get_scene, list_scenes

    classes = list_scenes() if names is None else [get_scene(name) for name in names]
    return [Item("scene", cls.name, _scene_title(cls.name), cls.section, cls.order,
                 cls.caption or cls.summary, inspect.getfile(cls), cls.summary) for cls in classes]


def _scene_title(name: str) -> str:
    return name.replace("-", " ").capitalize()


def script_items(folder: Path = EXAMPLES) -> list[Item]:
    """The example scripts: each names its SECTION, ORDER and CAPTION and defines ``make()``."""
    import ast

    items = []
    for path in sorted(Path(folder).glob("*.py")):
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
        items.append(Item("script", path.stem, title, meta["SECTION"], int(meta["ORDER"]),
                          meta["CAPTION"], str(path.resolve())))
    return items


def gallery_items(examples: Path | None = EXAMPLES, scenes: list[str] | None = None) -> list[Item]:
    items = scene_items(scenes)
    if examples is not None and Path(examples).is_dir():
        items += script_items(Path(examples))
    return sorted(items, key=lambda item: (item.order, item.kind, item.name))


# ---- what makes an item's inputs ---------------------------------------------------------------
def _code_digest(parts: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        path = PACKAGE / part
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and file.suffix in (".py", ".toml"):
                digest.update(str(file.relative_to(PACKAGE)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


def item_hash(item: Item, options: BuildOptions, code: dict[str, str]) -> str:
    """The hash of everything that decides an item's output."""
    digest = hashlib.sha256()
    digest.update(nnviz.__version__.encode())
    digest.update(Path(item.source).read_bytes())
    digest.update(code[item.kind].encode())
    digest.update(repr((item.kind, item.name, asdict(options) if item.kind == "scene" else None)).encode())
    return digest.hexdigest()


# ---- building one item (in this process or a worker) -------------------------------------------
def build_item(item: Item, out: Path, options: BuildOptions) -> tuple[str, list[str]]:
    """Make one item's files under ``out``; returns (output kind, relative paths)."""
    if item.kind == "scene":
        return "video", _build_scene(item, out, options)
    return _build_script(item, out)


def _build_scene(item: Item, out: Path, options: BuildOptions) -> list[str]:
    from nnviz.animate.base import SceneOptions
    from nnviz.render import render_scene

    video = out / "videos" / f"{item.name}.mp4"
    render_scene(item.name, SceneOptions(theme=options.theme), quality=options.quality, fmt="mp4",
                 output=video, size=options.size, fps=options.fps)
    poster = video.with_suffix(".png")
    _write_poster(video, poster)
    return [_rel(video, out), _rel(poster, out)]


def _write_poster(video: Path, poster: Path) -> None:
    """The video's last frame (what the scene is about) as its poster image."""
    import av

    with av.open(str(video)) as container:
        last = None
        for frame in container.decode(video=0):
            last = frame
    if last is None:
        raise NnvizError(f"{video}: the video has no frames")
    with atomic_path(poster) as tmp:
        last.to_image().save(tmp, format="PNG")


def _build_script(item: Item, out: Path) -> tuple[str, list[str]]:
    from nnviz.plots.save import save

    namespace = runpy.run_path(item.source, run_name="nnviz_gallery")
    if "make" not in namespace:
        raise NnvizError(f"{item.source}: a gallery script defines make() returning its figure")
    fig = namespace["make"]()
    if type(fig).__module__.startswith("plotly"):
        page = out / "pages" / f"{item.name}.html"
        save(fig, page, plotlyjs=f"../{PLOTLYJS}")
        return "page", [_rel(page, out)]
    paths = [save(fig, out / "figures" / f"{item.name}.{suffix}") for suffix in ("svg", "pdf", "png")]
    return "figure", [_rel(path, out) for path in paths]


def _rel(path: Path, out: Path) -> str:
    return path.relative_to(out).as_posix()


def _worker(item: Item, out: str, options: BuildOptions) -> tuple[str, list[str]]:
    """Runs in a worker process (``-j N``)."""
    return build_item(item, Path(out), options)


# ---- the whole site ----------------------------------------------------------------------------
@dataclass
class BuildReport:
    index: Path
    built: list[str]
    skipped: list[str]
    failed: dict[str, str]
    seconds: float


def build_gallery(out: str | os.PathLike = DEFAULT_GALLERY, *, quality: str = "l", jobs: int = 1,
                  options: BuildOptions | None = None, examples: Path | None = EXAMPLES,
                  scenes: list[str] | None = None, progress: bool | None = None) -> BuildReport:
    """Build (or bring up to date) the gallery in ``out``; returns what was built and skipped.

    ``examples``: the folder of gallery scripts (None: none); ``scenes``: which scenes (None: all).
    """
    from nnviz.render import QUALITIES, check_latex

    start = time.perf_counter()
    options = options or BuildOptions(quality=quality)
    if options.quality not in QUALITIES:
        raise NnvizError(f"-q {options.quality}: quality must be one of {', '.join(QUALITIES)}")
    if jobs < 1:
        raise NnvizError(f"-j {jobs}: the number of parallel processes must be at least 1")
    check_latex()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    items = gallery_items(examples, scenes)
    manifest = _read_manifest(out)
    code = {"scene": _code_digest(SCENE_CODE), "script": _code_digest(SCRIPT_CODE)}
    hashes = {item.key: item_hash(item, options, code) for item in items}
    todo, skipped = [], []
    for item in items:
        done = manifest.get(item.key)
        if done and done["hash"] == hashes[item.key] and all((out / p).is_file() for p in done["outputs"]):
            item.output_kind, item.outputs = done["kind"], done["outputs"]
            skipped.append(item.key)
        else:
            todo.append(item)
    _write_assets(out, items)
    failed: dict[str, str] = {}
    todo.sort(key=lambda item: item.kind != "scene")  # the long renders first, for -j
    for item, result in _run(todo, out, options, jobs, progress):
        if isinstance(result, BaseException):
            failed[item.key] = f"{type(result).__name__}: {result}" if not isinstance(result, NnvizError) \
                else str(result)
            manifest.pop(item.key, None)
            continue
        item.output_kind, item.outputs = result
        manifest[item.key] = {"hash": hashes[item.key], "kind": item.output_kind, "outputs": item.outputs}
    index = write_text(out / "index.html", render_index([item for item in items if item.outputs]))
    write_text(out / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
    _readable_by_all(out)
    built = [item.key for item in todo if item.key not in failed]
    return BuildReport(index, built, skipped, failed, time.perf_counter() - start)


def _run(todo: list[Item], out: Path, options: BuildOptions, jobs: int, progress: bool | None):
    """Build the items, ``jobs`` at a time; yields (item, result or exception) as they finish."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    show = console.is_terminal if progress is None else progress
    columns = (TextColumn("gallery"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.fields[current]}"))
    with Progress(*columns, console=console, transient=True, disable=not show) as bar:
        task = bar.add_task("gallery", total=len(todo), current="")
        if jobs == 1 or len(todo) <= 1:
            for item in todo:
                bar.update(task, current=item.name)
                try:
                    result = build_item(item, out, options)
                except Exception as e:  # one broken item must not sink the gallery
                    result = e
                bar.advance(task)
                yield item, result
            return
        with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
            futures = {pool.submit(_worker, item, str(out), options): item for item in todo}
            for future in as_completed(futures):
                item = futures[future]
                bar.update(task, current=item.name)
                try:
                    result = future.result()
                except Exception as e:
                    result = e
                bar.advance(task)
                yield item, result


def _readable_by_all(out: Path) -> None:
    """A site is for serving: its files get the usual mode (644), not the private one of temp files."""
    umask = os.umask(0)
    os.umask(umask)
    for path in out.rglob("*"):
        if path.is_file() and path.stat().st_mode & 0o777 == 0o600:
            path.chmod(0o666 & ~umask)


def _read_manifest(out: Path) -> dict:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def _write_assets(out: Path, items: list[Item]) -> None:
    """The one plotly.js every page shares, and the site's style sheet."""
    import plotly
    from plotly.offline import get_plotlyjs

    target = out / PLOTLYJS
    stamp = out / "assets" / "plotly.version"
    if not target.is_file() or not stamp.is_file() or stamp.read_text() != plotly.__version__:
        with atomic_path(target) as tmp:
            tmp.write_text(get_plotlyjs(), encoding="utf-8")
        write_text(stamp, plotly.__version__)
    write_text(out / "assets" / "gallery.css", CSS)


def render_index(items: list[Item]) -> str:
    """index.html: the sections in lecture order, each with its items' cards."""
    from html import escape

    sections: dict[str, list[Item]] = {}
    for item in sorted(items, key=lambda item: (item.order, item.kind, item.name)):
        sections.setdefault(item.section, []).append(item)
    nav = "".join(f'<a href="#{_anchor(name)}">{escape(name)}</a>' for name in sections)
    body = []
    for name, members in sections.items():
        cards = "\n".join(_card(item) for item in members)
        body.append(f'<section id="{_anchor(name)}">\n<h2>{escape(name)}</h2>\n<div class="cards">\n'
                    f"{cards}\n</div>\n</section>")
    return PAGE.format(nav=nav, body="\n".join(body), version=escape(nnviz.__version__))


def _anchor(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def _card(item: Item) -> str:
    from html import escape

    title, caption = escape(item.title), escape(item.caption)
    summary = f"<span>{escape(item.summary)}</span>" if item.summary else ""
    if item.output_kind == "video":
        video, poster = item.outputs
        media = (f'<video controls preload="metadata" poster="{poster}" src="{video}"></video>')
        links = f'<a href="{video}" download>MP4</a> <a href="{poster}" download>last frame (PNG)</a>'
    elif item.output_kind == "page":
        (page,) = item.outputs
        media = f'<a class="open" href="{page}">Open the interactive page</a>'
        links = f'<a href="{page}">HTML</a>'
    else:
        svg = next(p for p in item.outputs if p.endswith(".svg"))
        media = f'<img src="{svg}" alt="{title}">'
        links = " ".join(f'<a href="{p}" download>{Path(p).suffix[1:].upper()}</a>' for p in item.outputs)
    return (f'<figure class="card {item.output_kind}" id="{item.kind}-{item.name}">{media}'
            f"<figcaption><b>{title}</b>{summary}<q>{caption}</q><span class=\"links\">{links}</span></figcaption>"
            "</figure>")


PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>What is deep learning? — nnviz gallery</title>
<link rel="stylesheet" href="assets/gallery.css">
</head>
<body>
<header><h1>What is deep learning?</h1>
<p>The lecture's animations, interactive pages and slide figures, made with nnviz {version}.</p>
<nav>{nav}</nav></header>
<main>
{body}
</main>
</body>
</html>
"""

CSS = """body { font-family: "DejaVu Sans", system-ui, sans-serif; margin: 0; color: #1F2430; background: #F4F6FA; }
header { background: #1F2430; color: #ECEFF4; padding: 1.5rem 2rem; }
header h1 { margin: 0 0 .3rem; }
nav { display: flex; flex-wrap: wrap; gap: .3rem 1.4rem; }
nav a { color: #FFC857; text-decoration: none; white-space: nowrap; }
main { padding: 0 2rem 3rem; }
h2 { border-bottom: 2px solid #1F6FB2; padding-bottom: .3rem; margin-top: 2.2rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 1.4rem; }
.card { margin: 0; background: #FFF; border-radius: 8px; box-shadow: 0 1px 4px #0002; overflow: hidden; }
.card video, .card img { display: block; width: 100%; aspect-ratio: 16 / 9; object-fit: contain; background: #FFF; }
.card a.open { display: flex; align-items: center; justify-content: center; aspect-ratio: 16 / 9;
  background: #1F6FB2; color: #FFF; font-size: 1.3rem; text-decoration: none; }
figcaption { padding: .8rem 1rem 1rem; display: flex; flex-direction: column; gap: .4rem; }
figcaption q { color: #4A505C; font-style: italic; }
.links a { margin-right: .8rem; color: #1F6FB2; }
"""


def main_summary(report: BuildReport) -> str:
    text = (f"gallery: built {len(report.built)}, unchanged {len(report.skipped)}"
            f"{f', failed {len(report.failed)}' if report.failed else ''} in {report.seconds:.0f} s")
    return text

