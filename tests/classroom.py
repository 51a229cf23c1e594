"""The classroom checker: play any lecture scene without video and hold every step to CLASSROOM.md.

Usage (in a test)::

    from classroom import assert_classroom, check, play

    assert_classroom("single-neuron")              # both themes, every check; lists every problem
    run = play("deep-forward", theme="dark")       # construct() with animations skipped (no video)
    run.steps                                      # the scene's StepRecords (words, start, shown, end)
    run.shots                                      # what was on screen at each step, then at the end
    run.shots[3].texts                             # TextBox: text as written, box, colours, pixel sizes
                                                   # (classroom_screen.py measures; classroom_arithmetic.py reads)
    problems = check(run)                          # [] when the scene passes; else one line per problem

The checks, for every step (and the last frame):

(a) arithmetic as written: texts on one line are read left to right (``0.047·3 + … + 6`` then
    ``= 0.57``: joined across an ``=`` or an operator); every numeric side of an ``=`` is evaluated
    from its strings by the parser of ``classroom_arithmetic.py`` and must equal the literal on its
    right at that literal's rounding (an integer literal exactly). Equations laid out in columns or
    tables are read from ``written_equations`` (a list of strings) on any mobject in the scene's
    family, e.g. the cell that shows the result (``VectorColumn.set_equations``). A text with ``≈``
    needs a note on screen that says why: a text starting with ``≈`` that has words (``≈ 0.41``
    alone is no reason). Every numeric expression shown must reach its value (``= …``, or ``≈ …``
    with the note) at some step.
(b) sizes at 854×480: letters and digits ≥ 12 px (as the height of a digit of the same size),
    sub/superscripts ≥ 8 px; Text glyphs are measured one by one, MathTex from its size and the
    nesting of its scripts (TeX's 70 % and 50 %).
(c) contrast ≥ 4.5:1 of every glyph's colour (blended by its opacity) against the background.
(d) every visible mobject inside the frame (a ThreeDScene's as its camera projects them).
(e) no two text boxes overlap (glyph boxes, background rectangles excluded).
(f) every step has words, and holds at least its reading time for what it declared (``reads``) and
    for what newly appeared (each product of a worked sum, each number; not the numbers of an axis,
    Texts with ``axis_number = True``).
(g) on a ``NetworkDiagram``: each value label nearer its own node than any other, on its row, not
    crossed by a visible edge; a legend (a mobject with ``legend = True``) whenever a diagram shows.
(h) the last frame is a slide: a title (made by ``nnviz.animate.text.title``), a formula (MathTex)
    and numbers.
"""

from __future__ import annotations

import atexit
import functools
import math
import re
import shutil
import tempfile

from classroom_arithmetic import (
    approximated,
    equations,
    evaluate,
    is_arithmetic,
    is_literal,
    is_numeric,
    matches,
    plain,
    tex_styles,
)
from classroom_screen import (
    MIN_CONTRAST,
    MIN_PX,
    MIN_SCRIPT_PX,
    Run,
    Shot,
    TextBox,
    _calibration,
    capture,
    text_box,
)


