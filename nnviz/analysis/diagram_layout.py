"""Where every piece of a network diagram goes: pure geometry, shared by the figure and the TikZ picture.

    layout = diagram_layout(net.forward(x), show="values,weights")
    layout.nodes, layout.edges, layout.texts, layout.boxes, layout.paths, layout.extent

Columns as on the slides: column 0 is the input ``x``, column ``k`` the output of layer ``k - 1``.
To the right of each node a band holds its value (``z_in → z``), its bias and its gradient
δ = ∂R/∂z_in; a node's edges leave where its band ends, so no edge crosses a value and every value
sits on its node's row. Weight labels sit on their own edge, staggered so that none covers a
crossing or another label (``nnviz.analysis.edge_labels``); a layer with more than
``MAX_LABELLED_EDGES`` drawn edges shows its weights by colour and width only. Layers wider than
``max_neurons`` are elided: the first neurons, a ⋮, the last one, and a brace with the true size.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

import numpy as np

from nnviz.analysis.diagram_shapes import (
    LINE,
    MAX_LABELLED_EDGES,
    PT,
    SHOWABLE,
    Box,
    DiagramLayout,
    Edge,
    Node,
    Path,
    Sizes,
    Text,
    brace_points,
)
from nnviz.analysis.diagram_text import Run, line_width
from nnviz.analysis.edge_labels import narrowest_gap, place_on_edges
from nnviz.analysis.worked import Worked, elided, join_vector, worked, written
from nnviz.engine import Network, Trace
from nnviz.errors import NnvizError

T = TypeVar("T")
ACTIVATION_NAMES = {"relu": "ReLU", "sigmoid": "σ", "tanh": "tanh", "identity": "identity", "step": "step",
                    "softmax": "softmax"}


def parse_show(show: str | Iterable[str] | None, source: Network | Trace) -> tuple[str, ...]:
    """Validate ``show`` (``"values,weights"`` or a list). Default: values and weights, and gradients
    when the trace has them; a bare network: weights."""
    is_trace = isinstance(source, Trace)
    backward = isinstance(source, Trace) and source.has_gradients
    if show is None:
        items = ["values", "weights"] if is_trace else ["weights"]
        if backward:
            items.append("gradients")
    else:
        items = [s.strip() for s in (show.split(",") if isinstance(show, str) else show) if s.strip()]
    unknown = [s for s in items if s not in SHOWABLE]
    if unknown:
        raise NnvizError(f"{', '.join(map(repr, unknown))} unknown; expected some of {', '.join(SHOWABLE)}",
                         parameter="show")
    if "values" in items and not is_trace:
        raise NnvizError("values need a trace (a network and an input x)", parameter="show")
    if "gradients" in items and not backward:
        raise NnvizError("gradients need a backward pass (give a target)", parameter="show")
    return tuple(s for s in SHOWABLE if s in items)


def node_names(network: Network) -> list[list[str]]:
    """Every neuron's name, column by column: ``x_1…``, ``z_1…`` (hidden), ``f`` or ``f_1…``."""
    names = [[str(n) for n in network.input_labels] if network.input_labels
             else [f"x_{i + 1}" for i in range(network.n_inputs)]]
    for k, layer in enumerate(network.layers):
        if layer.labels:
            names.append([str(label) for label in layer.labels])
        elif k == len(network.layers) - 1:
            names.append(["f"] if layer.n_neurons == 1 else [f"f_{j + 1}" for j in range(layer.n_neurons)])
        else:
            names.append([f"z_{j + 1}" for j in range(layer.n_neurons)])
    return names


