"""Group phrases: "the two leaders", "both sides", "the presidents of A and B", "G7 leaders".

:class:`GroupResolution` is the part of :class:`kg.extract.coref.Resolver` that
resolves a plural or numbered group noun.  A group is resolved only when its number,
nationality and office agree with the people in focus; an open group ("G7 leaders",
"several ministers", "all the leaders of the region", "her counterparts") gives no
one, since binding it to whoever was named last made false facts on unseen news.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from kg.extract.lexicon import (COUNTRY_GROUP_NOUNS, ROLE_NOUNS, country_of, mapping, noun_lemma, ordered, singular,
                                words)
from kg.extract.mentions import sentence_ents
from kg.names import name_key

NUMBER_WORDS: dict[str, int] = mapping("number_words")
OFFICE_MODIFIERS = words("office_modifiers")
DELEGATION_NOUNS = words("delegation_nouns")
LEADER_NOUNS = words("leader_nouns")
GROUP_QUANTIFIERS = words("group_quantifiers")
GROUP_MODIFIERS = words("group_anaphoric_modifiers")
LEADER_ROLES = ordered("leader_roles")
DEPUTY = re.compile(r"\b(" + "|".join(map(re.escape, ordered("deputy_words"))) + r")\b")
# a role noun -> the roles it fits; "" fits any role
ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {**mapping("role_synonyms"),
                                             **dict.fromkeys(ordered("open_role_nouns"), ("",))}


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the tokens conjoined to it ("A, B and C")."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop(0)
        out.append(t)
        conj = [c for c in t.children if c.dep_ == "conj"]
        todo.extend(conj)
        if not conj:
            todo.extend(_orphan_conjunct(t))
    return out


def _orphan_conjunct(tok: Token) -> list[Token]:
    """The second half of a coordination the parser broke off: in "between A and B took
    place" B may be parsed as a subject; "and" still hangs on A."""
    cc = [c for c in tok.children if c.dep_ == "cc" and c.lower_ in ("and", "&")]
    if not cc:
        return []
    nxt = next((e for e in sentence_ents(tok.sent) if e.start > cc[-1].i and e.label_ in ("PERSON", "GPE", "ORG")),
               None)
    if nxt is None:
        return []
    between = tok.doc[cc[-1].i + 1:nxt.start]
    if any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in between):
        return []
    return [nxt.root] if nxt.root.i != tok.i else []


