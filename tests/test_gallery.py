"""The gallery: built once (two tiny scenes, every script, the deck), then opened in headless Chromium:
the index, every page, every video with its captions, the thumbnails, the back links, the deck."""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import urlopen

import numpy as np
import pytest
from PIL import Image
from scene_frames import TINY_FPS, TINY_SIZE
from site_scenes import STEP_WORDS, add_site_scenes

from nnviz.gallery import SECTIONS, BuildOptions, build_gallery, gallery_items, script_items
from nnviz.gallery.deck import read_part

pytestmark = [pytest.mark.render, pytest.mark.browser]

SCENES = ["site-test-steps", "single-neuron"]
TINY = BuildOptions(quality="l", size=TINY_SIZE, fps=TINY_FPS, handout=480)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """Two scenes (one with steps and words), every gallery script, and the deck, tiny. Built once:
    pytest-xdist workers share it (a lock, then the rebuild finds every item unchanged)."""
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "nnviz-gallery"
    root.mkdir(exist_ok=True)
    with open(root / ".lock", "w") as lock, pytest.MonkeyPatch.context() as mp:
        fcntl.flock(lock, fcntl.LOCK_EX)
        add_site_scenes(mp.setattr, root)
        report = build_gallery(root / "site", options=TINY, scenes=SCENES, jobs=1, progress=False)
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


