"""The one palette: every text role readable on its background, and meaning never carried by red vs green."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from nnviz.palette import MIN_CONTRAST, PALETTES, TEXT_ROLES, contrast, mix, palette, rgb

# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
SIMULATIONS = {
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "none": np.eye(3),
}
# Pairs whose meaning colour alone may carry (an edge's sign; a point's class; forward vs backward):
# apart for every viewer. With text at 4.5:1 on white, colour-blind viewers tell hues apart mostly
# along blue–yellow and by lightness, so seven roles cannot all be; the other pairs are apart for
# typical vision, and where they meet, the picture says it in words too (∂ names, legends).
PAIRS = [("positive", "negative"), ("class0", "class1"), ("value", "gradient")]
TYPICAL_PAIRS = list(itertools.combinations(["value", "gradient", "positive", "negative", "class0", "class1",
                                             "highlight"], 2))


def _linear(c):
    c = np.asarray(c)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(linear_rgb):
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = m @ np.clip(linear_rgb, 0, 1) / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen(color: str, how: str) -> np.ndarray:
    return _lab(SIMULATIONS[how] @ _linear(rgb(color)))


@pytest.mark.parametrize("theme", PALETTES)
@pytest.mark.parametrize("role", TEXT_ROLES)
def test_every_text_role_reads_at_4_5_to_1(theme, role):
    p = palette(theme)
    assert contrast(getattr(p, role), p.background) >= MIN_CONTRAST


@pytest.mark.parametrize("theme", PALETTES)
@pytest.mark.parametrize("how", SIMULATIONS)
@pytest.mark.parametrize("a,b", PAIRS)
def test_roles_that_meet_stay_apart_for_colour_blind_viewers(theme, how, a, b):
    p = palette(theme)
    distance = float(np.linalg.norm(seen(getattr(p, a), how) - seen(getattr(p, b), how)))
    assert distance >= 20, f"{a} and {b} look alike under {how} on {theme} (ΔE {distance:.1f})"


@pytest.mark.parametrize("theme", PALETTES)
@pytest.mark.parametrize("a,b", TYPICAL_PAIRS)
def test_every_two_roles_differ_for_typical_vision(theme, a, b):
    p = palette(theme)
    assert float(np.linalg.norm(seen(getattr(p, a), "none") - seen(getattr(p, b), "none"))) >= 20


def test_roles_are_distinct_colours_in_each_theme():
    for p in PALETTES.values():
        named = [getattr(p, r) for r in ("value", "gradient", "positive", "negative", "class0", "class1",
                                         "highlight")]
        assert len(set(named)) == len(named)


def test_mix_goes_from_one_colour_to_the_other():
    assert mix("#000000", "#FFFFFF", 0) == "#000000"
    assert mix("#000000", "#FFFFFF", 1) == "#FFFFFF"
    assert mix("#000000", "#FFFFFF", 0.5) == "#808080"


def test_unknown_theme_names_the_known_ones():
    from nnviz.errors import NnvizError

    with pytest.raises(NnvizError, match="light, dark"):
        palette("sepia")


def test_sign_colour_follows_the_weight():
    p = palette("light")
    assert (p.sign(2.0), p.sign(-1.0), p.sign(0.0)) == (p.positive, p.negative, p.muted)


