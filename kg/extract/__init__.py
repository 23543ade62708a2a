"""The extractor: a parsed article in, actors and facts out.

>>> from kg.model import Article
>>> ex = extract(Article(id="x", text="Kenyan President Amani Otieno received Ghanaian Foreign Minister "
...                      "Kofi Mensah in Nairobi on Monday.", date="2025-03-05"))
>>> for f in ex.facts: print(f.relation, f.subject, f.object, f.status, sep=" | ")
met_with | amani otieno | kofi mensah | happened
"""
from __future__ import annotations

from functools import lru_cache
from itertools import combinations
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc

from kg import relations as registry
from kg.extract.actors import build_actor_table
from kg.extract.arguments import MAIN, Candidate, has_call_marker
from kg.extract.coref import Resolver
from kg.extract.ellipsis import carry_over, follow_on
from kg.extract.lexicon import words
from kg.extract.modality import status
from kg.extract.pickers import PICKERS
from kg.extract.pipeline import load_model, parse_articles, source_span
from kg.extract.rules import Rule, rules_in_use
from kg.extract.things import ThingTable
from kg.extract.when_where import event_date, event_period, event_place
from kg.model import Article, Evidence, Extraction, Fact
from kg.names import fold

__all__ = ["extract", "extract_many", "load_model", "extract_doc"]

# Which kinds of actor may meet or call each other.
ALLOWED_PAIRS = {frozenset({"person"}), frozenset({"country"}), frozenset({"organization"}),
                 frozenset({"country", "organization"})}


@lru_cache(maxsize=256)
def _matcher(vocab, rules: tuple[Rule, ...]) -> DependencyMatcher:
    """A matcher of ``rules``; a pattern spaCy refuses is a :class:`~kg.errors.RulesError`."""
    from kg.errors import RulesError

    from kg.extract.depmatch import ColumnDependencyMatcher

    matcher = ColumnDependencyMatcher(vocab)
    for rule in rules:
        try:
            matcher.add(rule.name, [list(rule.nodes)])
        except (ValueError, KeyError, TypeError) as exc:
            raise RulesError(rule.source, f"pattern {rule.name!r}: {str(exc).splitlines()[0]}") from None
    return matcher


@lru_cache(maxsize=4)
def _needs(vocab, rules: tuple[Rule, ...]) -> tuple[tuple[tuple[str, frozenset[int]], ...], ...]:
    """For each rule, the words a doc needs for it to match (:func:`~kg.extract.rules.needed_words`,
    as string ids).  The matcher of all rules is made first, so a pattern spaCy refuses is an error
    before any doc is read, whatever the doc holds."""
    from spacy.strings import get_string_id

    from kg.extract.rules import needed_words

    _matcher(vocab, rules)
    return tuple(tuple((attr, frozenset(map(get_string_id, words))) for attr, words in needed_words(rule))
                 for rule in rules)


def _matches(doc: Doc, rules: tuple[Rule, ...]) -> Iterator[tuple[Rule, list[int]]]:
    """The dependency matches of ``rules`` in ``doc``, as ``(rule, token ids)``.

    A rule that needs a word the doc does not hold is left out: most of the
    matcher's time went on the nodes of rules whose trigger word is not there.
    The matcher of all rules finds the others' matches alone
    (:meth:`~kg.extract.depmatch.ColumnDependencyMatcher.matches`), or, for a
    rule file with node tests it does not do, a matcher of the rules used (one
    per set of rules, cached).  Within a sentence,
    ordered by trigger, the matches come as from a matcher of all rules: by rule,
    then by position (a trigger's tokens share one dependency tree).
    """
    from spacy import attrs

    needs = _needs(doc.vocab, rules)
    wanted = sorted({attr for need in needs for attr, _w in need})
    present: dict[str, set[int]] = {}
    if wanted and len(doc):
        columns = doc.to_array([getattr(attrs, a) for a in wanted]).reshape(len(doc), len(wanted))
        present = {a: set(columns[:, j].tolist()) for j, a in enumerate(wanted)}
    used = tuple(rule for rule, need in zip(rules, needs)
                 if all(not words.isdisjoint(present.get(attr, ())) for attr, words in need))
    if not used:
        return
    by_name = {rule.name: rule for rule in used}
    whole = _matcher(doc.vocab, rules)
    if whole.done_by_columns():  # the used rules' matches from the matcher of all rules
        found = whole.matches(doc, [rule.name for rule in used])
    else:  # a node test the columns do not do: a matcher of the used rules alone
        found = _matcher(doc.vocab, used)(doc)
    for match_id, token_ids in found:
        yield by_name[doc.vocab.strings[match_id]], token_ids


