"""Screenshots of a report site for the README: a built site in, PNGs out (`make screenshot`).

Takes the index, the page of the company with the most events, and the article page reached by
clicking that company's first event, landed on its highlighted evidence sentence, in headless
Chromium with the network cut.

Run: python -m newsfacts.report.screenshot SITE_FOLDER OUTPUT_FOLDER
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsfacts.report.chromium import Chromium, remote_requests

# Viewport of the screenshots, in CSS pixels.
WIDTH, HEIGHT = 1280, 1000

BUSIEST_COMPANY_JS = """(() => {
  const rows = [...document.querySelectorAll('#companies tbody tr')];
  rows.sort((a, b) => +b.cells[4].textContent - +a.cells[4].textContent);
  return rows.length ? rows[0].querySelector('a').href : null;
})()"""
CLICK_FIRST_EVENT_JS = """(() => {
  const item = [...document.querySelectorAll('ol.timeline li')]
    .find(li => li.querySelector('.meta').textContent === 'event' && li.querySelector('a.evidence'));
  if (!item) return null;
  const a = item.querySelector('a.evidence');
  a.click();
  return a.href;
})()"""


def take(site: Path, out: Path) -> list[Path]:
    """Write report-index.png, report-company.png and report-article.png into `out`."""
    shots = []
    with Chromium(WIDTH, HEIGHT) as browser:
        browser.open(site / "index.html")
        shots.append(browser.screenshot(out / "report-index.png"))
        company = browser.js(BUSIEST_COMPANY_JS)
        if company is None:
            raise SystemExit("the site has no company page to show")
        browser.open(Path(unquote(urlsplit(company).path)))
        shots.append(browser.screenshot(out / "report-company.png"))
        if browser.js(CLICK_FIRST_EVENT_JS):
            browser.wait_for("location.pathname.includes('/documents/')")
            browser.wait_for(
                "document.readyState === 'complete' && !!document.querySelector(':target')"
            )
            browser.js("document.querySelector(':target').scrollIntoView({block: 'center'})")
            shots.append(browser.screenshot(out / "report-article.png"))
        if remote_requests(browser.requests):
            raise SystemExit(
                f"the site asked for remote files: {remote_requests(browser.requests)}"
            )
    return shots


def main(argv: list[str]) -> None:
    """Screenshot the site at argv[0] into the folder argv[1]."""
    if len(argv) != 2:
        raise SystemExit(__doc__)
    for shot in take(Path(argv[0]), Path(argv[1])):
        print(f"wrote {shot} ({shot.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(sys.argv[1:])
