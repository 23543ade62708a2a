"""Text clean-up shared by the article parsers; no file handling, no markup.

:func:`normalize_text` unifies line breaks, drops control and invisible
characters and NFC-normalises; :func:`replace_surrogates` and
:func:`tame_text` guard against input that would crash or stall the pipeline:
lone UTF-16 surrogates (which cannot be written as UTF-8) and very long runs
of punctuation or very long words (spaCy's tokenizer takes time quadratic in
the affixes it peels off one token).  Each returns what it did, for a note.
:mod:`kg.parsers` re-exports these; import them from there.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["MAX_RUN", "MAX_WORD", "RUN_KEEP", "article_id", "clean_value", "normalize_text",
           "removed_characters", "replace_surrogates", "tame_text"]

# C0 and C1 control characters (but tab and the line breaks), then invisible formatting:
# soft hyphen, zero-width space, LRM/RLM/ALM, bidi embeddings, overrides and isolates, word
# joiner, BOM, interlinear annotation.  They split or hide words ("Erdo\u00adgan") and can make
# a label display as something else.  ZWJ and ZWNJ stay: some scripts need them.
_CONTROL_CHARS = r"\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"
_INVISIBLE_CHARS = r"\u00ad\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufff9-\ufffb"
_CONTROL = re.compile(f"[{_CONTROL_CHARS}{_INVISIBLE_CHARS}]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


def normalize_text(text: str) -> str:
    """Unify line breaks, drop control characters, NFC-normalise, trim; keep paragraphs.

    >>> normalize_text(" A\\r\\nB\\x00C  \\r\\r\\r\\rD ")
    'A\\nBC\\n\\nD'
    """
    text = unicodedata.normalize("NFC", _CONTROL.sub("", _LINE_BREAKS.sub("\n", text)))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _codes(chars: list[str]) -> str:
    """``U+0007, U+200F, ...``: the distinct characters, at most eight."""
    kinds = sorted(set(chars))
    return ", ".join(f"U+{ord(c):04X}" for c in kinds[:8]) + (", ..." if len(kinds) > 8 else "")


def removed_characters(text: str) -> str | None:
    """Say which control and invisible characters :func:`normalize_text` drops; None if none.

    >>> removed_characters("Talks\u202e in\\x07 Rome\u200f\u200f")
    '4 control or invisible formatting character(s) removed (U+0007, U+200F, U+202E)'
    """
    found = _CONTROL.findall(_LINE_BREAKS.sub("\n", text))
    if not found:
        return None
    return f"{len(found)} control or invisible formatting character(s) removed ({_codes(found)})"


def article_id(text: str) -> str:
    """Stable id from the normalised text: ``"a-"`` + 12 hex digits of its SHA-1.

    >>> article_id("Talks ended.\\r\\n") == article_id("  Talks ended.")
    True
    """
    text = normalize_text(text).encode("utf-8", "surrogatepass")
    return "a-" + hashlib.sha1(text).hexdigest()[:12]


def clean_value(value: str | None) -> str | None:
    """Collapse whitespace in a metadata value; empty becomes ``None``."""
    return " ".join(normalize_text(value or "").split()) or None


_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(fields: dict[str, str | None]) -> tuple[dict[str, str | None], str | None]:
    """``fields`` with every lone surrogate (a JSON ``"\\ud800"`` escape, a file name's
    undecodable byte) replaced by U+FFFD, and a note saying so (None if there was none).

    A surrogate cannot be written as UTF-8, so it would fail the build later on.

    >>> replace_surrogates({"text": "Talks\\ud800 ended", "title": None})
    ({'text': 'Talks� ended', 'title': None}, '1 lone surrogate(s) (U+D800) replaced by U+FFFD in text')
    """
    found = {name: _SURROGATE.findall(value) for name, value in fields.items() if value}
    found = {name: chars for name, chars in found.items() if chars}
    if not found:
        return fields, None
    chars = [c for cs in found.values() for c in cs]
    note = (f"{len(chars)} lone surrogate(s) ({_codes(chars)}) replaced by U+FFFD in "
            f"{', '.join(found)}")
    return {name: _SURROGATE.sub("\ufffd", value) if name in found else value  # type: ignore[arg-type]
            for name, value in fields.items()}, note


# spaCy's tokenizer peels prefixes and suffixes off a token one at a time, copying the rest each
# time: a token of n punctuation characters takes time in n**2 (4,000 "?" take 1.3 s, 16,000
# take 21 s; "'s's's..." and emoji runs too).  A run of punctuation or symbols longer than
# MAX_RUN is cut to its first RUN_KEEP characters, and a word (characters between spaces) longer
# than MAX_WORD is split by spaces into pieces of MAX_WORD: a piece of the worst shapes then takes
# 30 to 60 ms; URLs up to MAX_WORD characters are untouched.  docs/commands.md (kg build) tells users.
MAX_RUN = 100
RUN_KEEP = 3
MAX_WORD = 500
_P = r"(?:(?!\s)[\W_])"  # a punctuation or symbol character (not a letter, digit or space)
_RUN = re.compile(rf"(?<!{_P}){_P}{{{MAX_RUN + 1},}}")
_WORD = re.compile(rf"(?<!\S)\S{{{MAX_WORD + 1},}}")


def tame_text(text: str) -> tuple[str, list[str]]:
    """``text`` with runs of more than :data:`MAX_RUN` punctuation or symbol characters cut
    to their first :data:`RUN_KEEP`, then words of more than :data:`MAX_WORD` characters
    split by spaces into pieces of that length; and what was done, for notes.

    Linear in the length of ``text``.  Normalised text stays normalised.

    >>> tame_text("Talks ended" + "?" * 5000 + " at noon.")
    ('Talks ended??? at noon.', ['a run of 5,000 punctuation or symbol characters cut to 3'])
    >>> text, notes = tame_text("x" * 1200)
    >>> [len(w) for w in text.split()], notes
    ([500, 500, 200], ['a word of 1,200 characters without a space split into pieces of 500'])
    """
    notes = []
    runs = [len(m) for m in _RUN.findall(text)]
    if runs:
        text = _RUN.sub(lambda m: m[0][:RUN_KEEP], text)
        notes.append(_told(runs, "run", "punctuation or symbol characters", f"cut to {RUN_KEEP}"))
    words = [len(m) for m in _WORD.findall(text)]
    if words:
        text = _WORD.sub(lambda m: " ".join(m[0][i:i + MAX_WORD] for i in range(0, len(m[0]), MAX_WORD)), text)
        notes.append(_told(words, "word", "characters without a space", f"split into pieces of {MAX_WORD}"))
    return text, notes


def _told(lengths: list[int], what: str, of: str, done: str) -> str:
    if len(lengths) == 1:
        return f"a {what} of {lengths[0]:,} {of} {done}"
    return f"{len(lengths)} {what}s of up to {max(lengths):,} {of} {done}"
