"""Documents and events named in an article, with their labels and types.

``thing_phrase`` turns the head noun of an object phrase ("signed an Action Plan
Protocol between ...", "attended the signing ceremony of the Joint Economic
Commission") into a label; :class:`ThingTable` keeps one :class:`Thing` per
document or event of the article, so that a later "the ceremony" or "the
agreement" points back to the fuller mention.
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.extract.lexicon import DOCUMENT_TYPES, EVENT_TYPES, words
from kg.model import Thing
from kg.names import fold, name_key

DROP_DEPS = {"det", "poss", "nummod", "relcl", "advmod", "punct", "cc", "conj", "appos", "case", "predet", "quantmod"}
MAX_LABEL_TOKENS = 14
NOT_NAME_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"}
# The word lists of kg/extract/data/lexicon.toml this module uses (see their comments there).
KEEP_PREPS = words("label_prepositions")
PLAIN_DOCUMENT_WORDS = words("plain_document_words")
GENERIC = words("generic_thing_labels")
ANY_DOCUMENT = words("any_document_nouns")
VALUE_WORDS = words("value_words")
PLACE_PREPS = words("place_prepositions")
SIDE_EVENTS = words("side_event_nouns")
SERVICE_EVENTS = words("service_event_nouns")
SERVICE_WORDS = words("service_event_words")
SIGNING_EVENT_WORDS = words("signing_event_words")
CEREMONY_WORDS = words("ceremony_words")
FRAME_NOUNS = words("frame_nouns")
UPCOMING = words("future_modifiers")  # "the next General Assembly" is not the event the article is about
NOT_LABEL_NOUNS = words("not_label_nouns")
QUANTIFIERS = words("quantifier_words")
INSTITUTIONS = words("institution_event_words")
TITLING_VERBS = words("titling_verbs")
STRAY_LABEL_PREPS = words("stray_label_prepositions")


def _names_a_place(prep: Token) -> bool:
    """"in Lisbon", "at the palace", "with Minister X": where or with whom, not what it is."""
    if prep.lower_ == "with":
        return any(t.ent_type_ in ("PERSON", "GPE", "NORP") for t in prep.subtree)
    return prep.lower_ in PLACE_PREPS and any(
        o.ent_type_ in ("GPE", "FAC", "LOC") for o in prep.children if o.dep_ == "pobj")


def _hyphen_joined(tok: Token) -> bool:
    """Is ``tok`` the first half of a hyphenated word ("water-sharing")?"""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.text == "-" and not tok.whitespace_


def _only_dates(prep: Token) -> bool:
    """Does a prepositional phrase only give a date or an amount ("on Tuesday", "in 2025")?"""
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in NOT_NAME_ENTS for o in objects)


def _keeps_between(prep: Token) -> bool:
    """"the MoU between the Institute of Foreign Affairs and ...", "the MoU between Kenya and Ghana":
    the named parties name a document."""
    return prep.lower_ == "between" and any(t.ent_type_ == "ORG" or t.pos_ == "PROPN" for t in prep.subtree)


def _stray_preps(head: Token) -> list[Token]:
    """A phrase right after an object that the parser hung on the verb: "exchanged the MoU [on
    trade] with B", which belongs to the object's label."""
    if head.dep_ not in ("dobj", "conj"):
        return []
    end = max(t.i for t in head.subtree) + 1
    if any(end - 1 in (t.i for t in c.subtree) for c in head.children if c.dep_ == "conj"):
        return []  # "a memorandum on X and another [on Y]": the phrase is the conjunct's
    first = head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.dep_ != "dobj":
        return []
    verb = first.head
    return [p for p in verb.children if p.dep_ == "prep" and p.i == end and p.lower_ in STRAY_LABEL_PREPS]


