"""Building the explorer's page: the network's numbers as data, the palette as CSS, the JS inlined.

One self-contained HTML file, no request of any kind (no CDN, no web font, no fetch): it works from
a USB stick in a lecture hall.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

from nnviz.engine import Network, get_loss, load_network
from nnviz.errors import NnvizError, UnknownName
from nnviz.explorer.notes import slide_notes
from nnviz.files import write_text
from nnviz.palette import PALETTES, palette

# The order the scripts are inlined in: each uses only those before it.
SCRIPTS = ("format.js", "evaluator.js", "lines.js", "worked.js", "dom.js", "diagram.js", "plot.js", "panel.js",
           "layer.js", "lab.js", "editor.js", "io.js", "app.js", "main.js")
MAX_NEURONS = 16  # a hand-worked example: wider layers do not fit a worked sum on a projector
PRECISIONS = ("slide", "4", "full")
DEFAULT_LOGITS = (3.0, -1.0, 1.0)  # the deep network's f_in on the slides


def _asset(name: str) -> str:
    return (resources.files("nnviz.explorer") / "assets" / name).read_text(encoding="utf-8")


def _script_json(data: dict) -> str:
    """JSON that is safe inside <script>: no "</script>" can close it early."""
    text = json.dumps(data, allow_nan=False, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _render(kind: str, title: str, data: dict, theme: str, **extra) -> str:
    from importlib.metadata import version

    from jinja2 import Environment, StrictUndefined

    palette(theme)  # an unknown theme names the known ones
    if data["precision"] not in PRECISIONS:
        raise NnvizError(f"precision {data['precision']!r}: must be one of {', '.join(PRECISIONS)}")
    palettes = {name: {role: colour for role, colour in p.roles().items()} for name, p in PALETTES.items()}
    data = {**data, "kind": kind, "palettes": palettes}
    env = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    template = env.from_string(_asset("page.html.j2"))
    return template.render(kind=kind, title=title, theme=theme, version=version("nnviz"), palettes=palettes,
                           css=_asset("style.css"), js="\n;\n".join(_asset(name) for name in SCRIPTS),
                           data=_script_json(data), **extra)


def _check_size(network: Network) -> None:
    for k, n in enumerate(network.shape):
        if n > MAX_NEURONS:
            where = "the input" if k == 0 else f"layer {k}"
            raise NnvizError(f"{network.name}: {where} has {n} neurons; the explorer writes out every sum by hand "
                             f"and draws at most {MAX_NEURONS} a layer")


def _target_list(network: Network, target, loss: str) -> list[float]:
    """The target as the page keeps it: [class index] for cross entropy with g > 1, else numbers."""
    values = np.atleast_1d(np.asarray(target, dtype=float)).tolist()
    network.targets(values[0] if len(values) == 1 else values, 1, loss)  # the engine's checks, one line each
    return values


@dataclass
class Explorer:
    """The explorer page for one network: its slide input (or ``x``), a target and a loss.

    With a target (given, or the spec's) the page opens with the backward pass shown.
    """

    network: Network | str
    x: list[float] | None = None
    target: float | list[float] | None = None
    loss: str | None = None
    theme: str = "light"
    precision: str = "slide"
    weights: bool | None = None  # weight labels on every edge (default: for a network of up to 8 edges)
    backward: bool | None = None

    def data(self) -> dict:
        net = load_network(self.network)
        _check_size(net)
        if self.x is None and net.default_input is None:
            raise NnvizError(f"{net.name}: the spec has no slide input; give one with -x")
        x_batch, _ = net.check_input(net.default_input if self.x is None else self.x)
        x = x_batch[0]
        try:
            loss = get_loss(self.loss or net.fitting_loss()).name
        except UnknownName as e:
            raise NnvizError(e.message, parameter="loss") from None
        known = self.target if self.target is not None else net.default_target
        target = _target_list(net, 0 if known is None else known, loss)
        trace = net.forward(x)
        f_in = trace.f_in[0]
        lab = f_in.tolist() if net.layers[-1].activation.name == "softmax" and len(f_in) > 1 else list(DEFAULT_LOGITS)
        n_edges = sum(layer.W.size for layer in net.layers)
        return {
            "name": net.name, "description": net.description,
            "network": {"layers": [{"W": layer.W.tolist(), "b": layer.b.tolist(), "activation": layer.activation.name}
                                   for layer in net.layers]},
            "x": x.tolist(), "target": target, "loss": loss,
            "input_labels": net.input_labels, "layer_labels": [layer.labels for layer in net.layers],
            "precision": self.precision, "theme": self.theme,
            "backward": known is not None if self.backward is None else self.backward,
            "weights": n_edges <= 8 if self.weights is None else self.weights,
            "lab": {"fin": lab, "T": 1.0}, "notes": slide_notes(net, trace),
        }

    def html(self) -> str:
        data = self.data()
        title = f"{data['name']}: the worked example"
        reset = "Reset to the slide" if data["notes"] or data["name"] in _builtin_names() else "Reset"
        return _render("explorer", title, data, self.theme, notes=data["notes"], reset_label=reset, description="")

    def write(self, path: str | Path) -> Path:
        """Write the page atomically; returns the path."""
        return write_text(path, self.html())

    def gallery_files(self, folder: Path, stem: str) -> list[Path]:
        return [self.write(Path(folder) / f"{stem}.html")]


@dataclass
class SoftmaxLab:
    """The softmax lab on a page of its own: sliders on f_in and T, the Jacobian, the (1, 1000, 2) case."""

    f_in: list[float] = field(default_factory=lambda: list(DEFAULT_LOGITS))
    temperature: float = 1.0
    theme: str = "light"
    precision: str = "slide"

    def html(self) -> str:
        values = np.asarray(self.f_in, dtype=float)
        if values.ndim != 1 or not 2 <= values.size <= 8 or not np.all(np.isfinite(values)):
            raise NnvizError("softmax lab: f_in must be 2 to 8 finite numbers")
        if not (np.isfinite(self.temperature) and self.temperature > 0):
            raise NnvizError("softmax lab: the temperature must be a positive number")
        data = {"name": "softmax-lab", "precision": self.precision, "theme": self.theme,
                "lab": {"fin": values.tolist(), "T": float(self.temperature)}}
        description = ("τ(f_in) turns scores into probabilities. Move f_in and the temperature T; the Jacobian "
                       "diag(τ) − ττᵀ follows. The naive formula overflows for large f_in; subtracting the maximum "
                       "first gives the same probabilities and never does.")
        return _render("lab", "The softmax lab", data, self.theme, notes=[], reset_label="", description=description)

    def write(self, path: str | Path) -> Path:
        return write_text(path, self.html())

    def gallery_files(self, folder: Path, stem: str) -> list[Path]:
        return [self.write(Path(folder) / f"{stem}.html")]


def _builtin_names() -> list[str]:
    from nnviz.engine import builtin_networks

    return builtin_networks()


def explorer_page(network: Network | str, **options) -> str:
    """The explorer's HTML for ``network`` (options as ``Explorer``'s)."""
    return Explorer(network, **options).html()


def softmax_lab_page(**options) -> str:
    return SoftmaxLab(**options).html()