def diagram_layout(source: Network | Trace, *, show: str | Iterable[str] | None = None, max_neurons: int = 8,
                   sizes: Sizes | None = None, title: str | None = None, example: int = 0, heading: bool = True,
                   legend: str | None = "full") -> DiagramLayout:
    """Lay out the diagram of a network, or of a trace with its numbers (``show``: some of ``SHOWABLE``).

    ``title`` replaces the heading (the network, the input, the loss); ``heading=False`` leaves it out
    (a Beamer frame has its own title). ``legend``: ``"full"``, ``"edges"`` (only what the edges'
    colour and width mean, in one row: where the worked lines explain the rest) or None.
    """
    show = parse_show(show, source)
    if max_neurons < 3:
        raise NnvizError(f"{max_neurons} is too few; at least 3 (two neurons and the ⋮)", parameter="max_neurons")
    if not isinstance(source, Trace):
        return _Builder(source, None, None, show, sizes or Sizes(), max_neurons).build(title, heading, legend)
    if source.network is None:
        raise NnvizError("a trace made by Network.forward (it knows its network) is needed", parameter="source")
    if not 0 <= example < len(source.x):
        raise NnvizError(f"{example} is not one of the trace's {len(source.x)} examples", parameter="example")
    texts = worked(source, example, max_neurons)
    return _Builder(source.network, source, texts, show, sizes or Sizes(), max_neurons).build(title, heading, legend)