@functools.cache
def _private_text_dir() -> str:
    """A text cache of this test process: manim's shared one can be read while another writes it."""
    folder = tempfile.mkdtemp(prefix="nnviz-texts-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def play(scene: str | type, **options) -> Run:
    """Run a scene's ``construct`` with animations skipped; record a ``Shot`` per step and at the end.

    ``scene``: its name (``"deep-forward"``) or its class. Keywords are ``SceneOptions`` fields
    (network, x, target, loss, lr, theme, pace, extra).
    """
    from manim import tempconfig

    from nnviz import render
    from nnviz.animate.base import SceneOptions
    from nnviz.render import get_scene

    scene_class = get_scene(scene) if isinstance(scene, str) else scene
    shots: list[Shot] = []

    class Probe(scene_class):
        def step(self, *animations, **kwargs):
            record = super().step(*animations, **kwargs)
            shots.append(capture(self, record))
            return record

    Probe.options = SceneOptions(**options)
    cache = render.cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    for patch in ("_serialise_tex_cache", "_atomic_text_cache"):
        if hasattr(render, patch):
            getattr(render, patch)()  # the Tex cache is shared with parallel test workers
    settings = {"dry_run": True, "write_to_movie": False, "pixel_width": 256, "pixel_height": 144,
                "frame_rate": 5, "verbosity": "WARNING", "progress_bar": "none", "media_dir": str(cache),
                "tex_dir": str(cache / "Tex"), "text_dir": _private_text_dir()}
    with tempconfig(settings):
        scene = Probe(skip_animations=True)
        scene.render()
        _calibration()
        shots.append(capture(scene, None))
    return Run(scene, scene.theme, scene.pace, list(scene.steps), shots)


# ==== the checks ======================================================================================
CONTINUED = ("=", "≈", "+", "·", "×", "÷", "/")  # a text ending so goes on in the next one


def lines(texts: list[TextBox]) -> list[str]:
    """Texts that continue each other on one line (vertically aligned, a small gap, and an ``=`` or an
    operator between them: the cells of a matrix side by side are not a sum), joined left to right."""
    boxes = sorted((t for t in texts if not t.axis_number), key=lambda t: t.box[0])
    chains: list[list[TextBox]] = []
    for t in boxes:
        for chain in chains:
            last = chain[-1]
            gap = t.box[0] - last.box[2]
            cy_t, cy_l = t.center[1], last.center[1]
            aligned = last.box[1] <= cy_t <= last.box[3] and t.box[1] <= cy_l <= t.box[3]
            continues = t.plain.lstrip()[:1] in ("=", "≈") or last.plain.rstrip()[-1:] in CONTINUED
            between_vectors = last.plain.strip() in CONTINUED or t.plain.strip() in CONTINUED  # "[x] + [b]"
            if aligned and -0.05 <= gap <= 0.45 and continues and not between_vectors:
                chain.append(t)
                break
        else:
            chains.append([t])
    return [" ".join(t.plain for t in chain) for chain in chains]


def count_items(text: str) -> int:
    """What a viewer reads in a text: each product of a worked sum, each number it shows as a result
    (each entry of a vector ``(0.047, 0.881)``), or the number it is."""
    if is_literal(text):
        return 1
    products = text.count("·") + text.count(r"\cdot") + text.count("×")
    results = 0
    for side in re.split(r"=|≈", text)[1:]:
        side = side.strip().removesuffix("^(T)").removesuffix("^T")
        if is_literal(side):
            results += 1
        elif side.startswith("(") and all(is_literal(v) for v in side.strip("()").split(",")):
            results += len(side.split(","))
    return products + results


def _overlap(a, b, tol: float = 0.02) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > tol and min(a[3], b[3]) - max(a[1], b[1]) > tol


def _crosses(segment, box, shrink: float = 0.01) -> bool:
    """Whether a segment passes through a box (Liang–Barsky)."""
    (x0, y0), (x1, y1) = segment
    bx0, by0, bx1, by1 = box[0] + shrink, box[1] + shrink, box[2] - shrink, box[3] - shrink
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - bx0), (dx, bx1 - x0), (-dy, y0 - by0), (dy, by1 - y0)):
        if p == 0:
            if q < 0:
                return False
        else:
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
    return t0 <= t1


