"""Build samples/warc/crawl_sample.warc.gz: a warcinfo record, then request+response pairs.

The articles are invented by the newsfacts team. Record ids and dates are fixed so the
output bytes are the same on every run; rerun with `.venv/bin/python samples/warc/make_warc.py`.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT_PATH = Path(__file__).resolve().parent / "crawl_sample.warc.gz"

# Fixed crawl time: a real crawler would stamp the fetch time here.
WARC_DATE = "2022-08-12T10:15:00Z"
HTTP_DATE = "Fri, 12 Aug 2022 10:15:00 GMT"

SIEMENS_URL = "https://www.marketpulse.example/2022/08/11/siemens-third-quarter-revenue"
SIEMENS_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Siemens lifts outlook as third-quarter revenue rises 11 percent | Market Pulse</title>
<meta name="author" content="Hannah Vogt">
<meta property="og:site_name" content="Market Pulse">
<meta property="og:url"
content="https://www.marketpulse.example/2022/08/11/siemens-third-quarter-revenue">
<meta property="article:published_time" content="2022-08-11T06:30:00Z">
</head>
<body>
<div class="cookie-bar">We use cookies to personalise content. <button>Accept</button></div>
<nav><a href="/">Market Pulse</a> <a href="/markets/">Markets</a> <a
href="/companies/">Companies</a>
<a href="/deals/">Deals</a> <a href="/login/">Log in</a></nav>
<main>
<article>
<h1>Siemens lifts outlook as third-quarter revenue rises 11 percent</h1>
<p>Siemens AG reported third-quarter revenue of EUR 17.9 billion on Thursday, up 11 percent from
a year earlier, as factories and rail operators kept ordering equipment despite worries about a
slowing economy.</p>
<p>Orders rose 16 percent to EUR 21.4 billion, the Munich-based group said, led by its mobility
business, which won a large contract for regional trains in Germany. Net income was EUR 1.6
billion, compared with EUR 1.5 billion a year earlier.</p>
<p>"Demand from our customers remains strong, and our order backlog has never been larger,"
Chief Financial Officer Jonas Richter said on a call with reporters. Siemens now expects
comparable revenue growth of 9 to 11 percent for the fiscal year, up from a previous range of 6
to 8 percent.</p>
<p>The digital industries division, which makes automation equipment and factory software, grew
revenue by 14 percent. Richter said shortages of electronic components had eased but were still
delaying some deliveries. Siemens shares rose 3.2 percent in Frankfurt.</p>
</article>
<aside><h2>More from Companies</h2>
<ul><li><a href="/2022/08/10/bosch-ebike-listing-delayed">Bosch delays e-bike listing</a></li>
<li><a href="/2022/08/09/nokia-brazil-orders">Nokia wins second Brazilian 5G
order</a></li></ul></aside>
</main>
<footer><p>Market Pulse &copy; 2022</p><a href="/privacy/">Privacy</a> <a
href="/terms/">Terms</a></footer>
</body>
</html>
"""

