"""Times that are no single day ("last week", "earlier this month", "in 2009", "in September
last year"), as the first and last day of the period they name.

A sentence set at such a time gives its event no date, but the period still
tells two mentions apart ("they last met in 2009" is not the meeting of this
week) and joins a day inside it ("met on Tuesday" and "met last week").
Relative periods are resolved against the article's date.

>>> resolve_period("last week", "2024-04-26")  # a Friday: the week before its own
('2024-04-15', '2024-04-21')
>>> resolve_period("earlier this month", "2024-04-26")
('2024-04-01', '2024-04-26')
>>> resolve_period("in September last year", "2024-04-26")
('2023-09-01', '2023-09-30')
>>> resolve_period("In 2009", None), resolve_period("in May", "2025-03-11")
(('2009-01-01', '2009-12-31'), ('2024-05-01', '2024-05-31'))
>>> resolve_period("last month", None) is None  # relative, and no article date
True
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_MONTH = re.compile(rf"\b({'|'.join(MONTHS)})\b", re.I)
_LAST = r"(?:last|previous|past)"
_THIS = r"(?:this|earlier\s+this|so\s+far\s+this|the\s+current)"


def _month(year: int, month: int) -> tuple[str, str]:
    return date(year, month, 1).isoformat(), date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def _year(year: int) -> tuple[str, str]:
    return date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()


def _base(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def resolve_period(text: str, base: str | None) -> tuple[str, str] | None:
    """``(first day, last day)`` of the period a date phrase names, or None (see the module notes)."""
    t = " ".join(text.lower().split())
    day = _base(base)
    year, month = _YEAR.search(t), _MONTH.search(t)
    if year and month:
        return _month(int(year.group(1)), MONTHS.index(month.group(1).lower()) + 1)
    if year:
        return _year(int(year.group(1)))
    if day is None:
        return None
    if month:  # "in May", "in September last year": the latest such month up to the article
        m = MONTHS.index(month.group(1).lower()) + 1
        y = day.year - 1 if re.search(rf"{_LAST} year", t) else day.year - (1 if m > day.month else 0)
        return _month(y, m)
    monday = day - timedelta(days=day.weekday())
    if re.search(rf"\b{_LAST} week\b", t):
        return (monday - timedelta(days=7)).isoformat(), (monday - timedelta(days=1)).isoformat()
    if re.search(rf"\b{_THIS} week\b", t):
        return monday.isoformat(), day.isoformat()
    if re.search(rf"\b{_LAST} month\b", t):
        first = day.replace(day=1) - timedelta(days=1)
        return _month(first.year, first.month)
    if re.search(rf"\b{_THIS} month\b", t):
        return day.replace(day=1).isoformat(), day.isoformat()
    if re.search(rf"\b{_LAST} year\b", t):
        return _year(day.year - 1)
    if re.search(rf"\b{_THIS} year\b", t):
        return date(day.year, 1, 1).isoformat(), day.isoformat()
    return None