def extract(article: Article, nlp: Language | None = None) -> Extraction:
    """Extract actors and facts from one article."""
    return next(extract_many([article], nlp))


def extract_many(articles: Iterable[Article], nlp: Language | None = None, *,
                 batch_size: int = 16, n_process: int = 1) -> Iterator[Extraction]:
    """Extract from many articles with ``nlp.pipe`` (same output as :func:`extract`).

    Texts are cleaned before parsing and a text longer than the model takes is
    parsed in pieces (:func:`kg.extract.pipeline.parse_articles`); spaCy's error
    on a text is raised.
    """
    nlp = nlp or load_model()
    articles = list(articles)
    docs = parse_articles(nlp, [a.text for a in articles], batch_size=batch_size, n_process=n_process)
    for article, doc in zip(articles, docs):
        if isinstance(doc, Exception):
            raise doc
        yield extract_doc(article, doc)


def extract_doc(article: Article, doc: Doc) -> Extraction:
    """Extract from an already parsed article."""
    table = build_actor_table(doc)
    resolver = Resolver(table)
    things = ThingTable(article.id)
    rules = rules_in_use()
    by_sent: dict[int, list[tuple[Rule, dict]]] = {}
    for rule, token_ids in _matches(doc, rules):
        m = {n["RIGHT_ID"]: doc[i] for n, i in zip(rule.nodes, token_ids)}
        by_sent.setdefault(m["trigger"].sent.start, []).append((rule, m))
    chunks = _chunks_by_sentence(doc)
    ex = Extraction(article=article)
    in_person: set[int] = set()  # facts whose trigger can only mean a meeting in person
    multilateral: set[int] = set()  # ... among more than two people (co-signers of a declaration)
    in_person_triggers = words("in_person_triggers")
    explicit: set[int] = set()  # attendance stated in words of attending ("was attended by A")
    undated: set[int] = set()  # facts whose sentence gives them no day of their own
    attending = words("explicit_attendance_triggers")
    before: list[tuple[Candidate, Rule]] = []  # what the sentence before gave, for "Then C and D."

    def add(cand: Candidate, rule: Rule, sent) -> None:
        _known_actors_only(cand, table)
        # a denial speaks of its own relation only: "they did not sign an agreement" denies no meeting
        facts = [f for f in _facts(cand, rule, article, table, sent=sent)
                 if f.status != "negated" or f.relation == rule.relation]
        if cand.trigger.lemma_ in in_person_triggers or rule.in_person:
            in_person.update(id(f) for f in facts)
            if cand.clique and len(cand.subjects) > 2:
                multilateral.update(id(f) for f in facts)
        if cand.trigger.lemma_.lower() in attending:
            explicit.update(id(f) for f in facts)
        if event_date(cand.trigger, article.date) is None:
            undated.update(id(f) for f in facts)
        ex.facts.extend(facts)
        people = [k for k in cand.subjects + cand.objects if table.actors[k].kind == "person"]
        resolver.note_group(people, cand.trigger.i)

    for sent in doc.sents:
        found: list[tuple[Candidate, Rule]] = []
        for rule, m in sorted(by_sent.get(sent.start, []), key=lambda x: x[1]["trigger"].i):
            for cand in PICKERS[rule.picker](m, resolver, things, rule, **rule.options):
                add(cand, rule, sent)
                found.append((cand, rule))
        fragment, listed = follow_on(sent, resolver) if not found and before else (sent, [])
        for cand, rule in before if listed else ():
            if (new := carry_over(cand, listed)) is not None:
                add(new, rule, fragment)
        before = found
        things.note_events(chunks.get(sent.start, ()))
        things.note_documents(chunks.get(sent.start, ()))
        resolver.track(sent)
    together = _co_signers(ex.facts, table) + _signers_at_ceremony(ex.facts, things, table, article.date)
    in_person.update(id(f) for f in together)
    ex.facts += together
    ex.facts = _dedupe(_reconcile(ex.facts, things, in_person, multilateral, explicit, undated))
    # actors in actor positions only: an event's key may be spelt like an actor's ("Arab Summit")
    used = {f.subject for f in ex.facts} | {f.object for f in ex.facts if registry.get(f.relation).object_thing is None}
    used |= {table.actors[k].country for k in used if k in table.actors and table.actors[k].country}
    ex.actors = {k: a for k, a in table.actors.items() if k in used}
    objects = {f.object for f in ex.facts}
    ex.things = {k: t for k, t in things.things.items() if k in objects}
    return ex


