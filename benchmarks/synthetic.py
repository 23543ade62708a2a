"""Synthetic ``Extraction`` records for benchmarks that need a big graph without spaCy.

Extracting 10,000 articles with spaCy takes a quarter of an hour, so the
benchmarks that only need a large, realistic graph (``sparql_speed.py``,
``ingest_speed.py``) write :class:`kg.model.Extraction` records directly and
turn them into RDF with :func:`kg.rdf.extraction_to_graph`, exactly as
``kg build`` does after extraction.  The records look like what the extractor
makes of ``benchmarks/gen_corpus.py`` articles, only denser: the same cast of
people (``gen_corpus.make_people`` with the same seed, so a real article from
``gen_corpus.generate(n, seed)`` names people already in the graph), their
roles ("Kenyan Foreign Minister") and countries, surname aliases,
organisations, and per article 3-6 episodes -- meetings, phone calls, signings
of documents (with the implied meeting of the signatories), attended summits
and forums, planned visits and denied meetings -- each with its evidence
sentence (gen_corpus' templates), character offsets, date and place.  Some
people are in the news far more than others (Zipf weights), as in real news.
About 110-130 triples per article; the same seed gives the same records.

    python benchmarks/synthetic.py --triples 20000       # counts, no store

Shared by the benchmarks (import it, do not copy it):

* :func:`synthetic_items` -- ``(article id, content hash, extractor, rdflib.Graph)``
  tuples for ``Store.put``, up to a target number of union triples;
* :func:`fill_store` -- put them into a store in batches, timed;
* :func:`peak_rss_mb` -- this process' peak RSS.

Last line: ``articles <n> triples <t> triples_per_article <r>``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_corpus import (COUNTRIES, DOCUMENTS, EVENTS, ORGS, SOURCES, TOPICS, WEEKDAYS,  # noqa: E402
                        Person, _sentences_attendance, _sentences_call, _sentences_denial,
                        _sentences_meeting, _sentences_planned, _sentences_signing, make_people)

EXTRACTOR = "synthetic benchmark data"  # the extractedWith value of synthetic articles
ID_PREFIX = "bench-"  # gen_corpus articles are "synthetic-NNNNNN": no clash
# episode kinds and how often each is drawn
EPISODES = (("meeting", 5), ("call", 3), ("signing", 3), ("attendance", 2), ("planned", 2), ("denial", 1))
DOC_SUBTYPES = {"memorandum": "memorandum", "agreement": "agreement", "declaration": "declaration",
                "treaty": "treaty", "protocol": "protocol"}
EVENT_SUBTYPES = ("summit", "forum", "conference", "ceremony")


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class Stats:
    """What the generator made, for choosing query parameters from the data."""

    articles: int = 0
    meetings: Counter = field(default_factory=Counter)  # actor name -> happened meetings
    pairs: Counter = field(default_factory=Counter)  # (name, name) sorted -> happened meetings/calls
    documents: Counter = field(default_factory=Counter)  # document label -> signings
    events: Counter = field(default_factory=Counter)  # attended event label -> articles
    dates: Counter = field(default_factory=Counter)  # "YYYY-MM" -> dated events
    countries: Counter = field(default_factory=Counter)  # country name -> people of it mentioned


class Generator:
    """Makes one synthetic extraction after another from a seeded random stream."""

    def __init__(self, seed: int = 1) -> None:
        from kg.names import name_key

        self.key = name_key
        self.people: list[Person] = make_people(random.Random(seed))  # gen_corpus' cast for this seed
        self.rng = random.Random(f"synthetic-{seed}")
        order = self.people[:]
        self.rng.shuffle(order)
        self.order = order
        self.weights = [1 / (rank + 1) ** 0.8 for rank in range(len(order))]  # a few are always in the news
        self.start = dt.date(2024, 1, 1)
        self.stats = Stats()

    # ----------------------------------------------------------------- actors
    def _pick(self, k: int, *, not_country: str | None = None) -> list[Person]:
        out: list[Person] = []
        while len(out) < k:
            p = self.rng.choices(self.order, self.weights)[0]
            if p not in out and p.country != not_country:
                out.append(p)
        return out

    def _person(self, ex, p: Person) -> str:
        from kg.model import Actor

        key = self.key(p.name)
        if key not in ex.actors:
            country = self._country(ex, p.country)
            aliases = {p.short} if self.rng.random() < 0.5 else set()
            ex.actors[key] = Actor(key, p.name, "person", aliases=aliases,
                                   roles={f"{p.demonym} {p.role}"}, country=country)
            self.stats.countries[p.country] += 1
        return key

    def _country(self, ex, name: str) -> str:
        from kg.model import Actor

        key = self.key(name)
        ex.actors.setdefault(key, Actor(key, name, "country"))
        return key

    def _org(self, ex, name: str) -> str:
        from kg.model import Actor

        name = name.removeprefix("the ")
        key = self.key(name)
        ex.actors.setdefault(key, Actor(key, name, "organization"))
        return key

    # --------------------------------------------------------------- episodes
    def _fact(self, ex, relation, subject, obj, sentence, status="happened", date=None, place=None,
              trigger=None):
        from kg.model import Evidence, Fact

        if subject == obj:
            return
        if relation in ("met_with", "called") and subject > obj:
            subject, obj = obj, subject
        ex.facts.append(Fact(relation, subject, obj, Evidence(sentence, *self._span), status,
                             date, place, trigger))
        if status == "happened" and relation in ("met_with", "called"):
            a, b = ex.actors[subject].name, ex.actors[obj].name
            self.stats.pairs[tuple(sorted((a, b)))] += 1
            if relation == "met_with":
                self.stats.meetings[a] += 1
                self.stats.meetings[b] += 1

    def _say(self, sentences: list[str]) -> str:
        """Place the episode's sentences in the (unwritten) article text; the first is the evidence."""
        first = sentences[0]
        self._span = (self._pos, self._pos + len(first))
        self._pos += sum(len(s) + 1 for s in sentences) + self.rng.randint(100, 600)  # filler between
        return first

    def _episode(self, ex, kind: str, a: Person, b: Person, date: dt.date, t: str) -> None:
        from kg.model import Thing

        rng, day, iso = self.rng, WEEKDAYS[date.weekday()], date.isoformat()
        ka, kb = self._person(ex, a), self._person(ex, b)
        if kind == "meeting":
            s = self._say(_sentences_meeting(rng, a, b, day, t))
            trigger = next((w for w in ("received", "held", "met") if w in s), "talks")
            self._fact(ex, "met_with", ka, kb, s, date=iso, place=a.capital, trigger=trigger)
        elif kind == "call":
            s = self._say(_sentences_call(rng, a, b, day, t))
            self._fact(ex, "called", ka, kb, s, date=iso, trigger="call")
        elif kind == "signing":
            s = self._say(_sentences_signing(rng, a, b, day, t))
            said = next(d.format(t=t) for d in DOCUMENTS if d.format(t=t).lower() in s.lower())
            label = said.split(" ", 1)[1]  # "memorandum of understanding on ...", as the extractor has it
            if rng.random() < 0.6:  # most documents are named by their parties too
                label = f"{a.country}-{b.country} {label}"
            word = next((w for w in DOC_SUBTYPES if w in label), None)
            doc = Thing(self.key(label), label, "document", DOC_SUBTYPES.get(word))
            ex.things[doc.key] = doc
            self.stats.documents[label] += 1
            for k in (ka, kb):
                self._fact(ex, "signed", k, doc.key, s, date=iso, place=a.capital, trigger="signed")
            self._fact(ex, "met_with", ka, kb, s, date=iso, place=a.capital, trigger="signed")
        elif kind == "attendance":
            group = [a, b] + self._pick(rng.randint(0, 3))
            group = list(dict.fromkeys(group))
            s = self._say(_sentences_attendance(rng, group, day, t, a))
            said = next(e.format(c=a.country, t=t, cap=a.capital) for e in EVENTS
                        if e.format(c=a.country, t=t, cap=a.capital) in s)
            label = said.removeprefix("the ")  # the name in the sentence, as the extractor has it
            label = f"{date.year} {label}"
            sub = next((w for w in EVENT_SUBTYPES if w in label.lower()), None)
            event = Thing(self.key(label), label, "event", sub)
            ex.things[event.key] = event
            self.stats.events[label] += 1
            for p in group:
                self._fact(ex, "attended", self._person(ex, p), event.key, s, date=iso, place=a.capital,
                           trigger="attended" if "attended" in s else "present")
            if rng.random() < 0.5:
                org = self._org(ex, rng.choice(ORGS))
                self._fact(ex, "attended", org, event.key, s, date=iso, place=a.capital, trigger="took part")
        elif kind == "planned":
            s = self._say(_sentences_planned(rng, a, b, day, t))
            self._fact(ex, "met_with", ka, kb, s, status="planned", place=b.capital,
                       trigger="visit" if "visit" in s else "meet")
        else:
            s = self._say(_sentences_denial(rng, a, b, day, t))
            self._fact(ex, "met_with", ka, kb, s, status="negated", date=iso, trigger="meet")
        if kind not in ("planned",) and ex.facts:
            self.stats.dates[iso[:7]] += 1

    def extraction(self, index: int):
        """The ``index``-th synthetic article's extraction."""
        from kg.model import Article, Extraction

        rng = self.rng
        published = self.start + dt.timedelta(days=rng.randrange(0, 730))
        t = rng.choice(TOPICS)
        a, b = self._pick(2)
        while b.country == a.country:
            b = self._pick(1, not_country=a.country)[0]
        verb = rng.choice(["holds talks with", "signs deal with", "speaks with", "to visit", "meets"])
        title = f"{a.demonym} {a.role.lower()} {verb} {b.demonym} counterpart on {t}"
        article = Article(id=f"{ID_PREFIX}{index:06d}", text="", title=title, date=published.isoformat(),
                          source=rng.choice(SOURCES))
        ex = Extraction(article)
        self._pos = rng.randint(30, 80)  # after the dateline
        kinds, weights = zip(*EPISODES)
        episodes = [rng.choices(kinds, weights)[0] for _ in range(rng.randint(3, 6))]
        for i, kind in enumerate(episodes):
            x, y = (a, b) if i == 0 or rng.random() < 0.4 else self._pick(2)
            if x.country == y.country:
                y = self._pick(1, not_country=x.country)[0]
            self._episode(ex, kind, x, y, published - dt.timedelta(days=rng.randint(0, 2)), t)
        self._country(ex, COUNTRIES[rng.randrange(len(COUNTRIES))][0])  # a country named in passing
        self.stats.articles += 1
        return ex


