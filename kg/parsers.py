"""Parse article formats into :class:`Article` objects; no file or stream handling.

Text with optional header lines (:func:`parse_text`), HTML (:func:`parse_html`,
needs ``bs4``), JSON objects (:func:`parse_record`), whole JSON and JSON Lines
documents (:func:`parse_json`, :func:`parse_jsonl`), plus the helpers they
share: :func:`normalize_text`, :func:`article_id` and :func:`parse_date` (the text
clean-up lives in :mod:`kg.text`).  Every parser makes its article with the same
step: lone surrogates replaced, control characters dropped, runs of punctuation
and very long words tamed (:func:`kg.text.tame_text`), each told by an
:class:`~kg.errors.IngestWarning`.  Bad input raises :class:`~kg.errors.IngestError`, except in ``parse_json`` and
``parse_jsonl``, which yield one per bad record and go on.  Reading files,
directories and stdin is :mod:`kg.ingest`'s job.
"""
from __future__ import annotations

import json
import re
import sys
import warnings
from datetime import date as _date, datetime
from typing import Any, Iterable, Iterator

from kg.errors import IngestError, IngestWarning
from kg.model import Article
from kg.text import (
    article_id, clean_value, normalize_text, removed_characters, replace_surrogates, tame_text,
)

__all__ = ["normalize_text", "removed_characters", "article_id", "clean_value", "replace_surrogates",
           "tame_text", "parse_date", "parse_text", "parse_html", "parse_record", "parse_json", "parse_jsonl"]


_ISO_PREFIX = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")


def parse_date(value: str | None) -> str | None:
    """Normalise a common date format to ``YYYY-MM-DD``; ``None`` if unsure or partial.

    >>> [parse_date(s) for s in ("25 April 2024", "April 25, 2024", "2024-04-25T10:00Z")]
    ['2024-04-25', '2024-04-25', '2024-04-25']
    >>> parse_date("May 2024") is None
    True
    """
    if not value or not value.strip() or len(value) > 100:
        return None
    m = _ISO_PREFIX.match(value)
    try:
        if m:
            return _date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        from dateutil import parser  # installed with dateparser
        # Parse with two different defaults: a part missing from the text differs.
        a, b = (parser.parse(value, default=d, ignoretz=True).date()
                for d in (datetime(2000, 1, 1), datetime(2001, 2, 2)))
    except (ValueError, OverflowError, TypeError, ImportError):
        return None
    return a.isoformat() if a == b else None


def _make(text: str, meta: dict, source: str | None, where: str, raw: str | None = None) -> Article:
    """Build an :class:`Article`; ``IngestError(where, "no text")`` if the text is empty.

    Each change is told with an :class:`IngestWarning`: lone surrogates replaced
    (in any field, the file name included), control and invisible characters
    removed from ``raw`` (default: the text, with HTML entities and JSON escapes
    decoded), runs of punctuation cut and very long words split.
    """
    named = clean_value(meta.get("source"))  # else the file's name is the source
    fields, replaced = replace_surrogates({
        "text": text, "id": meta.get("id"), "title": meta.get("title"), "date": meta.get("date"),
        "url": meta.get("url"), "source" if named else "file name": named or source})
    raw = fields["text"] if raw is None else replace_surrogates({"raw": raw})[0]["raw"]
    removed = removed_characters(raw or "")
    text, tamed = tame_text(normalize_text(fields["text"] or ""))
    for note in filter(None, [replaced, removed, *tamed]):
        warnings.warn(IngestWarning(where, note), stacklevel=3)
    if not text:
        raise IngestError(where, "no text")
    return Article(id=clean_value(fields["id"]) or article_id(text), text=text,
                   title=clean_value(fields["title"]), date=parse_date(fields["date"]),
                   url=clean_value(fields["url"]), source=fields["source" if named else "file name"],
                   origin=None if where in ("<text>", "<html>") else where)


_HEADER = re.compile(r"\s*(date|title|url|source|id)\s*:\s*(.*)$", re.I)
_DATE_LINE = re.compile(r"\s*date\s+(\d{4}-\d{2}-\d{2})(?=\s|$)\s*(.*)$", re.I)


