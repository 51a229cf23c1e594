"""Fades for what manim's ``FadeIn`` handles badly: groups holding images, and groups of many texts.

``fade_in`` works on a ``Group`` with an ``ImageMobject`` inside (manim cannot interpolate a plain
Group); ``appear``/``disappear`` fade a big group without manim's deep copy of every text::

    self.play(appear(panel))       # joins the scene, fully drawn at the end
    self.play(disappear(panel))    # leaves the scene
"""

from __future__ import annotations

from manim import Animation, AnimationGroup, FadeIn, FadeOut, ImageMobject, Mobject, VMobject


def fade_in(mobject: Mobject, **kwargs) -> AnimationGroup:
    """FadeIn that also works on a ``Group`` holding images."""
    if isinstance(mobject, (VMobject, ImageMobject)):
        return AnimationGroup(FadeIn(mobject, **kwargs))
    return AnimationGroup(*[fade_in(m, **kwargs) for m in mobject.submobjects])


def fade_out(mobject: Mobject, **kwargs) -> AnimationGroup:
    """FadeOut that also works on a ``Group`` holding images."""
    if isinstance(mobject, (VMobject, ImageMobject)):
        return AnimationGroup(FadeOut(mobject, **kwargs))
    return AnimationGroup(*[fade_out(m, **kwargs) for m in mobject.submobjects])


class _Fade(Animation):
    """Fade a group by setting its members' opacities: no starting copy, the group added or removed."""

    def __init__(self, mobject: Mobject, into: bool, run_time: float):
        self.members = mobject.family_members_with_points()
        self.fills = [m.get_fill_opacity() for m in self.members]
        self.strokes = [m.get_stroke_opacity() for m in self.members]
        self.into = into
        super().__init__(mobject, run_time=run_time, introducer=into, remover=not into)

    def create_starting_mobject(self) -> Mobject:
        return Mobject()  # manim would deep-copy the whole group here

    def interpolate_mobject(self, alpha: float) -> None:
        share = self.rate_func(alpha) if self.into else 1 - self.rate_func(alpha)
        for m, fill, stroke in zip(self.members, self.fills, self.strokes):
            m.set_fill(opacity=fill * share, family=False)
            m.set_stroke(opacity=stroke * share, family=False)


class Drive(Animation):
    """Call ``update(alpha)`` on every frame, alpha from 0 to 1 at a constant pace, copying nothing.

    ``mobject`` is what the animation is said to move (it stays in the scene); the work is ``update``.
    """

    def __init__(self, mobject: Mobject, update, run_time: float):
        from manim import linear

        self.update = update
        super().__init__(mobject, run_time=run_time, rate_func=linear)

    def create_starting_mobject(self) -> Mobject:
        return Mobject()

    def interpolate_mobject(self, alpha: float) -> None:
        self.update(self.rate_func(alpha))


def appear(mobject: Mobject, run_time: float = 0.6) -> Animation:
    """Fade a group of many texts in without manim's deep copies; it joins the scene."""
    return _Fade(mobject, True, run_time)


def disappear(mobject: Mobject, run_time: float = 0.6) -> Animation:
    """Fade a group out without copying it; it leaves the scene."""
    return _Fade(mobject, False, run_time)


__all__ = ["Drive", "appear", "disappear", "fade_in", "fade_out"]
