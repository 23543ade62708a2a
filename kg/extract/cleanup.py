"""Clean noisy web text before parsing, with a map back to the original text.

News copied from web pages carries noise that the parser would read as
sentences of the story:

* hard-wrapped lines: a line break in mid sentence (the pipeline ends a
  sentence at every line break, so a wrapped sentence was cut in two);
* bylines ("By Jane Doe"), credit lines ("Reporting by ...; Editing by ..."),
  photo captions and credits ("Photo: ...", "(Jane Doe, AP Photo)", "In this
  file photo, ..."), link lines ("Read more: ...", "Also read | ...");
* paragraphs printed twice (a headline or lead repeated).

:func:`clean` returns a :class:`Cleaned`: the text to parse, and where each
of its characters comes from in the original.  The clean-up only deletes
characters, or puts one space for the line break between two wrapped lines,
so the map is strictly increasing and any span of the cleaned text maps back
to a span of the original (:meth:`Cleaned.span`).  Real paragraph breaks,
headlines, list items and datelines keep their line breaks.

>>> c = clean("Kenyan President Amani Otieno met with\\nGhanaian President Kofi Mensah in Accra\\n"
...           "on Monday to discuss trade links.\\n\\nBy Jane Doe\\nPhoto: State House")
>>> print(c.text)
Kenyan President Amani Otieno met with Ghanaian President Kofi Mensah in Accra on Monday to discuss trade links.
<BLANKLINE>
<BLANKLINE>
>>> c.span(39, 69), c.original[39:69]
((39, 69), 'Ghanaian President Kofi Mensah')
>>> start, end = c.span(0, 112)
>>> print(c.original[start:end])
Kenyan President Amani Otieno met with
Ghanaian President Kofi Mensah in Accra
on Monday to discuss trade links.

Which lines are bylines, credits, captions or links is :mod:`kg.extract.boilerplate`'s
to say.  The word lists (continuation words, abbreviations) are data: ``cleanup_*`` in
``kg/extract/data/lexicon.toml``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import groupby

from kg.extract.boilerplate import boilerplate, ends_sentence, story_part
from kg.extract.lexicon import words

__all__ = ["Cleaned", "clean", "identity", "boilerplate", "story_part"]

WRAP_MIN, WRAP_MAX = 40, 100  # the line widths (characters) at which text is taken for hard-wrapped
HEADLINE_RATIO = 1.1  # a first line longer than the block's other lines by more than this is no wrapped line
MIN_REPEAT_WORDS = 3  # a repeated paragraph of fewer words is kept (a "Photo", a "Share")



@dataclass(frozen=True)
class Cleaned:
    """The cleaned ``text`` of ``original``, and the map between them.

    The cleaned text is made of runs: run ``k`` starts at ``starts[k]`` in the
    cleaned text and at ``origins[k]`` in the original, and goes on character
    for character until the next run.
    """

    text: str
    original: str
    starts: tuple[int, ...]
    origins: tuple[int, ...]

    def position(self, i: int) -> int:
        """The position in the original of the cleaned text's character ``i`` (of its end: the original's end)."""
        if i >= len(self.text):
            return len(self.original)
        k = bisect_right(self.starts, i) - 1
        return self.origins[k] + i - self.starts[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original that the cleaned ``text[start:end]`` comes from.

        It runs from the first character's origin to just after the last one's,
        so it holds the line breaks and anything deleted in between.
        """
        if end <= start:
            at = self.position(start)
            return at, at
        return self.position(start), self.position(end - 1) + 1

    @property
    def changed(self) -> bool:
        return self.text != self.original


def identity(text: str) -> Cleaned:
    """``text`` as it is, mapped onto itself."""
    return Cleaned(text, text, (0,), (0,))


def clean(text: str) -> Cleaned:
    """Clean ``text`` for parsing (see the module's docstring); the result maps back to ``text``."""
    lines = _lines(text)
    keep = [not (line.raw and (boilerplate(line.raw) or not line.text)) for line in lines]
    keep, joins = _unrepeated(lines, keep, _joins(lines, keep))
    edits = []
    for i, line in enumerate(lines):
        if not keep[i]:
            edits.append((line.start, lines[i + 1].start if i + 1 < len(lines) else line.end, ""))
            continue
        if line.left > line.lead:  # a caption's marker: "Photo: ..."
            edits.append((line.lead, line.left, ""))
        if line.tail > line.right:  # a credit: "... she said. (Reporting by Jane Doe)", "... (AP Photo)"
            edits.append((line.right, line.tail, ""))
        if joins[i]:
            edits.append((line.right, lines[i + 1].left, "" if _BROKEN_WORD.search(line.text) else " "))
    return _apply(text, sorted(edits))


