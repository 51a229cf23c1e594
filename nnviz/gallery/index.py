"""The site's index page and style sheet, from Jinja2 templates (``nnviz.pages``, autoescaped) and the palette.

    html = render_index(items, theme="dark", deck=DeckLinks("deck/index.html", "deck/handout.pdf"))

A label from a spec or a script is text: autoescaping makes ``<script>`` in a title show as written.
Every colour in the style sheet is a role of ``nnviz.palette`` (``nnviz/pages/templates/gallery.css``).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from pathlib import Path

import nnviz
from nnviz.gallery.items import Item, by_section
from nnviz.pages.templates import render


@dataclass
class DeckLinks:
    index: str  # relative to the site
    handout: str


@dataclass
class Card:
    kind: str  # video, page, figure
    id: str
    title: str
    summary: str
    caption: str
    link: str  # what the card opens: the video, the page, the figure
    image: str = ""  # the poster, thumbnail or figure shown
    poster: str = ""
    captions: str = ""  # the video's WebVTT, as a data: URI (Chromium reads no file: tracks)
    downloads: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Section:
    name: str
    anchor: str
    cards: list[Card]


def render_index(items: list[Item], out: Path, *, theme: str = "light", deck: DeckLinks | None = None) -> str:
    """index.html: the sections in lecture order, each with its items' cards."""
    sections = [Section(name, anchor(name), [card(item, out) for item in members])
                for name, members in by_section([item for item in items if item.outputs]).items()]
    return render("gallery-index.html", sections=sections, version=nnviz.__version__, theme=theme, deck=deck)


def render_css(theme: str = "light") -> str:
    from nnviz.palette import palette

    return render("gallery.css", p=palette(theme))


def anchor(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def card(item: Item, out: Path) -> Card:
    """What the index shows for a built item, from its output files."""
    outputs = item.outputs
    by_suffix = {Path(path).suffix.lower(): path for path in outputs}
    made = Card(item.output_kind, f"{item.kind}-{item.name}", item.title, item.summary, item.caption, outputs[0])
    if item.output_kind == "video":
        video = by_suffix[".mp4"]
        made.link, made.poster = video, by_suffix.get(".png", "")
        if ".vtt" in by_suffix:
            made.captions = _data_uri(out / by_suffix[".vtt"], "text/vtt")
        labels = {".mp4": "MP4", ".vtt": "captions (WebVTT)", ".srt": "captions (SRT)", ".png": "last frame (PNG)"}
        made.downloads = [(labels[suffix], by_suffix[suffix]) for suffix in labels if suffix in by_suffix]
    elif item.output_kind == "page":
        made.image = next((path for path in outputs if path.startswith("thumbs/")), "")
        made.downloads = [(_label(path), path) for path in outputs[1:] if not path.startswith("thumbs/")]
    else:
        made.image = next((path for path in outputs if Path(path).suffix.lower() in (".svg", ".png")), "")
        made.downloads = [(_label(path), path) for path in outputs]
    return made


def _label(path: str) -> str:
    return Path(path).suffix[1:].upper() or Path(path).name


def _data_uri(path: Path, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