def _known_actors_only(cand: Candidate, table) -> None:
    """Drop from ``cand`` any actor key the table does not hold, so that no resolver slip
    (a key made from a name the table skipped) can stop the extraction of an article."""
    cand.subjects = [k for k in cand.subjects if k in table.actors]
    cand.objects = [k for k in cand.objects if k in table.actors]


def _chunks_by_sentence(doc: Doc) -> dict[int, list]:
    """The doc's noun chunks by the start of their sentence, in one pass.

    (``Span.noun_chunks`` walks the noun chunks of the whole doc for every
    sentence: on a 40-sentence article that was most of the extraction time.)
    """
    sentence_of = [0] * len(doc)
    for sent in doc.sents:
        sentence_of[sent.start:sent.end] = [sent.start] * len(sent)
    out: dict[int, list] = {}
    for chunk in doc.noun_chunks:
        out.setdefault(sentence_of[chunk.root.i], []).append(chunk)
    return out


def _reconcile(facts: list[Fact], things: ThingTable, in_person: set[int],
               multilateral: set[int] = frozenset(), explicit: set[int] = frozenset(),
               undated: set[int] = frozenset()) -> list[Fact]:
    """Settle what the article says as a whole.

    A pair that spoke by phone did not also meet because they "discussed"
    something (only verbs such as meet, receive, host or sign prove a
    meeting) on the day of the call, or with no day of its own (``undated``)
    while the call has one; a call in the background ("last year") undoes
    nothing; a
    meeting the article denies anywhere is not asserted from a rumour elsewhere
    in it, unless the pair met in a larger group that the denial does not touch
    ("both signed the summit declaration but did not hold a bilateral
    meeting": they met at the signing); the principals of a meeting are not
    also its attendees, unless the text says so in words of attending
    (``explicit``: "the audience was attended by A", A having welcomed the
    guest at the airport).
    """
    def pair(f: Fact) -> frozenset:
        return frozenset((f.subject, f.object))

    meeting, call = registry.by_role("meeting").name, registry.by_role("call").name
    attendance = registry.by_role("attendance").name
    calls: dict[frozenset, set] = {}  # each pair's calls, by day
    for f in facts:
        if f.relation == call:
            calls.setdefault(pair(f), set()).add(f.date)
    denied = {(f.relation, pair(f)) for f in facts if f.status == "negated"}
    principals = {k for f in facts if f.relation == meeting and f.status == "happened"
                  for k in (f.subject, f.object)}

    def keep(f: Fact) -> bool:
        if f.relation == meeting and id(f) not in in_person and pair(f) in calls and (
                f.date in calls[pair(f)] or id(f) in undated and any(calls[pair(f)])):
            return False
        if f.status == "happened" and (f.relation, pair(f)) in denied and id(f) not in multilateral:
            return False
        return not (f.relation == attendance and f.subject in principals and id(f) not in explicit
                    and things.things[f.object].subtype == "meeting")

    return [f for f in facts if keep(f)]


