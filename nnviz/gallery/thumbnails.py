"""A card's picture of an interactive page: a screenshot in headless Chromium, made at build time, offline.

    from nnviz.gallery.thumbnails import screenshot
    screenshot(Path("pages/loss_landscape.html"), Path("thumbs/loss_landscape.png"))   # True if made

Chromium runs with a private profile and no way out (every host name resolves to nothing), so a
page that tried to fetch anything would show it on its thumbnail, not leak it. Without Chromium the
gallery falls back to the script's static twin (``make_static()``, a matplotlib figure), if any.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

WINDOW = (1280, 720)  # the page as a lecturer's laptop shows it
THUMB_WIDTH = 640
NO_NETWORK = ["--host-resolver-rules=MAP * ~NOTFOUND", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
              "--metrics-recording-only", "--no-pings"]


def chromium() -> str | None:
    """The headless-capable browser on this machine (Debian's ``chromium``), or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(page: Path, png: Path, *, window: tuple[int, int] = WINDOW, budget_ms: int = 10_000,
               timeout: float = 90) -> bool:
    """Open ``page`` in headless Chromium, let its scripts run, and save a thumbnail to ``png``."""
    browser = chromium()
    if browser is None:
        return False
    with tempfile.TemporaryDirectory(prefix="nnviz-thumb-") as profile:
        shot = Path(profile) / "shot.png"
        command = [browser, "--headless", "--no-sandbox", "--hide-scrollbars", "--mute-audio",
                   f"--user-data-dir={profile}/user", f"--window-size={window[0]},{window[1]}",
                   f"--virtual-time-budget={budget_ms}", f"--screenshot={shot}", *NO_NETWORK,
                   Path(page).resolve().as_uri()]
        try:
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout,
                           check=False, env={**os.environ, "LANG": "C.UTF-8"})
        except (OSError, subprocess.TimeoutExpired):
            return False
        if not shot.is_file() or shot.stat().st_size == 0:
            return False
        shrink(shot, png)
    return True


def shrink(image: Path, png: Path, width: int = THUMB_WIDTH) -> None:
    """``image`` scaled to ``width`` pixels wide, as a PNG at ``png``."""
    from PIL import Image

    with Image.open(image) as picture:
        picture = picture.convert("RGB")
        height = round(picture.height * width / picture.width)
        picture.resize((width, height), Image.LANCZOS).save(png, format="PNG", optimize=True)


def figure_thumbnail(fig, png: Path) -> None:
    """A matplotlib figure (a page's static twin) as a thumbnail."""
    with tempfile.TemporaryDirectory(prefix="nnviz-thumb-") as tmp:
        full = Path(tmp) / "figure.png"
        fig.savefig(full, format="png", dpi=100)
        shrink(full, png)