def content_hash_of(article_id: str) -> str:
    return hashlib.sha256(article_id.encode("utf-8")).hexdigest()


def synthetic_items(triples: int, seed: int = 1, *, stats: Stats | None = None,
                    generator: Generator | None = None) -> Iterator[tuple]:
    """``(article id, content hash, extractor, graph)`` items until the union holds ~``triples``.

    The count follows the union that a store ends up with: distinct triples of
    all article graphs plus the two (content hash, extractor) triples a store
    adds per article.  Pass ``stats`` (or a ``generator``) to see what was made.
    """
    from kg.rdf import extraction_to_graph

    gen = generator or Generator(seed)
    if stats is not None:
        gen.stats = stats
    seen: set[int] = set()
    index = 0
    while len(seen) + 2 * index < triples:
        ex = gen.extraction(index)
        graph = extraction_to_graph(ex)
        seen.update(hash(t) for t in graph)
        yield ex.article.id, content_hash_of(ex.article.id), EXTRACTOR, graph
        index += 1


def fill_store(stores: dict, triples: int, seed: int = 1, batch_size: int = 64,
               stats: Stats | None = None) -> dict[str, float]:
    """Put ~``triples`` of synthetic data into every store of ``{name: store}``, batch by batch.

    Returns the seconds each store's ``put`` took (generating the graphs is
    timed apart, under ``"generate"``).  Every store gets the same batches.
    """
    seconds = {name: 0.0 for name in stores} | {"generate": 0.0}
    items = synthetic_items(triples, seed, stats=stats)
    while True:
        start = time.perf_counter()
        batch = [item for _, item in zip(range(batch_size), items)]
        seconds["generate"] += time.perf_counter() - start
        if not batch:
            return seconds
        for name, store in stores.items():
            start = time.perf_counter()
            store.put(batch)
            seconds[name] += time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    stats = Stats()
    start = time.perf_counter()
    union: set = set()
    n = 0
    for _id, _h, _x, graph in synthetic_items(args.triples, args.seed, stats=stats):
        union.update(graph)
        n += 1
    seconds = time.perf_counter() - start
    total = len(union) + 2 * n
    print(f"generated {n} articles in {seconds:.1f} s; {len(stats.meetings)} actors with meetings, "
          f"{len(stats.documents)} document labels, {len(stats.events)} event labels")
    print(f"most meetings: {stats.meetings.most_common(3)}")
    print(f"articles {n} triples {total} triples_per_article {total / max(n, 1):.1f}")


if __name__ == "__main__":
    main()
