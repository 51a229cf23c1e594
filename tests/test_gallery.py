"""The gallery: built once (tiny videos), then opened in headless Chromium: index, every page, every video."""

from __future__ import annotations

import fcntl
import os
import re
import textwrap
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from click.testing import CliRunner
from scene_frames import TINY_FPS, TINY_SIZE

from nnviz.cli import cli
from nnviz.errors import NnvizError
from nnviz.gallery import EXAMPLES, BuildOptions, build_gallery, script_items
from nnviz.render import list_scenes

pytestmark = [pytest.mark.render, pytest.mark.browser]

TINY = BuildOptions(quality="l", size=TINY_SIZE, fps=TINY_FPS)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole gallery, tiny. Built once: pytest-xdist workers share it (a lock, then the rebuild
    finds every item unchanged)."""
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "nnviz-gallery"
    root.mkdir(exist_ok=True)
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        report = build_gallery(root / "site", options=TINY, jobs=1, progress=False)
    assert report.failed == {}
    return root / "site"


def local_links(page) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll(
        'a[href], img[src], video[src], video[poster], link[href], script[src], iframe[src]')]
        .flatMap(e => ['href', 'src', 'poster'].filter(a => e.hasAttribute(a)).map(a => e[a]))""")


def assert_links_resolve(page, root: Path) -> None:
    for url in local_links(page):
        parsed = urlparse(url)
        assert parsed.scheme == "file", f"{url}: the site must work offline"
        target = Path(unquote(parsed.path))
        assert target.is_file(), f"broken link {url}"
        assert root in target.parents, f"{url} leaves the gallery folder"


def test_index_lists_every_scene_and_script_by_section(site):
    html = (site / "index.html").read_text()
    for cls in list_scenes():
        assert f'id="scene-{cls.name}"' in html
        assert f"videos/{cls.name}.mp4" in html and f'poster="videos/{cls.name}.png"' in html
    for item in script_items():
        assert f'id="script-{item.name}"' in html
    sections = re.findall(r"<h2>(.*?)</h2>", html)
    assert len(sections) == len(set(sections)) and "A single neuron" in sections
    assert sections.index("A single neuron") < sections.index("Feedforward neural networks")


def test_index_opens_with_no_errors_and_every_video_has_a_duration(site, open_page):
    opened = open_page(site / "index.html", wait_for="video")
    page = opened.page
    page.wait_for_function("[...document.querySelectorAll('video')].every(v => v.readyState >= 1)",
                           timeout=30000)
    durations = page.evaluate("[...document.querySelectorAll('video')].map(v => v.duration)")
    assert len(durations) == len(list_scenes())
    assert all(d > 0 for d in durations), durations
    assert_links_resolve(page, site)
    assert opened.errors == [] and opened.failed_requests == []
    page.screenshot(path=str(site.parent / "index.png"))


def test_every_page_draws_its_plot_from_the_shared_plotlyjs(site, open_page):
    for item in script_items():  # each script made a page or a figure
        assert (site / "pages" / f"{item.name}.html").is_file() != (site / "figures" / f"{item.name}.svg").is_file()
    pages = sorted((site / "pages").glob("*.html"))
    assert pages
    for path in pages:
        html = path.read_text()
        assert '<script src="../assets/plotly.min.js"' in html.replace("charset=\"utf-8\" ", "")
        assert len(html) < 4_000_000 and "plotly.js v" not in html[:20000]  # plotly.js not inlined
        opened = open_page(path, wait_for=".js-plotly-plot .main-svg")
        traces = opened.page.evaluate("document.querySelector('.js-plotly-plot').data.length")
        assert traces > 0, path.name
        assert_links_resolve(opened.page, site)
        assert opened.errors == [], (path.name, opened.errors)
        assert opened.failed_requests == [], (path.name, opened.failed_requests)


