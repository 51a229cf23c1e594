"""``SlideFigure``: a matplotlib Figure made without pyplot that still shows itself in Jupyter."""

from __future__ import annotations

import io

from matplotlib.figure import Figure


class SlideFigure(Figure):
    """A Figure for slides. Built without pyplot (no GUI backend, no global state), it displays
    inline in a notebook through ``_repr_png_`` even where no matplotlib backend was set up."""

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
        return buffer.getvalue()
