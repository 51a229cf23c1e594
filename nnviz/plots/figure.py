"""``SlideFigure``: a matplotlib Figure made without pyplot that still shows itself in Jupyter."""

from __future__ import annotations

import io

from matplotlib.figure import Figure

# Fonts as publishers and slide tools want them, whatever the caller's rc: TrueType (Type 42) in
# PDF and PostScript, never Type 3; text as text in SVG (searchable, editable).
FONT_RC = {"pdf.fonttype": 42, "ps.fonttype": 42, "svg.fonttype": "none"}


class SlideFigure(Figure):
    """A Figure for slides. Built without pyplot (no GUI backend, no global state), it displays
    inline in a notebook through ``_repr_png_`` even where no matplotlib backend was set up, and
    every ``savefig`` embeds TrueType fonts (``FONT_RC``)."""

    def savefig(self, *args, **kwargs):
        import matplotlib

        with matplotlib.rc_context(FONT_RC):
            return super().savefig(*args, **kwargs)

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
        return buffer.getvalue()
