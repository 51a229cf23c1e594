"""The classroom checker itself: its parser, its measurements, and that it finds each kind of problem."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from classroom import (
    check,
    count_items,
    equations,
    evaluate,
    is_numeric,
    lines,
    matches,
    plain,
    play,
    tex_styles,
    text_box,
)

CHECK_SCENES = textwrap.dedent('''
    from manim import DOWN, RIGHT, UP, FadeIn, VGroup
    from nnviz.animate.base import LectureScene
    from nnviz.animate.diagram import NetworkDiagram
    from nnviz.animate.text import math, title, words


    class ClassroomGood(LectureScene):
        name = "classroom-good"
        section = "Tests"
        summary = "A worked sum that adds up, held long enough."
        order = 1

        def construct(self):
            theme = self.theme
            head = title("A worked sum", theme)
            formula = math(r"z_{in} = w^T x + b", theme).next_to(head, DOWN, buff=0.5).set_x(0)
            total = words("(-3)·3 + 1·(-9) + 5·2 + 5", theme).next_to(formula, DOWN, buff=0.5)
            result = words("= -3", theme).next_to(total, RIGHT, buff=0.18)
            self.step(FadeIn(head), FadeIn(formula), say="The affine step of one neuron.")
            self.step(FadeIn(total), say="The weighted sum of the inputs plus the bias.", reads=3)
            self.step(FadeIn(result), say="It is minus three.", reads=1)


    class ClassroomBad(LectureScene):
        name = "classroom-bad"
        section = "Tests"
        summary = "Everything a classroom scene must not do."
        order = 2
        default_network = "single-hidden"

        def construct(self):
            theme = self.theme
            wrong = words("0.05·3 + 0.88·(-12) + 0.50·8 + 1.00·1 + 6", theme).to_edge(UP)
            result = words("= 0.57", theme).next_to(wrong, RIGHT, buff=0.18)
            tiny = words("tiny 123", theme, font_size=12).to_edge(DOWN)
            pale = words("pale 456", theme, color=theme.grid).next_to(tiny, UP)
            gone = words("outside 789", theme).shift(7.5 * RIGHT)
            under = words("under", theme).shift(2 * DOWN + 4 * RIGHT)
            over = words("over", theme).move_to(under)
            self.step(FadeIn(VGroup(wrong, result, tiny, pale, gone, under, over)), say="Wrong.", reads=0)
            diagram = NetworkDiagram(self.trace(), theme, width=5, height=4)
            self.play(FadeIn(diagram))
            self.step(*diagram.show_values(1), say="")
            self.step(FadeIn(math("1 + 1 = 3", theme).to_edge(DOWN)), say="A formula that does not add up.")
            table = words("a table", theme).to_corner(DOWN + RIGHT)
            table.written_equations = ["(-12)·(-0.36) = 4.33"]
            self.step(FadeIn(table), say="A table whose row does not add up.", reads=1)
''')


@pytest.fixture(scope="module")
def check_scenes(tmp_path_factory):
    """The two scenes above, as classes (their module imported from a scratch folder)."""
    import importlib.util

    path = Path(tmp_path_factory.mktemp("classroom")) / "nnviz_classroom_check_scenes.py"
    path.write_text(CHECK_SCENES)
    spec = importlib.util.spec_from_file_location("nnviz_classroom_check_scenes", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {"good": module.ClassroomGood, "bad": module.ClassroomBad}


# ---- the parser -----------------------------------------------------------------------------------
def test_evaluates_the_notations_the_scenes_write():
    assert evaluate("(-3)·3 + 1·(-9) + 5·2 + 5") == -3
    assert evaluate("0.05·3 + 0.88·(-12) + 0.50·8 + 1.00·1 + 6") == pytest.approx(0.59)
    assert evaluate("σ(0.57)") == pytest.approx(0.63876, abs=1e-5)
    assert evaluate("e^2.95") == pytest.approx(19.10595, abs=1e-5)
    assert evaluate("e⁻²") == pytest.approx(0.135335, abs=1e-6)
    assert evaluate("max(0, -70)") == 0 and evaluate("max(0, 79)") == 79
    assert evaluate("20.086 ÷ 23.17") == pytest.approx(0.86690, abs=1e-5)
    assert evaluate("2 − 3 × 4") == -10
    assert evaluate(plain(r"\frac{1}{1 + e^{-0.57}}")) == pytest.approx(0.63876, abs=1e-5)
    assert evaluate(plain(r"0.5 \cdot \left(2 + 4\right)")) == 3


def test_reads_logs_and_scientific_numbers_as_the_learning_scenes_write_them():
    assert evaluate("-log(0.897)") == pytest.approx(0.10870, abs=1e-5)
    assert evaluate("3 - 0.05·(-3.3·10⁻⁴)") == pytest.approx(3.0000165)
    found, _ = equations("(-12)·(-0.361) = 4.33")
    assert found[0].ok
    found, _ = equations("0.5·(-6.6·10⁻⁴) = -3.3·10⁻⁴")
    assert found[0].ok and matches(-0.00033, "-3.3·10⁻⁴") and not matches(-0.00034, "-3.3·10⁻⁴")


def test_a_result_matches_at_its_rounding_and_an_integer_exactly():
    assert matches(0.568, "0.57") and not matches(0.59, "0.57")
    assert matches(19.10595, "19.11") and not matches(19.10595, "19.14")
    assert matches(79, "79") and not matches(78.9, "79")
    assert matches(2.5e-30, "0.000") and not matches(0.0006, "0.000")


def test_equations_are_read_off_a_line():
    found, unreadable = equations("z_in,1 = (-3)·3 + 1·(-9) + 5·2 + 5 = -3")
    assert [(e.expression, e.literal, e.ok) for e in found] == [("(-3)·3 + 1·(-9) + 5·2 + 5", "-3", True)]
    assert not unreadable
    found, _ = equations("e^2.95 = 19.14")
    assert not found[0].ok
    assert equations("τ_k = e^(f_in,k) / Σ")[0] == []  # a formula: names, nothing to evaluate
    assert is_numeric("1.77 + 19.14") and not is_numeric("z_(in) + 3") and not is_numeric("1·0 + … + 2")


def test_tex_becomes_plain_text_and_its_script_levels_are_known():
    assert plain(r"\sigma(0.57) = \frac{1}{1+e^{-0.57}}") == "σ(0.57) = (1)/(1+e^(-0.57))"
    assert sorted(tex_styles(r"\mathbf{z}_{in}^{(2)}")) == ["D", "S"]
    assert sorted(tex_styles(r"\tau_k = \frac{e^{f_{in,k}}}{\sum_{k'} e^{f_{in,k'}}}")) == ["D", "S", "SS", "T"]


def test_items_are_products_and_numbers():
    assert count_items("(-3)·3 + 1·(-9) + 5·2 + 5") == 3
    assert count_items("0.881") == 1 and count_items("σ(-3) = 0.047") == 1
    assert count_items("Softmax is a smooth argmax") == 0


def test_text_sizes_are_measured_in_pixels_at_480p():
    from manim import MathTex

    from nnviz.animate.base import THEMES
    from nnviz.animate.text import words

    theme = THEMES["light"]
    body = text_box(words("z₁ = 0.881", theme, 28))
    assert body.size_px == pytest.approx(17.7, abs=0.5) and body.script_px == pytest.approx(9.5, abs=0.5)
    small = text_box(words("z₁", theme, 20))
    assert small.script_px < 8  # a subscript at 20 is too small at 480p
    formula = text_box(MathTex(r"z_{in}^{(2)}", font_size=36))
    assert formula.size_px == pytest.approx(15.4, abs=0.3) and formula.script_px == pytest.approx(10.8, abs=0.3)
    halved = text_box(MathTex(r"z_{in}", font_size=36).scale(0.5))
    assert halved.size_px == pytest.approx(7.7, abs=0.3)


def test_texts_on_one_line_are_read_together():
    from manim import RIGHT

    from nnviz.animate.base import THEMES
    from nnviz.animate.text import words

    theme = THEMES["light"]
    total = words("0.047·3 + 6", theme)
    result = words("= 6.14", theme).next_to(total, RIGHT, buff=0.18)
    elsewhere = words("= 1", theme).shift(2 * RIGHT + 2 * 1.0 * total.get_center() + [0, 2, 0])
    assert "0.047·3 + 6 = 6.14" in lines([text_box(total), text_box(result), text_box(elsewhere)])


# ---- whole scenes -----------------------------------------------------------------------------------
def test_a_good_scene_passes(check_scenes):
    run = play(check_scenes["good"])
    assert [s.words for s in run.steps][1] == "The weighted sum of the inputs plus the bias."
    assert "(-3)·3 + 1·(-9) + 5·2 + 5" in run.shots[1].strings and "= -3" in run.shots[2].strings
    assert check(run) == []


def test_a_bad_scene_fails_every_check(check_scenes):
    problems = check(play(check_scenes["bad"]))
    text = "\n".join(problems)
    assert "(a) step 0: 0.05·3 + 0.88·(-12) + 0.50·8 + 1.00·1 + 6 = 0.57 is 0.59 as written" in problems
    assert "1 + 1 = 3 is 2 as written" in text
    assert "(b) step 0: 'tiny 123'" in text
    assert "(c) step 0: 'pale 456'" in text
    assert "(d) step 0: outside the frame: 'outside 789'" in text
    assert "(e) step 0: 'under' overlaps 'over'" in text
    assert "(f) step 0: holds 1.50 s, needs" in text  # the wrong sum's four products and more
    assert "(f) step 1: the step has no words" in text
    assert "(g) step 1: a network diagram without a legend" in text
    assert "(a) step 3: (-12)·(-0.36) = 4.33 is 4.32 as written" in text  # a mobject's written_equations
    assert "(h) the last frame has no title" in text
