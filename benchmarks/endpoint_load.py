"""How ``kg serve`` holds up under load: 10,000 requests from 20 clients over loopback.

Builds the demo graph (``kg demo --out-dir`` into a temporary directory; or
``--graph FILE``), starts ``kg serve`` on it as a child process in its own
process group, bound to 127.0.0.1 on a free port with a low ``--timeout``
(default 2 s), waits until it answers, then sends ``--requests`` requests from
``--clients`` threads (standard library ``http.client``, one connection per
request, as the server speaks HTTP/1.0).  The mix is fixed by ``--seed``: the
kinds are shuffled with exact counts and each kind cycles through its requests
in order.

* **valid** -- the saved queries (``ontology/queries/*.rq``) with their
  parameters resolved in the graph by ``kg.sparql._binding_sets`` and bound by
  ``kg.store.substitute`` as RDF terms (what ``kg query --endpoint`` sends;
  values are never pasted), including a hostile value that must match nothing;
  plus COUNT, ASK and CONSTRUCT queries.  SELECT in SPARQL JSON, XML, CSV and
  TSV, ASK in JSON and XML, CONSTRUCT in Turtle and N-Triples; each by GET,
  POST form and POST ``application/sparql-query``.  Every answer must be 200
  with the asked media type, not truncated, and parse to the same answer that
  rdflib gives on the graph file in this process (so repeats agree too).
* **slow** -- cross joins over all triples (with COUNT, a REGEX and a failing
  FILTER), checked first to run past the time limit here (``kg.sparql.run``
  with the same timeout); the server must cut them with 503 "timed out"
  (counted as timed out as designed, not as errors).
* **update** -- INSERT DATA, DELETE DATA, DELETE WHERE, INSERT WHERE, DROP
  ALL, CLEAR DEFAULT, LOAD, each by every route: GET ``?update=``, POST form
  ``update=``, POST ``application/sparql-update`` and disguised as ``query=``
  (GET, POST form, ``application/sparql-query``); every one must get 403.

With ``--half-open N`` a thread holds N more connections during the load, each
with a request it never finishes (a slowloris), and opens a new one each time
the server drops one; ``kg serve`` must keep answering the clients all the
same (issue 15: 200 such connections held 200 threads forever).

Before and after the load it reads the graph file's sha256, ``COUNT(*)`` and
``CONSTRUCT { ?s ?p ?o }`` from the server (which must equal the file's triples
and the count ``kg serve`` printed), and after it checks that the server
process is alive, answers, and has its worker processes back (none leaked).
The server is always stopped (Ctrl-C to it, then its process group killed).

    python benchmarks/endpoint_load.py                                   # 10,000 requests, 20 clients
    python benchmarks/endpoint_load.py --requests 500 --clients 8        # quick run
    python benchmarks/endpoint_load.py --graph kg-demo/graph.ttl --timeout 5
    python benchmarks/endpoint_load.py --requests 1000 --half-open 200     # beside 200 stalled clients

Last line: ``requests_per_s <r> p50_ms <x> p99_ms <y> valid_errors <n>
updates_refused <k>/<K> graph_unchanged yes|no server_up yes|no``; the exit
status is 1 when a valid query failed, an update was not refused, a slow query
was not cut, the graph changed, or the server is down, has not its worker
processes back or left processes behind when stopped.
"""
from __future__ import annotations

import argparse
import hashlib
import http.client
import io
import itertools
import json
import os
import queue
import random
import re
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from kg.serve.protocol import CSV, ENDPOINT, JSON, NTRIPLES, TSV, TURTLE, XML, default_workers

