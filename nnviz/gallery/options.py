"""How the gallery is built: the options that shape its items' files."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class BuildOptions:
    quality: str = "l"
    size: tuple[int, int] | None = None  # tests render tiny
    fps: float | None = None
    theme: str = "light"
    handout: int = 1080  # the height of the deck's handout pages (and slide stills), in pixels