def _label_tokens(head: Token, kind: str = "event") -> list[Token]:
    keep = {head.i}
    todo = [head]
    while todo:
        t = todo.pop()
        for c in list(t.children) + (_stray_preps(head) if t is head else []):
            if c.dep_ in DROP_DEPS and not (c.dep_ == "punct" and c.text in "“”\"'-") and not (
                    c.dep_ in ("cc", "conj") and t is not head):  # "agreement on trade and investment"
                continue
            if c.dep_ == "prep" and (c.lower_ not in KEEP_PREPS or _names_a_place(c)) and not (
                    kind == "document" and _keeps_between(c)):
                continue
            if c.ent_type_ in NOT_NAME_ENTS or (c.dep_ == "npadvmod" and not _hyphen_joined(c)):
                continue
            if c.lemma_.lower() in VALUE_WORDS or c.lower_ in VALUE_WORDS:
                continue  # "worth 420 million dollars"
            if c.lower_ in QUANTIFIERS:
                continue  # "several MoUs"
            if c.dep_ == "prep" and _only_dates(c):
                continue  # "on Tuesday"
            if c.dep_ == "prep" and any(o.lemma_.lower() in NOT_LABEL_NOUNS for o in c.children if o.dep_ == "pobj"):
                continue  # "on behalf of the governments"
            if c.dep_ == "acl" and not any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children) \
                    and c.tag_ != "VBG":
                continue
            if c.dep_ in ("nsubj", "nsubjpass", "agent", "dobj") and t is head:
                continue
            keep.add(c.i)
            todo.append(c)
    lo, hi = min(keep), max(keep)
    toks = [t for t in head.doc[lo:hi + 1] if t.i in keep or lo < t.i < hi and t.is_punct]
    toks = toks[:MAX_LABEL_TOKENS] if head.i - lo < MAX_LABEL_TOKENS else toks[head.i - lo - 3:]
    while toks and (toks[0].is_punct or toks[0].lower_ in ("the", "a", "an")):
        toks = toks[1:]
    while toks and toks[-1].i != head.i and (
            toks[-1].is_punct and toks[-1].text not in "”\"" or toks[-1].lower_ in KEEP_PREPS | {"and"}):
        toks = toks[:-1]
    return toks


def _purpose(head: Token) -> list[Token]:
    """"signed a memorandum to establish a follow-up mechanism": what a plainly named document is for."""
    verb = head.head if head.dep_ in ("dobj", "nsubjpass") else None
    if verb is None or verb.pos_ != "VERB":
        return []
    for c in verb.children:
        if c.dep_ in ("xcomp", "advcl") and c.i > head.i and any(
                x.dep_ == "aux" and x.lower_ == "to" for x in c.children):
            toks = [t for t in c.subtree if t.dep_ != "relcl" and not any(a.dep_ == "relcl" for a in t.ancestors)]
            return toks[:MAX_LABEL_TOKENS]
    return []


def _titled(head: Token) -> Token:
    """The title a plain noun is given: "the document entitled the Energy Charter" is the Charter."""
    for c in head.children:
        if c.dep_ == "acl" and c.lemma_.lower() in TITLING_VERBS:
            named = [x for x in c.children
                     if x.dep_ in ("oprd", "dobj", "attr", "xcomp") and x.pos_ in ("NOUN", "PROPN")]
            if named:
                return named[0]
    return head


def thing_phrase(head: Token, kind: str = "event") -> str:
    """The label of the noun phrase headed by ``head``: "Action Plan Protocol"."""
    head = _titled(head)
    toks = _label_tokens(head, kind)
    if kind == "document" and all(t.lower_ in PLAIN_DOCUMENT_WORDS or t.is_punct for t in toks):
        toks = toks + _purpose(head)
        while toks and toks[-1].is_punct:
            toks = toks[:-1]
    if toks and toks[0].i == head.i and _hyphenated(head).endswith(f"-{head.lower_}"):  # "the swearing-in"
        toks = list(head.doc[head.i - 2:head.i]) + toks
    text = "".join(t.text_with_ws for t in toks).strip()
    text = EMPTY_BRACKETS.sub("", text).rstrip(" (")  # "Memorandum of Understanding (MoU)" without its acronym
    return text.strip("“”\"' ") or head.text


EMPTY_BRACKETS = re.compile(r"\s*\(\s*\)")


def document_word_type(head: Token) -> str | None:
    """The document subtype that the words of a noun phrase give ("treaty", "memorandum")."""
    for tok in [head, *(c for c in head.children if c.dep_ in ("compound", "amod"))]:
        for key in (tok.lower_, tok.lemma_.lower()):
            if key in DOCUMENT_TYPES:
                return DOCUMENT_TYPES[key]
    return None


def document_type(head: Token) -> str | None:
    """The document subtype of a noun phrase, or None when it does not name a document
    (the object of a signing verb may be a bare name: "signed the Tashkent Declaration")."""
    found = document_word_type(head)
    if found:
        return found
    if head.ent_type_ in ("LAW", "EVENT", "WORK_OF_ART", "ORG") and head.pos_ == "PROPN":
        return "document"
    return None


def _stands_alone(root: Token) -> bool:
    """Is a noun phrase a sentence of its own, with no verb (a list item naming a document)?"""
    return root.dep_ == "ROOT" and not any(t.pos_ in ("VERB", "AUX") for t in root.sent)


def _item_label(root: Token) -> str:
    """The label of a document that a list item names by itself: the item's words, without its
    article and closing stop ("An agreement between the two governments on tourism.")."""
    toks = [t for t in root.sent if not t.is_space][:MAX_LABEL_TOKENS]
    while toks and (toks[0].is_punct or toks[0].lower_ in ("a", "an", "the")):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    return "".join(t.text_with_ws for t in toks).strip()