def _co_signers(facts: list[Fact], table) -> list[Fact]:
    """People who signed the same document in one sentence met ("A signed for Laos, and B
    signed for Cambodia"), also when each has a clause of his own."""
    signing, meeting = registry.by_role("signing").name, registry.by_role("meeting").name
    groups: dict[tuple, list[Fact]] = {}
    for f in facts:
        if f.relation == signing and f.status == "happened" and table.actors[f.subject].kind == "person":
            groups.setdefault((f.object, f.evidence.start), []).append(f)
    out = []
    for group in groups.values():
        people = list(dict.fromkeys(f.subject for f in group))
        for a, b in combinations(sorted(people), 2):
            first = group[0]
            out.append(Fact(meeting, a, b, evidence=first.evidence, status=first.status, date=first.date,
                            date_stated=first.date_stated, period=first.period, place=first.place,
                            trigger=first.trigger))
    return out


def _signers_at_ceremony(facts: list[Fact], things: ThingTable, table, date: str | None = None) -> list[Fact]:
    """The people who signed attended the signing ceremony that the article names ("The signing
    ceremony took place at the palace"); not those of a signing in the background ("in 2015 A signed",
    which gets no day: see :func:`~kg.extract.when_where.event_date`)."""
    ceremony = things.signing_ceremony()
    if ceremony is None:
        return []
    signing, attendance = registry.by_role("signing").name, registry.by_role("attendance").name
    return [Fact(attendance, f.subject, ceremony.key, evidence=f.evidence, status=f.status, date=f.date,
                 date_stated=f.date_stated, period=f.period, place=f.place, trigger=f.trigger)
            for f in facts if f.relation == signing and f.status == "happened"
            and table.actors[f.subject].kind == "person" and (f.date or not date)]


def _facts(cand: Candidate, rule: Rule, article: Article, table, *, sent=None) -> list[Fact]:
    """The facts of a candidate; the evidence is ``sent`` (a fragment that carries the trigger's
    sentence over: "Then C and D.") or else the trigger's sentence."""
    trig = cand.trigger
    relation = rule.relation if cand.relation == MAIN else registry.by_role(cand.relation).name
    meeting = registry.by_role("meeting").name
    if relation == meeting and not rule.in_person and has_call_marker(trig):
        relation = registry.by_role("call").name  # "A met B by video link" is a call
    if relation == registry.by_role("attendance").name and _remote(trig, cand.things):
        return []  # "took part in the virtual summit", "addressed the assembly by video": not there
    sent = sent if sent is not None else trig.sent
    text = sent.text
    lead = len(text) - len(text.lstrip())
    evidence = Evidence(*source_span(sent.doc, sent.start_char + lead, sent.start_char + lead + len(text.strip())))
    st = status(trig)
    stated = event_date(trig, article.date, forward=st == "planned", default="")
    date = stated or (article.date if stated == "" and st == "happened" else None)
    place = event_place(trig)
    period = event_period(trig, article.date) if stated is None else None
    common = dict(evidence=evidence, status=st, date=date, date_stated=stated != "", period=period, place=place,
                  trigger=trig.text)
    out: list[Fact] = []
    if not registry.get(relation).symmetric:
        targets = [thing.key for thing in cand.things] + cand.objects
        for s in cand.subjects:
            for target in targets:
                if target != s:
                    out.append(Fact(relation, s, target, **common))
        return out
    pairs = combinations(cand.subjects, 2) if cand.clique else (
        (s, o) for s in cand.subjects for o in cand.objects)
    for a, b in pairs:
        if a == b or frozenset({table.actors[a].kind, table.actors[b].kind}) not in ALLOWED_PAIRS:
            continue
        a, b = sorted((a, b))
        out.append(Fact(relation, a, b, **common))
    return out


REMOTE_WORDS = words("remote_event_words") | words("call_markers")


def _remote(trig, things) -> bool:
    """Is an attendance from afar: an event named virtual or online, or a trigger whose own phrase
    says by video, online or virtually?"""
    return any(w in REMOTE_WORDS for t in things for w in fold(t.label).split()) or any(
        t.lower_ in REMOTE_WORDS for t in trig.subtree if t.dep_ not in ("relcl", "ccomp") and not any(
            a.dep_ in ("relcl", "ccomp") and trig.is_ancestor(a) for a in t.ancestors))


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen, out = set(), []
    for f in facts:
        key = (f.relation, f.subject, f.object, f.status, f.evidence.start)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
