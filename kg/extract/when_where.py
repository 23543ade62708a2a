"""When and where an event took place: dates resolved against the article date,
places from "in Ankara", "at the presidential complex".
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.tokens import Span, Token

from kg.extract.lexicon import EVENT_TYPES, words
from kg.extract.mentions import sentence_ents
from kg.extract.periods import MONTHS, resolve_period

PLACE_PREPS = words("place_prepositions")
SIDELINES = words("sidelines_nouns")
WEEKDAYS = ["mon", "tues", "wednes", "thurs", "fri", "satur", "sun"]
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _as_date(value: str | None) -> date | None:
    """An ISO date string as a date; None when missing or not a real day ("2025-13-01")."""
    if not value or not _ISO.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def resolve_date(text: str, base: str | None, forward: bool = False) -> str | None:
    """An ISO date for a date expression, relative ones resolved against ``base``.

    >>> resolve_date("on Thursday", "2024-04-26")
    '2024-04-25'
    >>> resolve_date("Monday", "2025-03-03")  # the article's own day
    '2025-03-03'
    >>> resolve_date("Friday", "2025-03-04", forward=True)  # a plan: the coming Friday
    '2025-03-07'
    >>> resolve_date("On Monday", "2025-03-04")  # at the head of a sentence too
    '2025-03-03'
    >>> resolve_date("yesterday", "2024-04-26")
    '2024-04-25'
    >>> resolve_date("April 20, 2015", None)
    '2015-04-20'
    >>> resolve_date("in May", "2025-03-11") is None  # a month is not a day
    True
    >>> resolve_date("on 14 November", None)  # a day of an undated article: its year is unknown
    '--11-14'
    """
    import dateparser

    text = re.sub(r"^(on|in|last|this|the)\s+", lambda m: "" if m.group(1).lower() in ("on", "the") else m.group(0),
                  text.strip(), flags=re.I)
    if not re.search(r"\d|day|week|month|year|january|february|march|april|may|june|july|august|"
                     r"september|october|november|december|yesterday|today|tonight", text, re.I):
        return None
    settings = {"PREFER_DATES_FROM": "future" if forward else "past", "RETURN_AS_TIMEZONE_AWARE": False,
                "PARSERS": ["relative-time", "absolute-time", "custom-formats"]}
    day = _as_date(base)
    if day:
        settings["RELATIVE_BASE"] = datetime(day.year, day.month, day.day)
    weekday = re.fullmatch(r"(mon|tues|wednes|thurs|fri|satur|sun)day", text, re.I)
    if weekday:  # the latest such day on or before the article's date (the next one for plans)
        if not day:
            return None
        wanted = WEEKDAYS.index(weekday.group(1).lower())
        if forward:
            return (day + timedelta(days=(wanted - day.weekday()) % 7)).isoformat()
        return (day - timedelta(days=(day.weekday() - wanted) % 7)).isoformat()
    if re.fullmatch(r"(19|20)\d\d", text):
        return None  # a bare year is not a day
    if not day and not re.search(r"(19|20)\d\d", text):
        return _month_day(text)  # a relative or year-less date needs the article's date
    if not re.search(r"\b\d{1,2}(st|nd|rd|th)?\b|yesterday|today|tonight|ago|\bday", text, re.I):
        return None  # "in May", "last month", "in 2009": no day to give
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if parsed is None:
        return None
    return parsed.date().isoformat()


_MONTH_DAY = re.compile(rf"(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({'|'.join(MONTHS)})|"
                        rf"({'|'.join(MONTHS)})\s+(\d{{1,2}})(?:st|nd|rd|th)?)"
                        r"(?:\s+(?:morning|afternoon|evening|night))?", re.I)


def _month_day(text: str) -> str | None:
    """``--MM-DD`` (as ``xsd:gMonthDay`` writes it) for a day named without a year ("January 7",
    "14 November") when there is no article date to give the year; None for anything else.
    Such a day still tells two events apart, but is no date of the graph."""
    m = _MONTH_DAY.fullmatch(text.strip())
    if m is None:
        return None
    number, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    day = int(number)
    return f"--{MONTHS.index(month.lower()) + 1:02d}-{day:02d}" if 1 <= day <= 31 else None


def _path_up(tok: Token, top: Token) -> list[Token] | None:
    """The tokens strictly between ``tok`` and its ancestor ``top``; None if ``top`` is no ancestor."""
    path = []
    while tok.i != top.i:
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.i != top.i:
            path.append(tok)
    return path


def attached(ent: Span, trigger: Token) -> bool:
    """Does a date or place phrase belong to the trigger's own event?

    It must hang on the trigger (or, for a noun trigger, on the verb it is an
    argument of) without passing through another verb ("to review a forum
    scheduled for Wednesday") or another event ("ahead of a summit in Tashkent";
    "on the sidelines of the summit in Astana" is still the meeting's place).
    """
    path = _path_up(ent.root, trigger)
    if path is None and trigger.pos_ in ("NOUN", "PROPN") and trigger.head.pos_ in ("VERB", "AUX"):
        path = _path_up(ent.root, trigger.head)
    if path is None:
        return False
    for tok in path:
        if tok.pos_ in ("VERB", "AUX"):
            return False
        if tok.lemma_.lower() in EVENT_TYPES and tok.lower_ not in SIDELINES and not any(
                t.lower_ in SIDELINES for t in path if t.i < tok.i):
            return False
    return True


def event_period(trigger: Token, article_date: str | None) -> tuple[str, str] | None:
    """The period (first and last day) that a DATE phrase attached to the trigger names when it
    names no day ("last week", "in 2009"; :mod:`kg.extract.periods`), or None."""
    ents = [e for e in sentence_ents(trigger.sent) if e.label_ == "DATE" and attached(e, trigger)]
    for e in sorted(ents, key=lambda e: abs(e.start - trigger.i)):
        if _names_a_time(e) and (period := resolve_period(e.text, article_date)) is not None:
            return period
    return None


def event_date(trigger: Token, article_date: str | None, *, forward: bool = False,
               default: str | None = None) -> str | None:
    """The day that a DATE phrase attached to the trigger gives.

    Without such a phrase the event takes ``default`` (the article's date for
    what happened); with one that names no day ("in 2009", "last month") it
    takes none, so that background history is not dated to the article.
    """
    ents = [e for e in sentence_ents(trigger.sent) if e.label_ == "DATE" and attached(e, trigger)]
    for e in sorted(ents, key=lambda e: abs(e.start - trigger.i)):
        iso = resolve_date(e.text, article_date, forward)
        if iso:
            return iso
    return None if any(_names_a_time(e) for e in ents) else default


def _names_a_time(ent: Span) -> bool:
    """A date phrase that places the event in time ("in 2009", "last month"), not a duration."""
    return bool(re.search(r"(19|20)\d\d|january|february|march|april|may|june|july|august|september|"
                          r"october|november|december|last|ago|earlier|previous", ent.text, re.I))


def event_place(trigger: Token) -> str | None:
    """The place named by an "in X" / "at X" phrase attached to the trigger; a venue with the
    city the sentence puts it in: "at the Akorda Palace in Astana" gives "Akorda Palace in Astana"."""
    found: list[Span] = []
    for e in sentence_ents(trigger.sent):
        if e.label_ not in ("GPE", "FAC", "LOC") or not attached(e, trigger):
            continue
        head = e.root
        while head.dep_ in ("compound", "appos", "pobj", "conj") and head.head.i != head.i \
                and head.lower_ not in PLACE_PREPS:
            head = head.head
        if head.lower_ in PLACE_PREPS:
            found.append(e)
    if not found:
        return None
    best = min(found, key=lambda e: abs(e.start - trigger.i))
    city = next((e for e in found if e.label_ == "GPE"), None) if best.label_ == "FAC" else None
    return f"{best.text} in {city.text}" if city is not None else best.text
