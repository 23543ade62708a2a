"""Name folding: one key per actor whatever the spelling.

``name_key`` folds case, diacritics, dotless i, apostrophes and small tables
of common spelling variants (``word_variants`` and ``name_variants`` in
``kg/extract/data/lexicon.toml``), so that *Erdoğan* and *Erdogan*,
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

import difflib
import re
import unicodedata
from functools import lru_cache
from importlib import resources

_CHAR_MAP = str.maketrans({
    "ı": "i", "İ": "I", "ş": "s", "Ş": "S", "ğ": "g", "Ğ": "G", "ø": "o", "Ø": "O",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE",
    "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d", "’": "'", "‘": "'", "ʼ": "'", "`": "'",
    "‐": "-", "‑": "-", "–": "-", "—": "-", "ʻ": "'", "ʿ": "'", "ʾ": "'",
})

# Word lists and tables of kg/extract/data/lexicon.toml, the one file of the extractor's
# vocabulary.  They are read here rather than through kg.extract.lexicon (which gives
# checked access to the file) so that name folding, used without the extractor, does not
# import kg.extract and spaCy.
LEXICON_PATH = ("extract", "data", "lexicon.toml")  # inside the kg package


@lru_cache(maxsize=1)
def lexicon_file() -> dict[str, object]:
    """Every list and table of the lexicon data file, parsed once."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    path = resources.files("kg")
    for part in LEXICON_PATH:
        path = path.joinpath(part)
    return tomllib.loads(path.read_text(encoding="utf-8"))


def lexicon_entry(name: str) -> object:
    """One list (a list of strings) or table (a dict) of the lexicon data file.

    >>> lexicon_entry("name_particles")[:3]
    ['bin', 'ibn', 'bint']
    >>> lexicon_entry("name_particle")
    Traceback (most recent call last):
    ...
    LookupError: kg/extract/data/lexicon.toml has no list or table 'name_particle' (did you mean 'name_particles'?)
    """
    entries = lexicon_file()
    if name not in entries:
        close = difflib.get_close_matches(name, list(entries), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise LookupError(f"{'/'.join(('kg',) + LEXICON_PATH)} has no list or table {name!r}{hint}")
    return entries[name]


# Whole-word variants folded onto one canonical spelling, then whole-name variants.
_WORD_VARIANTS: dict[str, str] = dict(lexicon_entry("word_variants"))
_NAME_VARIANTS: dict[str, str] = dict(lexicon_entry("name_variants"))


def fold(text: str) -> str:
    """Lowercase ASCII form of ``text``: diacritics, case and punctuation folded.

    >>> fold("  Ankara’s  İstanbul-Ĝ ")
    'ankara s istanbul g'
    """
    text = str(text)
    return _fold_short(text) if len(text) <= 64 else _fold(text)  # names and words repeat: cached


@lru_cache(maxsize=1 << 16)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text).translate(_CHAR_MAP))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[\W_]+", " ", text)
    return " ".join(text.split())


@lru_cache(maxsize=65536)
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


@lru_cache(maxsize=65536)
def slug(name: str) -> str:
    """A short IRI-safe token for a name key.

    >>> slug("Türkiye")
    'turkey'
    """
    from urllib.parse import quote

    return quote(name_key(name).replace(" ", "-"), safe="-") or "unnamed"


def _edit_distance_le(a: str, b: str, limit: int) -> bool:
    if abs(len(a) - len(b)) > limit:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > limit:
            return False
        prev = cur
    return prev[-1] <= limit


_TRANSLIT = [("dzh", "j"), ("zh", "j"), ("kh", "h"), ("q", "k"), ("y", "i"), ("w", "v"), ("ph", "f"),
             ("ou", "u"), ("ck", "k")]


@lru_cache(maxsize=65536)
def sound_key(word: str) -> str:
    """A rough transliteration-blind form of a folded name word.

    >>> sound_key("qasym") == sound_key("kassym"), sound_key("berdymukhammedov") == sound_key("berdimuhamedov")
    (True, True)
    """
    for old, new in _TRANSLIT:
        word = word.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", word)


