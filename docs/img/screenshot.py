"""Regenerate docs/img/demo-view.png: the HTML view of the demo graph in headless Chromium.

    python docs/img/screenshot.py                 # runs kg demo in a temporary folder
    python docs/img/screenshot.py --html /tmp/demo/graph.html --out /tmp/view.png

Run it from a checkout with the dev install (selenium) and Debian's ``chromium``
and ``chromium-driver`` (``/usr/bin/chromium``, ``/usr/bin/chromedriver``).
The page is opened with every http(s) request blocked (the view needs none),
its first paint is awaited (the layout comes from Python, physics is off),
one actor's timeline is opened in the side panel so that the picture shows
dates, relations and evidence sentences beside the controls (time range,
mode, filters with counts, exports), and a PNG of the viewport is saved.
Refresh the picture whenever the view or the demo articles change.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
#: the actor whose timeline is opened in the side panel
ACTOR = "Daulet Seitkaliyev"


def _wait(driver, script: str, timeout: float = 20.0):
    end = time.monotonic() + timeout
    while True:
        value = driver.execute_script(script)
        if value or time.monotonic() > end:
            return value
        time.sleep(0.1)


def shoot(html: Path, out: Path, width: int, height: int) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="kg-shot-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                "--hide-scrollbars", f"--window-size={width},{height}", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["http://*", "https://*"]})
        # the viewport itself, not the window, is width x height
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        driver.get(html.resolve().as_uri())
        if not _wait(driver, "return !!(window.kgView && window.kgView.network);"):
            raise SystemExit("the page did not build the network")
        # the status line is emptied after the first paint, once the tooltips are built
        if not _wait(driver, "return !!window.kgPainted && "
                             "document.getElementById('kg-status').textContent === '';", 60):
            raise SystemExit("the page never painted")
        driver.execute_script("window.kgView.network.fit({animation: false});")
        opened = driver.execute_script("""
            var v = window.kgView, want = arguments[0];
            var n = v.data.nodes.find(function (n) { return n.label === want; });
            if (!n) return false;
            v.network.selectNodes([n.id]);
            v.network.body.emitter.emit('click', {nodes: [n.id], edges: [], event: {},
                                                  pointer: {DOM: {x: 0, y: 0}, canvas: {x: 0, y: 0}}});
            return true;
        """, ACTOR)
        if not opened:
            print(f"note: no actor {ACTOR}; no timeline open", file=sys.stderr)
        time.sleep(0.5)  # let the canvas redraw the selection
        out.parent.mkdir(parents=True, exist_ok=True)
        if not driver.save_screenshot(str(out)):
            raise SystemExit("the screenshot failed")
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, help="a page written by kg view or kg demo (default: run kg demo)")
    parser.add_argument("--out", type=Path, default=HERE / "demo-view.png", help="the PNG to write")
    parser.add_argument("--size", default="1400x820", help="viewport WIDTHxHEIGHT (default 1400x820)")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory(prefix="kg-demo-") as tmp:
        html = args.html
        if html is None:
            subprocess.run([sys.executable, "-m", "kg", "demo", "--out-dir", tmp], check=True,
                           stdout=subprocess.DEVNULL)
            html = Path(tmp) / "graph.html"
        shoot(html, args.out, width, height)
    print(f"{args.out} ({args.out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
