"""Is an article in English?  The extractor's rules and model only read English.

Two tests on the start of the text (``SAMPLE_CHARS`` characters):

* the **script**: when most letters are not Latin (Cyrillic, Arabic, Chinese,
  ...), the text is not English;
* **function words**: among the words that do not start with a capital (names
  are left out), English prose has 40-55 % of spaCy's English stop words
  ("the", "of", "and", "was", ...); French, Spanish, German, Dutch,
  Indonesian, Swahili, Tagalog or Turkish prose has under 16 % (shared short
  words such as "a", "in", "de" aside).

A text too short to judge counts as English.

>>> looks_english("Kenyan President Amani Otieno met Ghanaian Foreign Minister Kofi Mensah "
...               "in Nairobi on Monday, and the two agreed to open a new trade office.")
True
>>> looks_english("Le président kényan a reçu mardi à Nairobi le ministre ghanéen des "
...               "affaires étrangères pour discuter de la coopération commerciale et des visas.")
False
>>> looks_english("哈萨克斯坦总统周二在阿斯塔纳会见了土耳其总理。双方签署了能源合作协议。")
False
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

SAMPLE_CHARS = 20_000
MIN_LETTERS = 20  # fewer letters: too short to judge the script
MIN_LATIN = 0.5  # share of letters that must be Latin
MIN_WORDS = 12  # fewer lower-case words: too short to judge the words
MIN_SHARE = 0.25  # share of lower-case words that must be English function words

_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@dataclass(frozen=True)
class LanguageSigns:
    """What :func:`language_signs` counted in a text's sample."""

    letters: int
    latin: float  # share of the letters that are Latin
    words: int  # words not starting with a capital
    english: float  # share of those words that are English function words

    @property
    def other_script(self) -> bool:
        """Enough letters to judge, and most of them not Latin."""
        return self.letters >= MIN_LETTERS and self.latin < MIN_LATIN

    @property
    def is_english(self) -> bool:
        """False when the text is long enough to judge and its script or its words are not English's."""
        return not self.other_script and (self.words < MIN_WORDS or self.english >= MIN_SHARE)

    def __str__(self) -> str:
        if self.other_script:
            return f"{self.latin:.0%} of its letters are Latin"
        return f"{self.english:.0%} English function words among {self.words} lower-case words"


def language_signs(text: str) -> LanguageSigns:
    """Count letters, Latin letters, lower-case words and English function words.

    >>> language_signs("The talks in Rome were about the trade of grain.")
    LanguageSigns(letters=38, latin=1.0, words=8, english=0.625)
    """
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    latin = len(_LATIN.findall(sample)) / letters if letters else 1.0
    words = [w for w in _WORD.findall(sample) if not w[0].isupper()]
    stop = _stop_words()
    english = sum(w.lower() in stop for w in words) / len(words) if words else 0.0
    return LanguageSigns(letters, latin, len(words), english)


def looks_english(text: str) -> bool:
    """False when the text is long enough to judge and its script or its words are not English's."""
    return language_signs(text).is_english


def not_english(article) -> str | None:
    """Why an article is read without extracting facts (it does not look like English), or None.

    >>> not_english(type("A", (), {"text": "The talks in Rome were about the trade of grain."})()) is None
    True
    """
    signs = language_signs(article.text)
    if signs.is_english:
        return None
    return (f"does not look like English ({signs}): read without extracting facts "
            "(check_language=False extracts anyway)")
