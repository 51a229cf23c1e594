"""Build (or bring up to date) the whole site: items, the deck, the shared assets, the index.

A rebuild skips every item whose inputs did not change: its own file, every nnviz module that was
loaded to make it (``nnviz.gallery.depends``), the options that shape it and nnviz's version.
``.gallery.json`` records them. At Ctrl-C the items that finished are recorded before stopping.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import nnviz
from nnviz.errors import NnvizError
from nnviz.files import DEFAULT_OUT
from nnviz.gallery.depends import CodeDigests
from nnviz.gallery.index import DeckLinks, render_css, render_index
from nnviz.gallery.items import Item, gallery_items
from nnviz.gallery.options import BuildOptions
from nnviz.gallery.outputs import PLOTLYJS
from nnviz.gallery.place import remove_stale, write_if_changed

DEFAULT_GALLERY = DEFAULT_OUT / "gallery"
MANIFEST = ".gallery.json"
DECK_KEY = "deck"


@dataclass
class BuildReport:
    index: Path
    built: list[str]
    skipped: list[str]
    failed: dict[str, str]
    seconds: float
    written: list[Path] = field(default_factory=list)  # every file written, index.html last


def build_gallery(out: str | os.PathLike = DEFAULT_GALLERY, *, quality: str = "l", jobs: int = 1,
                  options: BuildOptions | None = None, examples: Path | bool | None = True,
                  scenes: list[str] | None = None, deck: bool = True, progress: bool | None = None) -> BuildReport:
    """Build (or bring up to date) the gallery in ``out``; returns what was built, skipped and written.

    ``examples``: the folder of gallery scripts (True: the installed ones; None: none); ``scenes``:
    which scenes (None: all); ``deck``: also the reveal.js deck of those scenes (``deck/``).
    """
    from nnviz.gallery.deck import DECK, handout_size
    from nnviz.gallery.pool import run_items
    from nnviz.render import QUALITIES, check_latex

    start = time.perf_counter()
    options = options or BuildOptions(quality=quality)
    if options.quality not in QUALITIES:
        raise NnvizError(f"-q {options.quality}: quality must be one of {', '.join(QUALITIES)}")
    if jobs < 1:
        raise NnvizError(f"-j {jobs}: the number of parallel processes must be at least 1")
    handout_size(options.handout)
    check_latex()
    out = Path(out)
    items = gallery_items(examples, scenes)
    parts = [Item("slides", item.name, item.title, item.section, item.order, item.caption, item.source)
             for item in items if item.kind == "scene"] if deck else []
    manifest = read_manifest(out)
    digests = CodeDigests()
    todo, skipped = [], []
    for item in items + parts:
        if _up_to_date(manifest.get(item.key), item, options, out, digests):
            item.output_kind, item.outputs = manifest[item.key]["kind"], manifest[item.key]["outputs"]
            skipped.append(item.key)
        else:
            todo.append(item)
    written = _write_assets(out, options.theme)
    failed: dict[str, str] = {}
    todo.sort(key=lambda item: ("scene", "slides", "script").index(item.kind))  # long renders first, for -j
    try:
        for item, result in run_items(todo, out, options, jobs, progress):
            if isinstance(result, BaseException):
                failed[item.key] = str(result) if isinstance(result, NnvizError) else \
                    f"{type(result).__name__}: {result}"
                manifest.pop(item.key, None)
                continue
            _record(manifest, item, result, out, item_hash(item, options), digests(result.modules))
            written += [out / path for path in result.outputs]
        deck_links = None
        done_parts = [part.name for part in parts if part.outputs]
        if done_parts:
            written += _assemble_deck(out, done_parts, options, manifest, DECK)
            deck_links = DeckLinks(f"{DECK}/index.html", f"{DECK}/handout.pdf")
    finally:  # also at Ctrl-C: every finished item is kept
        if _write_manifest(out, manifest):
            written.append(out / MANIFEST)
    shown = [item for item in items if item.outputs]
    index = out / "index.html"
    write_if_changed(index, render_index(shown, out, theme=options.theme, deck=deck_links).encode("utf-8"))
    written.append(index)
    built = [item.key for item in todo if item.key not in failed]
    return BuildReport(index, built, skipped, failed, time.perf_counter() - start, written)


def item_hash(item: Item, options: BuildOptions) -> str:
    """The hash of what decides an item's output besides the code it runs: its file, options, versions."""
    shaping = {"scene": ("quality", "size", "fps", "theme"), "slides": ("quality", "size", "fps", "theme", "handout"),
               "script": ("theme",)}[item.kind]
    chosen = {key: value for key, value in asdict(options).items() if key in shaping}
    digest = hashlib.sha256()
    digest.update(repr((nnviz.__version__, _version("plotly"), item.kind, item.name, sorted(chosen.items()))).encode())
    digest.update(Path(item.source).read_bytes())
    return digest.hexdigest()


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "-"


