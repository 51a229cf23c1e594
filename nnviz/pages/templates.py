"""The Jinja2 environment for nnviz's HTML: templates are package data, autoescaping always on."""

from __future__ import annotations

from functools import cache

import jinja2


@cache
def environment() -> jinja2.Environment:
    """One environment for the package's templates (``nnviz/pages/templates/*.html``)."""
    return jinja2.Environment(loader=jinja2.PackageLoader("nnviz.pages", "templates"),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


def render(name: str, **context: object) -> str:
    """Render template ``name`` with ``context``, escaping every value."""
    return environment().get_template(name).render(**context)