class _Builder:
    """Builds one layout; every length is a multiple of a font size (``em`` of the values)."""

    def __init__(self, network: Network, trace: Trace | None, texts: Worked | None, show: tuple[str, ...],
                 sizes: Sizes, max_neurons: int):
        self.network, self.trace, self.worked, self.show, self.sizes = network, trace, texts, show, sizes
        self.em, self.wem = sizes.value * PT, sizes.weight * PT
        self.names = node_names(network)
        self.shown = [elided(n, max_neurons) for n in network.shape]
        self.nodes: list[Node] = []
        self.edges: list[Edge] = []
        self.texts: list[Text] = []
        self.boxes: list[Box] = []
        self.paths: list[Path] = []
        self.unlabelled: list[int] = []

    # ---- what is written where ---------------------------------------------------------------
    @property
    def numbers(self) -> Worked:
        """The trace's numbers as written; asked for only where ``show`` needs a trace (``parse_show``)."""
        if self.worked is None:
            raise NnvizError("values and gradients need a trace (a network and an input x)", parameter="show")
        return self.worked

    def band(self, column: int, neuron: int) -> list[tuple[tuple[Run, ...], str, str]]:
        """The lines beside one node, (runs, role, group), top to bottom: its bias, its value (in the
        middle: on the node's row), its gradient δ."""
        lines: list[tuple[tuple[Run, ...], str, str]] = []
        if "biases" in self.show and column > 0:
            name = "c" if column == len(self.shown) - 1 else "b"
            b = self.network.layers[column - 1].b[neuron]
            text = self.worked.bias(column - 1, neuron) if self.worked else written(b)
            lines.append(((Run(f"{name} = ", "text"), Run(text, "number")), "muted", "bias"))
        if "values" in self.show:
            w = self.numbers
            if column == 0:
                lines.append(((Run(w.x[neuron], "number", ("x", 0, neuron)),), "value", "value"))
            else:
                k = column - 1
                z = Run(w.z_out[k][neuron], "number", ("z", column, neuron))
                runs: tuple[Run, ...]
                if self.network.layers[k].activation.name == "identity":
                    runs = (Run(w.z_in[k][neuron], "number", ("zin", column, neuron)),)
                else:
                    runs = (Run(w.z_in[k][neuron], "number", ("zin", column, neuron)),
                            Run(" ", "text", ("z", column, neuron)), Run("→", "symbol", ("z", column, neuron)),
                            Run(" ", "text", ("z", column, neuron)), z)
                lines.append((runs, "value", "value"))
        if "gradients" in self.show and column > 0:
            grad = _after_backward(self.numbers.gradient(column - 1, "grad_z_in"))[neuron]
            lines.append(((Run("δ", "symbol"), Run(" = ", "text"), Run(grad, "number")), "gradient", "gradient"))
        return lines

    def weight_lines(self, layer: int, i: int, j: int) -> list[tuple[tuple[Run, ...], str]]:
        value = self.network.layers[layer].W[i, j]
        text = self.worked.weight(layer, i, j) if self.worked else written(value)
        lines: list[tuple[tuple[Run, ...], str]] = [((Run(text, "number", ("w", layer, i, j)),), _sign_role(value))]
        if "gradients" in self.show:
            grad = _after_backward(self.numbers.gradient(layer, "grad_W", i, j))
            lines.append(((Run(grad, "number"),), "gradient"))
        return lines

    # ---- the build -------------------------------------------------------------------------------
    def build(self, title: str | None, heading: bool = True, legend: str | None = "full") -> DiagramLayout:
        em, n_cols = self.em, len(self.shown)
        longest = max(line_width((Run(name, "name"),), self.sizes.name) for col in self.names for name in col)
        self.r = min(max(0.95 * em, longest / 2 + 0.3 * em), 1.5 * em)
        bands = [[self.band(c, i) if i is not None else [] for i in self.shown[c]] for c in range(n_cols)]
        widths = [max([line_width(runs, self.sizes.value) for lines in col for runs, _, _ in lines] or [0.0])
                  for col in bands]
        most = max(len(lines) for col in bands for lines in col)
        spread = 3.6 * em if "weights" in self.show else 0.0  # room between crossings for the labels
        self.dy = max(2 * self.r + 0.9 * em, most * LINE * em + 0.6 * em, spread)
        ys = [[((len(rows) - 1) / 2 - r) * self.dy for r in range(len(rows))] for rows in self.shown]
        x = 0.0
        self.starts: list[float | None] = []
        xs = []
        for c in range(n_cols):
            xs.append(x)
            self.column(c, x, ys[c], bands[c], widths[c])
            if c < n_cols - 1:
                x = self.layer_gap(c, xs[c], ys[c], ys[c + 1]) + self.r
        self.captions(xs, ys, widths)
        top = max(t.box()[3] for t in self.texts) if self.texts else self.r
        if heading:
            self.heading(title, top + 0.9 * self.sizes.title * PT)
        if legend:
            lowest = min([y - self.r for col in ys for y in col] + [t.box()[1] for t in self.texts])
            bottom = lowest - 0.9 * em
            self.legend(bottom, xs[-1] + self.r + widths[-1], only_edges=legend == "edges")
        return DiagramLayout(self.nodes, self.edges, self.texts, self.boxes, self.paths, self.extent(),
                             self.sizes, self.show, self.network, self.worked, self.unlabelled)

    def column(self, c: int, x: float, ys: list[float], bands: list, band_width: float) -> None:
        em, r = self.em, self.r
        band_x = x + r + 0.35 * em
        start = band_x + band_width + 0.35 * em if band_width else None
        for row, index in enumerate(self.shown[c]):
            y = ys[row]
            if index is None:
                self.texts.append(Text(x, y, (Run("⋮", "symbol"),), "muted", self.sizes.name * 1.2, "center", "dots"))
                continue
            self.nodes.append(Node(x, y, r, c, index))
            self.texts.append(self.name_text(x, y, self.names[c][index], (c, index)))
            lines = bands[row]
            for k, (runs, role, group) in enumerate(lines):
                ly = y + ((len(lines) - 1) / 2 - k) * LINE * em
                self.texts.append(Text(band_x, ly, runs, role, self.sizes.value, "left", group, (c, index)))
        if None in self.shown[c]:
            edge_x = start if start is not None else x + r + 0.3 * em
            y0, y1 = ys[-1] - r, ys[0] + r
            width = 0.5 * em
            self.paths.append(Path(brace_points(edge_x, y0, y1, width), "muted", 0.8))
            size = str(self.network.shape[c])
            count = Text(edge_x + width + 0.2 * em, (y0 + y1) / 2, (Run(size, "number"),), "muted",
                         self.sizes.caption, "left", "count", (c,))
            self.texts.append(count)
            start = count.box()[2] + 0.35 * em
        self.starts.append(start)

    def name_text(self, x: float, y: float, name: str, key: tuple) -> Text:
        size, room = self.sizes.name, 2 * self.r - 0.25 * self.em
        width = line_width((Run(name, "name"),), size)
        if width > room:  # long names from a spec shrink to fit their node, down to 60 %
            size = max(size * room / width, 0.6 * size)
            while line_width((Run(name, "name"),), size) > room and len(name) > 2:
                name = name[:-2] + "…"
        return Text(x, y, (Run(name, "name"),), "text", size, "center", "name", key)

    def layer_gap(self, k: int, x: float, ys0: list[float], ys1: list[float]) -> float:
        """Draw layer ``k``'s edges from column k (at ``x``) and return column k + 1's left edge."""
        em, r = self.em, self.r
        start = self.starts[k]
        layer = self.network.layers[k]
        pairs = [(i, ra, j, rb) for ra, i in enumerate(self.shown[k]) if i is not None
                 for rb, j in enumerate(self.shown[k + 1]) if j is not None]
        labelled = "weights" in self.show and len(pairs) <= MAX_LABELLED_EDGES
        if "weights" in self.show and not labelled:
            self.unlabelled.append(k)
        gap = max(7.0 * em, 1.2 * self.dy) if labelled else max(3.5 * em, 0.9 * self.dy)
        origin = start if start is not None else x + r
        ys = np.array([[ys0[ra], ys1[rb]] for _, ra, _, rb in pairs])

        def segments_at(gap: float) -> np.ndarray:
            return self.segments(x, ys, start, origin + gap + r)

        if labelled:
            lines = [self.weight_lines(k, i, j) for i, _, j, _ in pairs]
            sizes = np.array([[max(line_width(runs, self.sizes.weight) for runs, _ in ls) + 0.4 * self.wem,
                               len(ls) * 1.1 * self.wem + 0.2 * self.wem] for ls in lines])

            def place(gap: float):
                return place_on_edges(segments_at(gap), sizes, (origin + 1.2 * em, origin + gap - 0.4 * em))

            gap, centres = narrowest_gap(place, gap, 40 * em)
            if centres is None:  # never for ≤ MAX_LABELLED_EDGES edges: a guard, not a rule
                self.unlabelled.append(k)
                labelled = False
        segments = segments_at(gap)
        target_x = origin + gap + r
        biggest = float(np.max(np.abs(layer.W))) or 1.0
        for (i, _, j, _), (x0, y0, x1, y1) in zip(pairs, segments.tolist()):
            share = min(abs(layer.W[i, j]) / biggest, 1.0)
            self.edges.append(Edge(x0, y0, x1, y1, k, i, j, _sign_role(layer.W[i, j]), 0.5 + 2.5 * share,
                                   0.35 + 0.65 * share))
        if labelled:
            for (i, _, j, _), (cx, cy), ls, (w, h) in zip(pairs, centres, lines, sizes):
                self.boxes.append(Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, "background", ("w", k, i, j)))
                for n, (runs, role) in enumerate(ls):
                    ly = cy + ((len(ls) - 1) / 2 - n) * 1.1 * self.wem
                    self.texts.append(Text(float(cx), float(ly), runs, role, self.sizes.weight, "center", "weight",
                                           (k, i, j)))
        return target_x - r

    def segments(self, x: float, ys: np.ndarray, start: float | None, target_x: float) -> np.ndarray:
        """Edges (E, 4) from the end of a node's band (or its circle) to the circle of the target node."""
        p = np.column_stack([np.full(len(ys), start if start is not None else x), ys[:, 0]])
        q = np.column_stack([np.full(len(ys), target_x), ys[:, 1]])
        unit = (q - p) / np.linalg.norm(q - p, axis=1, keepdims=True)
        if start is None:
            p = p + unit * self.r
        return np.hstack([p, q - unit * self.r]) if len(ys) else np.zeros((0, 4))

    # ---- words around the diagram ---------------------------------------------------------------
    def captions(self, xs: list[float], ys: list[list[float]], widths: list[float]) -> None:
        """Each column's name above it, above its top node and the lines beside that node."""
        top = max([col[0] + self.r for col in ys] + [t.box()[3] for t in self.texts])
        y = top + 0.9 * self.sizes.caption * PT
        n = len(xs)
        for c, x in enumerate(xs):
            runs: tuple[Run, ...]
            if c == 0:
                runs = (Run("input", "text"),)
            else:
                act = self.network.layers[c - 1].activation.name
                kind = "output" if c == n - 1 else (f"hidden {c}" if n > 3 else "hidden")
                runs = (Run(f"{kind}: ", "text"), Run(ACTIVATION_NAMES.get(act, act), "symbol" if act == "sigmoid"
                                                       else "text"))
            self.texts.append(Text(x - self.r, y, runs, "muted", self.sizes.caption, "left", "caption", (c,)))

    def heading(self, title: str | None, y: float) -> None:
        """The title (the network and its input) and, after a backward pass, the target and the loss."""
        runs: tuple[Run, ...]
        if title is not None:
            runs = (Run(title, "text"),)
        elif self.trace is None:
            runs = (Run(self.network.name, "text"), Run(": ", "text"),
                    Run("-".join(map(str, self.network.shape)), "number"))
        else:
            w, trace = self.numbers, self.trace
            runs = (Run(self.network.name, "text"), Run(": forward pass for x = ", "text"),
                    Run(join_vector(w.x), "number"))
            if w.loss is not None and trace.target is not None and trace.loss_name is not None:
                target = [written(v) for v in trace.target[0]]
                sub = (Run("backward pass for the target y = ", "text"),
                       Run(target[0] if len(target) == 1 else join_vector(target), "number"),
                       Run(f", {trace.loss_name.replace('-', ' ')} loss R ", "text"),
                       Run(w.sign("loss"), "symbol" if w.sign("loss") != "=" else "text"),
                       Run(" ", "text"), Run(w.loss, "number"))
                self.texts.append(Text(-self.r, y, sub, "text", self.sizes.caption * 1.1, "left", "subtitle"))
                y += 1.3 * self.sizes.title * PT
        self.texts.append(Text(-self.r, y, runs, "text", self.sizes.title, "left", "title"))

    def legend(self, y: float, right: float, only_edges: bool = False) -> None:
        """Swatches and words, in rows no wider than the diagram (at least 12 cm); ``only_edges``: the
        edges' colours and width, in one row."""
        em, size = self.em, self.sizes.caption
        items: list[tuple[str | None, tuple[Run, ...], str]] = [
            ("positive", (Run("positive weight", "text"),), "text"),
            ("negative", (Run("negative weight", "text"),), "text"),
            (None, (Run("line width: size of the weight", "text"),), "muted")]
        if "values" in self.show:
            items.append((None, (Run("beside a node: ", "text"), Run("z_in", "name"), Run(" ", "text"),
                                 Run("→", "symbol"), Run(" ", "text"), Run("z", "name")), "value"))
        if "biases" in self.show:
            items.append((None, (Run("b, c: bias", "text"),), "muted"))
        if "gradients" in self.show:
            items.append((None, (Run("δ", "symbol"), Run(" = ", "text"), Run("∂", "symbol"), Run("R/", "text"),
                                 Run("∂", "symbol"), Run("z_in", "name"), Run("; under a weight: ", "text"),
                                 Run("∂", "symbol"), Run("R/", "text"), Run("∂", "symbol"), Run("w", "text")),
                          "gradient"))
        for k in self.unlabelled:
            items.append((None, (Run(f"layer {k + 1}: too many edges to write their weights", "text"),), "muted"))
        x0 = -self.r
        limit = max(right, x0 + 12.0) if not only_edges else float("inf")
        items = items[:3] if only_edges else items
        x = x0
        for swatch, runs, role in items:
            width = (1.6 * em if swatch else 0.0) + line_width(runs, size)
            if x > x0 and x + width > limit:
                x, y = x0, y - LINE * size * PT * 1.3
            if swatch:
                self.paths.append(Path(((x, y), (x + 1.2 * em, y)), swatch, 2.0))
            self.texts.append(Text(x + (1.6 * em if swatch else 0.0), y, runs, role, size, "left", "legend"))
            x += width + 1.5 * em

    def extent(self) -> tuple[float, float, float, float]:
        boxes = [t.box() for t in self.texts] + [b[:4] for b in ((b.x0, b.y0, b.x1, b.y1) for b in self.boxes)]
        boxes += [(n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r) for n in self.nodes]
        boxes += [(min(p[0] for p in path.points), min(p[1] for p in path.points),
                   max(p[0] for p in path.points), max(p[1] for p in path.points)) for path in self.paths]
        pad = 0.3
        return (min(b[0] for b in boxes) - pad, min(b[1] for b in boxes) - pad,
                max(b[2] for b in boxes) + pad, max(b[3] for b in boxes) + pad)


def _after_backward(written: T | None) -> T:
    """A gradient as written, which ``parse_show`` lets a diagram ask for only after a backward pass."""
    if written is None:
        raise NnvizError("gradients need a backward pass (give a target)", parameter="show")
    return written


def _sign_role(value: float) -> str:
    return "positive" if value > 0 else "negative" if value < 0 else "muted"


__all__ = ["ACTIVATION_NAMES", "SHOWABLE", "Sizes", "brace_points", "diagram_layout", "node_names", "parse_show"]
