"""Headless Chromium, offline: a page on disk in, its DOM, script results and screenshots out.

Drives Debian's `chromium` over the DevTools protocol (a few commands over one local websocket),
for the report's browser tests and `make screenshot`. Never downloads a browser. The network is
cut: every http(s) request goes to a proxy at 127.0.0.1:9, where nothing listens, and no host
name resolves, so a page that references a remote file fails to load it (`failed` lists it).
"""

from __future__ import annotations

import base64
import contextlib
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

# Seconds to wait for Chromium to start, for a page to load, and for one protocol answer.
START_TIMEOUT = 30.0
LOAD_TIMEOUT = 30.0
ANSWER_TIMEOUT = 30.0

OFFLINE_FLAGS = [
    "--proxy-server=127.0.0.1:9",  # a closed local port: every http(s) request fails there
    "--proxy-bypass-list=<-loopback>",  # ...loopback included (Chromium bypasses it by default)
    "--host-resolver-rules=MAP * ~NOTFOUND",  # and no name resolves, should anything go direct
]
QUIET_FLAGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--font-render-hinting=none",
]


def binary() -> str | None:
    """Path of the chromium executable, or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Chromium:
    """One headless browser with one tab; use as a context manager."""

    def __init__(self, width: int = 1280, height: int = 900, executable: str | None = None) -> None:
        self.executable = executable or binary()
        if not self.executable:
            raise FileNotFoundError("chromium is not installed (apt-get install chromium)")
        self.size = (width, height)
        self.requests: list[str] = []  # every URL the tab asked for
        self.failed: list[tuple[str, str]] = []  # (URL, error) of every request that failed
        self._next = 0
        self._urls: dict[str, str] = {}

    def __enter__(self) -> Chromium:
        # lazy: only screenshots and the browser tests drive Chromium
        from websockets.sync.client import connect

        self._profile = tempfile.mkdtemp(prefix="newsfacts-chromium-")
        width, height = self.size
        self._proc = subprocess.Popen(
            [
                self.executable,
                *QUIET_FLAGS,
                *OFFLINE_FLAGS,
                f"--window-size={width},{height}",
                "--remote-debugging-port=0",
                f"--user-data-dir={self._profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port, path = self._endpoint()
        self._ws = connect(f"ws://127.0.0.1:{port}{path}", max_size=None, proxy=None)
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Network"):
            self.send(f"{domain}.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(Exception):  # the browser may be gone already; killed below
            self._call("Browser.close")
        try:
            self._ws.close()
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        shutil.rmtree(self._profile, ignore_errors=True)

    def _endpoint(self) -> tuple[str, str]:
        """(port, path) Chromium writes into DevToolsActivePort once it listens."""
        marker = Path(self._profile) / "DevToolsActivePort"
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"chromium exited with code {self._proc.returncode}")
            lines = marker.read_text().split() if marker.exists() else []
            if len(lines) >= 2:
                return lines[0], lines[1]
            time.sleep(0.05)
        raise TimeoutError("chromium did not open its DevTools port")

    def _call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._ws.send(json.dumps(message))
        deadline = time.monotonic() + ANSWER_TIMEOUT
        while time.monotonic() < deadline:
            answer = json.loads(self._ws.recv(timeout=ANSWER_TIMEOUT))
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self._event(answer)
        raise TimeoutError(f"no answer to {method}")

    def _event(self, event: dict) -> None:
        """Record requests and failures; remember page loads."""
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            self._urls[params["requestId"]] = url
            self.requests.append(url)
        elif method == "Network.loadingFailed":
            url = self._urls.get(params["requestId"], "?")
            self.failed.append((url, params.get("errorText", "")))
        elif method == "Page.loadEventFired":
            self._loaded = True

    def send(self, method: str, params: dict | None = None) -> dict:
        """One DevTools command to the tab; its result."""
        return self._call(method, params, self._session)

    def _pump(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                self._event(json.loads(self._ws.recv(timeout=max(0.01, end - time.monotonic()))))
            except TimeoutError:
                return

    def open(self, target: Path | str, anchor: str | None = None, settle: float = 0.3) -> None:
        """Load a file (or URL), at `anchor` if given, wait for its load event, let scripts settle.

        `requests` and `failed` then hold what this page asked for.
        """
        url = target.absolute().as_uri() if isinstance(target, Path) else target
        url += f"#{anchor}" if anchor else ""
        self.requests.clear()
        self.failed.clear()
        self._loaded = False
        answer = self.send("Page.navigate", {"url": url})
        if "loaderId" not in answer:  # same document, another anchor: no load event comes
            self._loaded = True
        deadline = time.monotonic() + LOAD_TIMEOUT
        while not self._loaded and time.monotonic() < deadline:
            self._pump(0.1)
        if not self._loaded:
            raise TimeoutError(f"{url} did not finish loading")
        self._pump(settle)

    def js(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises are awaited)."""
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 10.0) -> Any:
        """Poll a JavaScript expression until it is truthy; its value."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                value = self.js(expression)
            except RuntimeError:  # the page is navigating: its old context is gone, ask again
                value = None
            if value:
                return value
            self._pump(0.05)
        raise TimeoutError(f"never true: {expression}")

    def screenshot(self, path: Path, full_page: bool = False) -> Path:
        """A PNG of the viewport (or of the whole page)."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            width, height = self.js(
                "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
            )
            params |= {
                "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
                "captureBeyondViewport": True,
            }
        data = self.send("Page.captureScreenshot", params)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path


def remote_requests(requests: list[str]) -> list[str]:
    """The requested URLs that are not local files or inline data."""
    return [u for u in requests if not u.startswith(("file:", "data:", "about:", "blob:"))]
