"""What is on screen at a step, measured as a viewer at 854×480 sees it (for ``classroom.py``).

``capture(scene, step)`` returns a ``Shot``: every Text/MathTex as a ``TextBox`` (its string, the box
of its glyphs, their colours, its size in pixels — letters/digits as the height of a digit of that
size, sub/superscripts on their own), what left the frame, a diagram's value labels with their
nodes and edges, and the equations mobjects say they display (``written_equations``). A
ThreeDScene's mobjects are seen through its camera.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from classroom_arithmetic import STYLE_FACTOR, SUP, plain, tex_styles

FRAME_W, FRAME_H = 14.222222, 8.0
PX = 480 / FRAME_H  # pixels per unit at 854×480
MIN_PX, MIN_SCRIPT_PX, MIN_CONTRAST = 12.0, 8.0, 4.5
SUB = "₀₁₂₃₄₅₆₇₈₉₊₋₍₎"
SCRIPT_DIGITS = set("₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹")
REFERENCE = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzστΣαβγδεηθλμπρφωΔ"


@functools.cache
def _calibration() -> dict[str, float]:
    """Pixel heights at 480p measured once: a MathTex digit per point of font size, Text glyph ratios."""
    from manim import MathTex, Text

    from nnviz.animate.text import FONT

    digit = MathTex("0", font_size=100)
    ref = Text(REFERENCE + SUB + SUP, font=FONT, font_size=100)
    heights = {c: g.height for c, g in zip(ref.text, ref.submobjects)}
    ratios = {c: h / heights["0"] for c, h in heights.items()}
    return {"tex_digit_px_per_pt": digit[0].height * PX / 100, "text_digit_px_per_pt": heights["0"] * PX / 100,
            **{f"ratio:{c}": r for c, r in ratios.items()}}


# ==== what is on screen at a step ====================================================================
@dataclass
class TextBox:
    """One Text or MathTex on screen: as written, where its glyphs are, their colours and sizes."""

    text: str  # as written (MathTex: its LaTeX)
    plain: str  # as the parser reads it
    kind: str  # "text" or "math"
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 of the glyphs
    colors: list[tuple[str, float]]  # (hex, opacity) of the visible glyphs
    size_px: float  # letters/digits, as the height of a digit (px at 480p)
    script_px: float | None  # the smallest sub/superscript (px), None if it has none
    ident: int
    title: bool = False
    legend: bool = False
    axis_number: bool = False  # a tick number of an axis: not a new result to read

    @property
    def center(self) -> tuple[float, float]:
        return (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2


@dataclass
class Label:
    """A value label of a network diagram, its node, the other nodes and the visible edges."""

    text: str
    box: tuple[float, float, float, float]
    node: tuple[float, float, float]  # x, y, radius of its own node
    others: list[tuple[float, float]]
    edges: list[tuple[tuple[float, float], tuple[float, float]]]


@dataclass
class Shot:
    """The picture at a step (``step`` is None for the last frame)."""

    step: object | None
    texts: list[TextBox]
    outside: list[str]
    labels: list[Label]
    diagram: bool
    legend: bool
    written: list[str] = field(default_factory=list)  # equations a mobject says it displays (columns, tables)

    @property
    def strings(self) -> set[str]:
        return {t.text for t in self.texts}


@dataclass
class Run:
    scene: object
    theme: object
    pace: object
    steps: list
    shots: list[Shot] = field(default_factory=list)

    @property
    def end(self) -> Shot:
        return self.shots[-1]

    @property
    def seen(self) -> set[str]:
        return set().union(*(s.strings for s in self.shots))


_SEEN = {"project": None}  # a ThreeDScene's camera projection while its shot is captured


def _box(m) -> tuple[float, float, float, float]:
    """The box of a mobject as seen in the frame: through the camera for a 3-D scene's mobjects that are
    not fixed in the frame."""
    project = _SEEN["project"]
    if project is not None and len(getattr(m, "points", ())):
        seen = project(m)
        if seen is not None:
            (x0, y0), (x1, y1) = seen[:, :2].min(axis=0), seen[:, :2].max(axis=0)
            return float(x0), float(y0), float(x1), float(y1)
    (x0, y0, _), (x1, y1, _) = m.get_corner([-1, -1, 0]), m.get_corner([1, 1, 0])
    return float(x0), float(y0), float(x1), float(y1)


def _projection(scene):
    """For a ThreeDScene: the camera's projection of a mobject's points (None for fixed-in-frame ones)."""
    camera = getattr(scene.renderer, "camera", None)
    if not hasattr(camera, "project_points"):
        return None
    fixed = {id(f) for top in camera.fixed_in_frame_mobjects for f in top.get_family()}
    return lambda m: None if id(m) in fixed else camera.project_points(m.points)


def _glyphs(m) -> list:
    """The glyphs of a Text/MathTex (background rectangles left out)."""
    from manim import BackgroundRectangle

    return [g for g in m.family_members_with_points() if not isinstance(g, BackgroundRectangle)]


def _visible(m) -> bool:
    from manim import VMobject

    if not isinstance(m, VMobject):  # ValueTracker and friends keep numbers in their points
        return False
    return len(m.points) > 0 and (m.get_fill_opacity() > 0.05 or
                                  (m.get_stroke_opacity() > 0.05 and m.get_stroke_width() > 0))


def text_box(m) -> TextBox | None:
    from manim import MathTex, Text

    glyphs = [g for g in _glyphs(m) if _visible(g)]
    if not glyphs:
        return None
    xs0, ys0, xs1, ys1 = zip(*(_box(g) for g in glyphs))
    box = (min(xs0), min(ys0), max(xs1), max(ys1))
    colors = [(g.get_fill_color().to_hex(), float(g.get_fill_opacity())) for g in glyphs
              if g.get_fill_opacity() > 0.05]
    cal = _calibration()
    if isinstance(m, Text):
        pairs = list(zip(m.text, m.submobjects)) if len(m.text) == len(m.submobjects) else []
        normal = [g.height * PX / cal[f"ratio:{c}"] for c, g in pairs
                  if f"ratio:{c}" in cal and c in REFERENCE]
        scripts = [g.height * PX for c, g in pairs if c in SCRIPT_DIGITS]
        if not pairs:  # e.g. MarkupText: its size, as a digit of that size
            normal = [m.font_size * cal["text_digit_px_per_pt"]]
        size = min(normal) if normal else float("inf")
        return TextBox(m.original_text, m.original_text, "text", box, colors, size,
                       min(scripts) if scripts else None, id(m), bool(getattr(m, "title", False)),
                       bool(getattr(m, "legend", False)), bool(getattr(m, "axis_number", False)))
    if isinstance(m, MathTex):
        from manim.mobject.text.tex_mobject import SCALE_FACTOR_PER_FONT_POINT

        font_size = glyph_height(m) / m.initial_height / SCALE_FACTOR_PER_FONT_POINT  # as scaled now
        digit_px = cal["tex_digit_px_per_pt"] * font_size
        styles = tex_styles(m.tex_string)
        sizes = [digit_px * STYLE_FACTOR[s] for s in styles]
        normal = [v for s, v in zip(styles, sizes) if s in ("D", "T")]
        scripts = [v for s, v in zip(styles, sizes) if s in ("S", "SS")]
        return TextBox(m.tex_string, plain(m.tex_string), "math", box, colors,
                       min(normal) if normal else (min(scripts) / 0.7 if scripts else float("inf")),
                       min(scripts) if scripts else None, id(m), bool(getattr(m, "title", False)),
                       bool(getattr(m, "legend", False)))
    return None


def glyph_height(m) -> float:
    """The height of a mobject's glyphs now (without any background rectangle)."""
    glyphs = _glyphs(m)
    if not glyphs:
        return 0.0
    return max(_box(g)[3] for g in glyphs) - min(_box(g)[1] for g in glyphs)


