"""Name folding: one key per actor whatever the spelling.

``name_key`` folds case, diacritics, dotless i, apostrophes and a small table
of common transliteration variants, so that *Erdoğan* and *Erdogan*,
*Türkiye* and *Turkey*, *Olzhas* and *Oljas* give the same key.

>>> name_key("Recep Tayyip Erdoğan") == name_key("recep tayyip erdogan")
True
>>> name_key("Türkiye") == name_key("Turkey")
True
>>> name_key("Oljas Bektenov") == name_key("Olzhas Bektenov")
True
>>> slug("Olzhas Bektenov")
'olzhas-bektenov'
>>> slug("Владимир Путин")
'%D0%B2%D0%BB%D0%B0%D0%B4%D0%B8%D0%BC%D0%B8%D1%80-%D0%BF%D1%83%D1%82%D0%B8%D0%BD'
"""
from __future__ import annotations

import re
import unicodedata

_CHAR_MAP = str.maketrans({
    "ı": "i", "İ": "I", "ş": "s", "Ş": "S", "ğ": "g", "Ğ": "G", "ø": "o", "Ø": "O",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE",
    "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d", "’": "'", "‘": "'", "ʼ": "'", "`": "'",
    "‐": "-", "‑": "-", "–": "-", "—": "-",
})

# Whole-word variants folded onto one canonical spelling (all lowercase, ASCII).
_WORD_VARIANTS = {
    "oljas": "olzhas",
    "turkiye": "turkey",
    "qazaqstan": "kazakhstan",
    "mohammed": "muhammad", "mohammad": "muhammad", "muhammed": "muhammad",
    "mohamed": "muhammad", "mohamad": "muhammad",
    "erdoan": "erdogan",
}

# Whole-name variants (after word folding).
_NAME_VARIANTS = {
    "uk": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "the united kingdom": "united kingdom",
    "us": "united states",
    "u s": "united states",
    "usa": "united states",
    "united states of america": "united states",
    "the united states": "united states",
    "america": "united states",
    "uae": "united arab emirates",
    "the uae": "united arab emirates",
    "the united arab emirates": "united arab emirates",
    "republic of turkey": "turkey",
    "republic of korea": "south korea",
    "korea": "south korea",
    "dprk": "north korea",
    "russian federation": "russia",
    "the russian federation": "russia",
    "prc": "china",
    "people s republic of china": "china",
    "peoples republic of china": "china",
    "the netherlands": "netherlands",
    "the philippines": "philippines",
    "czechia": "czech republic",
    "the european union": "european union",
    "eu": "european union",
    "un": "united nations",
    "the united nations": "united nations",
    "nato": "north atlantic treaty organization",
    "asean": "association of southeast asian nations",
    "myanmar burma": "myanmar",
    "burma": "myanmar",
    "ivory coast": "cote d ivoire",
    "eswatini": "swaziland",
}


def fold(text: str) -> str:
    """Lowercase ASCII form of ``text``: diacritics, case and punctuation folded.

    >>> fold("  Ankara’s  İstanbul-Ĝ ")
    'ankara s istanbul g'
    """
    text = unicodedata.normalize("NFKD", str(text).translate(_CHAR_MAP))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[\W_]+", " ", text)
    return " ".join(text.split())


def name_key(name: str) -> str:
    """The key that identifies an actor name across spellings.

    >>> name_key("the UK") == name_key("Britain")
    True
    >>> name_key("Mahinda Rajapaksa") == name_key("Gotabaya Rajapaksa")
    False
    """
    folded = fold(name)
    folded = re.sub(r"^the ", "", folded) if folded not in _NAME_VARIANTS else folded
    folded = re.sub(r" s$", "", folded)  # a trailing possessive
    words = [_WORD_VARIANTS.get(w, w) for w in folded.split()]
    folded = " ".join(words)
    return _NAME_VARIANTS.get(folded, folded)


def slug(name: str) -> str:
    """A short IRI-safe token for a name key.

    >>> slug("Türkiye")
    'turkey'
    """
    from urllib.parse import quote

    return quote(name_key(name).replace(" ", "-"), safe="-") or "unnamed"