PREFIXES = ("PREFIX dip: <https://w3id.org/dipkg/ontology#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")
HOSTILE = 'x" } ; DROP ALL ; #'  # a parameter value that must match nothing
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
EVERYTHING = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
EXTRA_QUERIES = [  # (name, text) beside the saved queries
    ("count", COUNT),
    ("ask-meeting", PREFIXES + "ASK { ?e a dip:Meeting ; dip:participant ?a }"),
    ("ask-nothing", "ASK { ?s a <urn:kg:benchmark:no-such-class> }"),
    ("construct-labels", PREFIXES + "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a dip:Actor ; rdfs:label ?l }"),
    ("construct-all", EVERYTHING),
]
SLOW_QUERIES = [
    ("cross5-count", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o }"),
    ("cross3-regex", "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i "
                     "BIND (CONCAT(STR(?c), STR(?f), STR(?i)) AS ?t) FILTER (REGEX(?t, \"^(a|b)*z{40}$\")) }"),
    ("cross4-ask", "ASK { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l FILTER (STR(?l) = CONCAT(STR(?c), \"#no\")) }"),
]
UPDATES = [
    ("insert-data", "INSERT DATA { <urn:kg:benchmark:x> <urn:kg:benchmark:y> \"load test\" }"),
    ("delete-data", PREFIXES + "DELETE DATA { <urn:kg:benchmark:x> rdfs:label \"x\" }"),
    ("delete-where", "DELETE WHERE { ?s ?p ?o }"),
    ("insert-where", PREFIXES + "INSERT { ?s rdfs:label \"changed\" } WHERE { ?s a dip:Actor }"),
    ("drop-all", "DROP ALL"),
    ("clear-default", "CLEAR DEFAULT"),
    ("load", "LOAD <file:///etc/hostname>"),
]
# format name -> (Accept header, media type the answer must have, rdflib result format)
FORMATS = {"json": (JSON, JSON, "json"), "xml": (XML, XML, "xml"), "csv": (CSV, CSV, "csv"),
           "tsv": (TSV, TSV, "tsv"), "turtle": (TURTLE, TURTLE, "turtle"), "nt": (NTRIPLES, NTRIPLES, "nt")}
FORMATS_OF = {"SELECT": ("json", "xml", "csv", "tsv"), "ASK": ("json", "xml"), "CONSTRUCT": ("turtle", "nt")}
QUERY_ROUTES = ("get", "form", "body")
UPDATE_ROUTES = ("get-update", "form-update", "body-update", "get", "form", "body")  # the last three: as query=
KINDS = ("valid", "slow", "update")


@dataclass(frozen=True)
class Req:
    kind: str  # valid, slow or update
    name: str  # what it is, for the messages
    method: str
    target: str  # path and query string
    body: bytes | None
    headers: tuple
    fmt: str = ""
    expect: object = None  # valid: the answer rdflib gives on the file


def routed(kind: str, name: str, text: str, route: str, fmt: str = "", expect=None) -> Req:
    """A request sending ``text`` by ``route``: GET, POST form or POST body; ``*-update`` as update=."""
    field = "update" if route.endswith("-update") else "query"
    accept = FORMATS[fmt][0] if fmt else "*/*"
    params = {"format": fmt} if fmt == "tsv" else {}  # one format by format=, the others by Accept
    headers = [("Accept", accept)]
    if route.startswith("get"):
        return Req(kind, f"{name} GET {field}= {fmt}".rstrip(), "GET", f"{ENDPOINT}?{urlencode({field: text, **params})}",
                   None, tuple(headers), fmt, expect)
    if route.startswith("form"):
        body = urlencode({field: text, **params}).encode("utf-8")
        headers.append(("Content-Type", "application/x-www-form-urlencoded"))
        return Req(kind, f"{name} POST form {field}= {fmt}".rstrip(), "POST", ENDPOINT, body, tuple(headers), fmt, expect)
    headers.append(("Content-Type", f"application/sparql-{field}"))
    target = f"{ENDPOINT}?{urlencode(params)}" if params else ENDPOINT
    return Req(kind, f"{name} POST sparql-{field} {fmt}".rstrip(), "POST", target, text.encode("utf-8"),
               tuple(headers), fmt, expect)


# ---------------------------------------------------------------- answers

