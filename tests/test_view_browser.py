"""The HTML view (:mod:`kg.view`) in a real, headless Chromium driven by selenium.

Opens the page written by :func:`kg.view.write_html` for a hand-built graph
(fictional people) and checks what a user would see: no console errors, the
vis-network holds the expected nodes and edges, opening an edge shows its
evidence sentence, and an article whose name, sentence, title and URL carry
script payloads runs none of them and shows them as text.  A screenshot is
saved as ``tests/artifacts/view.png`` (git-ignored).  The tests after it
drive each control of the page: the relation, country and kind filters, the
time range and its play button, the undated box, the isolated and plan-only
boxes, the mode switch, the search box, an actor's timeline panel and the
PNG and CSV exports.

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
    # the export buttons download: into the throw-away profile, never the user's folders
    options.add_experimental_option("prefs", {"download.default_directory": profile,
                                              "download.prompt_for_download": False})
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


# ------------------------------------------------------------------ each control (issue 19)

FORMULA = "=HYPERLINK(\"http://evil.example\",\"x\")"


def _rich_graph():
    """The graph above, plus an actor named like a spreadsheet formula, two actors seen only in
    a plan (Fay Tan, Gus Roe) and one with no fact at all (Hal Ash)."""
    acts = {"formula": Actor("formula", FORMULA, "person"), "ana ruiz": Actor("ana ruiz", "Ana Ruiz", "person"),
            "fay tan": Actor("fay tan", "Fay Tan", "person"), "gus roe": Actor("gus roe", "Gus Roe", "person"),
            "hal ash": Actor("hal ash", "Hal Ash", "person")}
    a4 = _article("a4", [("called", "formula", "ana ruiz", "+Formula called Ana Ruiz.", {"date": "2025-04-04"}),
                         ("met_with", "fay tan", "gus roe", "Fay Tan will meet Gus Roe.", {"status": "planned"})],
                  acts)
    graph = _graph()
    for t in extractions_to_graph([a4]):
        graph.add(t)
    return graph


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    graph = _rich_graph()
    path = write_html(tmp_path_factory.mktemp("rich") / "view.html", graph, note=None)
    return path, view_data(graph)


def _open(drv, path):
    drv.get(path.as_uri())
    assert _wait(drv, "return !!window.kgPainted && document.getElementById('kg-status').textContent === '';"), \
        "the page never painted"


def _visible_labels(drv) -> list[str]:
    return sorted(drv.execute_script("""
        var v = window.kgView;
        return v.visible().nodes.map(function (id) { var n = v.nodes.get(isNaN(id) ? id : Number(id)); return n.name; });
    """))


def _visible_relations(drv) -> list[str]:
    return sorted(drv.execute_script("""
        var v = window.kgView;
        return v.visible().edges.map(function (id) { return v.edges.get(isNaN(id) ? id : Number(id)).relation; });
    """))


def _set_dates(drv, start, end):
    drv.execute_script("""
        var f = document.getElementById('kg-from'), t = document.getElementById('kg-to');
        f.value = arguments[0]; t.value = arguments[1];
        f.dispatchEvent(new Event('change')); t.dispatchEvent(new Event('change'));
    """, start, end)


def test_first_paint_is_the_computed_layout(driver, rich):
    path, data = rich
    _open(driver, path)
    ana = _node_id(data, "Ana Ruiz")
    node = next(n for n in data["nodes"] if n["id"] == ana)
    pos = driver.execute_script("return window.kgView.network.getPositions([arguments[0]])[arguments[0]];", ana)
    assert abs(pos["x"] - node["x"]) <= 0.5 and abs(pos["y"] - node["y"]) <= 0.5  # drawn where Python put it
    time.sleep(0.5)
    again = driver.execute_script("return window.kgView.network.getPositions([arguments[0]])[arguments[0]];", ana)
    assert again == pos  # and nothing moves after the first paint
    assert driver.execute_script("return window.kgView.network.physics.physicsEnabled;") is False


def test_filters_with_counts(driver, rich):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    path, data = rich
    _open(driver, path)
    box = driver.find_element(By.CSS_SELECTOR, '#kg-relations input[data-relation="met_with"]')
    assert box.find_element(By.XPATH, "..").text == "met_with (2 events)"
    assert "met_with" in _visible_relations(driver)
    box.click()
    assert "met_with" not in _visible_relations(driver) and "called" in _visible_relations(driver)
    assert "Eva Lund" not in _visible_labels(driver)  # her only fact was a meeting
    box.click()
    kinds = driver.find_element(By.CSS_SELECTOR, '#kg-kinds input[data-kind="country"]')
    assert kinds.find_element(By.XPATH, "..").text == "country (2)"
    kinds.click()
    assert "Peru" not in _visible_labels(driver) and "signed" not in _visible_relations(driver)
    kinds.click()
    country = Select(driver.find_element(By.ID, "kg-country"))
    assert [o.text for o in country.options][:2] == ["all countries (12 actors)", "(no country) (9)"]
    country.select_by_value("Peru")
    assert _visible_labels(driver) == []  # both ends of an edge must pass: Peru's partners are not of Peru
    driver.find_element(By.ID, "kg-isolated").click()
    assert _visible_labels(driver) == ["Ana Ruiz", "Peru"]  # Ana Ruiz is of Peru
    driver.find_element(By.ID, "kg-isolated").click()
    country.select_by_value("*")
    assert "Peru" in _visible_labels(driver)


def test_isolated_and_plan_only_actors_are_hidden_until_asked(driver, rich):
    from selenium.webdriver.common.by import By

    path, _ = rich
    _open(driver, path)
    shown = _visible_labels(driver)
    assert "Hal Ash" not in shown and "Fay Tan" not in shown and "Ana Ruiz" in shown
    driver.find_element(By.ID, "kg-isolated").click()
    shown = _visible_labels(driver)
    assert "Hal Ash" in shown and "Fay Tan" not in shown and "Gus Roe" not in shown
    driver.find_element(By.ID, "kg-plans").click()
    assert {"Hal Ash", "Fay Tan", "Gus Roe"} <= set(_visible_labels(driver))
    driver.find_element(By.ID, "kg-isolated").click()
    shown = _visible_labels(driver)
    assert "Hal Ash" not in shown and "Fay Tan" in shown


def test_time_range_undated_and_play(driver, rich):
    from selenium.webdriver.common.by import By

    path, data = rich
    _open(driver, path)
    assert driver.find_element(By.ID, "kg-from").get_attribute("value") == data["period"]["from"] == "2025-01-02"
    assert driver.find_element(By.ID, "kg-to").get_attribute("value") == data["period"]["to"] == "2025-06-11"
    _set_dates(driver, "2025-01-01", "2025-01-31")
    assert _visible_relations(driver) == ["attended", "met_with"]  # the January meeting, the undated forum
    undated = driver.find_element(By.ID, "kg-undated")
    assert undated.is_selected()
    undated.click()
    assert _visible_relations(driver) == ["met_with"]
    assert sorted(_visible_labels(driver)) == ["Ana Ruiz", "Bo Li"]
    undated.click()
    _set_dates(driver, "2025-06-01", "2025-06-30")
    assert _visible_relations(driver) == ["attended", "signed"]
    # play: the window moves forward, then playing again stops it
    play = driver.find_element(By.ID, "kg-play")
    play.click()
    first = driver.find_element(By.ID, "kg-from").get_attribute("value")
    assert first == "2025-01-02" and "pause" in play.text
    assert _wait(driver, "return document.getElementById('kg-from').value > arguments[0];".replace(
        "arguments[0]", repr(first)), 5), "play did not move the window"
    moved = driver.find_element(By.ID, "kg-from").get_attribute("value")
    play.click()
    assert "play" in play.text
    time.sleep(1.0)
    assert driver.find_element(By.ID, "kg-from").get_attribute("value") == moved  # stopped


def test_mode_switch_to_the_event_network(driver, rich):
    from selenium.webdriver.support.ui import Select
    from selenium.webdriver.common.by import By

    path, data = rich
    _open(driver, path)
    Select(driver.find_element(By.ID, "kg-mode")).select_by_value("events")
    assert driver.execute_script("return window.kgView.mode;") == "events"
    shown = _visible_labels(driver)
    assert "Lima Pact" in shown and "Andes Forum" in shown and "Peru" in shown
    assert len(shown) == len({n for n in shown})
    relations = _visible_relations(driver)
    assert relations.count("signed") == 2 and relations.count("attended") == 2
    pact = next(t["id"] for t in data["things"] if t["label"] == "Lima Pact")
    driver.execute_script("""
        var net = window.kgView.network;
        net.body.emitter.emit('click', {nodes: [arguments[0]], edges: [], pointer: {DOM: {x: 0, y: 0},
                                         canvas: {x: 0, y: 0}}, event: {}});
    """, pact)
    text = _panel(driver)
    assert "Lima Pact" in text and "Peru" in text and "Chile" in text
    Select(driver.find_element(By.ID, "kg-mode")).select_by_value("actors")
    assert driver.execute_script("return window.kgView.mode;") == "actors"
    assert "Lima Pact" not in _visible_labels(driver)


def test_search_and_timeline_panel(driver, rich):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    path, _ = rich
    _open(driver, path)
    search = driver.find_element(By.ID, "kg-search")
    search.send_keys("ruiz")
    assert driver.find_element(By.ID, "kg-found").text == "1 found"
    search.send_keys(Keys.ENTER)
    assert _wait(driver, "return document.getElementById('kg-details').style.display === 'block';")
    assert driver.find_element(By.CSS_SELECTOR, "#kg-details .kg-head").text == "Ana Ruiz"
    entries = driver.find_elements(By.CSS_SELECTOR, "#kg-details .kg-entry")
    assert [e.find_element(By.CSS_SELECTOR, ".kg-when").text for e in entries] == \
        ["2025-01-02", "2025-03-01", "2025-04-04"]
    first = entries[0]
    assert first.find_element(By.CSS_SELECTOR, ".kg-rel").text == "met_with"
    assert first.find_element(By.CSS_SELECTOR, ".kg-other").text == "Bo Li"
    assert first.find_element(By.CSS_SELECTOR, "blockquote").text == MEET_SENTENCE
    link = first.find_element(By.CSS_SELECTOR, "a")
    assert link.get_attribute("href") == "https://news.example/a1"
    assert link.get_attribute("rel") == "noopener noreferrer" and link.get_attribute("target") == "_blank"
    assert entries[2].find_element(By.CSS_SELECTOR, ".kg-other").text == FORMULA  # as text
    # the hostile actor's timeline: its javascript: article is text, not a link
    search.clear()
    search.send_keys("<script>")
    search.send_keys(Keys.ENTER)
    assert _wait(driver, "return document.querySelector('#kg-details .kg-head').textContent === arguments[0];"
                 .replace("arguments[0]", repr(SCRIPT_NAME)))
    assert driver.find_elements(By.CSS_SELECTOR, "#kg-details a, #kg-details script, #kg-details img") == []
    assert XSS_URL in _panel(driver)
    assert driver.execute_script("return typeof window.__xss;") == "undefined"


def test_exports(driver, rich):
    import csv
    import io

    from selenium.webdriver.common.by import By

    path, data = rich
    _open(driver, path)
    driver.find_element(By.CSS_SELECTOR, '#kg-relations input[data-relation="met_with"]').click()
    driver.find_element(By.ID, "kg-csv").click()
    done = driver.execute_script("return window.kgView.lastExport();")
    assert done["name"] == "kg-edges.csv" and done["href"].startswith("blob:")
    rows = list(csv.reader(io.StringIO(done["text"])))
    assert rows[0] == ["from", "relation", "to", "date", "place", "document", "sentence", "article", "url"]
    assert sorted(r[1] for r in rows[1:]) == ["attended", "called", "called", "signed"]  # the visible edges only
    called = next(r for r in rows[1:] if r[3] == "2025-04-04")
    assert "'" + FORMULA in (called[0], called[2])  # no formula for a spreadsheet to run
    assert called[6] == "'+Formula called Ana Ruiz."
    driver.find_element(By.ID, "kg-png").click()
    done = driver.execute_script("return window.kgView.lastExport();")
    assert done["name"] == "kg-view.png" and done["href"] == "data:image/png;base64,"
    size = driver.execute_script("return window.kgView.png().length;")
    assert size > 2000


def test_labels_only_the_central_actors_until_zoomed_in(driver, tmp_path):
    names = [f"Person {i:02d}" for i in range(60)]
    acts = {n.lower(): Actor(n.lower(), n, "person") for n in names}
    facts = [("met_with", names[0].lower(), n.lower(), f"{names[0]} met {n}.") for n in names[1:30]]
    facts += [("met_with", names[i].lower(), names[i + 1].lower(), f"{names[i]} met {names[i + 1]}.")
              for i in range(30, 59)]
    path = write_html(tmp_path / "many.html", extractions_to_graph([_article("m1", facts, acts)]), note=None)
    _open(driver, path)
    labelled = "return window.kgView.nodes.get().filter(function (n) { return n.label; }).length;"
    driver.execute_script("window.kgView.network.moveTo({scale: 0.3});")
    assert _wait(driver, "return window.kgView.zoomedIn === false;", 5)
    assert driver.execute_script(labelled) == 40
    assert "Person 00" in driver.execute_script(
        "return window.kgView.nodes.get().filter(function (n) { return n.label; }).map(function (n) { return n.label; });")
    driver.execute_script("window.kgView.network.moveTo({scale: 2});")
    assert _wait(driver, "return window.kgView.zoomedIn;", 5)
    assert driver.execute_script(labelled) == 60