# --------------------------------------------------------------------------- lines


@dataclass(frozen=True)
class Line:
    """One line of the text.

    ``[start, end)`` is the raw line without its line break, ``[lead, tail)``
    the line without the spaces around it (``raw``), and ``[left, right)``
    its ``text``: the line without a caption's marker before it ("Photo:")
    and a credit after it ("(Reporting by Jane Doe)", "Photo credit: Agency").
    """

    start: int
    end: int
    lead: int
    left: int
    right: int
    tail: int
    raw: str
    text: str

    @property
    def indent(self) -> int:
        return self.lead - self.start


def _lines(text: str) -> list[Line]:
    out, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        raw = line.strip()
        lead = start + len(line) - len(line.lstrip()) if raw else start
        first, last = story_part(raw)
        bullet = _BULLET.match(raw)
        first = max(first, bullet.end()) if bullet and bullet.end() < len(raw) else first
        out.append(Line(start, end, lead, lead + first, lead + last, lead + len(raw), raw, raw[first:last]))
        start = end + 1
    return out


# ------------------------------------------------------------------- hard wraps

_BULLET = re.compile(r"^[*•·▪●◦‣■□➢►-]\s+")  # a bullet before a list item, removed (it misleads the tagger)
_LIST_ITEM = re.compile(r"^(?:[-*•·▪●◦‣–—>]\s|\d{1,2}[.)]\s|\(?[a-z]\)\s)")
_DATELINE = re.compile(r"^[A-Z][A-Z'’.\-]{2,}(?:\s+[A-Z][A-Z'’.\-]+)*\s*(?:,|\(|[-–—]|:)")
_BROKEN_WORD = re.compile(r"\w-$")


def _joins(lines: list[Line], keep: list[bool]) -> list[bool]:
    """For each line, whether it runs on into the next (a hard wrap in mid sentence).

    Only two kept, non-empty, adjacent lines join.  A line joins the next when
    it does not end a sentence and the next does not open a list item or a
    dateline, nor is indented deeper, and either the sentence plainly goes on
    (the next line starts in lower case, or this one, no longer than a wrapped
    line, ends in a comma, a hyphen or a word such as "the", "with", "and"), or
    the text is cut at a fixed width (:func:`_wrap_width`) and this line is so
    long that the next line's first word would not have fitted (the greedy
    wrapping of editors and mail).  A block whose lines are all in title case
    (every word but the small ones capitalised) is a list of names or
    headings, not wrapped text.  In a text whose paragraphs are not set apart
    by blank lines, the first line in title case does not join by width alone:
    it may be a headline without a full stop (or, the price of that, the first
    line of a lead full of names and titles).
    """
    joins = [False] * len(lines)
    first = next((i for i, line in enumerate(lines) if line.text), -1)
    blocks = _blocks(lines, keep)
    width = _wrap_width(lines, keep, blocks, first)
    last = max((i for i, line in enumerate(lines) if line.text), default=-1)
    spaced = any(not line.text for line in lines[first:last])  # paragraphs apart: a headline would be too
    for block in blocks:
        names = all(_title_case(lines[i].text) for i in block)
        for i, j in zip(block, block[1:]):
            a, b = lines[i], lines[j]
            if ends_sentence(a.text) or _opens_paragraph(a, b):
                continue
            if _goes_on(a.text, b.text):
                joins[i] = True
            elif width and not names and _full(a, b, width):
                joins[i] = i != first or spaced or not _title_case(a.text)
    return joins


def _full(a: Line, b: Line, width: int) -> bool:
    """Was line ``a`` cut at ``width`` because the next line's first word would not fit?"""
    return width >= len(a.text) > width - 1 - len(b.text.split()[0])