def relative_antecedent(tok: Token, typed) -> Token:
    """What a relative "which" or "that" stands for ("the summit, which A attended", "the
    memorandum on fisheries, which A signed", "held a summit on Monday, which A attended"): the
    noun the clause hangs on, or the nearest noun above it, or the object of the verb it hangs
    from, that ``typed`` gives a type; ``tok`` itself when it is no relative or nothing fits."""
    if tok.tag_ != "WDT" or tok.lower_ not in ("which", "that"):
        return tok
    clause = next((a for a in tok.ancestors if a.dep_ == "relcl"), None)
    if clause is None:
        return tok
    for above in (clause.head, *clause.head.ancestors):
        if above.pos_ in ("NOUN", "PROPN") and typed(above):
            while above.dep_ == "pobj" and above.head.lower_ == "of" and typed(above.head.head):
                above = above.head.head  # "memorandum of understanding"
            return above
        if above.pos_ in ("VERB", "AUX"):  # "held a summit in L on Monday, which": the verb's object
            return next((o for o in above.children if o.dep_ in ("dobj", "nsubjpass") and typed(o)), tok)
    return tok


def _hyphenated(head: Token) -> str:
    """"swearing-in" for the "in" of "the swearing-in", which the tokenizer splits."""
    doc = head.doc
    if head.i + 2 < len(doc) and doc[head.i + 1].text == "-" and not head.whitespace_ \
            and not doc[head.i + 1].whitespace_:
        return f"{head.lower_}-{doc[head.i + 2].lower_}"
    if head.i >= 2 and doc[head.i - 1].text == "-" and not doc[head.i - 1].whitespace_ \
            and not doc[head.i - 2].whitespace_:
        return f"{doc[head.i - 2].lower_}-{head.lower_}"
    return head.lower_


def event_type(head: Token) -> str | None:
    """The event subtype of a noun phrase, or None when it does not name an event."""
    if head.pos_ == "PROPN" and (head.ent_type_ in ("ORG", "GPE", "FAC") or head.lower_ in INSTITUTIONS) \
            and not any(c.dep_ in ("compound", "amod", "nummod", "prep") for c in head.children):
        return None  # "took office in Congress", "addressed the Assembly": the institution, not a congress
    for key in (head.lower_, head.lemma_.lower(), _hyphenated(head)):
        if key in EVENT_TYPES:
            if EVENT_TYPES[key] == "meeting" and _of_a_body(head):
                return "session"  # "the meeting of the Council of Heads of State": a body's gathering
            return EVENT_TYPES[key]
    if head.ent_type_ == "EVENT":
        return "event"
    if head.lemma_.lower() in SERVICE_EVENTS and any(
            c.dep_ in ("compound", "amod") and c.lemma_.lower() in SERVICE_WORDS for c in head.children):
        return "ceremony"  # "a funeral service", "a memorial mass"
    return None


