"""The HTML view (:mod:`kg.view`) in a real, headless Chromium driven by selenium.

Opens the page written by :func:`kg.view.write_html` for a hand-built graph
(fictional people) and checks what a user would see: no console errors, the
vis-network holds the expected nodes and edges, opening an edge shows its
evidence sentence, and an article whose name, sentence, title and URL carry
script payloads runs none of them and shows them as text.  A screenshot is
saved as ``tests/artifacts/view.png``.

Needs Debian's ``chromium`` and ``chromium-driver`` (``/usr/bin/chromium``,
``/usr/bin/chromedriver``) and ``selenium``.  Without them the test is skipped,
unless the environment variable ``CI`` is set: then it fails, since CI installs
them.  The browser gets no network: every http(s) request is blocked.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from kg.model import Actor, Thing
from kg.rdf import extractions_to_graph
from kg.view import view_data, write_html
from conftest import hand_extraction

pytestmark = pytest.mark.slow  # a headless browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

SCRIPT_NAME = "<script>window.__xss=1</script> O'Hara"
IMG_PAYLOAD = '<img src=x onerror="window.__xss=1">'
XSS_SENTENCE = f'{SCRIPT_NAME} met Eva Lund and said "{IMG_PAYLOAD}" & \'quoted\'.'
XSS_TITLE = f'Headline {IMG_PAYLOAD} <script>window.__xss=1</script>'
XSS_URL = "javascript:window.__xss=1"
MEET_SENTENCE = "Ana Ruiz met Bo Li in Lima."


def _browser_missing() -> str | None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium package")
    return ", ".join(missing) or None


_article = hand_extraction


def _graph():
    acts = {"ana ruiz": Actor("ana ruiz", "Ana Ruiz", "person", {"Ruiz"}, {"foreign minister"}, "peru"),
            "bo li": Actor("bo li", "Bo Li", "person"),
            "cem kaya": Actor("cem kaya", "Cem Kaya", "person"),
            "dia sow": Actor("dia sow", "Dia Sow", "person"),
            "peru": Actor("peru", "Peru", "country"),
            "chile": Actor("chile", "Chile", "country")}
    things = {"pact": Thing("pact", "Lima Pact", "document", "agreement"),
              "forum": Thing("forum", "Andes Forum", "event", "forum")}
    a1 = _article("a1", [("met_with", "ana ruiz", "bo li", MEET_SENTENCE,
                          {"date": "2025-01-02", "place": "Lima"}),
                         ("called", "ana ruiz", "cem kaya", "Ana Ruiz called Cem Kaya.", {"date": "2025-03-01"})],
                  acts)
    a2 = _article("a2", [("signed", "peru", "pact", "Peru and Chile signed the Lima Pact.", {"date": "2025-06-11"}),
                         ("signed", "chile", "pact", "Peru and Chile signed the Lima Pact.", {"date": "2025-06-11"}),
                         ("attended", "bo li", "forum", "Bo Li and Dia Sow attended the Andes Forum."),
                         ("attended", "dia sow", "forum", "Bo Li and Dia Sow attended the Andes Forum.")],
                  acts, things)
    bad = {"evil": Actor("evil", SCRIPT_NAME, "person"), "eva lund": Actor("eva lund", "Eva Lund", "person")}
    a3 = _article("x1", [("met_with", "evil", "eva lund", XSS_SENTENCE, {"date": "2025-02-02"})],
                  bad, title=XSS_TITLE, url=XSS_URL)
    return extractions_to_graph([a1, a2, a3])


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    graph = _graph()
    data = view_data(graph)
    path = write_html(tmp_path_factory.mktemp("view") / "view.html", graph, note=None)
    return path, data


@pytest.fixture(scope="module")
def driver():
    missing = _browser_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but the browser test cannot run: missing {missing}")
        pytest.skip(f"headless browser test needs {missing} (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                "--window-size=1280,900", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = None
    try:
        drv = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        drv.set_page_load_timeout(15)
        drv.set_script_timeout(10)
        drv.execute_cdp_cmd("Network.enable", {})
        drv.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["http://*", "https://*", "ws://*", "wss://*"]})
        yield drv
    finally:
        if drv is not None:
            drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _wait(drv, script, timeout=10.0):
    end = time.monotonic() + timeout
    while True:
        value = drv.execute_script(script)
        if value or time.monotonic() > end:
            return value
        time.sleep(0.05)


def _edge_id(data, sentence):
    return next(e["id"] for e in data["edges"] if any(f["sentence"] == sentence for f in e["facts"]))


def _node_id(data, label):
    return next(n["id"] for n in data["nodes"] if n["label"] == label)


def _click_edge(drv, edge_id):
    """Click the middle of an edge on the canvas (nodes pinned, no node under the point)."""
    return drv.execute_script("""
        var v = window.kgView, net = v.network, e = v.edges.get(arguments[0]);
        var pos = net.getPositions([e.from, e.to]);
        var a = pos[e.from], b = pos[e.to];
        var mid = net.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
        var canvas = document.querySelector('#kg-network canvas'), r = canvas.getBoundingClientRect();
        return [mid.x, mid.y, r.left, r.top];
    """, edge_id)


def _open_edge(drv, edge_id):
    """Select an edge and fire the network's click handler with it, as a click on it would."""
    drv.execute_script("""
        var net = window.kgView.network;
        net.selectEdges([arguments[0]]);
        net.body.emitter.emit('click', {nodes: [], edges: [arguments[0]], pointer: {DOM: {x: 0, y: 0},
                                         canvas: {x: 0, y: 0}}, event: {}});
    """, edge_id)