def parse_text(text: str, *, source: str | None = None) -> Article:
    """Parse the text format: optional ``Key: value`` headers (Date, Title, URL, Source,
    Id; any case) ended by the first other line, or a leading ``date YYYY-MM-DD``
    whose remainder is kept as text.  A ``Source:`` header wins over ``source``.
    """
    lines = normalize_text(text).split("\n")
    meta: dict[str, str] = {}
    i = 0
    while i < len(lines):
        header, dateline = _HEADER.match(lines[i]), _DATE_LINE.match(lines[i])
        if header:
            meta.setdefault(header[1].lower(), header[2])
        elif dateline and "date" not in meta and parse_date(dateline[1]):
            meta["date"], lines[i] = dateline[1], dateline[2]
            if lines[i]:
                break
        else:
            break
        i += 1
    return _make("\n".join(lines[i:]), meta, source, source or "<text>", raw=text)


def _type_name(value: Any) -> str:
    """Python type name of a JSON value, ``null`` for ``None``."""
    return "null" if value is None else type(value).__name__


def _record(obj: Any, where: str, source: str | None) -> Article:
    """Article from a JSON object; errors name ``where``, the article gets ``source``."""
    if not isinstance(obj, dict):
        raise IngestError(where, f"expected a JSON object, got {_type_name(obj)}")
    if "text" not in obj:
        raise IngestError(where, "missing field 'text'")
    for name in ("text", "id", "title", "date", "url", "source"):
        value = obj.get(name)
        if (value is not None or name == "text") and not isinstance(value, str):
            raise IngestError(where, f"field {name!r} must be a string, got {_type_name(value)}")
    if not normalize_text(obj["text"]):
        raise IngestError(where, "field 'text' is empty")
    return _make(obj["text"], obj, source, where)


def parse_record(obj: dict, *, source: str | None = None) -> Article:
    """Parse one JSON object: ``text`` plus optional id/title/date/url/source strings."""
    return _record(obj, source or "<record>", source)


_DROP = frozenset("script style noscript nav header footer aside form iframe svg template "
                  "button select textarea object embed canvas".split())
_BLOCK = frozenset("p div section article main h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote "
                   "pre table tr caption figure figcaption address hr details summary body".split())
_END = object()
_WS = re.compile(r"\s+")


def _dropped(tag: Any) -> bool:
    """Boilerplate or hidden element whose text is not article text."""
    return (tag.name in _DROP or tag.has_attr("hidden")
            or str(tag.get("role") or "").lower() == "navigation")


def _paragraph(pieces: list[str]) -> str:
    """Join text pieces into one paragraph; ``"\\n"`` pieces (from ``<br>``) break lines."""
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _block_text(root: Any) -> str:
    """Text under ``root``, block elements separated by blank lines (iterative walk)."""
    from bs4.element import NavigableString, PreformattedString, Script, Stylesheet, TemplateString
    skip = (PreformattedString, Script, Stylesheet, TemplateString)
    paras: list[str] = []
    buf: list[str] = []
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if node is _END or getattr(node, "name", None) in _BLOCK:
            paras.append(_paragraph(buf))
            buf.clear()
        if node is _END:
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, skip):
                buf.append(_WS.sub(" ", str(node)))
        elif node.name == "br":
            buf.append("\n")
        elif node is root or not _dropped(node):
            if node.name in _BLOCK:
                stack.append(_END)
            elif node.name in ("td", "th"):
                buf.append(" ")
            stack.extend(reversed(node.contents))
    paras.append(_paragraph(buf))
    return "\n\n".join(p for p in paras if p)


def _article_roots(soup: Any) -> list[Any]:
    """The ``<article>`` elements outside boilerplate whose text is worth measuring, in
    document order, found in one walk (time linear in the page, however deep).

    An article inside another one outside boilerplate is part of that one's text,
    so it cannot be longer and is left out, unless it is hidden itself: the outer
    one's text skips it.  The longest text is the same as over all articles.
    """
    from bs4.element import Tag

    roots = []
    stack: list[tuple[Any, bool, bool]] = [(soup, False, False)]  # (tag, under boilerplate, under a root)
    while stack:
        tag, dropped, in_root = stack.pop()
        is_article = tag.name == "article" and not dropped
        if is_article and (not in_root or _dropped(tag)):
            roots.append(tag)
        below = (dropped or _dropped(tag), in_root or is_article)
        stack.extend((child, *below) for child in reversed(tag.contents) if isinstance(child, Tag))
    return roots