def test_every_figure_has_svg_pdf_and_png_downloads(site):
    html = (site / "index.html").read_text()
    svgs = sorted((site / "figures").glob("*.svg"))
    assert svgs
    for svg in svgs:
        for suffix in ("svg", "pdf", "png"):
            path = svg.with_suffix(f".{suffix}")
            assert path.stat().st_size > 1000
            assert f'href="figures/{path.name}" download' in html
        assert svg.read_text().lstrip().startswith("<?xml")
        assert svg.with_suffix(".pdf").read_bytes()[:5] == b"%PDF-"


def test_site_files_are_readable_by_a_web_server(site):
    modes = {path.stat().st_mode & 0o777 for path in site.rglob("*") if path.is_file()}
    assert all(mode & 0o044 == 0o044 for mode in modes), modes


# ---- rebuilds, parallel builds, failures (scripts only: fast) ----------------------------------
TWO_SCRIPTS = {
    "pentagon_regions.py": (EXAMPLES / "pentagon_regions.py").read_text(),
    "two_pentagons.py": (EXAMPLES / "two_pentagons.py").read_text(),
}


@pytest.fixture
def examples(tmp_path) -> Path:
    folder = tmp_path / "examples"
    folder.mkdir()
    for name, text in TWO_SCRIPTS.items():
        (folder / name).write_text(text)
    return folder


def test_a_rebuild_skips_unchanged_items_and_remakes_a_changed_one(examples, tmp_path):
    out = tmp_path / "site"
    first = build_gallery(out, options=TINY, examples=examples, scenes=[], progress=False)
    assert sorted(first.built) == ["script:pentagon_regions", "script:two_pentagons"]
    again = build_gallery(out, options=TINY, examples=examples, scenes=[], progress=False)
    assert again.built == [] and sorted(again.skipped) == sorted(first.built)
    before = (out / "pages" / "pentagon_regions.html").stat().st_mtime_ns
    (examples / "two_pentagons.py").write_text(TWO_SCRIPTS["two_pentagons.py"] + "\n# edited\n")
    second = build_gallery(out, options=TINY, examples=examples, scenes=[], progress=False)
    assert second.built == ["script:two_pentagons"] and second.skipped == ["script:pentagon_regions"]
    assert (out / "pages" / "pentagon_regions.html").stat().st_mtime_ns == before


def test_parallel_build_makes_the_same_site(examples, tmp_path):
    report = build_gallery(tmp_path / "site", options=TINY, examples=examples, scenes=[], jobs=2,
                           progress=False)
    assert sorted(report.built) == ["script:pentagon_regions", "script:two_pentagons"]
    assert (tmp_path / "site" / "pages" / "pentagon_regions.html").is_file()
    assert (tmp_path / "site" / "figures" / "two_pentagons.pdf").is_file()


def test_a_broken_script_fails_alone_with_one_line(examples, tmp_path):
    (examples / "broken.py").write_text(textwrap.dedent('''
        """Broken."""
        SECTION = "Tests"
        ORDER = 1
        CAPTION = "x"

        def make():
            raise ValueError("no figure today")
    '''))
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["gallery", "-o", str(out), "--examples", str(examples),
                                      "--scenes", "", "--size", "256x144", "--fps", "5"])
    assert result.exit_code == 2, result.output
    error = [line for line in result.output.splitlines() if line.startswith("nnviz: error:")]
    assert error == ["nnviz: error: 1 gallery item(s) failed (script:broken: ValueError: no figure today)"]
    assert (out / "pages" / "pentagon_regions.html").is_file()  # the others were built
    assert "script-broken" not in (out / "index.html").read_text()


def test_a_script_without_its_metadata_is_named(tmp_path):
    (tmp_path / "bare.py").write_text("def make():\n    pass\n")
    with pytest.raises(NnvizError, match=r"bare.py: a gallery script sets SECTION, ORDER, CAPTION"):
        script_items(tmp_path)


def test_the_gallery_scripts_are_short_and_commented():
    for path in EXAMPLES.glob("*.py"):
        lines = path.read_text().splitlines()
        assert len(lines) <= 40, path.name
        assert any(line.strip().startswith("#") for line in lines), f"{path.name} explains nothing"
        assert 'if __name__ == "__main__":' in lines, f"{path.name} cannot run on its own"

