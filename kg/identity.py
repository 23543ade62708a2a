"""One actor, one node across a corpus.

Within an article the extractor already resolves "Erdogan" to "Recep Tayyip
Erdoğan".  Across articles :func:`unify_people` does the same: a person named
by a shorter form or another transliteration in one article ("Erdogan",
"Qasym-Zhomart Toqaev") is given the key of the fuller name seen elsewhere
("recep tayyip erdogan", "kassym jomart tokayev"), unless the short form fits
several people ("Rajapaksa" when both Mahinda and Gotabaya appear), in which
case it is left alone.  Countries are already canonical (gazetteer);
organisations are left as they are.

>>> from kg.model import Actor, Article, Extraction
>>> a = Extraction(Article(id="a", text=""), actors={"erdogan": Actor("erdogan", "Erdogan", "person")})
>>> b = Extraction(Article(id="b", text=""),
...                actors={"recep tayyip erdogan": Actor("recep tayyip erdogan", "Recep Tayyip Erdoğan", "person")})
>>> unify_people([a, b])
{'erdogan': 'recep tayyip erdogan'}
>>> sorted(a.actors)
['recep tayyip erdogan']
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from kg import relations
from kg.model import Actor, Extraction
from kg.names import refers_to, same_word, sound_key


def _same_person(words: list[str], full: list[str]) -> bool:
    """Across articles a lone word must be the family name: "Hussein" in one article is not
    "Hüseyin Arslan" of another (within one article "Lula" may still be Lula da Silva)."""
    if len(words) == 1 and len(full) > 1:
        return same_word(words[0], full[-1])
    return refers_to(words, full)


def _block(word: str) -> tuple:
    """The index bucket of a folded name word: the word itself when short, else the first
    letter and length of its sound key (:func:`kg.names.same_word` needs both to be close)."""
    if len(word) < 5:
        return ("=", word)
    sound = sound_key(word)
    return (sound[0], len(sound))


def _near(word: str) -> list[tuple]:
    """The buckets that may hold a word :func:`kg.names.same_word` takes for ``word``."""
    if len(word) < 5:
        return [("=", word)]
    sound = sound_key(word)
    return [(sound[0], n) for n in range(len(sound) - 2, len(sound) + 3)]


def _canonical_keys(people: Counter, focus: Iterable[str] | None = None) -> dict[str, str]:
    """Map each person key (of ``focus``, default all) to the key of the fullest name it
    refers to, when that is unambiguous.

    Keys are taken fullest first (then most frequent); a key that fits no earlier
    canonical key is canonical itself, one that fits exactly one maps to it, and
    one that fits several is left alone.  Every match starts with the short
    name's first word, so an index of words finds the few keys worth comparing,
    and only the keys that ``focus`` reaches through matches are ranked: adding
    an article to a store of many thousand people stays fast.
    """
    rank = {k: (-len(k.split()), -people[k], k) for k in people}
    index: dict[tuple, set[str]] = {}
    for key in people:
        for word in key.split():
            index.setdefault(_block(word), set()).add(key)

    def matches(key: str) -> list[str]:
        words = key.split()
        near = set().union(*(index.get(b, ()) for b in _near(words[0])))
        return sorted((c for c in near if rank[c] < rank[key] and _same_person(words, c.split())),
                      key=rank.__getitem__)

    todo = list(people if focus is None else (k for k in set(focus) if k in people))
    found: dict[str, list[str]] = {}
    while todo:
        key = todo.pop()
        if key not in found:
            found[key] = matches(key)
            todo.extend(found[key])
    canon: set[str] = set()
    mapping: dict[str, str] = {}
    for key in sorted(found, key=rank.__getitem__):
        fits = [c for c in found[key] if c in canon]
        if len(fits) == 1:
            mapping[key] = fits[0]
        elif not fits:
            canon.add(key)
    return mapping if focus is None else {k: v for k, v in mapping.items() if k in set(focus)}


def unify_people(extractions: Iterable[Extraction], known: Iterable[str] = ()) -> dict[str, str]:
    """Re-key the people of ``extractions`` (in place) so that one person has one key.

    ``known`` are person keys already in the graph (for ``--append``): a new
    article's "Erdogan" joins an existing "recep tayyip erdogan".  Returns the
    mapping applied.
    """
    extractions = list(extractions)
    people: Counter = Counter()
    for key in known:
        people[key] += 1
    for ex in extractions:
        people.update(k for k, a in ex.actors.items() if a.kind == "person")
    mapping = _canonical_keys(people, focus=[k for ex in extractions for k, a in ex.actors.items()
                                             if a.kind == "person"])
    for ex in extractions:
        _apply(ex, mapping)
    return mapping


def _apply(ex: Extraction, mapping: dict[str, str]) -> None:
    if not any(k in mapping for k in ex.actors):
        return
    actors: dict[str, Actor] = {}
    for key, actor in ex.actors.items():
        new = mapping.get(key, key) if actor.kind == "person" else key
        if new in actors:  # two spellings in one article that are one person
            merged = actors[new]
            if len(actor.name) > len(merged.name):  # the fuller spelling names the actor
                merged.aliases.add(merged.name)
                merged.name = actor.name
            else:
                merged.aliases.add(actor.name)
            merged.aliases |= actor.aliases
            merged.aliases.discard(merged.name)
            merged.roles |= actor.roles
            merged.country = merged.country or actor.country
        else:
            actor.key = new
            actors[new] = actor
    ex.actors = actors
    for fact in ex.facts:
        fact.subject = mapping.get(fact.subject, fact.subject)
        spec = relations.get(fact.relation)
        if spec.object_thing is None:  # an actor (or a place, which no mapping names)
            fact.object = mapping.get(fact.object, fact.object)
            if spec.symmetric and fact.subject > fact.object:
                fact.subject, fact.object = fact.object, fact.subject
    ex.facts = [f for f in ex.facts if f.subject != f.object]