def _meta_content(soup: Any, *keys: str) -> str | None:
    """Content of the ``<meta>`` (by property, name or itemprop) for the earliest key."""
    found: dict[str, str | None] = {}
    for tag in soup.find_all("meta", content=True):
        key = str(tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        found.setdefault(key, clean_value(str(tag["content"])))
    return next((found[k] for k in keys if found.get(k)), None)


def _html_meta(soup: Any) -> dict[str, str | None]:
    """Title, date and URL from the usual meta tags and elements."""
    title = _meta_content(soup, "og:title", "twitter:title")
    for tag in (soup.head and soup.head.find("title"), soup.find("h1")):
        title = title or (clean_value(tag.get_text(" ")) if tag else None)
    date = _meta_content(soup, "article:published_time", "date", "pubdate", "publishdate",
                         "dc.date", "dcterms.date", "datepublished")
    if not parse_date(date):
        date = next((t["datetime"] for t in soup.find_all("time", datetime=True)
                     if parse_date(t["datetime"])), None)
    link = soup.find("link", rel="canonical", href=True)
    return {"title": title, "date": date,
            "url": (link["href"] if link else None) or _meta_content(soup, "og:url")}


def _soup(html: str):
    """``BeautifulSoup(html, "lxml")`` without bs4's advice to programmers: a page that reads like
    a file name or a URL (``.HTM``), or an XML feed saved as ``.html``, is still the page's text."""
    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
    from bs4.builder import XMLParsedAsHTMLWarning
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(html, "lxml")


def parse_html(html: str, *, source: str | None = None) -> Article:
    """Parse an HTML page: metadata from meta tags, text from the main content
    (the longest ``<article>`` outside boilerplate, else ``<main>``, else ``<body>``).
    """
    where = source or "<html>"
    try:
        soup = _soup(html)
        meta = _html_meta(soup)
        text = max(map(_block_text, _article_roots(soup)), key=len, default="")
        for root in (soup.find("main"), soup.body, soup):
            if not text and root is not None:
                text = _block_text(root)
    except RecursionError:
        raise IngestError(where, "HTML too deeply nested") from None
    return _make(text, meta, source, where)


_DIGITS = re.compile(r"integer string conversion: value has (\d+) digits")


def _loads(text: str, where: str, at_line: bool = True) -> Any:
    """``json.loads``, returning an :class:`IngestError` instead of raising anything."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        at = f"line {err.lineno}, column {err.colno}" if at_line else f"column {err.colno}"
        return IngestError(where, f"invalid JSON: {err.msg} ({at})")
    except RecursionError:
        return IngestError(where, "JSON too deeply nested")
    except Exception as err:  # noqa: BLE001 (an integer of 4,301 digits or worse: one record lost, not all)
        digits = _DIGITS.search(str(err))
        if digits:
            return IngestError(where, f"invalid JSON: a number of {int(digits[1]):,} digits (at most "
                                      f"{sys.get_int_max_str_digits():,} are read)")
        return IngestError(where, f"invalid JSON ({type(err).__name__}: {err})")


def _dedupe(entries: Iterable[tuple[str, str, Any]],
            source: str) -> Iterator[Article | IngestError]:
    """Parse ``(where, label, object)`` entries; ids seen earlier in the file are errors."""
    seen: dict[str, str] = {}
    for where, label, obj in entries:
        try:
            if isinstance(obj, IngestError):
                raise obj
            art = _record(obj, where, source)
            if art.id in seen:
                raise IngestError(where, f"duplicate id {art.id!r} (first seen {seen[art.id]})")
        except IngestError as err:
            yield err
            continue
        seen[art.id] = label
        yield art


def parse_jsonl(text: str, source: str) -> Iterator[Article | IngestError]:
    """Articles from JSON Lines, one object per non-blank line.

    Problems are yielded, not raised, as :class:`IngestError` named ``path:line``;
    an id already seen in the document is one of them.
    """
    lines = [(n, line) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    if not lines:
        yield IngestError(source, "no articles (no JSON Lines, only blank lines)")
    yield from _dedupe(((f"{source}:{n}", f"on line {n}", _loads(line, f"{source}:{n}", False))
                        for n, line in lines), source)


def parse_json(text: str, source: str) -> Iterator[Article | IngestError]:
    """Articles from a JSON document: one object or a list of objects (errors named
    ``path[i]``); JSON Lines content is accepted too.  Problems are yielded, not raised.
    """
    data = _loads(text, source)
    if isinstance(data, IngestError) and "Extra data" in data.reason:
        yield from parse_jsonl(text, source)
    elif isinstance(data, list):
        if not data:
            yield IngestError(source, "no articles (empty JSON list)")
        yield from _dedupe(((f"{source}[{i}]", f"at index {i}", o) for i, o in enumerate(data)),
                           source)
    elif isinstance(data, (dict, IngestError)):
        yield from _dedupe([(source, "", data)], source)
    else:
        yield IngestError(source, f"expected a JSON object or list, got {_type_name(data)}")
