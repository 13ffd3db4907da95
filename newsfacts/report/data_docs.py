"""Data Docs offline: a built Great Expectations Data Docs site in, the same site loading nothing
from the network out.

GX's page templates load Bootstrap, jQuery, bootstrap-table, Font Awesome and Vega from public
CDNs, and its logo from a web bucket; offline the index then lists no validations (the list is
drawn by bootstrap-table) and every page is unstyled. After each build the vendored copies in
`vendor/` (see vendor/README.md for sources and licences) are copied into the site's
`static/vendor/`, and every page's remote script, stylesheet and image is pointed at them by a
relative path. A remote load with no local copy is removed, so a page never waits on the network.
Links a reader clicks (`<a href="https://...">`) stay as they are.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

VENDOR = Path(__file__).with_name("vendor")
# Where the vendored files go inside the Data Docs site (GX keeps its own files in static/).
SITE_VENDOR = Path("static") / "vendor"
# GX ships its logo in the site's static/images; the pages load a copy from a web bucket instead.
SITE_LOGO = Path("static") / "images" / "logo-long.png"

# Last part of a remote URL's path -> the local copy (under vendor/) that replaces it. Matched on
# the file name, not the host, so a GX release that moves to another CDN still finds its copy.
LOCAL_COPIES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), local)
    for p, local in (
        (r"jquery(-[\d.]+)?(\.min)?\.js", "jquery-3.7.1/jquery.min.js"),
        (r"popper(\.min)?\.js", "popper.js-1.16.1/popper.min.js"),
        (r"bootstrap(\.min)?\.css", "bootstrap-4.3.1/bootstrap.min.css"),
        (r"bootstrap(\.min)?\.js", "bootstrap-4.3.1/bootstrap.min.js"),
        (r"bootstrap-table(\.min)?\.css", "bootstrap-table-1.19.1/bootstrap-table.min.css"),
        (r"bootstrap-table(\.min)?\.js", "bootstrap-table-1.19.1/bootstrap-table.min.js"),
        (
            r"bootstrap-table-filter-control(\.min)?\.css",
            "bootstrap-table-1.19.1/bootstrap-table-filter-control.min.css",
        ),
        (
            r"bootstrap-table-filter-control(\.min)?\.js",
            "bootstrap-table-1.19.1/bootstrap-table-filter-control.min.js",
        ),
        (
            r"bootstrap-datepicker(\.min)?\.css",
            "bootstrap-datepicker-1.9.0/bootstrap-datepicker.min.css",
        ),
        (
            r"bootstrap-datepicker(\.min)?\.js",
            "bootstrap-datepicker-1.9.0/bootstrap-datepicker.min.js",
        ),
        (
            r"bootstrap-prefers-dark(\.min)?\.css",
            "bootstrap-dark-1.1.0/bootstrap-prefers-dark.min.css",
        ),
        (r"all(\.min)?\.css", "fontawesome-free-6.6.0/css/all.min.css"),
        (r"vega(@5)?(\.min)?(\.js)?", "vega-5.33.1/vega.min.js"),
        (r"vega-lite(@5)?(\.min)?(\.js)?", "vega-lite-5.23.0/vega-lite.min.js"),
        (r"vega-embed(@6)?(\.min)?(\.js)?", "vega-embed-6.29.0/vega-embed.min.js"),
    )
]
# GX's logo files, loaded from its web bucket by the navbar (img) and the dark-mode style (CSS).
LOGO_NAMES = re.compile(r"(full_)?logo(-long|_dark)*\.png")

# Tags that load something: <script src>, <link href> (stylesheets, icons), <img src>.
LOADING_TAG = re.compile(
    r"<(script|link|img)\b[^>]*?\b(src|href)\s*=\s*(['\"])(https?:)?//[^'\"]*\3[^>]*>(\s*</script>)?",
    re.I,
)
URL_ATTR = re.compile(r"\b(src|href)\s*=\s*(['\"])((?:https?:)?//[^'\"]*)\2", re.I)
# SRI and CORS attributes: a local file:// page cannot pass a CORS check, and the hashes name
# GX's CDN builds, not necessarily the local copy.
CORS_ATTRS = re.compile(r"\s(integrity|crossorigin)(\s*=\s*(['\"])[^'\"]*\3)?", re.I)
# A reference to the site's static/ folder ("../../../static/images/favicon.ico"): GX counts the
# ../ of validation pages one short for the favicon, so these are recomputed from the page depth.
STATIC_REF = re.compile(r"""\b(src|href)=(['"])(?:\.\.?/)*(static/[^'"]+)\2""")
CSS_URL = re.compile(r"url\(\s*(['\"]?)((?:https?:)?//[^'\")]+)\1\s*\)", re.I)


def local_copy(url: str) -> str | None:
    """The vendor/ path that stands in for a remote script or stylesheet URL, if there is one."""
    parts = urlsplit(url)
    name = parts.path.rstrip("/").rsplit("/", 1)[-1]
    for pattern, local in LOCAL_COPIES:
        if pattern.fullmatch(name):
            if local.startswith("fontawesome") and "awesome" not in parts.path:
                continue  # all.min.css is a common name: only Font Awesome's is replaced
            return local
    return None


def _site_target(url: str) -> Path | None:
    """Path inside the site that replaces a remote URL (a vendored file or GX's own logo)."""
    local = local_copy(url)
    if local:
        return SITE_VENDOR / local
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    if LOGO_NAMES.fullmatch(name):
        return SITE_LOGO
    return None


def offline_page(page: str, depth: Path) -> tuple[str, list[str]]:
    """A Data Docs page with every remote load made local; also the remote loads it dropped.

    depth: the page's folder relative to the site root (Path(".") for index.html).
    """
    dropped: list[str] = []

    def relative(target: Path) -> str:
        return Path(os.path.relpath(target, depth)).as_posix()

    def tag(match: re.Match[str]) -> str:
        text = match.group(0)
        url = URL_ATTR.search(text).group(3)
        target = _site_target(url)
        if target is None:
            dropped.append(url)
            return ""
        text = CORS_ATTRS.sub("", text)
        return URL_ATTR.sub(
            lambda m: f"{m.group(1)}={m.group(2)}{relative(target)}{m.group(2)}", text
        )

    def css(match: re.Match[str]) -> str:
        target = _site_target(match.group(2))
        if target is None:
            dropped.append(match.group(2))
            return "none"
        return f"url('{relative(target)}')"

    page = LOADING_TAG.sub(tag, page)
    page = STATIC_REF.sub(
        lambda m: f"{m.group(1)}={m.group(2)}{relative(Path(m.group(3)))}{m.group(2)}", page
    )
    return CSS_URL.sub(css, page), dropped


def remote_loads(page: str) -> list[str]:
    """Remote URLs a page would still load (scripts, stylesheets, images, CSS url())."""
    urls = [URL_ATTR.search(m.group(0)).group(3) for m in LOADING_TAG.finditer(page)]
    return urls + [m.group(2) for m in CSS_URL.finditer(page)]


def copy_vendor(site: Path) -> None:
    """Copy the vendored files (with their licences) into the site's static/vendor/, unless the
    same copy is there already (its README, which lists every file's hash, is unchanged)."""
    target = site / SITE_VENDOR
    readme = (VENDOR / "README.md").read_bytes()
    if (target / "README.md").exists() and (target / "README.md").read_bytes() == readme:
        return
    shutil.copytree(VENDOR, target, dirs_exist_ok=True)


# File in the site's static/vendor/ whose modification time says when pages were last made
# offline: GX keeps every validation page ever built, and only newer pages need a look.
STAMP = ".offline"


def make_offline(site: Path, every_page: bool = False) -> int:
    """Make the pages of a Data Docs site (index.html's folder) load only local files.

    Looks at pages written since the last call (or every page); returns how many it rewrote.
    The rewrite is idempotent, and a page already offline is not written again.
    """
    copy_vendor(site)
    stamp = site / SITE_VENDOR / STAMP
    since = 0.0 if every_page or not stamp.exists() else stamp.stat().st_mtime - 1
    stamp.touch()  # before reading: a page GX writes meanwhile is newer and looked at next time
    changed = 0
    for path in sorted(site.rglob("*.html")):
        if path.stat().st_mtime < since:
            continue
        page = path.read_text(encoding="utf-8")
        new, dropped = offline_page(page, path.parent.relative_to(site))
        if new == page:
            continue
        for url in dropped:
            log.warning("Data Docs: %s loads %s, which has no local copy: removed", path, url)
        path.write_text(new, encoding="utf-8")
        changed += 1
    return changed
