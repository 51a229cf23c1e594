"""Multi-class classification: the softmax's derivative, a matrix, and backprop through it."""

from __future__ import annotations

from manim import DOWN, LEFT, UP, FadeIn, FadeOut, VGroup, Write

from nnviz.animate import JacobianBlock, JacobianNumbers, LectureScene, SoftmaxBackprop, title
from nnviz.animate.layout import SlideLayout
from nnviz.engine.notation import format_number
from nnviz.errors import NnvizError


class SoftmaxJacobian(LectureScene):
    name = "softmax-jacobian"
    takes = frozenset({"target"})
    section = "Multi-class classification"
    summary = "The softmax's derivative diag(τ) − ττᵀ at the example's output, and backprop through it (L2 loss)."
    caption = "Derivative ∂τ(f_in)/∂f_in = diag(τ(f_in)) − τ(f_in)τ(f_in)ᵀ."
    order = 42
    default_network = "multiclass"

    def construct(self):
        theme, net = self.theme, self.network()
        if net.layers[-1].activation.name != "softmax":
            raise NnvizError(f"softmax-jacobian: {net.name}'s output must be a softmax, "
                             f"not {net.layers[-1].activation.name}")
        target = self.options.target if self.options.target is not None else net.default_target or 0
        numbers = JacobianNumbers(net, self.input(), target, loss="l2")
        head = title("The softmax Jacobian", theme)
        slide = SlideLayout(head)
        top, bottom = slide.body.rows(1, 1)
        left, right = top.columns(1, 1)
        block, backprop = JacobianBlock(numbers, theme), SoftmaxBackprop(numbers, theme)
        left.place(VGroup(block.formula, block.structure, block.examples).arrange(DOWN, buff=0.35,
                                                                                    aligned_edge=LEFT), UP + LEFT)
        right.place(VGroup(block.tau, block.matrix), UP)
        self.step(FadeIn(head), Write(block.formula),
                  say="The derivative of the softmax is a matrix: diag(τ) − ττᵀ.")
        self.step(block.tau.reveal(), FadeIn(block.matrix), reads=[block.tau, block.matrix],
                  say="At the example's output, τ = (" + ", ".join(numbers.tau) + "): a 3 by 3 matrix J.")
        self.step(Write(block.structure), FadeIn(block.examples), reads=block.examples,
                  say="On the diagonal τ_k(1 − τ_k); off the diagonal −τ_k τ_j.")
        bottom.place(backprop, UP + LEFT)
        self.play(FadeOut(block.structure), FadeOut(block.examples))
        self.step(Write(backprop.formula), backprop.grad_f.reveal(), reads=backprop.grad_f,
                  say="With a loss not fused with the softmax, L2 on the probabilities, the gradient "
                      "with respect to f is f minus y.")
        self.step(FadeIn(backprop.grad_f_in), reads=backprop.grad_f_in,
                  say="It reaches f_in through J: ∂L/∂f_in = Jᵀ ∂L/∂f. "
                      f"The loss here is {format_number(numbers.loss)}.")