class GroupResolution:
    """Group phrases, for :class:`kg.extract.coref.Resolver` (which supplies ``table``,
    ``last_group``, ``resolve`` and ``mentions_before``)."""

    def _number(self, tok: Token) -> int | None:
        correlative = any(c.dep_ == "conj" for c in tok.children) or tok.dep_ == "conj"
        for c in tok.children:
            if c.lower_ == "both" and correlative:
                continue  # "welcomed both the leaders and the secretary-general"
            if c.lower_ in NUMBER_WORDS:
                return NUMBER_WORDS[c.lower_]
            if c.dep_ == "nummod" and c.text.isdigit():  # "the 18 heads of state"
                return int(c.text)
            if c.dep_ in ("predet", "det") and c.lower_ == "both":
                return 2
        return None

    def _group(self, tok: Token) -> list[str]:
        """"the two leaders", "both sides", "the presidents", "the presidents of A, B and C".

        A group is resolved only when number, nationality and office agree with the
        people in focus; an open group ("G7 leaders", "several ministers", "all the
        leaders of the region", "her counterparts") gives no one.
        """
        n = self._number(tok)
        listed = self._listed_after_colon(tok, n) or self._named_after_comma(tok, n)
        if listed:
            return listed
        lemma = noun_lemma(tok)
        of = self._of_phrases(tok) if lemma not in COUNTRY_GROUP_NOUNS else []
        if not of and self._open_group(tok):
            return []
        office = " ".join([c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")
                           and c.lower_ in OFFICE_MODIFIERS]
                          + [lemma])  # "the two prime ministers" are not any two ministers
        if lemma in COUNTRY_GROUP_NOUNS and lemma not in DELEGATION_NOUNS:
            return self._countries(tok, n)
        if lemma in DELEGATION_NOUNS:  # "the delegations of the two countries": the countries
            of = [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                  for o in p.children if o.dep_ == "pobj"]
            return [k for o in of for c in conjuncts(o) for k in self.resolve(c)
                    if self.table.actors[k].kind == "country"]  # "their delegations": not the leaders
        nat = self._nationalities(tok)
        if of:  # "the presidents of Kazakhstan, Kyrgyzstan and Uzbekistan", "ministers from both sides"
            countries = list(dict.fromkeys(k for o in of for c in conjuncts(o) for k in self._country_keys(c)))
            members = list(dict.fromkeys(k for c in countries for k in self.table.persons()
                                         if self.table.actors[k].country == c and self._has_role(k, office)))
            if len(members) < len(countries):  # people of that office in focus whose country is not known
                unknown = [k for k in self.mentions_before(tok.i) if k not in members
                           and self.table.actors[k].country is None and self._has_role(k, office)]
                members += unknown[:len(countries) - len(members)]
            return members if len(members) >= 2 else []
        if ROLE_SYNONYMS.get(lemma) == ("",) and lemma not in LEADER_NOUNS:
            # "her counterparts": only a group of exactly that number already in focus
            return list(self.last_group) if n and len(self.last_group) == n and self._all_people(
                self.last_group, nat) else []

        def fits(key: str, loose: bool = False) -> bool:
            actor = self.table.actors[key]
            if nat and actor.country not in nat:
                return False
            return self._has_role(key, office) or (loose and not self._has_office(key))

        candidates = self.mentions_before(tok.i)
        matching = [k for k in candidates if fits(k)]
        if matching:  # "his counterpart X" of one of them holds the same office
            matching += [k for k in candidates if k not in matching and self._counterpart(k, nat)]
        group_fits = (self._all_people(self.last_group, nat) and (n is None or len(self.last_group) == n)
                      and all(fits(k, loose=True) for k in self.last_group))
        if n is not None:
            if group_fits:
                return list(self.last_group)
            if len(matching) < n:
                return []
            mixed = {*matching[:n]} & {*self.last_group} and {*matching[:n]} != {*self.last_group}
            if mixed and len(self.last_group) == n and self._all_people(self.last_group, nat):
                # "A met Vice-President B ... (an ally of President C) ... the two leaders": one
                # of the pair in focus with a bystander is no pair; the pair is, deputy or not
                return list(self.last_group)
            return matching[:n]
        if len(matching) < 2 and any(c.lower_ == "the" for c in tok.children):
            # "the leaders" before the article lists them: everyone of that office in the article
            later = [k for k in self.table.persons() if fits(k)]
            matching = later if len(later) >= 2 else matching
        if len(matching) >= 2:  # "the presidents": all of them
            return matching
        return list(self.last_group) if group_fits else []

    def _has_office(self, key: str) -> bool:
        """Does any recorded role of a person name an office (not only "Dr" or "Sayyid")?"""
        return any(singular(w) in ROLE_NOUNS for r in self.table.actors[key].roles
                   for w in re.findall(r"[\w-]+", r.lower()))

    def _counterpart(self, key: str, nat: set[str]) -> bool:
        actor = self.table.actors[key]
        return (not nat or actor.country in nat) and any("counterpart" in r.lower() for r in actor.roles)

    def _all_people(self, keys: list[str], nat: set[str]) -> bool:
        return len(keys) >= 2 and all(self.table.actors[k].kind == "person" for k in keys) and (
            not nat or all(self.table.actors[k].country in nat for k in keys))

    def _open_group(self, tok: Token) -> bool:
        """Is a plural group noun an open set rather than people in focus?  "G7 leaders",
        "world leaders", "several ministers", "all the leaders", "former presidents", "heads of
        state participating in the summit", a bare "officials"."""
        kids = list(tok.children)
        if any(c.lower_ in GROUP_QUANTIFIERS for c in kids):
            return True
        if any(c.dep_ in ("acl", "relcl") for c in kids):
            return True
        for c in kids:
            if c.dep_ in ("amod", "compound", "nmod", "npadvmod") and not (
                    c.lower_ in OFFICE_MODIFIERS or c.lower_ in GROUP_MODIFIERS or c.lower_ in NUMBER_WORDS
                    or c.like_num or country_of(c.text)):
                return True
        definite = any(c.dep_ in ("det", "poss", "nummod", "predet") for c in kids)
        return not definite and not self._of_phrases(tok)

    def _of_phrases(self, tok: Token) -> list[Token]:
        """The objects of "of" / "from" after a group noun that say whose people they are; not
        the office's own words ("heads of state", "ministers of foreign affairs")."""
        out = []
        for p in tok.children:
            if p.dep_ != "prep" or p.lower_ not in ("of", "from"):
                continue
            for o in p.children:
                if o.dep_ != "pobj":
                    continue
                part_of_office = (o.pos_ == "NOUN" and (o.tag_ == "NN" or noun_lemma(o) not in COUNTRY_GROUP_NOUNS)
                                  and not any(c.dep_ in ("det", "poss", "amod", "nummod") for c in o.children))
                if not part_of_office:
                    out.append(o)
        return out

    def _country_keys(self, tok: Token) -> list[str]:
        """The countries a token names: "Kenya", "Kenyan", "the two countries", "both sides"."""
        name = country_of(tok.text)
        if name:
            return [name_key(name)]
        if noun_lemma(tok) in COUNTRY_GROUP_NOUNS:
            return [k for k in self.resolve(tok) if self.table.actors[k].kind == "country"]
        key = self.table.actor_at(tok.i)
        return [key] if key and self.table.actors[key].kind == "country" else []

    def _nationalities(self, tok: Token) -> set[str]:
        """The countries named before a group noun: "the Vietnamese leaders", "Kenya's ministers"."""
        return {name_key(c) for t in tok.children if t.dep_ in ("amod", "compound", "poss")
                for x in conjuncts(t) for c in [country_of(x.text)] if c}  # "the Kenyan and Ugandan leaders"

    def _listed_after_colon(self, tok: Token, n: int | None) -> list[str]:
        """"Three other heads of state attended the inauguration: A of X, B of Y and C of Z": the
        people listed after a colon in the group's own sentence (no more than the number says)."""
        colon = next((t for t in tok.doc[tok.i + 1:tok.sent.end] if t.text == ":"), None)
        if colon is None or tok.dep_ not in ("nsubj", "nsubjpass"):
            return []
        keys: list[str] = []
        for t in tok.doc[colon.i + 1:tok.sent.end]:
            key = self.table.actor_at(t.i)
            if key and self.table.actors[key].kind == "person" and key not in keys:
                keys.append(key)
        return keys if len(keys) >= 2 and (n is None or len(keys) <= n) else []  # a name may be missed

    def _named_after_comma(self, tok: Token, n: int | None) -> list[str]:
        """"the Kenyan and Ghanaian presidents, A and B", "the foreign ministers of Kenya and
        Ghana, A and B": the people named right after the group phrase and a comma, whatever
        the parser hung them on (no more than the number says, two at least)."""
        doc, i = tok.doc, tok.i + 1
        while i < tok.sent.end and doc[i].text != ",":
            if doc[i].pos_ in ("VERB", "AUX") or self._kind_at(i) not in (None, "country"):
                return []  # another clause, or someone named inside the phrase
            i += 1
        if i >= tok.sent.end:
            return []
        keys: list[str] = []
        for t in doc[i + 1:tok.sent.end]:
            key = self.table.actor_at(t.i)
            if key and self.table.actors[key].kind == "person":
                if key not in keys:
                    keys.append(key)
            elif t.lower_ not in (",", "and") and not (key is None and t.ent_type_ == "PERSON"):
                break
        return keys if len(keys) >= 2 and (n is None or len(keys) == n) else []

    def _kind_at(self, i: int) -> str | None:
        key = self.table.actor_at(i)
        return self.table.actors[key].kind if key else None

    def _has_role(self, key: str, lemma: str) -> bool:
        """Does a person's recorded role fit a role noun ("leader" fits any head of state or government)?"""
        roles = [r.lower() for r in self.table.actors[key].roles]
        if lemma in LEADER_NOUNS:  # heads of state or government, not their deputies
            return any(w in r for r in roles for w in LEADER_ROLES if not DEPUTY.search(r))
        wanted = ROLE_SYNONYMS.get(lemma, (lemma,))
        return any(w and w in r for r in roles for w in wanted)

    def _countries(self, tok: Token, n: int | None) -> list[str]:
        recent = self.mentions_before(tok.i, kind="country")
        n = n or 2
        return recent[:n] if len(recent) >= n else []
