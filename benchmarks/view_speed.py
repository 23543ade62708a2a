"""How long the HTML view of a large actor network takes to write and to show.

pyvis' ``Network.add_edge`` checks every existing edge for a duplicate, so adding
E edges costs O(E^2); ``kg.view`` builds its node and edge lists itself (and
lays the network out, :mod:`kg.layout`).  This script builds one synthetic
network, times both on it in one run and prints the ratio.

Then it opens kg's page in headless Chromium (``/usr/bin/chromium`` and
``/usr/bin/chromedriver``, network blocked) and measures the *first stable
paint*: the time from the start of navigation until vis-network has drawn
the nodes at their final positions (the page sets ``window.kgPainted`` to
``performance.now()`` at its first ``afterDrawing``; physics is off, so
nothing moves after it).  The median of ``--runs`` page loads; goal 3 s.

    python benchmarks/view_speed.py --nodes 2000 --edges 4000
    python benchmarks/view_speed.py --no-browser     # the write times only

Last line: ``ratio <pyvis/kg> kg_seconds <s> pyvis_seconds <s> first_paint_seconds <s>``
(``first_paint_seconds -`` without a browser).
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx


def synthetic(nodes: int, edges: int, seed: int = 7) -> nx.MultiGraph:
    """A MultiGraph shaped like ``kg.network.to_networkx``'s output."""
    rng = random.Random(seed)
    G = nx.MultiGraph(events={})
    for i in range(nodes):
        G.add_node(f"urn:p{i}", label=f"Person {i}", type="person", country=None, roles=[], aliases=[])
    for j in range(edges):
        a, b = rng.sample(range(nodes), 2)
        info = dict(relation=rng.choice(["met_with", "signed", "called"]),
                    date=f"2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", place=None,
                    sentence=f"Person {a} met Person {b}.", article=f"a{j}", title=None, url=None,
                    event=f"urn:e{j}", document=None)
        G.add_edge(f"urn:p{a}", f"urn:p{b}", key=f"urn:e{j}", **info)
        # the events too, so that the page carries the timelines and the event network
        G.graph["events"][f"urn:e{j}"] = {**info, "actors": sorted([f"urn:p{a}", f"urn:p{b}"]), "objects": []}
    return G


def time_kg(G: nx.MultiGraph) -> float:
    from kg.view import render

    start = time.perf_counter()
    render(G, max_nodes=len(G) + 1, note=lambda message: None)
    return time.perf_counter() - start


def first_paint(G: nx.MultiGraph, runs: int) -> float:
    """The median first stable paint of kg's page for ``G`` in headless Chromium, in seconds."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from kg.view import write_html

    folder = Path(tempfile.mkdtemp(prefix="kg-view-speed-"))
    page = write_html(folder / "view.html", G, max_nodes=len(G) + 1, note=None)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--window-size=1280,900", f"--user-data-dir={folder / 'profile'}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    times = []
    try:
        driver.set_page_load_timeout(120)
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["http://*", "https://*"]})
        for _ in range(runs):
            driver.get("about:blank")
            driver.get(page.as_uri())
            end = time.monotonic() + 120
            painted = None
            while painted is None and time.monotonic() < end:
                painted = driver.execute_script("return window.kgPainted || null;")
                time.sleep(0.02)
            if painted is None:
                raise SystemExit("the page never painted")
            times.append(painted / 1000)
    finally:
        driver.quit()
        shutil.rmtree(folder, ignore_errors=True)
    return statistics.median(times)


def time_pyvis(G: nx.MultiGraph) -> float:
    from pyvis.network import Network

    start = time.perf_counter()
    net = Network(cdn_resources="in_line")
    for node, data in G.nodes(data=True):
        net.add_node(node, label=data["label"])
    for a, b, data in G.edges(data=True):
        net.add_edge(a, b, title=data["sentence"], label=data["relation"])
    net.generate_html()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--edges", type=int, default=4000)
    ap.add_argument("--runs", type=int, default=3, help="page loads for the first paint (median)")
    ap.add_argument("--no-browser", action="store_true", help="skip the first paint in Chromium")
    args = ap.parse_args()
    G = synthetic(args.nodes, args.edges)
    ours = time_kg(G)
    theirs = time_pyvis(G)
    print(f"nodes {args.nodes} edges {args.edges}")
    print(f"kg.view.render: {ours:.2f} s")
    print(f"pyvis add_node/add_edge/generate_html: {theirs:.2f} s")
    paint = None if args.no_browser else first_paint(G, args.runs)
    if paint is not None:
        print(f"first stable paint in headless Chromium (median of {args.runs}): {paint:.2f} s")
    print(f"ratio {theirs / ours:.1f} kg_seconds {ours:.2f} pyvis_seconds {theirs:.2f} "
          f"first_paint_seconds {'-' if paint is None else f'{paint:.2f}'}")


if __name__ == "__main__":
    main()