def offline_page(browser, url: str, viewport=(1280, 800)):
    """A page in a context where every request that is not a local file is blocked and noted."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    page.outside, page.errors = [], []

    def only_local(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            page.outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("requestfailed", lambda r: page.errors.append(f"failed: {r.url}"))
    page.goto(url, wait_until="load")
    return context, page


def vtt_texts(text: str) -> list[str]:
    return [block.split("\n", 2)[2] for block in text.strip().split("\n\n")[1:]]


def test_every_item_sits_under_its_lecture_section_in_lecture_order(site):
    html = (site / "index.html").read_text()
    sections = re.findall(r'<section id="([^"]+)">\s*<h2>(.*?)</h2>', html)
    names = [name.replace("&amp;", "&") for _, name in sections]
    assert [n for n in SECTIONS if n in names] == names  # only the lecture's sections, in its order
    for item in script_items():
        at = html.index(f'id="script-{item.name}"')
        section = [name for (anchor, name) in sections if html.index(f'<section id="{anchor}">') < at][-1]
        assert section == item.section, item.name
    for scene in SCENES:
        assert f'id="scene-{scene}"' in html


def test_every_item_of_the_lecture_is_filed_under_one_of_its_sections():
    misfiled = {item.key: item.section for item in gallery_items() if item.section not in SECTIONS}
    assert misfiled == {}


def test_videos_carry_their_captions_and_offer_both_caption_files(site):
    html = (site / "index.html").read_text()
    for scene in SCENES:
        card = re.search(rf'<figure class="card video" id="scene-{scene}">(.*?)</figure>', html, re.S).group(1)
        track = re.search(r'<track kind="captions" srclang="en" label="English" default src="([^"]+)">', card)
        assert track and track.group(1).startswith("data:text/vtt;base64,")
        for suffix in ("mp4", "vtt", "srt", "png"):
            assert f'href="videos/{scene}.{suffix}" download' in card
            assert (site / "videos" / f"{scene}.{suffix}").is_file()
        assert (site / "videos" / f"{scene}.vtt").read_text().startswith("WEBVTT")
    assert vtt_texts((site / "videos" / "site-test-steps.vtt").read_text()) == STEP_WORDS
    assert (site / "videos" / "site-test-steps.srt").read_text().count(" --> ") == len(STEP_WORDS)


def test_index_opens_offline_with_videos_captions_thumbnails_and_the_deck(site, browser):
    context, page = offline_page(browser, (site / "index.html").as_uri())
    page.wait_for_function("[...document.querySelectorAll('video')].every(v => v.readyState >= 1)", timeout=30000)
    assert page.evaluate("[...document.querySelectorAll('video')].map(v => v.duration > 0)") == [True] * len(SCENES)
    page.wait_for_function("[...document.querySelectorAll('video track')].every(t => t.readyState === 2)",
                           timeout=15000)  # LOADED
    cues = page.evaluate("""[...document.querySelectorAll('video')].map(v => [v.closest('figure').id,
        v.textTracks[0].kind, v.textTracks[0].mode, [...v.textTracks[0].cues].map(c => c.text)])""")
    for figure_id, kind, mode, texts in cues:
        scene = figure_id.removeprefix("scene-")
        assert (kind, mode) == ("captions", "showing")
        assert texts == vtt_texts((site / "videos" / f"{scene}.vtt").read_text())
    assert dict((c[0], c[3]) for c in cues)["scene-site-test-steps"] == STEP_WORDS
    page.wait_for_function("[...document.images].every(i => i.complete)", timeout=15000)
    thumbs = page.evaluate("[...document.querySelectorAll('.card.page img')].map(i => [i.src, i.naturalWidth])")
    assert len(thumbs) == len(list((site / "pages").glob("*.html"))) and thumbs
    assert all(src.split("/")[-2] == "thumbs" and width == 640 for src, width in thumbs), thumbs
    deck = page.evaluate("document.querySelector('#deck-link').href")
    assert deck.endswith("/deck/index.html") and Path(unquote(urlparse(deck).path)).is_file()
    assert_links_resolve(page, site)
    page.screenshot(path=str(site.parent / "index.png"), full_page=True)
    assert page.errors == [] and page.outside == []
    context.close()


def test_served_over_http_the_tracks_and_caption_files_load(site, browser):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        for scene in SCENES:
            with urlopen(f"{base}/videos/{scene}.vtt") as response:
                assert response.status == 200 and response.read() == (site / "videos" / f"{scene}.vtt").read_bytes()
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{base}/index.html", wait_until="load")
        page.wait_for_function("[...document.querySelectorAll('video track')].every(t => t.readyState === 2)",
                               timeout=15000)  # LOADED
        assert page.evaluate("document.querySelector('#scene-site-test-steps video').textTracks[0].cues.length") \
            == len(STEP_WORDS)
        context.close()
    finally:
        server.shutdown()


def test_every_page_draws_offline_and_links_back_to_the_index(site, browser):
    for item in script_items():  # each script made a page or a figure
        assert (site / "pages" / f"{item.name}.html").is_file() != (site / "figures" / f"{item.name}.svg").is_file()
    pages = sorted((site / "pages").glob("*.html"))
    assert pages
    plotly_pages = 0
    for path in pages:
        html = path.read_text()
        assert len(html) < 4_000_000 and "plotly.js v" not in html[:20000]  # plotly.js not inlined
        context, page = offline_page(browser, path.as_uri())
        if "plotly" in html:  # a plotly figure's page shares the site's one plotly.js
            plotly_pages += 1
            assert '<script src="../assets/plotly.min.js"' in html.replace("charset=\"utf-8\" ", "")
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=15000)
            assert page.evaluate("document.querySelector('.js-plotly-plot').data.length") > 0, path.name
        else:  # a page of its own (the explorer's): it draws its numbers with its own inlined script
            page.wait_for_selector("[data-q]", timeout=15000)
            assert page.evaluate("[...document.querySelectorAll('[data-q]')].filter(e => e.checkVisibility())"
                                 ".length") > 10, path.name
        assert_links_resolve(page, site)
        bar = page.locator("nav.nnviz-back-bar").bounding_box()  # above the page, covering none of it
        assert bar["y"] <= 10 and page.evaluate("document.body.firstElementChild.className") == "nnviz-back-bar"
        back = page.locator("a.nnviz-back")
        assert back.inner_text() == "← lecture gallery" and back.get_attribute("href") == "../index.html"
        back.click()
        page.wait_for_url("**/index.html")
        assert page.locator("h1").inner_text() == "What is deep learning?"
        assert page.errors == [] and page.outside == [], (path.name, page.errors, page.outside)
        context.close()
    assert 0 < plotly_pages < len(pages)  # both kinds are in the gallery


def test_thumbnails_are_screenshots_of_their_pages(site):
    thumbs = sorted((site / "thumbs").glob("*.png"))
    assert [p.stem for p in thumbs] == sorted(p.stem for p in (site / "pages").glob("*.html"))
    pictures = []
    for path in thumbs:
        picture = np.asarray(Image.open(path).convert("RGB"))
        assert picture.shape == (360, 640, 3), path.name
        colours = len(np.unique(picture.reshape(-1, 3), axis=0))
        assert colours > 200, f"{path.name}: {colours} colours, a blank or placeholder picture"
        pictures.append(picture.astype(int))
    for a in range(len(pictures)):
        for b in range(a + 1, len(pictures)):
            assert np.abs(pictures[a] - pictures[b]).mean() > 2, (thumbs[a].name, thumbs[b].name)


def test_the_deck_is_part_of_the_gallery_and_stops_at_every_step(site, browser):
    deck = site / "deck"
    parts = [read_part(deck / "slides" / scene) for scene in SCENES]
    assert [slide["notes"] for slide in parts[0].slides] == STEP_WORDS
    pdf = (deck / "handout.pdf").read_bytes()
    total = sum(len(part.slides) for part in parts)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == total
    assert re.findall(rb"/Width (\d+) /Height (\d+)", pdf) == [(b"854", b"480")] * total  # --handout 480p
    context, page = offline_page(browser, (deck / "index.html").as_uri())
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=15000)
    assert page.evaluate("Reveal.getTotalSlides()") == total
    back = page.locator("a.nnviz-back")
    assert back.get_attribute("href") == "../index.html"
    back.click()
    page.wait_for_url("**/index.html")
    assert page.errors == [] and page.outside == []
    context.close()


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
    assert not [path for path in site.rglob(".building-*")]  # no scratch left behind
