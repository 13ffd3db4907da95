"""Great Expectations Data Docs offline: every CDN script, stylesheet and image becomes a local
copy (each vendored with its licence), and in headless Chromium with the network cut the index
lists the validations, styled by Bootstrap, and a validation page renders styled too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_report_chromium import open_browser

from newsfacts.report.chromium import Chromium, remote_requests
from newsfacts.report.data_docs import (
    LOCAL_COPIES,
    VENDOR,
    make_offline,
    offline_page,
    remote_loads,
)
from newsfacts.report.site import data_docs_index

# Invented page in the shape of GX's templates (CDN hosts written as GX writes them).
PAGE = """<html><head>
<link rel="stylesheet" href="https://cdn.example.net/npm/bootstrap@4.3.1/css/bootstrap.min.css"/>
<script src="https://cdn.example.net/ajax/libs/popper.js/1.12.9/umd/popper.min.js"
  integrity="sha384-abc" crossorigin="anonymous"></script>
<script src="https://cdn.example.net/npm/vega@5"></script>
<script src="https://tracker.example.org/unknown-widget.js"></script>
<style>.brand { background: url('https://assets.example.org/full_logo_dark.png') }</style>
</head><body><img src="https://assets.example.org/logo-long.png?d=1&dataContextId=2">
<a href="https://docs.example.org/guide">a link a reader may follow</a>
<link rel="shortcut icon" href="../../../static/images/favicon.ico"></body></html>"""


def test_remote_loads_become_relative_local_copies() -> None:
    page, dropped = offline_page(PAGE, Path("validations/documents/run"))
    assert dropped == ["https://tracker.example.org/unknown-widget.js"]  # no copy: removed
    assert remote_loads(page) == []
    up = "../../../static/"
    assert f'href="{up}vendor/bootstrap-4.3.1/bootstrap.min.css"' in page
    assert f'src="{up}vendor/popper.js-1.16.1/popper.min.js"' in page
    assert "integrity" not in page and "crossorigin" not in page  # file:// fails CORS checks
    assert f'src="{up}vendor/vega-5.33.1/vega.min.js"' in page
    assert f"url('{up}images/logo-long.png')" in page and f'src="{up}images/logo-long.png"' in page
    assert 'href="https://docs.example.org/guide"' in page  # links are not loads
    assert f'href="{up}images/favicon.ico"' in page  # GX writes one ../ too few on these pages


def test_every_local_copy_is_vendored_with_its_licence() -> None:
    for _, local in LOCAL_COPIES:
        assert (VENDOR / local).is_file(), local
    for folder in (p for p in VENDOR.iterdir() if p.is_dir()):
        assert any(f.name.upper().startswith("LICENSE") for f in folder.iterdir()), folder.name
    listed = (VENDOR / "README.md").read_text()
    assert all(p.name in listed for p in VENDOR.iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    yield from open_browser()


@pytest.fixture(scope="module")
def docs_site(samples_warehouse: Path) -> Path:
    """The samples warehouse's Data Docs site (made offline when the run built it)."""
    index = data_docs_index(samples_warehouse)
    assert index is not None
    assert make_offline(index.parent) == 0  # already offline: the run's build did it
    return index.parent


STYLED_JS = """(() => {
  const nav = document.querySelector('nav.navbar');
  const icon = document.querySelector('i.fas, i.fa');
  return {
    navbar: nav ? getComputedStyle(nav).display : null,
    jquery: typeof window.jQuery === 'function' && typeof jQuery.fn.bootstrapTable === 'function',
    icons: icon ? getComputedStyle(icon).fontFamily : null,
  };
})()"""


def test_index_lists_the_validations_styled_offline(browser: Chromium, docs_site: Path) -> None:
    browser.open(docs_site / "index.html")
    assert remote_requests(browser.requests) == [] and browser.failed == []
    rows = browser.wait_for(
        "[...document.querySelectorAll('tr.clickable-row[data-href]')].map(r => r.dataset.href)"
    )  # drawn by bootstrap-table, which needs jQuery: without them the list is empty
    assert len(rows) >= 5 and all((docs_site / href).is_file() for href in rows)
    assert browser.js("document.querySelectorAll('i.ge-success-icon').length") >= 5
    styled = browser.js(STYLED_JS)
    assert styled["navbar"] == "flex" and styled["jquery"]  # Bootstrap's CSS and JS are there
    assert styled["icons"] and "Font Awesome" in styled["icons"]


def test_a_validation_page_renders_styled_offline(browser: Chromium, docs_site: Path) -> None:
    page = next((docs_site / "validations").rglob("*.html"))
    browser.open(page)
    assert remote_requests(browser.requests) == [] and browser.failed == []
    assert browser.js(STYLED_JS)["navbar"] == "flex"
    assert browser.js("document.querySelectorAll('table').length") > 0