def check(run: Run) -> list[str]:
    """Every problem of a played scene, one line each (empty: it passes)."""
    from nnviz.animate.pacing import reading_time
    from nnviz.palette import contrast, mix

    problems: list[str] = []
    if not run.steps:
        problems.append("(f) the scene has no steps (self.step): nothing holds still to be read")
    background = run.theme.background
    arithmetic_seen: dict[str, str] = {}
    resolved: set[str] = set()
    previous: set[str] = set()
    for shot in run.shots:
        where = f"step {shot.step.index}" if shot.step is not None else "last frame"
        # (a) arithmetic as written
        approx_note = any(re.match(r"\s*≈.*[A-Za-z]{3}", t.plain) for t in shot.texts)  # "≈ …why…", not "≈ 0.41"
        for line in [*lines(shot.texts), *shot.written]:
            found, unreadable = equations(line)
            for eq in found:
                resolved.add(eq.expression.replace(" ", ""))
                if not eq.ok:
                    problems.append(f"(a) {where}: {eq.expression} = {eq.literal} is {eq.value:.6g} as written")
            problems += [f"(a) {where}: cannot evaluate {u} in {line!r}" for u in unreadable]
            if approx_note:  # "… ≈ 0.36" with the note that says why: given its value, approximately
                resolved.update(side.replace(" ", "") for side in approximated(line))
            if "≈" in line and not line.lstrip().startswith("≈") and not approx_note:
                problems.append(f"(a) {where}: {line!r} says ≈ but no note on screen says why (a text "
                                f"starting with ≈)")
            for side in re.split(r"=|≈", line):
                if is_arithmetic(side.strip()):
                    arithmetic_seen.setdefault(side.strip().replace(" ", ""), where)
        for t in shot.texts:
            # (b) sizes
            if t.size_px < MIN_PX - 1e-6:
                problems.append(f"(b) {where}: {t.text!r} is {t.size_px:.1f} px tall at 480p (≥ {MIN_PX:g})")
            if t.script_px is not None and t.script_px < MIN_SCRIPT_PX - 1e-6:
                problems.append(f"(b) {where}: the sub/superscripts of {t.text!r} are {t.script_px:.1f} px "
                                f"(≥ {MIN_SCRIPT_PX:g})")
            # (c) contrast
            for color, opacity in set(t.colors):
                seen_as = mix(background, color.upper()[:7], min(opacity, 1.0))
                ratio = contrast(seen_as, background)
                if ratio < MIN_CONTRAST:
                    problems.append(f"(c) {where}: {t.text!r} in {color} at opacity {opacity:.2f} has contrast "
                                    f"{ratio:.2f}:1 on {background} (≥ {MIN_CONTRAST})")
        # (d) inside the frame
        problems += [f"(d) {where}: outside the frame: {o}" for o in shot.outside]
        # (e) no overlapping texts
        for k, a in enumerate(shot.texts):
            for b in shot.texts[k + 1:]:
                if _overlap(a.box, b.box):
                    problems.append(f"(e) {where}: {a.text!r} overlaps {b.text!r}")
        # (f) words and holds
        if shot.step is not None:
            step = shot.step
            if not step.words.strip():
                problems.append(f"(f) {where}: the step has no words")
            new = [t for t in shot.texts if t.text not in previous and not t.axis_number]
            counted = sum(count_items(t.plain) for t in new)
            needed = reading_time(run.pace, max(counted, step.items))
            if step.hold < needed - 1e-6:
                problems.append(f"(f) {where}: holds {step.hold:.2f} s, needs {needed:.2f} s "
                                f"({counted} new items on screen, reads={step.items})")
            previous |= shot.strings  # a text seen before (an aside's return) is not read again
        # (g) value labels of a diagram, and its legend
        for label in shot.labels:
            cx, cy = (label.box[0] + label.box[2]) / 2, (label.box[1] + label.box[3]) / 2
            x, y, r = label.node
            own = math.hypot(cx - x, cy - y)
            nearer = [o for o in label.others if math.hypot(cx - o[0], cy - o[1]) <= own + 1e-6]
            if nearer:
                problems.append(f"(g) {where}: value {label.text!r} is as near another node as its own")
            if abs(cy - y) > r:
                problems.append(f"(g) {where}: value {label.text!r} is not on its node's row")
            if any(_crosses(e, label.box) for e in label.edges):
                problems.append(f"(g) {where}: an edge crosses the value {label.text!r}")
        if shot.diagram and not shot.legend:
            problems.append(f"(g) {where}: a network diagram without a legend for its colours")
    for expression, where in arithmetic_seen.items():
        if expression not in resolved:
            problems.append(f"(a) {where}: {expression} is never given its value (= …)")
    # (h) the last frame is a slide
    end = run.end
    if not any(t.title for t in end.texts):
        problems.append("(h) the last frame has no title (nnviz.animate.text.title)")
    if not any(t.kind == "math" for t in end.texts):
        problems.append("(h) the last frame has no formula")
    if not any(re.search(r"\d", t.plain) for t in end.texts):
        problems.append("(h) the last frame shows no numbers")
    return first_seen(problems)


def first_seen(problems: list[str]) -> list[str]:
    """Each problem once, where it first appears (a text too small at step 2 stays too small after)."""
    kept, keys = [], set()
    for p in problems:
        key = re.sub(r"^\((\w)\) (step \d+|last frame): ", r"(\1) ", p)
        if key not in keys:
            keys.add(key)
            kept.append(p)
    return kept


def assert_classroom(scene: str | type, themes=("light", "dark"), **options) -> list[Run]:
    """Play the scene in each theme and fail with every classroom problem found."""
    runs, problems = [], []
    for theme in themes:
        run = play(scene, theme=theme, **options)
        runs.append(run)
        problems += [f"[{theme}] {p}" for p in check(run)]
    name = scene if isinstance(scene, str) else scene.name
    assert not problems, f"{name}: {len(problems)} classroom problems\n" + "\n".join(problems)
    return runs


__all__ = ["Run", "Shot", "TextBox", "assert_classroom", "capture", "check", "count_items", "equations",
           "evaluate", "is_numeric", "lines", "matches", "plain", "play", "tex_styles", "text_box"]
