"""Dependency patterns that find relation triggers, as data.

Each entry names a pattern for spaCy's ``DependencyMatcher``; the first node
(``trigger``) is the word whose grammar decides the event's modality, the
other nodes anchor its arguments.  :mod:`kg.extract.relations` turns matches
into facts.
"""
from __future__ import annotations

MEET_TRANSITIVE = ["meet", "receive", "host", "welcome", "greet"]
MEET_WITH_VERBS = ["meet", "talk", "confer", "negotiate", "discuss", "converse", "exchange", "sit",
                   "deliberate", "consult", "engage", "speak", "hold", "have", "conduct", "chair"]
MEETING_NOUNS = ["meeting", "meetings", "talks", "talk", "discussion", "discussions", "negotiations",
                 "consultations", "conversation", "tete-a-tete", "tête-à-tête", "audience",
                 "encounter", "summit", "session"]
SIGN_VERBS = ["sign", "ink", "initial", "conclude", "countersign"]
# light verbs of "put their signatures to X", "affixed his signature on X"
SIGNATURE_VERBS = ["put", "affix", "set", "add", "place", "append", "lay"]
ATTEND_VERBS = ["attend", "participate", "witness", "join", "grace", "chair", "co-chair", "host", "address"]
AT_EVENT_NOUNS = ["summit", "ceremony", "forum", "conference", "meeting", "session", "funeral", "inauguration",
                  "lunch", "luncheon", "dinner", "banquet", "reception", "signing", "talks", "celebration",
                  "parade", "commemoration", "opening", "gathering", "congress", "assembly", "event"]
CALL_NOUNS = ["call", "conversation", "talk", "talks", "conference", "conversations", "calls", "discussion"]
CALL_MARKERS = ["phone", "telephone", "video", "virtual", "online", "videoconference", "telephonic", "zoom"]


def _node(name: str, attrs: dict, left: str | None = None, rel: str = ">") -> dict:
    node = {"RIGHT_ID": name, "RIGHT_ATTRS": attrs}
    if left:
        node.update({"LEFT_ID": left, "REL_OP": rel})
    return node


