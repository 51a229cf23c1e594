"""HTML drawn from Jinja2 templates (autoescaped: a label from a spec is text, never markup)."""