def _of_a_body(head: Token) -> bool:
    """Is ``head`` a meeting of a named body ("of the Council of Ministers", "of the Assembly")
    rather than of people ("of the two presidents")?"""
    return any(o.pos_ == "PROPN" and o.ent_type_ != "PERSON" for p in head.children
               if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj")


@dataclass
class ThingTable:
    """The documents and events of one article."""

    article_id: str
    things: dict[str, Thing] = field(default_factory=dict)
    by_head: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, head lemma) -> key
    main_event: str | None = None  # the first event named in full: what "present" refers to
    main_event_at: int | None = None  # the token that first named the main event
    last_document: str | None = None  # the document named in full most recently: what "the agreement" means
    recent_document: str | None = None  # the document named most recently, one or many: "A signed for Laos"

    def get(self, head: Token, kind: str) -> Thing | None:
        """The Thing a noun phrase names, registering it when new."""
        head = relative_antecedent(head, document_type if kind == "document" else event_type)
        subtype = document_type(head) if kind == "document" else event_type(head)
        if subtype is None:
            return None
        label = thing_phrase(head, kind)
        lemma = head.lemma_.lower()
        generic = fold(label) in GENERIC or len(label.split()) == 1
        definite = any(c.lower_ in ("the", "this", "that") for c in head.children)
        if generic and (kind, lemma) in self.by_head:
            key = self.by_head[(kind, lemma)]
        elif generic and definite and kind == "event" and self.main_event:
            key = self.main_event  # "the meeting", "the gathering": the event the article is about
        elif generic and definite and kind == "document" and self.last_document and lemma in ANY_DOCUMENT \
                and head.tag_ != "NNS":
            key = self.last_document  # "the agreement", "the document": the last one named in full
        else:
            key = name_key(label)
            if key not in self.things:
                self.things[key] = Thing(key=key, label=label, kind=kind, subtype=subtype)
            # "the summit" later means the first summit the article named in full
            if (kind, lemma) not in self.by_head or (
                    not generic and self.things[self.by_head[(kind, lemma)]].label.lower() in GENERIC):
                if (kind, lemma) in self.by_head and kind == "event" and not generic:
                    self._relabel(self.things[self.by_head[(kind, lemma)]], label)
                self.by_head[(kind, lemma)] = key
        upcoming = any(c.lower_ in UPCOMING for c in head.children if c.dep_ in ("amod", "compound"))
        if kind == "event" and lemma not in SIDE_EVENTS and not upcoming and (self.main_event is None or (
                not generic and fold(self.things[self.main_event].label) in GENERIC)):
            self.main_event, self.main_event_at = key, head.i
        if kind == "document" and not generic:
            self.last_document = key
        if kind == "document":
            self.recent_document = key
        return self.things[key]

    @staticmethod
    def _relabel(thing: Thing, label: str) -> None:
        """An event first named by its bare head ("attended the summit") takes the full name the
        article gives it later ("the 42nd Extraordinary Summit of IGAD"), which a reader recognises."""
        if fold(thing.label) in GENERIC or len(thing.label.split()) == 1:
            thing.label = label

    def stand_in(self, word: Token) -> Thing | None:
        """The document that "another" or "a second" stands for in "signed a memorandum on X and
        another on Y": one of the same kind as the noun it is joined to, about what follows it."""
        first = word.head
        while first.dep_ == "conj" and first.head.i != first.i and document_type(first) is None:
            first = first.head
        subtype = document_type(first)
        about = [p for p in list(word.children) + _stray_preps(word) if p.dep_ == "prep" and p.lower_ in KEEP_PREPS]
        if word.dep_ != "conj" or subtype is None or not about:
            return None
        label = " ".join([first.text] + ["".join(t.text_with_ws for t in p.subtree).strip() for p in about])
        self.last_document = self.recent_document = self._note(first, label, subtype)
        return self.things[self.last_document]

    def signing_ceremony(self) -> Thing | None:
        """The first ceremony of signing or exchanging documents the article names, or a bare "the
        ceremony", if any."""
        for thing in self.things.values():
            label = set(re.split(r" (?:in|at|on) ", fold(thing.label))[0].split())  # "ceremony in Geneva"
            if thing.kind == "event" and thing.subtype == "ceremony" and label & CEREMONY_WORDS and (
                    label & SIGNING_EVENT_WORDS or label <= CEREMONY_WORDS):  # "the ceremony in Brussels"
                return thing
        return None

    def note_documents(self, chunks) -> None:
        """Remember the last document a sentence's noun chunks name in full ("the Treaty of
        Tacna"), so that a later "the agreement" can point back to it.  An apposition ("X,
        a wider accord") or an indefinite common noun ("an accord") names no new document."""
        for chunk in chunks:
            root = chunk.root
            if root.dep_ == "appos" or document_word_type(root) is None:
                continue
            if any(document_word_type(a) for a in root.ancestors if a.pos_ in ("NOUN", "PROPN")):
                continue  # part of a longer name: "the Treaty of Tacna on Border Cooperation"
            if root.lower_ in FRAME_NOUNS and root.dep_ == "pobj":
                continue  # "within the framework of Agenda 2063" names no document
            if root.tag_ in ("NNS", "NNPS"):  # "five memorandums of understanding": not "the agreement"
                self.recent_document = self._note(root)
                continue
            if any(t.lower_ in ("a", "an") for t in chunk) and not any(t.pos_ == "PROPN" for t in chunk) \
                    and not _stands_alone(root):
                continue  # (but a list item that is only "An agreement on X between A and B." names one)
            label = thing_phrase(root, "document")
            if len(label.split()) == 1 and _stands_alone(root):
                label = _item_label(root)  # "An agreement between the two governments on tourism."
            if fold(label) in GENERIC or len(label.split()) == 1:
                continue
            self.last_document = self.recent_document = self._note(root, label)

    def _note(self, root: Token, label: str | None = None, subtype: str | None = None) -> str:
        """Register the document a noun chunk names; its key."""
        label = label or thing_phrase(root, "document")
        key = name_key(label)
        self.things.setdefault(key, Thing(key=key, label=label, kind="document",
                                          subtype=subtype or document_word_type(root)))
        return key

    def note_events(self, chunks) -> None:
        """Remember the events that a sentence's noun chunks name, for later "present" phrases."""
        for chunk in chunks:
            if chunk.root.tag_ in ("NNS", "NNPS") and chunk.root.lower_ != "talks":
                continue
            if event_type(chunk.root) in ("summit", "session", "conference", "forum", "meeting", "ceremony"):
                self.get(chunk.root, "event")
