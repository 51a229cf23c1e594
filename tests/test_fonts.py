"""Every PDF nnviz writes embeds TrueType fonts (never Type 3); every SVG keeps its words as text."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from nnviz.cli import cli

PDFFONTS = shutil.which("pdffonts")


def run(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output


def font_types(pdf: Path) -> list[str]:
    """The ``type`` column of ``pdffonts``: one entry per embedded font."""
    out = subprocess.run([PDFFONTS, str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    return [row[37:55].strip() for row in rows if row.strip()]


@pytest.fixture(scope="module")
def relu_net(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("net")
    path = folder / "net.json"
    run("train", "xor", "--hidden", "4,4", "--activation", "relu", "--steps", "30", "--samples", "40",
        "-o", str(path))
    return path


def figures(net: Path) -> dict[str, list[str]]:
    """Every command that writes a matplotlib figure, with the arguments that make it."""
    return {
        "polar": ["polar"],
        "regions": ["regions", "--preset", "pentagon"],
        "boundary": ["boundary", str(net)],
        "linear-regions": ["linear-regions", str(net)],
        "landscape": ["landscape", str(net), "--resolution", "9", "--view", "contour"],
    }


@pytest.mark.skipif(PDFFONTS is None, reason="pdffonts (poppler-utils) is installed by `make test`")
@pytest.mark.parametrize("command", ["polar", "regions", "boundary", "linear-regions", "landscape"])
def test_pdf_figures_embed_truetype_not_type3(command, relu_net, tmp_path):
    pdf = tmp_path / f"{command}.pdf"
    run(*figures(relu_net)[command], "-o", str(pdf))
    types = font_types(pdf)
    assert types, f"{pdf}: no fonts embedded"
    assert not [t for t in types if "Type 3" in t], types
    assert all("TrueType" in t for t in types), types


@pytest.mark.parametrize("command", ["polar", "regions"])
def test_svg_figures_keep_their_words_as_text(command, relu_net, tmp_path):
    svg = tmp_path / f"{command}.svg"
    run(*figures(relu_net)[command], "-o", str(svg))
    text = svg.read_text()
    assert "<text" in text and "<path" in text


def test_a_figure_saved_directly_embeds_truetype_whatever_the_global_rc(tmp_path):
    import matplotlib

    from nnviz.plots.figure import SlideFigure

    fig = SlideFigure()
    fig.add_subplot().set_title(r"$\sigma(z)$ and text")
    with matplotlib.rc_context({"pdf.fonttype": 3}):
        fig.savefig(tmp_path / "direct.pdf")
    if PDFFONTS:
        assert not [t for t in font_types(tmp_path / "direct.pdf") if "Type 3" in t]
    assert b"/FontType 3" not in (tmp_path / "direct.pdf").read_bytes()