def _panel(drv) -> str:
    return drv.execute_script("var p = document.getElementById('kg-details');"
                              "return p.style.display === 'block' ? p.textContent : '';")


def test_view_in_headless_chromium(driver, page):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    path, data = page
    started = time.monotonic()
    driver.get(path.as_uri())
    assert _wait(driver, "return !!(window.kgView && window.kgView.network);"), "the page did not build the network"
    # layout done: the status line is cleared once physics stabilised
    assert _wait(driver, "return document.getElementById('kg-status').textContent === '';"), "layout never settled"

    # (2) the vis network holds every actor and every actor pair/relation
    assert len(data["nodes"]) == 8 and len(data["edges"]) == 5
    counts = driver.execute_script("""
        var v = window.kgView;
        return {nodes: v.nodes.length, edges: v.edges.length,
                drawnNodes: Object.keys(v.network.getPositions()).length,
                relations: v.edges.get().map(function (e) { return e.relation; }).sort()};
    """)
    assert counts == {"nodes": 8, "edges": 5, "drawnNodes": 8,
                      "relations": ["attended", "called", "met_with", "met_with", "signed"]}

    # (4a) no payload ran while loading
    assert driver.execute_script("return typeof window.__xss;") == "undefined"

    # (3) a real mouse click at an edge's midpoint opens its evidence in the side panel
    meet = _edge_id(data, MEET_SENTENCE)
    x, y, _, _ = _click_edge(driver, meet)
    canvas = driver.find_element(By.CSS_SELECTOR, "#kg-network canvas")
    rect = canvas.rect
    ActionChains(driver).move_to_element_with_offset(
        canvas, int(round(x - rect["width"] / 2)), int(round(y - rect["height"] / 2))).click().perform()
    if MEET_SENTENCE not in _panel(driver):  # the click missed (label overlap): use the network API
        _open_edge(driver, meet)
    text = _panel(driver)
    assert MEET_SENTENCE in text and "2025-01-02" in text and "Lima" in text
    assert "Ana Ruiz" in text and "Bo Li" in text
    quote = driver.find_element(By.CSS_SELECTOR, "#kg-details blockquote.kg-quote")
    assert quote.text == MEET_SENTENCE
    link = driver.find_element(By.CSS_SELECTOR, "#kg-details a")
    assert link.get_attribute("href") == "https://news.example/a1"
    # the hover tooltip of the edge carries the same sentence (built as DOM)
    tip = driver.execute_script("return window.kgView.edges.get(arguments[0]).title.textContent;", meet)
    assert MEET_SENTENCE in tip

    # (4b) the XSS edge: payloads show as text, no element or link is made from them
    bad = _edge_id(data, XSS_SENTENCE)
    _open_edge(driver, bad)
    text = _panel(driver)
    assert XSS_SENTENCE in text
    assert SCRIPT_NAME in text and XSS_TITLE in text and XSS_URL in text
    assert driver.find_element(By.CSS_SELECTOR, "#kg-details blockquote.kg-quote").text == XSS_SENTENCE
    assert driver.find_elements(By.CSS_SELECTOR, "#kg-details a, #kg-details script, #kg-details img") == []
    assert driver.execute_script("return document.querySelectorAll('body img, body a[href^=\"javascript\"]').length;") == 0
    # and the node's details
    evil = _node_id(data, SCRIPT_NAME)
    driver.execute_script("""
        var net = window.kgView.network;
        net.selectNodes([arguments[0]]);
        net.body.emitter.emit('click', {nodes: [arguments[0]], edges: [], pointer: {DOM: {x: 0, y: 0},
                                         canvas: {x: 0, y: 0}}, event: {}});
    """, evil)
    assert driver.find_element(By.CSS_SELECTOR, "#kg-details .kg-head").text == SCRIPT_NAME
    # the search box matches the payload name as plain text
    search = driver.find_element(By.ID, "kg-search")
    search.send_keys("<script>")
    assert driver.find_element(By.ID, "kg-found").text == "1 found"
    time.sleep(0.3)  # let an onerror handler (if any had been created) fire
    assert driver.execute_script("return typeof window.__xss;") == "undefined"

    # (5) screenshot artifact, with the XSS edge's details open
    _open_edge(driver, bad)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "view.png"
    assert driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 1000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # (1) no console errors (a blocked network request would be one too)
    severe = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    assert severe == [], severe
    assert time.monotonic() - started < 20
