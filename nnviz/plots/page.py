"""What every interactive page shares: it opens still (no autoplay) and carries the figure's own scripts.

plotly keeps no scripts in a figure and autoplays animations; ``page_defaults(fig)`` makes
``fig.write_html`` / ``fig.to_html`` (and so ``save(fig, path)``) keep the page at its first frame
until Play is pressed, and append the scripts listed in ``fig._nnviz_scripts`` after the plot.
"""

from __future__ import annotations


def page_defaults(fig, scripts: list[str] | None = None):
    """Make the figure open still, and run ``scripts`` (JavaScript) after it is drawn."""
    existing = getattr(fig, "_nnviz_scripts", [])
    object.__setattr__(fig, "_nnviz_scripts", [*existing, *(scripts or [])])
    if getattr(fig, "_nnviz_page", False):
        return fig
    for method in ("write_html", "to_html"):
        original = getattr(fig, method)

        def page(*args, _original=original, **kwargs):
            before = kwargs.get("post_script") or []
            kwargs["post_script"] = [*([before] if isinstance(before, str) else before), *fig._nnviz_scripts]
            kwargs.setdefault("auto_play", False)
            return _original(*args, **kwargs)

        object.__setattr__(fig, method, page)
    object.__setattr__(fig, "_nnviz_page", True)
    return fig