def capture(scene, step) -> Shot:
    """Everything the checks need from the picture on screen now (as the camera sees it)."""
    _SEEN["project"] = _projection(scene)
    try:
        return _capture(scene, step)
    finally:
        _SEEN["project"] = None


def _capture(scene, step) -> Shot:
    from manim import MathTex, Text

    from nnviz.animate.diagram import NetworkDiagram

    family, seen = [], set()
    for top in scene.mobjects:
        for m in top.get_family():
            if id(m) not in seen:
                seen.add(id(m))
                family.append(m)
    texts, outside, diagrams = [], [], []
    legend = any(getattr(m, "legend", False) for m in family)
    written = [str(e) for m in family for e in (getattr(m, "written_equations", None) or [])
               if any(_visible(g) for g in m.family_members_with_points())]
    owner: dict[int, str] = {}  # glyph → the text it belongs to (to name what left the frame)
    for m in family:
        if isinstance(m, Text | MathTex):
            box = text_box(m)
            if box is not None:
                texts.append(box)
                owner.update({id(g): box.text for g in m.get_family()})
        if isinstance(m, NetworkDiagram):
            diagrams.append(m)
        if _visible(m) and not m.submobjects:
            x0, y0, x1, y1 = _box(m)
            if x0 < -FRAME_W / 2 - 1e-3 or x1 > FRAME_W / 2 + 1e-3 or y0 < -FRAME_H / 2 - 1e-3 \
                    or y1 > FRAME_H / 2 + 1e-3:
                name = owner.get(id(m), type(m).__name__)
                if name not in {o.split(" at ")[0][1:-1] for o in outside}:
                    outside.append(f"{name!r} at x {x0:.2f}..{x1:.2f}, y {y0:.2f}..{y1:.2f}")
    on_screen = {id(m) for m in family}
    labels = [label for d in diagrams for label in diagram_labels(d, on_screen)]
    return Shot(step, texts, outside, labels, bool(diagrams), legend, list(dict.fromkeys(written)))


def diagram_labels(diagram, on_screen: set[int]) -> list[Label]:
    nodes = {(c, i): n for c, column in enumerate(diagram.nodes) for i, n in column.items() if id(n) in on_screen}
    edges = [((float(e.get_start()[0]), float(e.get_start()[1])), (float(e.get_end()[0]), float(e.get_end()[1])))
             for layer in diagram.edges for e in layer.values()
             if id(e) in on_screen and e.get_stroke_opacity() > 0.05 and e.get_stroke_width() > 0]
    labels = []
    for c, values in enumerate(diagram.values):
        for i, label in values.items():
            if id(label) not in on_screen or (c, i) not in nodes:
                continue
            glyphs = [g for g in _glyphs(label) if _visible(g)]
            if not glyphs:
                continue
            xs0, ys0, xs1, ys1 = zip(*(_box(g) for g in glyphs))
            node = nodes[(c, i)]
            centre = node.get_center()
            others = [(float(n.get_center()[0]), float(n.get_center()[1])) for k, n in nodes.items() if k != (c, i)]
            text = getattr(label, "original_text", None) or next(
                (m.original_text for m in label.get_family() if hasattr(m, "original_text")), "?")
            labels.append(Label(text, (min(xs0), min(ys0), max(xs1), max(ys1)),
                                (float(centre[0]), float(centre[1]), float(node.width / 2)), others, edges))
    return labels


# ==== playing a scene =================================================================================
