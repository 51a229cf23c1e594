"""The example notebook runs top to bottom and shows what it promises: a trace table, the video, a figure, a page."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "tour.ipynb"

pytestmark = pytest.mark.render


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    work = tmp_path_factory.mktemp("notebook")
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(work)}}).execute()
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def bundle(cell) -> dict:
    """Every mime type the cell displayed, merged."""
    found = {}
    for output in cell.outputs:
        assert output.output_type != "error", output
        found.update(output.get("data", {}))
    return found


def test_the_trace_shows_as_a_table_with_the_slides_numbers(executed):
    html = bundle(executed[0])["text/html"]
    assert "<table" in html and "0.64" in html and "0.57" in html


def test_the_scene_plays_inline_with_its_captions(executed):
    html = bundle(executed[1])["text/html"]
    assert html.startswith("<video controls") and 'type="video/mp4"' in html
    video = base64.b64decode(html.split("data:video/mp4;base64,")[1].split('"')[0])
    assert video[4:8] == b"ftyp" and len(video) > 10_000
    assert '<track kind="captions"' in html
    vtt = base64.b64decode(html.split("data:text/vtt;base64,")[1].split('"')[0]).decode()
    assert vtt.startswith("WEBVTT")


def test_the_slide_figure_shows_as_an_image(executed):
    from PIL import Image

    png = base64.b64decode(bundle(executed[2])["image/png"])
    assert Image.open(io.BytesIO(png)).size[0] > 300


def test_the_plotly_page_carries_its_fallbacks(executed):
    shown = bundle(executed[3])
    assert "application/vnd.plotly.v1+json" in shown  # JupyterLab
    assert "text/html" in shown and "plotly" in shown["text/html"].lower()  # nbviewer, classic notebook
    assert 'src="http' not in shown["text/html"]  # offline: no script from a CDN (plotly.js is in the notebook)
    assert "image/png" in shown  # GitHub: no JavaScript there