def _wrap_width(lines: list[Line], keep: list[bool], blocks: list[list[int]], first: int) -> int:
    """The width at which the text is hard-wrapped, or 0 when it is not.

    The width is that of its longest line of at most :data:`WRAP_MAX`
    characters (the first line of the text aside when it is much longer than
    the others: a headline); the text is wrapped when at least two line breaks,
    half of those after lines of at most that width, and more than there are
    longer lines, fall where a greedy wrapping puts them.
    """
    pairs = [(lines[i], lines[j]) for block in blocks for i, j in zip(block, block[1:])]
    sizes = [len(line.text) for i, line in enumerate(lines) if keep[i] and line.text and i != first]
    width = max((n for n in sizes if n <= WRAP_MAX), default=0)
    if first >= 0 and width < len(lines[first].text) <= min(width * HEADLINE_RATIO, WRAP_MAX):
        width = len(lines[first].text)
    short = [(a, b) for a, b in pairs if len(a.text) <= width]
    full = [(a, b) for a, b in short if _full(a, b, width)]
    unwrapped = sum(n > WRAP_MAX for n in sizes)  # paragraphs on one line each: web text
    return width if width >= WRAP_MIN and len(full) >= max(2, unwrapped + 1, (len(short) + 1) // 2) else 0


def _title_case(line: str) -> bool:
    """Is every word of ``line`` but the small ones capitalised, as in a headline ("Kenya, Ghana Sign Pact")?

    >>> _title_case("Kenya And Ghana Sign Trade Pact in Nairobi"), _title_case("Kenya and Ghana sign a pact")
    (True, False)
    """
    small = words("cleanup_continuation_words")
    return all(not w[:1].isalpha() or w[:1].isupper()
               for w in re.findall(r"[\w'’-]+", line) if w.lower() not in small)


def _blocks(lines: list[Line], keep: list[bool]) -> list[list[int]]:
    """Runs of two or more adjacent kept, non-empty lines (a blank or dropped line ends a run)."""
    runs = (list(run) for kept, run in groupby(range(len(lines)), key=lambda i: keep[i] and bool(lines[i].text))
            if kept)
    return [run for run in runs if len(run) > 1]


def _opens_paragraph(a: Line, b: Line) -> bool:
    """Does line ``b`` start something new after ``a``: a list item, a dateline, an indented paragraph?"""
    deeper = b.indent > a.indent and not _LIST_ITEM.match(a.raw)
    return bool(_LIST_ITEM.match(b.raw) or _DATELINE.match(b.text)) or deeper


def _goes_on(a: str, b: str) -> bool:
    """Does the sentence of line ``a`` plainly go on in line ``b``?"""
    if b[:1].islower():
        return True
    if len(a) > WRAP_MAX:  # a paragraph on one line, ended by a stray comma: "... chairmanship,\nOn this ..."
        return False
    if a.endswith((",", "-")) and not a.endswith((" -", "--")):
        return True
    last = a.split()[-1].lower()
    return last in words("cleanup_continuation_words") or last in words("cleanup_abbreviations")


# ------------------------------------------------------------------- repeats


def _unrepeated(lines: list[Line], keep: list[bool], joins: list[bool]) -> tuple[list[bool], list[bool]]:
    """``keep`` and ``joins`` without the second and later copies of a paragraph (its joined lines as one)."""
    keep, joins, seen, i = list(keep), list(joins), set(), 0
    while i < len(lines):
        j = i
        while joins[j]:
            j += 1
        if keep[i] and lines[i].text:
            key = " ".join(" ".join(lines[k].text for k in range(i, j + 1)).casefold().split())
            if key in seen and len(key.split()) >= MIN_REPEAT_WORDS:
                keep[i:j + 1] = [False] * (j + 1 - i)
                joins[i:j + 1] = [False] * (j + 1 - i)
            seen.add(key)
        i = j + 1
    return keep, joins


# ------------------------------------------------------------------- the map


def _apply(text: str, edits: list[tuple[int, int, str]]) -> Cleaned:
    """Apply ``edits`` (sorted, non-overlapping ``(start, end, "" or " ")``) and record the map."""
    parts: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    pos = length = 0

    def run(origin: int, piece: str) -> None:
        nonlocal length
        if piece:
            starts.append(length)
            origins.append(origin)
            parts.append(piece)
            length += len(piece)

    for start, end, replacement in edits:
        if start < pos or end <= start:
            continue  # overlaps an edit already made, or is empty
        run(pos, text[pos:start])
        run(start, replacement)
        pos = end
    run(pos, text[pos:])
    if not starts:
        return Cleaned("", text, (0,), (0,))
    return Cleaned("".join(parts), text, tuple(starts), tuple(origins))
