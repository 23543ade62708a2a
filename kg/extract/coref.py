"""Resolve an argument token to the actors it denotes.

A relation's argument may be a name ("Erdogan"), a role phrase that contains a
name ("CEO of YDA Holding Hüseyin Arslan"), a pronoun ("he", "they"), a
description ("the Kazakh president", "the visiting premier") or a group phrase
("the two leaders", "both sides", "the five presidents").  :class:`Resolver`
turns any of these into actor keys, looking back over the article as it goes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.extract.actors import ActorTable
from kg.extract.groups import DELEGATION_NOUNS, NUMBER_WORDS, ROLE_SYNONYMS, GroupResolution, conjuncts
from kg.extract.lexicon import (COUNTRY_GROUP_NOUNS, GROUP_NOUNS, ROLE_NOUNS, TITLE_WORDS, country_of, mapping,
                                noun_lemma, words)
from kg.names import name_key

__all__ = ["Resolver", "conjuncts"]

DECAY = 0.7  # salience kept from one sentence to the next
LEAD_WEIGHT = 1.5  # salience the lead figure keeps for descriptions (a subject two sentences back: 0.98)
PHRASE_STOP = {"relcl", "acl", "poss", "advcl", "ccomp", "xcomp", "conj", "cc", "punct", "det", "case"}
# The word lists of kg/extract/data/lexicon.toml this module uses.
PERSON_PRONOUNS = words("person_pronouns")
GROUP_PRONOUNS = words("group_pronouns")
RELATIVE_PRONOUNS = words("relative_pronouns")
PRONOUN_GENDER: dict[str, str] = mapping("pronoun_gender")
MALE_TITLES = words("male_titles")
FEMALE_TITLES = words("female_titles")
FORMER_WORDS = words("former_words")
LEADING_VERBS = words("leading_verbs")
COMPANION_WORDS = words("companion_words")
TITLE_JOINERS = ("of", "for", "the", "and", "to")
HEAD_OF: dict[str, tuple[str, ...]] = mapping("head_of")


def _companion(prep: Token) -> bool:
    """"A, along with B, attended", "A, together with B, ...": B is in A's phrase."""
    if prep.lower_ in COMPANION_WORDS:
        return True
    return prep.lower_ == "with" and (prep.head.lower_ in COMPANION_WORDS or any(
        c.lower_ in COMPANION_WORDS for c in prep.children))


MODIFIER_LINKS = {"compound", "nmod", "amod"}
VISITOR_NOUNS = words("visitor_nouns")