def answer_of(result) -> tuple:
    """An rdflib query result in a form every format can be compared in (rows sorted, terms as text)."""
    if result.type == "ASK":
        return ("ASK", bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return ("GRAPH", frozenset((s.n3(), p.n3(), o.n3()) for s, p, o in result.graph))
    names = [str(v) for v in result.vars]
    rows = [tuple("" if x is None else str(x) for x in row) for row in result]  # what the server sends
    return ("SELECT", tuple(names), tuple(sorted(rows)))


def warm_up_parsers() -> None:
    """Parse one TSV and one XML result here, before the client threads start: pyparsing sets up a
    grammar's parse actions on first use, and 20 threads doing that at once failed now and then
    (``TypeError: Param.postParse2() missing 1 required positional argument``) on good answers."""
    read_answer("tsv", b'?a\n"x"\n<http://e/x>\n"1"^^<http://www.w3.org/2001/XMLSchema#integer>\n')
    # and a row with an empty cell between two others, a date and a language tag (the attendees-of
    # answers failed that way until these parse actions were set up here too)
    read_answer("tsv", b'?a\t?b\t?c\t?d\n"x"\t\t"2025-05-22"^^<http://www.w3.org/2001/XMLSchema#date>\t"y"@en\n')
    read_answer("xml", b'<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/><boolean>true</boolean>'
                       b'</sparql>')


def read_answer(fmt: str, body: bytes) -> tuple:
    """The answer in a response body; raises on a body that does not parse or lacks its parts."""
    from rdflib import Graph
    from rdflib.query import Result

    if fmt == "json":
        data = json.loads(body)
        if "boolean" in data:
            return ("ASK", bool(data["boolean"]))
        names, bindings = data["head"]["vars"], data["results"]["bindings"]
        rows = [tuple(b[v]["value"] if v in b else "" for v in names) for b in bindings]
        return ("SELECT", tuple(names), tuple(sorted(rows)))
    if fmt in ("turtle", "nt"):
        graph = Graph().parse(data=body.decode("utf-8"), format=FORMATS[fmt][2])
        return ("GRAPH", frozenset((s.n3(), p.n3(), o.n3()) for s, p, o in graph))
    return answer_of(Result.parse(io.BytesIO(body), format=FORMATS[fmt][2]))


def valid_requests(graph) -> list[Req]:
    """Every saved query with parameters bound, and the extras; each in its formats by each route."""
    from kg.sparql import _binding_sets, list_saved
    from kg.store.substitute import substitute

    texts = list(EXTRA_QUERIES)
    for q in list_saved():
        for i, params in enumerate(parameter_values(graph, q)):
            for j, bindings in enumerate(_binding_sets(graph, params, q)):
                texts.append((f"{q.name}#{i}.{j}", substitute(q.text, bindings)))
    out = []
    for name, text in texts:
        expect = answer_of(graph.query(text))
        kind = {"ASK": "ASK", "GRAPH": "CONSTRUCT"}.get(expect[0], "SELECT")
        for fmt in FORMATS_OF[kind]:
            out += [routed("valid", name, text, route, fmt, expect) for route in QUERY_ROUTES]
    return out


def parameter_values(graph, q, per_query: int = 3) -> list[dict[str, str]]:
    """Values to ask a saved query about: the first few (in label order) that give rows on this
    graph, and for names a hostile value that must match nothing (zero rows, nothing changed)."""
    from kg.errors import UsageError
    from kg.sparql import _binding_sets
    from kg.store.substitute import substitute

    def column(query: str) -> list[tuple[str, ...]]:
        return [tuple(map(str, row)) for row in graph.query(PREFIXES + query)]

    if not q.params:
        return [{}]
    names = [p.name for p in q.params]
    kinds = {p.kind for p in q.params}
    if kinds == {"date"}:
        dates = sorted({d for (d,) in column("SELECT ?d WHERE { ?e dip:date ?d }")})
        candidates = [(dates[0], dates[-1])] + [(d, d) for d in dates] if dates else []
    elif len(names) == 2:  # two actors: the pairs that met
        candidates = column("SELECT DISTINCT ?a ?b WHERE { ?x dip:metWith ?y . ?x rdfs:label ?a . "
                            "?y rdfs:label ?b FILTER (STR(?a) < STR(?b)) } ORDER BY ?a ?b")
    else:
        cls = {"document": "Document", "event": "Event"}.get(q.params[0].kind, "Actor")
        candidates = column(f"SELECT DISTINCT ?l WHERE {{ ?x a dip:{cls} ; rdfs:label ?l }} ORDER BY ?l")
    chosen = []
    for values in candidates:
        params = dict(zip(names, values))
        try:
            texts = [substitute(q.text, b) for b in _binding_sets(graph, params, q)]
        except UsageError:  # matches too many nodes
            continue
        if any(list(graph.query(text)) for text in texts):
            chosen.append(params)
        if len(chosen) == per_query:
            break
    if kinds <= {"actor", "document", "event"}:
        chosen.append(dict.fromkeys(names, HOSTILE))
    return chosen


def slow_requests(graph, timeout: float) -> list[Req]:
    """The slow queries, each first checked to run past ``timeout`` here, by each route."""
    from kg.errors import QueryTimeout
    from kg.sparql import run

    for name, text in SLOW_QUERIES:
        start = time.perf_counter()
        try:
            run(graph, text, timeout=timeout)
        except QueryTimeout:
            print(f"slow query {name}: still running after {time.perf_counter() - start:.1f} s here "
                  f"(stopped at the {timeout:g} s limit)")
            continue
        raise SystemExit(f"slow query {name} finished in {time.perf_counter() - start:.1f} s: "
                         f"not slow enough for a {timeout:g} s limit on this graph")
    return [routed("slow", name, text, route, "json") for name, text in SLOW_QUERIES for route in QUERY_ROUTES]


def update_requests() -> list[Req]:
    return [routed("update", name, text, route) for name, text in UPDATES for route in UPDATE_ROUTES]


def plan(n: int, shares: dict[str, float], pools: dict[str, list[Req]], seed: int) -> list[Req]:
    """``n`` requests: exact counts per kind, shuffled by ``seed``; each kind cycles through its pool."""
    counts = {k: round(n * shares[k]) for k in ("slow", "update")}
    counts["valid"] = n - sum(counts.values())
    kinds = [k for k in KINDS for _ in range(counts[k])]
    random.Random(seed).shuffle(kinds)
    cycles = {k: itertools.cycle(pools[k]) for k in KINDS}
    return [next(cycles[k]) for k in kinds]


# ------------------------------------------------------------------ server

def _group_stats(pgid: int) -> list[tuple[int, list[str]]]:
    """(pid, the fields of /proc/PID/stat after the name) of the processes in process group ``pgid``."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            found.append((int(entry), fields))
    return found


def group_members(pgid: int) -> list[tuple[int, str]]:
    """(pid, state) of the processes in process group ``pgid``, from /proc."""
    return [(pid, fields[0]) for pid, fields in _group_stats(pgid)]


def group_cpu(pgid: int) -> float:
    """Processor seconds used by process group ``pgid``: its live processes and the children
    they reaped (a worker stopped at the time limit counts in its parent's total)."""
    ticks = sum(int(f) for _pid, fields in _group_stats(pgid) for f in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


def start_server(graph: Path, host: str, timeout: float, log: Path,
                 engine: str = "oxigraph") -> tuple[subprocess.Popen, str, int]:
    """``kg serve`` in its own process group; the process, its endpoint URL and the triples it reports."""
    cmd = [sys.executable, "-m", "kg", "serve", os.fspath(graph), "--host", host, "--port", "0",
           "--timeout", f"{timeout:g}", "--engine", engine]
    print(f"running: kg {' '.join(cmd[3:])}", flush=True)
    with open(log, "wb") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, start_new_session=True, text=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        ready, _, _ = select.select([proc.stdout], [], [], 1.0)
        line = proc.stdout.readline() if ready else ""
        found = re.search(r"SPARQL endpoint: (\S+)", line)
        if found:
            reported = re.search(r"\((\d+) triples", log.read_text(errors="replace"))
            return proc, found[1], int(reported[1]) if reported else -1
    tail = log.read_text(errors="replace")[-2000:]
    stop_server(proc)
    raise SystemExit(f"kg serve did not print its endpoint (exit code {proc.returncode}):\n{tail}")


def stop_server(proc: subprocess.Popen) -> bool:
    """Ctrl-C to the server, then kill what is left of its process group; True when nothing was left."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            pass
    left = group_members(proc.pid)
    if left:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait()
    return not left


def workers_settled(pgid: int, want: int, wait: float = 30.0) -> int:
    """The number of worker processes of the server once it is back to ``want`` (or after ``wait`` s)."""
    deadline = time.monotonic() + wait
    while True:
        live = [pid for pid, state in group_members(pgid) if pid != pgid and state != "Z"]
        if len(live) == want or time.monotonic() > deadline:
            return len(live)
        time.sleep(0.2)


# ---------------------------------------------------------------- clients

class HalfOpen:
    """``n`` connections that each send half a request and then nothing, reopened when dropped."""

    PARTIAL = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n"

    def __init__(self, where: tuple[str, int], n: int) -> None:
        self.where, self.n = where, n
        self.socks: list[socket.socket] = []
        self.dropped = self.failed = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._hold, name="half-open", daemon=True)

    def _open(self) -> socket.socket | None:
        try:
            sock = socket.create_connection(self.where, timeout=2)
            sock.sendall(self.PARTIAL)
            sock.setblocking(False)
            return sock
        except OSError:
            self.failed += 1
            return None

    def _hold(self) -> None:
        while not self.stop.is_set():
            kept = []
            for sock in self.socks:
                try:
                    gone = sock.recv(4096) == b""
                except BlockingIOError:
                    gone = False
                except OSError:
                    gone = True
                if gone:
                    self.dropped += 1
                    sock.close()
                else:
                    kept.append(sock)
            while len(kept) < self.n and not self.stop.is_set():
                sock = self._open()
                if sock is None:
                    break
                kept.append(sock)
            self.socks = kept
            self.stop.wait(0.2)

    def __enter__(self):
        if self.n:
            self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        if self.n:
            self.thread.join(10)
        for sock in self.socks:
            sock.close()


def send(where: tuple[str, int], req: Req, timeout: float) -> tuple[int, dict, bytes, float]:
    """(status, headers, body, seconds) of one request; status 0 and the error as body when it failed."""
    conn = http.client.HTTPConnection(*where, timeout=timeout)
    start = time.perf_counter()
    try:
        conn.request(req.method, req.target, body=req.body, headers=dict(req.headers))
        resp = conn.getresponse()
        body = resp.read()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body, time.perf_counter() - start
    except (OSError, http.client.HTTPException) as exc:
        return 0, {}, f"connection error: {type(exc).__name__}: {exc}".encode(), time.perf_counter() - start
    finally:
        conn.close()


CHECKED: defaultdict[Req, set[bytes]] = defaultdict(set)  # sha1 of bodies found right, by request


def judge(req: Req, status: int, headers: dict, body: bytes) -> tuple[str, str]:
    """(outcome, problem): ok / timed out / refused, or what went wrong ('' when nothing did)."""
    text = body[:160].decode("utf-8", "replace").strip()
    if req.kind == "slow":
        if status == 503 and b"timed out" in body:
            return "timed out", ""
        return "not cut", f"{req.name}: status {status}: {text}"
    if req.kind == "update":
        if status == 403 and b"refused" in body:
            return "refused", ""
        return "not refused", f"{req.name}: status {status}: {text}"
    if status != 200:
        return "error", f"{req.name}: status {status}: {text}"
    media = FORMATS[req.fmt][1]
    if not headers.get("content-type", "").startswith(media):
        return "error", f"{req.name}: content type {headers.get('content-type')!r}, not {media}"
    if headers.get("x-result-truncated") != "false":
        return "error", f"{req.name}: X-Result-Truncated {headers.get('x-result-truncated')!r}"
    digest = hashlib.sha1(body).digest()
    if digest in CHECKED[req]:  # the same bytes as an answer already read and found right
        return "ok", ""
    try:
        got = read_answer(req.fmt, body)
    except Exception as exc:  # noqa: BLE001 - any parse failure is a wrong body
        return "error", f"{req.name}: body does not parse: {type(exc).__name__}: {exc}"[:300]
    if got != req.expect:
        return "error", f"{req.name}: answer differs from rdflib's on the file: {body[:200]!r}"
    CHECKED[req].add(digest)
    return "ok", ""


def load(where: tuple[str, int], requests: list[Req], clients: int, max_seconds: float,
         timeout: float) -> tuple[list[tuple], float, float]:
    """Send ``requests`` from ``clients`` threads; ((kind, outcome, status, seconds, problem), wall s, CPU s)."""
    todo: queue.SimpleQueue[Req] = queue.SimpleQueue()
    for req in requests:
        todo.put(req)
    results: list[tuple] = []
    lock = threading.Lock()
    start, cpu = time.perf_counter(), time.process_time()
    deadline = start + max_seconds
    stopped = threading.Event()

    def client() -> None:
        while not stopped.is_set():
            if time.perf_counter() > deadline:
                stopped.set()
                return
            try:
                req = todo.get_nowait()
            except queue.Empty:
                return
            status, headers, body, seconds = send(where, req, timeout)
            outcome, problem = judge(req, status, headers, body)
            with lock:
                results.append((req.kind, outcome, status, seconds, problem))

    threads = [threading.Thread(target=client, name=f"client-{i}", daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    try:
        for t in threads:
            t.join()
    finally:
        stopped.set()
    return results, time.perf_counter() - start, time.process_time() - cpu


# ----------------------------------------------------------------- report

def pct(samples: list[float], q: float) -> float:
    """The ``q`` quantile of ``samples`` (nearest rank), in ms."""
    s = sorted(samples)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))] * 1000 if s else float("nan")


def report(results: list[tuple]) -> None:
    print(f"{'kind':7} {'sent':>6} {'p50_ms':>8} {'p90_ms':>8} {'p99_ms':>8} {'max_ms':>8}  statuses; outcomes")
    for kind in (*KINDS, "all"):
        rows = [r for r in results if kind in ("all", r[0])]
        lat = [r[3] for r in rows]
        statuses = " ".join(f"{s}:{n}" for s, n in sorted(Counter(r[2] for r in rows).items()))
        outcomes = " ".join(f"{o}:{n}" for o, n in sorted(Counter(r[1] for r in rows).items()))
        print(f"{kind:7} {len(rows):>6} {pct(lat, .5):>8.1f} {pct(lat, .9):>8.1f} {pct(lat, .99):>8.1f} "
              f"{pct(lat, 1):>8.1f}  {statuses}; {outcomes}")
    problems = defaultdict(list)
    for kind, _outcome, _status, _seconds, problem in results:
        if problem:
            problems[kind].append(problem)
    for kind, found in problems.items():
        print(f"{kind} problems: {len(found)}; the first ones:")
        for problem in found[:5]:
            print(f"  {problem}")


# ------------------------------------------------------------------- main

def snapshot(where: tuple[str, int], path: Path) -> tuple[str, int, frozenset | None]:
    """(sha256 of the file, COUNT(*) from the server, CONSTRUCT of everything from the server)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    status, _, body, _ = send(where, routed("valid", "count", COUNT, "get", "json"), 60)
    count = int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) if status == 200 else -1
    status, _, body, _ = send(where, routed("valid", "all", EVERYTHING, "get", "nt"), 60)
    return digest, count, read_answer("nt", body)[1] if status == 200 else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--graph", type=Path, help="graph file to serve (default: the demo graph, built here)")
    ap.add_argument("--requests", type=int, default=10_000)
    ap.add_argument("--clients", type=int, default=20, help="concurrent client threads")
    ap.add_argument("--max-seconds", type=float, default=600.0, help="stop sending after this long")
    ap.add_argument("--timeout", type=float, default=2.0, help="kg serve --timeout (seconds a query may run)")
    ap.add_argument("--slow-share", type=float, default=0.005, help="share of deliberately slow queries")
    ap.add_argument("--update-share", type=float, default=0.05, help="share of update attempts")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--engine", choices=["oxigraph", "rdflib"], default="oxigraph",
                    help="kg serve --engine: what answers the queries (rdflib: as before Oxigraph)")
    ap.add_argument("--host", default="127.0.0.1", help="address kg serve listens on")
    ap.add_argument("--half-open", type=int, default=0, metavar="N",
                    help="hold N half-sent requests open during the load (reopened when dropped)")
    args = ap.parse_args()
    if args.half_open < 0:
        ap.error("--half-open must be 0 or above")
    if args.requests < 1 or args.clients < 1 or args.timeout <= 0 or args.max_seconds <= 0:
        ap.error("--requests, --clients, --timeout and --max-seconds must be above zero")
    if not (0 <= args.slow_share and 0 <= args.update_share and args.slow_share + args.update_share <= 1):
        ap.error("--slow-share and --update-share must be shares that add up to at most 1")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally blocks
    try:
        with tempfile.TemporaryDirectory(prefix="endpoint-load-") as tmp:
            return run_all(args, Path(tmp))
    except KeyboardInterrupt:
        print("interrupted: the server was stopped", file=sys.stderr)
        return 130


def run_all(args, tmp: Path) -> int:
    from kg.graphio import load_graph

    graph_path = args.graph
    if graph_path is None:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kg", "demo", "--out-dir", os.fspath(tmp / "demo")],
                       check=True, stdout=subprocess.DEVNULL)
        graph_path = tmp / "demo" / "graph.ttl"
        print(f"built the demo graph in {time.perf_counter() - start:.1f} s")
    graph = load_graph(graph_path)
    pools = {"valid": valid_requests(graph), "slow": slow_requests(graph, args.timeout),
             "update": update_requests()}
    shares = {"slow": args.slow_share, "update": args.update_share}
    requests = plan(args.requests, shares, pools, args.seed)
    counts = Counter(r.kind for r in requests)
    print(f"graph {graph_path.name}: {len(graph)} triples; distinct requests: " +
          ", ".join(f"{k} {len(pools[k])}" for k in KINDS))
    print(f"mix (seed {args.seed}): " + ", ".join(f"{k} {counts[k]} ({counts[k] / len(requests):.1%})"
                                                 for k in KINDS))
    proc, url, reported = start_server(graph_path, args.host, args.timeout, tmp / "serve.log", args.engine)
    try:
        parts = urlsplit(url)
        where = (parts.hostname, parts.port)
        before = snapshot(where, graph_path)
        print(f"server {url} (pid {proc.pid}): reports {reported} triples, COUNT {before[1]}, "
              f"CONSTRUCT {len(before[2] or ())} triples; file sha256 {before[0][:16]}…")
        # kg serve's worker processes, and for a file held by Oxigraph the zygote they are forked from
        kind = "memory" if args.engine == "oxigraph" else "file"
        expected = default_workers(kind) + (kind == "memory")
        workers_settled(proc.pid, expected)
        server_cpu = group_cpu(proc.pid)
        print(f"sending {len(requests)} requests from {args.clients} clients (at most {args.max_seconds:g} s; "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} before) ...", flush=True)
        warm_up_parsers()
        with HalfOpen(where, args.half_open) as stalled:
            if args.half_open:
                time.sleep(1.0)  # let them connect first
            results, seconds, cpu = load(where, requests, args.clients, args.max_seconds, 60.0 + 2 * args.timeout)
        if args.half_open:
            print(f"half-open connections: {args.half_open} held; the server dropped {stalled.dropped} "
                  f"(each reopened); {stalled.failed} could not connect")
        if len(results) < len(requests):
            print(f"STOPPED at --max-seconds {args.max_seconds:g}: sent {len(results)} of {len(requests)}")
        print(f"sent {len(results)} requests in {seconds:.1f} s: {len(results) / seconds:.0f} requests/s; "
              f"this client used {cpu:.0f} CPU s; load average {os.getloadavg()[0]:.1f} after")
        report(results)
        server_cpu = group_cpu(proc.pid) - server_cpu
        print(f"the server used {server_cpu:.0f} CPU s ({server_cpu * 1000 / max(len(results), 1):.1f} ms a request)")
        workers = workers_settled(proc.pid, expected)
        alive = proc.poll() is None
        after = snapshot(where, graph_path)
    finally:
        clean = stop_server(proc)
    file_triples = answer_of(graph.query(EVERYTHING))[1]
    by = Counter((r[0], r[1]) for r in results)
    valid_errors = by["valid", "error"]
    refused, attempted = by["update", "refused"], by["update", "refused"] + by["update", "not refused"]
    unchanged = (before[0] == after[0] and before[1] == after[1] == reported == len(graph)
                 and before[2] == after[2] == file_triples)
    up = alive and after[1] == len(graph)
    print(f"slow queries timed out as designed: {by['slow', 'timed out']}/{sum(r[0] == 'slow' for r in results)}; "
          f"not cut: {by['slow', 'not cut']}")
    print(f"graph: file sha256 {'same' if before[0] == after[0] else 'CHANGED'}; server COUNT {before[1]} -> "
          f"{after[1]} (file {len(graph)}, kg serve reported {reported}); CONSTRUCT before and after "
          f"{'equal the file' if before[2] == after[2] == file_triples else 'DIFFER'}")
    print(f"server: process {'alive' if alive else 'GONE'}, final COUNT {'answered' if up else 'FAILED'}, "
          f"{workers} worker processes after the load (expected {expected}); "
          f"stopped {'cleanly' if clean else 'by killing its process group'}")
    all_lat = [r[3] for r in results]
    print(f"requests_per_s {len(results) / seconds:.0f} p50_ms {pct(all_lat, .5):.1f} "
          f"p99_ms {pct(all_lat, .99):.1f} valid_errors {valid_errors} updates_refused {refused}/{attempted} "
          f"graph_unchanged {'yes' if unchanged else 'no'} server_up {'yes' if up else 'no'}")
    failed = (valid_errors or refused != attempted or by["slow", "not cut"] or not unchanged or not up
              or workers != expected or not clean)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