SAMSUNG_URL = "https://gadgets.example.org/2022/08/10/samsung-solar-smartwatch-launch"
SAMSUNG_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Samsung launches a smartwatch that tops up from sunlight - Gadget Desk</title>
<meta name="author" content="Tomas Reyes">
<meta property="og:site_name" content="Gadget Desk">
<meta property="og:url"
content="https://gadgets.example.org/2022/08/10/samsung-solar-smartwatch-launch">
<meta property="article:published_time" content="2022-08-10T14:00:00Z">
</head>
<body>
<header><a href="/">Gadget Desk</a>
<ul class="menu"><li><a href="/phones/">Phones</a></li><li><a
href="/wearables/">Wearables</a></li>
<li><a href="/reviews/">Reviews</a></li><li><a href="/deals/">Deals</a></li></ul></header>
<div class="consent">This website stores cookies on your computer. <a
href="/cookies/">Settings</a></div>
<article>
<h1>Samsung launches a smartwatch that tops up from sunlight</h1>
<p>Samsung Electronics on Wednesday launched the Galaxy Watch Solis, a rugged smartwatch with a
solar charging layer under its display that the company says can add up to two days of battery
life a week for people who spend a lot of time outdoors.</p>
<p>The watch will go on sale in South Korea, the United States and Germany on August 26 at a
starting price of $379, Samsung said. It has a titanium case, dual-band GPS and a battery that
lasts about four days on a single charge without any help from the sun.</p>
<p>"Hikers and runners told us the one thing they wanted was to stop worrying about the
charger," said Min-jun Park, who leads Samsung's wearables product planning. The company expects
outdoor models to make up about a fifth of its smartwatch sales next year.</p>
<p>According to market researcher Quellwerk Analytics, global smartwatch shipments grew 13
percent in the second quarter, with Samsung in second place behind Apple.</p>
</article>
<aside class="sidebar"><h3>You might also like</h3>
<a href="/2022/08/01/apple-watch-battery-test">We tested five watches for battery life</a>
<a href="/2022/07/28/garmin-solar-lineup">Garmin widens its solar lineup</a></aside>
<footer>Gadget Desk &copy; 2022 <a href="/about/">About</a></footer>
</body>
</html>
"""

# Fixed UUID-shaped record ids (warcio would draw random ones).
ID_PREFIX = "00000000-0000-4000-8000-"
# (url, html, request record id, response record id)
PAGES = [
    (SIEMENS_URL, SIEMENS_HTML, f"{ID_PREFIX}000000000011", f"{ID_PREFIX}000000000012"),
    (SAMSUNG_URL, SAMSUNG_HTML, f"{ID_PREFIX}000000000021", f"{ID_PREFIX}000000000022"),
]
WARCINFO_ID = f"{ID_PREFIX}000000000001"


def warc_headers(record_id: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Return WARC headers with a fixed record id and date."""
    headers = {"WARC-Record-ID": f"<urn:uuid:{record_id}>", "WARC-Date": WARC_DATE}
    headers.update(extra or {})
    return headers


def write_warcinfo(writer: WARCWriter) -> None:
    """Write the warcinfo record describing this invented crawl."""
    body = (
        b"software: newsfacts samples/warc/make_warc.py (warcio)\r\n"
        b"format: WARC File Format 1.0\r\n"
        b"description: invented news pages written by the newsfacts team\r\n"
    )
    extra = {"WARC-Filename": OUT_PATH.name}
    record = writer.create_warc_record(
        "",
        "warcinfo",
        payload=BytesIO(body),
        length=len(body),
        warc_content_type="application/warc-fields",
        warc_headers_dict=warc_headers(WARCINFO_ID, extra),
    )
    writer.write_record(record)


def write_page(writer: WARCWriter, url: str, html: str, req_id: str, resp_id: str) -> None:
    """Write one GET request and its 200 text/html response."""
    path = "/" + url.split("/", 3)[3]
    host = url.split("/")[2]
    req_http = StatusAndHeaders(
        f"GET {path} HTTP/1.1",
        [("Host", host), ("User-Agent", "newsfacts-sample-crawler/1.0")],
        is_http_request=True,
    )
    payload = html.encode("utf-8")
    resp_http = StatusAndHeaders(
        "200 OK",
        [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(payload))),
            ("Date", HTTP_DATE),
        ],
        protocol="HTTP/1.1",
    )
    response = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(payload),
        length=len(payload),
        http_headers=resp_http,
        warc_headers_dict=warc_headers(resp_id),
    )
    request = writer.create_warc_record(
        url,
        "request",
        payload=BytesIO(b""),
        length=0,
        http_headers=req_http,
        warc_headers_dict=warc_headers(req_id, {"WARC-Concurrent-To": f"<urn:uuid:{resp_id}>"}),
    )
    writer.write_record(request)
    writer.write_record(response)


def main() -> None:
    """Write the sample WARC file next to this script."""
    with OUT_PATH.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        write_warcinfo(writer)
        for url, html, req_id, resp_id in PAGES:
            write_page(writer, url, html, req_id, resp_id)
    print(f"wrote {OUT_PATH} ({OUT_PATH.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
