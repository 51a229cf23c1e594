"""Shared fixtures: a headless Chromium (Debian's) for page tests, and a scratch output folder."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass
class OpenedPage:
    """A page loaded in Chromium: the live page, and what its console and loading said."""

    page: object
    errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (no browser download)."""
    if CHROMIUM is None:
        pytest.fail("chromium is not installed: run `make test`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """Open a local file (or URL) and collect console errors, page errors and failed requests.

    >>> opened = open_page(tmp_path / "landscape.html")
    >>> assert opened.errors == []
    """
    contexts = []

    def _open(target, wait_for: str | None = None, viewport=(1280, 800)) -> OpenedPage:
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        contexts.append(context)
        page = context.new_page()
        opened = OpenedPage(page)
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("requestfailed", lambda r: opened.failed_requests.append(r.url))
        url = target if isinstance(target, str) and "://" in target else Path(target).resolve().as_uri()
        page.goto(url, wait_until="load")
        if wait_for:
            page.wait_for_selector(wait_for, timeout=15000)
        return opened

    yield _open
    for context in contexts:
        context.close()