def same_word(a: str, b: str) -> bool:
    """Two folded name words that are one name in different transliterations.

    >>> same_word("mirziyoyev", "mirziyoev"), same_word("toqaev", "tokayev"), same_word("ali", "eli")
    (True, True, False)
    """
    if a == b:
        return True
    if len(a) < 5 or len(b) < 5:
        return False
    a, b = sound_key(a), sound_key(b)
    if a == b:
        return True
    return a[0] == b[0] and _edit_distance_le(a, b, 1 if min(len(a), len(b)) < 8 else 2)


# Lowercase particles allowed inside a person's name ("Lula da Silva", "bin Zayed").
NAME_PARTICLES: frozenset[str] = frozenset(lexicon_entry("name_particles"))


def inner_names(full: list[str]) -> list[str]:
    """The inner words of a name of three words or more that can name the person alone:
    the first of two surnames ("Quispe" of "Rosa Quispe Mendoza", "López" of
    "Andrés Manuel López Obrador"), not a particle nor the word after one (in
    "Mohammed bin Salman", "Salman" is the father's name).

    >>> inner_names(["rosa", "quispe", "mendoza"]), inner_names(["mohammed", "bin", "salman", "al", "saud"])
    (['quispe'], [])
    >>> inner_names(["bo", "li"])
    []
    """
    if len(full) < 3:
        return []
    return [w for prev, w in zip(full, full[1:-1])
            if w not in NAME_PARTICLES and prev not in NAME_PARTICLES and len(w) > 2]


# Particles of descent: a name with one of them is never shortened in the middle.
PATRONYMIC_PARTICLES: frozenset[str] = frozenset(lexicon_entry("patronymic_particles"))


def _middle_left_out(short: list[str], full: list[str]) -> bool:
    """Is ``short`` ``full`` without some middle words, same first and last word ("Recep Erdogan")?"""
    if not 2 <= len(short) < len(full) or PATRONYMIC_PARTICLES & set(short + full):
        return False
    if not (same_word(short[0], full[0]) and same_word(short[-1], full[-1])):
        return False
    rest = iter(full[1:-1])
    return all(any(same_word(w, x) for x in rest) for w in short[1:-1])


def refers_to(short: list[str], full: list[str]) -> bool:
    """Does the shorter folded name ``short`` name the same person as ``full``?

    >>> refers_to(["erdogan"], ["recep", "tayyip", "erdogan"])
    True
    >>> refers_to(["lula"], ["lula", "da", "silva"])
    True
    >>> refers_to(["gotabaya", "rajapaksa"], ["mahinda", "rajapaksa"])
    False
    >>> refers_to(["ismail", "sabri"], ["ismail", "sabri", "yaakob"])
    True
    >>> refers_to(["quispe"], ["rosa", "quispe", "mendoza"])
    True
    >>> refers_to(["salman"], ["mohammed", "bin", "salman", "al", "saud"])
    False
    >>> refers_to(["kenji", "sato"], ["sato", "kenji"])  # the same name, surname first or last
    True
    >>> refers_to(["luis", "lacalle", "pou"], ["luis", "alberto", "lacalle", "pou"])  # a middle name left out
    True
    >>> refers_to(["saif", "bin", "hamad"], ["saif", "bin", "rashid", "bin", "hamad"])  # not a father left out
    False
    >>> refers_to(["salman"], ["mohammed", "bin", "salman"]), refers_to(["hamad", "al", "qasimi"],
    ...     ["saif", "bin", "hamad", "al", "qasimi"])  # the father's name, not the son's
    (False, False)
    """
    if not short or len(short) > len(full):
        return False
    fathers = len(full) > len(short) and full[-len(short) - 1] in PATRONYMIC_PARTICLES
    if len(short) == 1:
        return (same_word(short[0], full[-1]) and not fathers) or same_word(short[0], full[0]) or any(
            short[0] == w for w in inner_names(full))
    tail = full[-len(short):]
    if all(same_word(a, b) for a, b in zip(short, tail)) and not fathers:
        return True
    if len(short) >= 2 and all(same_word(a, b) for a, b in zip(short, full)):
        return True  # "Ismail Sabri" for "Ismail Sabri Yaakob" (names without a family name)
    if _middle_left_out(short, full):
        return True
    if len(short) == len(full) == 2 and same_word(short[0], full[1]) and same_word(short[1], full[0]):
        return True  # "Sato Kenji" and "Kenji Sato", "Orbán Viktor" and "Viktor Orbán"
    return len(short) == len(full) and all(same_word(a, b) for a, b in zip(short, full))
