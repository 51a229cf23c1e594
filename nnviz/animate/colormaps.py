"""Colours for pictures made of many values: a risk surface's bands, a network's output over the plane.

Every colour is a role of ``nnviz.palette`` (never a hue typed here): the risk is shaded in the
text colour over the background (more ink: lower risk), P(class 1) runs from ``class0`` through the
background to ``class1`` — the pages' ``probability_scale``.
"""

from __future__ import annotations

import numpy as np
from manim import Axes, ImageMobject

from nnviz.animate.base import Theme
from nnviz.palette import mix, rgb

LOWEST = 0.1  # the lowest band's place between the two shades


def _rgb255(color: str) -> np.ndarray:
    return np.array(rgb(color)) * 255


def blend(low: str, high: str, t: np.ndarray) -> np.ndarray:
    """An RGB uint8 image going from colour ``low`` (t = 0) to ``high`` (t = 1)."""
    t = np.clip(np.asarray(t, float), 0, 1)[..., None]
    return ((1 - t) * _rgb255(low) + t * _rgb255(high)).round().astype(np.uint8)


def rgba(image: np.ndarray) -> np.ndarray:
    """An opaque RGBA uint8 copy of an RGB image (what ImageMobject fades and redraws)."""
    alpha = np.full((*image.shape[:2], 1), 255, np.uint8)
    return np.ascontiguousarray(np.concatenate([image.astype(np.uint8), alpha], axis=-1))


def grid_image(image: np.ndarray, axes: Axes, extent: tuple[float, float, float, float]) -> ImageMobject:
    """An RGB grid (row 0 at the bottom, as the data) stretched over ``extent`` of ``axes``."""
    mobject = ImageMobject(rgba(image[::-1]))
    x0, x1, y0, y1 = extent
    corner_low, corner_high = axes.c2p(x0, y0), axes.c2p(x1, y1)
    mobject.stretch_to_fit_width(corner_high[0] - corner_low[0])
    mobject.stretch_to_fit_height(corner_high[1] - corner_low[1])
    return mobject.move_to((corner_low + corner_high) / 2)


def risk_shades(theme: Theme) -> tuple[str, str]:
    """The shade of the lowest and of the highest risk band (a neutral ink: no role is spent on it)."""
    return mix(theme.background, theme.text, 0.55), theme.background


def lowest_risk_color(theme: Theme) -> str:
    """The shade of the lowest risk band (a legend's swatch: "lowest risk")."""
    low, high = risk_shades(theme)
    return mix(low, high, LOWEST)


def risk_rgb(risk: np.ndarray, levels: np.ndarray, theme: Theme) -> np.ndarray:
    """Filled contours: each band between two levels gets one shade, the lowest risk the most ink."""
    band = np.searchsorted(levels, risk) / len(levels)
    low, high = risk_shades(theme)
    return blend(low, high, LOWEST + (1 - LOWEST) * band)


def probability_rgb(probability: np.ndarray, theme: Theme, strength: float = 0.55) -> np.ndarray:
    """P(class 1) → colour: ``class0`` at 0, the background at 0.5, ``class1`` at 1, in pale tints.

    Pale (``strength`` of the way to the class colour) so that data points stay visible on top.
    """
    p = np.asarray(probability, float)[..., None]
    low, mid, high = _rgb255(theme.class0), _rgb255(theme.background), _rgb255(theme.class1)
    image = np.where(p < 0.5, mid + (low - mid) * strength * (1 - 2 * p),
                     mid + (high - mid) * strength * (2 * p - 1))
    return image.round().astype(np.uint8)


__all__ = ["blend", "grid_image", "lowest_risk_color", "probability_rgb", "risk_rgb", "risk_shades", "rgba"]