@dataclass
class Resolver(GroupResolution):
    """Look-back coreference over one article (tokens are resolved in text order)."""

    table: ActorTable
    last_group: list[str] = field(default_factory=list)
    last_group_pos: int = -1
    sentence_index: dict[int, int] = field(default_factory=dict)  # sentence start -> number
    virtual: list[tuple[int, str]] = field(default_factory=list)  # (token, person) for resolved subjects
    lead: str | None = None  # the lead figure (see _lead_person); "" when there is none

    def track(self, sent) -> None:
        """Resolve the pronoun or description subjects of a sentence, to keep salience current."""
        for tok in sent:
            if tok.dep_ != "nsubj" or self.table.actor_at(tok.i):
                continue
            described = tok.lemma_.lower() in ROLE_NOUNS and any(c.lower_ == "the" for c in tok.children)
            if tok.lower_ in ("he", "she") or described:
                keys = self.resolve(tok)
                if len(keys) == 1:
                    self.virtual.append((tok.i, keys[0]))

    # -- memory -------------------------------------------------------------
    def note_group(self, keys: list[str], pos: int) -> None:
        """Remember the participants of the latest multi-actor fact or phrase."""
        keys = list(dict.fromkeys(keys))
        if len(keys) >= 2:
            self.last_group, self.last_group_pos = keys, pos

    def mentions_before(self, pos: int, kind: str = "person") -> list[str]:
        """Actor keys of the given kind mentioned before token ``pos``, most recent first."""
        seen: list[str] = []
        for s, _e, k in reversed(self.table.mentions):
            if s < pos and self.table.actors[k].kind == kind and k not in seen:
                seen.append(k)
        return seen

    # -- resolution ----------------------------------------------------------
    def resolve(self, tok: Token) -> list[str]:
        """Actor keys denoted by the phrase headed by ``tok`` (without its conjuncts)."""
        low = tok.lower_
        if low == "both" and tok.dep_ in ("nsubj", "nsubjpass"):  # "Both attended": the pair in focus
            pair = self.last_group
            return list(pair) if len(pair) == 2 and all(self.table.actors[k].kind == "person" for k in pair) else []
        if tok.pos_ == "PRON" or low in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return self._pronoun(tok)
        named = self.people_in_phrase(tok)
        if named:
            return named
        key = self.table.actor_at(tok.i)
        if key and self.table.actors[key].kind == "country" and (titled := self._titled_after(tok)):
            return [titled]  # "with Solomon Islands Prime Minister B", with B hung elsewhere by the parser
        if key:
            return [key]
        lemma = noun_lemma(tok)
        if lemma in VISITOR_NOUNS and tok.tag_ == "NN" and any(  # "A and his guest discussed trade": the visitor
                c.dep_ == "poss" or c.lower_ in ("the", "this") for c in tok.children):  # in focus (not "a guest")
            others = {k for c in conjuncts(tok.head if tok.dep_ == "conj" else tok) if c.i != tok.i
                      for k in self.people_in_phrase(c)}
            guest = self._last_subject(tok, exclude=others | self._own_subject(tok))
            return [guest] if guest else []
        if lemma in ROLE_NOUNS and tok.tag_ not in ("NNS", "NNPS") and (titled := self._title_run(tok)):
            return [titled]
        if lemma in DELEGATION_NOUNS:  # "received by a delegation led by A and B": A and B
            led = [p for acl in tok.children if acl.dep_ == "acl" and acl.lemma_.lower() in LEADING_VERBS
                   for a in acl.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
            if led:
                return list(dict.fromkeys(k for p in led for c in conjuncts(p) for k in self.resolve(c)))
        if tok.tag_ in ("NNS", "NNPS") or any(c.lower_ in NUMBER_WORDS for c in tok.children):
            if lemma in GROUP_NOUNS or low in GROUP_NOUNS:
                return self._group(tok)
        if lemma in ROLE_NOUNS or low in ROLE_NOUNS:
            return self._description(tok)
        if lemma in COUNTRY_GROUP_NOUNS:  # "the Kenyan government", "the government of Kenya"
            nat = [c for c in tok.children if c.dep_ in ("amod", "compound") and country_of(c.text)]
            nat += [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                    for o in p.children if o.dep_ == "pobj" and country_of(o.text)]
            if nat:
                return [self.table.country(country_of(nat[0].text))]
        return []

    def people_in_phrase(self, tok: Token) -> list[str]:
        """Every person named inside the noun phrase headed by ``tok``.

        Lists that the parser reads as appositions ("Foreign Minister of A H.E.
        X, Foreign Minister of B H.E. Y") give all their names; possessors
        ("Erdogan's adviser Z"), clauses and adverbial phrases are left out.
        """
        keys: list[str] = []
        # a phrase does not reach past the next verb: "The head of government met ..., X"
        # is not "the head of government X", whatever the parser attached
        end = next((t.i for t in tok.doc[tok.i + 1:tok.sent.end] if t.pos_ in ("VERB", "AUX")), tok.sent.end)
        todo: list[tuple[Token, str | None]] = [(tok, None)]
        while todo:
            t, owner = todo.pop(0)  # owner: the person whose name or title a modifier chain is in
            if t.i >= end:
                continue
            key = self.table.actor_at(t.i)
            is_person = bool(key) and self.table.actors[key].kind == "person"
            if is_person and owner and key != owner and not any(c.dep_ in ("cc", "conj") for c in t.children):
                continue  # "Putin aide Yuri Ushakov": a name in the modifiers of another names someone else
                # (unless coordinated: the parser may hang "A and B" as a modifier of B)
            if is_person and key not in keys:
                keys.append(key)
            todo.extend((c, (key if is_person else owner) if c.dep_ in MODIFIER_LINKS else None)
                        for c in t.children if (c.dep_ not in PHRASE_STOP or c.dep_ == "conj" and t is not tok)
                        and not (c.dep_ == "prep" and c.lower_ not in ("of", "from", "for")
                                 and not (c.lower_ == "to" and noun_lemma(t) in ROLE_NOUNS)  # "Envoy to X, Y"
                                 and not _companion(c)))
        return keys

    def _titled_after(self, tok: Token) -> str | None:
        """The person right after a country and a title ("Solomon Islands Prime Minister B"),
        when the parser left B out of the country's phrase; else None."""
        doc, i = tok.doc, tok.i + 1
        while i < tok.sent.end and self.table.actor_at(i) == self.table.actor_at(tok.i):
            i += 1
        start = i
        while i < tok.sent.end and doc[i].lower_.rstrip(".") in TITLE_WORDS:
            i += 1
        key = self.table.actor_at(i) if i > start else None
        if key is None or self.table.actors[key].kind != "person" or tok.is_ancestor(doc[i]):
            return None
        return key

    def _title_run(self, tok: Token) -> str | None:
        """The person named right after a long title that the parser broke off its name:
        "Minister of State for African Affairs A" read as "Minister" with "for ... A" hung on
        the verb.  Only capitalised words and "of", "for", "the", "and" may stand between."""
        doc = tok.doc
        starts = {s: k for s, _e, k in self.table.mentions if self.table.actors[k].kind == "person"}
        for t in doc[tok.i + 1:min(tok.sent.end, tok.i + 12)]:
            if t.i in starts:
                return starts[t.i]
            if not (t.is_title or t.is_upper or t.lower_ in TITLE_JOINERS) or t.is_punct:
                return None
        return None

    def _pronoun(self, tok: Token) -> list[str]:
        low = tok.lower_
        if low in GROUP_PRONOUNS or low in ("we", "us"):
            if self.last_group:
                return list(self.last_group)
            recent = self.mentions_before(tok.i)
            return recent[:2] if len(recent) >= 2 else []
        if low in PERSON_PRONOUNS:
            bound = self._bound_in_sentence(tok)
            if bound:
                return [bound]
            own = self._own_subject(tok)  # "The host, A, welcomed him": not A
            subj = self._last_subject(tok, exclude=own)
            if subj:
                return [subj]
            recent = [k for k in self.mentions_before(tok.i) if k not in own]
            return recent[:1]
        if low in RELATIVE_PRONOUNS:  # "B, who met A", "B, whom A received", "B, with whom A signed"
            clause = next((a for a in list(tok.ancestors)[:3] if a.dep_ == "relcl"), None)
            return self.resolve(clause.head) if clause is not None else []
        return []

    def _bound_in_sentence(self, tok: Token) -> str | None:
        """The person a pronoun refers to inside its own sentence, by the clauses it sits in.

        Climbing from the pronoun: the possessor of a noun the clause depends on ("X's
        statement that he had met"), the subject of a governing clause ("X flew to L, where
        he met Y", "X said he"), or the antecedent of a relative clause whose subject is
        "who" ("Y, who said he"); never the subject of the pronoun's own clause unless the
        pronoun is a possessive ("X met him" is not X, "X met his counterpart" is);
        a subject after the pronoun only when the pronoun is in a fronted phrase ("During
        his meeting with A, B ...", "When she arrived, B ...").  None when the clauses name
        no one that fits, to fall back on salience.
        """
        child, node = tok, tok.head
        own_clause = True  # "X met him": not X (but "X met his counterpart": X)
        while child.head.i != child.i:
            if node.pos_ in ("NOUN", "PROPN") and child.dep_ != "poss":
                for c in node.children:
                    if c.dep_ == "poss" and c.i < tok.i and (key := self._one_person(c, tok)):
                        return key
            if node.pos_ in ("VERB", "AUX"):
                fronted = child.i < node.i and child.dep_ in ("prep", "advcl", "npadvmod")
                for c in node.children:
                    if c.dep_ not in ("nsubj", "nsubjpass") or c.i == child.i or (own_clause and tok.dep_ != "poss"):
                        continue
                    if c.lower_ in RELATIVE_PRONOUNS and node.dep_ == "relcl":
                        c = node.head  # "Y, who said he ...": Y
                    elif c.tag_.startswith("PRP") or not (c.i < tok.i or fronted):
                        continue
                    if key := self._one_person(c, tok):
                        return key
                own_clause = False
            child, node = node, node.head
        return None

    def _one_person(self, tok: Token, pronoun: Token) -> str | None:
        """The one person a phrase names, if the pronoun's gender does not rule them out."""
        keys = self.people_in_phrase(tok) or [k for k in [self.table.actor_at(tok.i)] if k]
        keys = [k for k in keys if self.table.actors[k].kind == "person"]
        if len(keys) != 1 or not self._gender_fits(keys[0], pronoun):
            return None
        return keys[0]

    def _gender_fits(self, key: str, pronoun: Token) -> bool:
        """"she" is not a king or a "Mr", "he" not a queen or a "Ms" (by recorded titles only)."""
        want = PRONOUN_GENDER.get(pronoun.lower_)
        if want is None:
            return True
        titles = {w for r in self.table.actors[key].roles for w in re.findall(r"[\w-]+", r.lower())}
        other = MALE_TITLES if want == "female" else FEMALE_TITLES
        return not titles & other

    def _own_subject(self, tok: Token) -> set[str]:
        """The people who are the subject of the clause in which a pronoun is an object ("A
        welcomed him", "A held talks with him"): a pronoun that is not reflexive is not them."""
        verb = tok.head
        if tok.dep_ == "pobj" and verb.dep_ == "prep":
            verb = verb.head
        if tok.dep_ not in ("dobj", "dative", "pobj") or verb.pos_ not in ("VERB", "AUX"):
            return set()
        return {k for s in verb.children if s.dep_ == "nsubj" for k in self.people_in_phrase(s)}

    def _last_subject(self, tok: Token, among: set[str] | None = None, unique: bool = False,
                      lead: str | None = None, exclude: set[str] = frozenset()) -> str | None:
        """The most salient person before ``tok``: recent mentions count more, subjects double,
        and the article's ``lead`` figure, if given, keeps a weight that does not fade.

        People named later in the same sentence are left out ("he was welcomed
        by Erdogan" is not Erdogan).
        """
        doc = tok.doc
        if not self.sentence_index:
            self.sentence_index = {s.start: n for n, s in enumerate(doc.sents)}
        sents = self.sentence_index
        here = sents[tok.sent.start]
        later = {k for s, _e, k in self.table.mentions if tok.sent.start <= s < tok.sent.end and s > tok.i}
        scores: dict[str, float] = {}
        for s, k in self.virtual:  # subjects resolved earlier: "He ...", "The Kazakh president ..."
            if s < tok.i and k not in later:
                scores[k] = scores.get(k, 0.0) + 2.0 * DECAY ** (here - sents[doc[s].sent.start])
        for s, _e, k in self.table.mentions:
            if s >= tok.i or self.table.actors[k].kind != "person" or k in later:
                continue
            root = doc[s]
            while root.head.i != root.i and root.dep_ in ("compound", "flat", "conj", "appos"):
                root = root.head
            weight = 2.0 if root.dep_ in ("nsubj", "nsubjpass") else 0.5
            distance = here - sents[doc[s].sent.start]
            scores[k] = scores.get(k, 0.0) + weight * (DECAY ** distance)
        if lead in scores:
            scores[lead] += LEAD_WEIGHT
        if among is not None:
            scores = {k: v for k, v in scores.items() if k in among}
        scores = {k: v for k, v in scores.items() if k not in exclude}
        scores = {k: v for k, v in scores.items() if self._gender_fits(k, tok)}
        if not scores:
            return None
        best = max(scores, key=scores.get)
        if unique and sum(1 for v in scores.values() if abs(v - scores[best]) < 1e-9) > 1:
            return None  # "A and B opened the summit. The leader ...": two fit equally, none is meant
        return best

    def _by_tense(self, keys: list[str], former: bool) -> list[str]:
        """"the former Cambodian leader" is one whose recorded role is former; "the leader" is
        not, when anyone else fits."""
        def was(k: str) -> bool:
            return any(w in FORMER_WORDS for r in self.table.actors[k].roles for w in re.findall(r"[\w]+", r.lower()))
        if former:
            return [k for k in keys if was(k)]
        current = [k for k in keys if not was(k)]
        return current or keys

    def _description(self, tok: Token) -> list[str]:
        """"the Kazakh president", "the visiting prime minister", "the head of government".

        A bare title outside the subject ("received by Minister of State for Railways X",
        "Y, Minister of Energy") is not an anaphor: it names someone (maybe not recognised
        as a name), never the last one; a bare subject ("Executive Director held talks") is.
        """
        if not any(c.dep_ in ("det", "poss") for c in tok.children) and tok.dep_ not in ("nsubj", "nsubjpass"):
            return []
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss")]
        of = [p for prep in tok.children if prep.dep_ == "prep" and prep.lower_ == "of"
              for p in prep.children if p.dep_ == "pobj"]
        country = next((country_of(c.text) for c in mods + of if country_of(c.text)), None)
        bodies = [c.lower_ for c in mods if c.pos_ == "PROPN" and not country_of(c.text)]  # "the UN chief"
        lemma = noun_lemma(tok)
        if lemma == "head" and of and of[0].lemma_.lower() in HEAD_OF:
            wanted = HEAD_OF[of[0].lemma_.lower()]
        elif lemma == "minister":
            wanted = (" ".join([c.lower_ for c in tok.children if c.dep_ == "compound"] + ["minister"]),)
        else:
            wanted = ROLE_SYNONYMS.get(lemma, (tok.lower_,))
        candidates = []
        for k in self.mentions_before(tok.i):
            actor = self.table.actors[k]
            if country and actor.country != name_key(country):
                continue
            roles = " ".join(actor.roles).lower()
            if not all(re.search(rf"\b{re.escape(b)}\b", roles) for b in bodies):
                continue  # "the UN chief" holds a UN office
            if "" in wanted or any(w in roles for w in wanted):
                candidates.append(k)
        candidates = self._by_tense(candidates, any(c.lower_ in FORMER_WORDS for c in mods))
        own = self._clause_subjects(tok)  # "A was greeted by the president" is not A
        candidates = [k for k in candidates if k not in own] if len(candidates) > 1 else candidates
        if len(candidates) <= 1:
            return [k for k in candidates if k not in own]
        best = self._last_subject(tok, among=set(candidates), unique=True, lead=self._lead_person(tok.doc))
        return [best] if best else []

    def _clause_subjects(self, tok: Token) -> set[str]:
        """The people who are the subject of the clause ``tok`` is an argument of, including the
        understood subject of an infinitive ("A was the next to be greeted by ...": A)."""
        node = tok.head
        while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
            node = node.head
        out: set[str] = set()
        for _ in range(3):
            for c in node.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    out.update(self.people_in_phrase(c) or [k for k in [self.table.actor_at(c.i)] if k])
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
            if not infinitive or node.dep_ not in ("xcomp", "relcl", "acl"):
                break
            node = node.head.head if node.dep_ in ("relcl", "acl") and node.head.dep_ == "attr" else node.head
        return out

    def _lead_person(self, doc) -> str | None:
        """The one person the article's first sentence naming people names, if only one: the
        figure a bare "the Head of State" or "the President" most often means later on."""
        if self.lead is None:
            self.lead = ""
            firsts = [(s, k) for s, _e, k in self.table.mentions if self.table.actors[k].kind == "person"]
            if firsts:
                sent = doc[firsts[0][0]].sent
                people = {k for s, k in firsts if sent.start <= s < sent.end}
                self.lead = next(iter(people)) if len(people) == 1 else ""
        return self.lead or None