PATTERNS: dict[str, list[list[dict]]] = {
    # "A met B", "A received B", "B was welcomed by A"
    "meet_verb": [[_node("trigger", {"LEMMA": {"IN": MEET_TRANSITIVE}, "POS": {"IN": ["VERB", "AUX"]}})]],
    # "A met with B", "A discussed X with B", "A and B discussed ..."
    "meet_with": [[_node("trigger", {"LEMMA": {"IN": MEET_WITH_VERBS}, "POS": {"IN": ["VERB", "AUX"]}}),
                   _node("prep", {"LOWER": {"IN": ["with", "alongside"]}, "DEP": "prep"}, "trigger")]],
    "joint_discuss": [[_node("trigger", {"LEMMA": {"IN": ["meet", "talk", "confer", "discuss", "negotiate",
                                                          "convene", "gather", "exchange"]},
                                         "POS": {"IN": ["VERB", "AUX"]}}),
                       _node("subj", {"DEP": "nsubj"}, "trigger")]],
    # "A exchanged a letter of intent on cooperation with B" (the "with" phrase attached low)
    "deep_with": [[_node("trigger", {"LEMMA": {"IN": ["exchange", "discuss", "sign", "ink"]},
                                     "POS": {"IN": ["VERB"]}}),
                   _node("prep", {"LOWER": "with", "DEP": "prep"}, "trigger", ">>")]],
    # "A held talks with B", "A and B held talks", "A had a meeting with B"
    "hold_meeting": [[_node("trigger", {"LEMMA": {"IN": ["hold", "have", "conduct", "chair", "co-chair"]}}),
                      _node("noun", {"LOWER": {"IN": MEETING_NOUNS}, "DEP": {"IN": ["dobj", "nsubjpass"]}}, "trigger")]],
    # "the two prime ministers led their delegations in a meeting / in talks"
    "led_into_meeting": [[_node("trigger", {"LEMMA": {"IN": ["lead", "head"]}, "POS": "VERB"}),
                          _node("prep", {"LOWER": {"IN": ["in", "at"]}}, "trigger"),
                          _node("noun", {"LOWER": {"IN": MEETING_NOUNS}, "DEP": "pobj"}, "prep")]],
    # "talks between A and B", "the meeting of A and B", "his meeting with B"
    "meeting_noun": [[_node("trigger", {"LOWER": {"IN": MEETING_NOUNS}, "POS": {"IN": ["NOUN", "PROPN"]}}),
                      _node("prep", {"LOWER": {"IN": ["between", "with", "among"]}, "DEP": "prep"}, "trigger")]],
    # "a meeting between A and B took place" (the phrase hung on the verb)
    "meeting_noun_on_verb": [[_node("trigger", {"LOWER": {"IN": MEETING_NOUNS}, "DEP": {"IN": ["nsubj", "nsubjpass"]}}),
                              _node("verb", {"POS": {"IN": ["VERB", "AUX"]}}, "trigger", "<"),
                              _node("prep", {"LOWER": {"IN": ["between", "among"]}, "DEP": "prep"}, "verb")]],
    # "the session brought together A, B and C"
    "bring_together": [[_node("trigger", {"LEMMA": {"IN": ["bring", "gather"]}, "POS": "VERB"}),
                        _node("together", {"LOWER": "together"}, "trigger")]],
    # "A called on B" (a courtesy visit)
    "call_on": [[_node("trigger", {"LEMMA": {"IN": ["call", "pay"]}}),
                 _node("prep", {"LOWER": "on", "DEP": {"IN": ["prep", "prt"]}}, "trigger")]],
    # "A and B signed X", "X was signed by A", "X was signed between A and B"
    "sign_verb": [[_node("trigger", {"LEMMA": {"IN": SIGN_VERBS}, "POS": {"IN": ["VERB", "AUX"]}})]],
    # "A and B put their signatures to X", "A affixed his signature on X"
    "put_signature": [[_node("trigger", {"LEMMA": {"IN": SIGNATURE_VERBS}, "POS": "VERB"}),
                       _node("noun", {"LEMMA": "signature", "DEP": "dobj"}, "trigger")]],
    # "the signing of X between A and B"
    "signing_noun": [[_node("trigger", {"LOWER": {"IN": ["signing", "conclusion", "inking"]}, "POS": "NOUN"}),
                      _node("prep", {"LOWER": {"IN": ["between", "by"]}}, "trigger")]],
    # "A attended X", "X was attended by A", "A took part / participated in X"
    "attend_verb": [[_node("trigger", {"LEMMA": {"IN": ATTEND_VERBS}, "POS": {"IN": ["VERB", "AUX"]}})]],
    # "At the ceremony, A and B signed ...", "A spoke at the summit": being at an event
    "at_event": [[_node("trigger", {"POS": "VERB"}),
                  _node("prep", {"LOWER": {"IN": ["at", "during"]}, "DEP": "prep"}, "trigger"),
                  _node("event", {"DEP": "pobj", "LEMMA": {"IN": AT_EVENT_NOUNS}}, "prep")]],
    # "He was given a red-carpet welcome by A"
    "welcome_noun": [[_node("trigger", {"LEMMA": {"IN": ["welcome", "reception"]}, "POS": "NOUN"}),
                      _node("by", {"LOWER": {"IN": ["by", "from"]}}, "trigger")]],
    "take_part": [[_node("trigger", {"LEMMA": "take"}),
                   _node("part", {"LOWER": "part", "DEP": "dobj"}, "trigger")]],
    # "A, B and C were present at X", "Other heads of state present include A"
    "present": [[_node("trigger", {"LOWER": "present", "POS": {"IN": ["ADJ", "NOUN", "ADV", "VERB"]}})]],
    # "a telephone conversation took place between A and B", "A phoned B"
    "call_noun": [[_node("trigger", {"LOWER": {"IN": CALL_NOUNS}}),
                   _node("marker", {"LOWER": {"IN": CALL_MARKERS}}, "trigger")]],
    "call_verb": [[_node("trigger", {"LEMMA": {"IN": ["phone", "telephone", "call", "dial", "ring"]},
                                     "POS": "VERB"})]],
    "speak_by_phone": [[_node("trigger", {"LEMMA": {"IN": ["speak", "talk", "hold", "have", "confer"]}}),
                        _node("prep", {"LOWER": {"IN": ["by", "over", "on", "via"]}}, "trigger"),
                        _node("marker", {"LOWER": {"IN": CALL_MARKERS + ["phone", "telephone", "link"]}}, "prep")]],
}