def _record(manifest: dict, item: Item, built, out: Path, hashed: str, code: str) -> None:
    """Note what ``item`` made; files it made last time and no longer makes are removed."""
    previous = manifest.get(item.key)
    if isinstance(previous, dict) and isinstance(previous.get("outputs"), list):
        remove_stale(out, [path for path in previous["outputs"] if isinstance(path, str)], built.outputs)
    item.output_kind, item.outputs = built.kind, built.outputs
    manifest[item.key] = {"hash": hashed, "code": code, "modules": built.modules, "kind": built.kind,
                          "outputs": built.outputs}


def _up_to_date(entry, item: Item, options: BuildOptions, out: Path, digests: CodeDigests) -> bool:
    if not isinstance(entry, dict) or not {"hash", "code", "modules", "kind", "outputs"} <= set(entry):
        return False
    return (entry["hash"] == item_hash(item, options) and all((out / path).is_file() for path in entry["outputs"])
            and entry["code"] == digests(entry["modules"]))


def read_manifest(out: Path) -> dict:
    """What the last build recorded; anything unreadable counts as nothing built."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_manifest(out: Path, manifest: dict) -> bool:
    return write_if_changed(out / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8"))


def _write_assets(out: Path, theme: str) -> list[Path]:
    """The one plotly.js every page shares, and the site's style sheet; returns those written."""
    written = []
    script, stamp, css = out / PLOTLYJS, out / "assets" / "plotly.version", out / "assets" / "gallery.css"
    plotly = _version("plotly")
    if not script.is_file() or not stamp.is_file() or stamp.read_text(encoding="utf-8") != plotly:
        from plotly.offline import get_plotlyjs  # big: compared by its version, not its bytes

        written += [path for path, data in ((script, get_plotlyjs()), (stamp, plotly))
                    if write_if_changed(path, data.encode("utf-8"))]
    if write_if_changed(css, render_css(theme).encode("utf-8")):
        written.append(css)
    return written


def _assemble_deck(out: Path, scenes: list[str], options: BuildOptions, manifest: dict, folder: str) -> list[Path]:
    """The deck's page and handout, remade when a scene's slides (or the deck's template) changed."""
    from nnviz.gallery.deck import PART, SLIDES, assemble_deck
    from nnviz.pages.templates import environment

    deck = out / folder
    digest = hashlib.sha256(repr((scenes, options.theme)).encode())
    for scene in scenes:
        digest.update((deck / SLIDES / scene / PART).read_bytes())
    digest.update(Path(environment().get_template("deck.html").filename).read_bytes())
    entry = manifest.get(DECK_KEY)
    outputs = ["index.html", "handout.pdf"]
    if isinstance(entry, dict) and entry.get("hash") == digest.hexdigest() and \
            all((deck / path).is_file() for path in outputs):
        return []
    written = assemble_deck(deck, scenes, theme=options.theme, back="../index.html")
    manifest[DECK_KEY] = {"hash": digest.hexdigest(), "outputs": outputs}
    return written


def main_summary(report: BuildReport) -> str:
    return (f"gallery: built {len(report.built)}, unchanged {len(report.skipped)}"
            f"{f', failed {len(report.failed)}' if report.failed else ''} in {report.seconds:.0f} s")
