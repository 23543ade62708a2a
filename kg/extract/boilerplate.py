"""Lines of a web page that are not text of the story: bylines, credit lines, photo captions
and credits, link lines (:func:`boilerplate`), and the story's part of a caption line
(:func:`story_part`).  :mod:`kg.extract.cleanup` drops or trims these lines before parsing.

The word lists (byline openers, caption markers, link markers) are data: ``cleanup_*`` in
``kg/extract/data/lexicon.toml``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.lexicon import ordered, words

MAX_CREDIT_WORDS = 6  # "Photo: Jane Doe / Agency": a caption marker before more words starts a caption
MAX_BYLINE_WORDS = 10
MAX_CAPTION_WORDS = 80  # a line that ends in a photo credit and is longer is not a caption

TERMINAL = ".!?…"
CLOSERS = "\"'”’)]»"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    def alt(phrases: tuple[str, ...]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(phrases, key=len, reverse=True))

    opener, role = alt(ordered("cleanup_byline_openers")), alt(ordered("cleanup_credit_roles"))
    marker, noun = alt(ordered("cleanup_caption_markers")), alt(ordered("cleanup_credit_nouns"))
    file_photo, link = alt(ordered("cleanup_file_photo_markers")), alt(ordered("cleanup_link_markers"))
    credit = rf"\b(?:{alt(ordered('cleanup_credit_words'))})\b"
    dash = r"[-–—|:/>»]"
    return {
        "byline": re.compile(rf"(?i)^(?:{opener})\s+(?=\S)(?P<rest>.+)$"),
        "credit": re.compile(rf"(?i)^\(?(?:{role})\s+by\b"),
        "trailer": re.compile(rf"(?i)\((?:{role})\s+by\b[^()]*\)\s*$"),
        "marker": re.compile(rf"(?i)^(?:{marker})\b\s*(?:(?P<credit>$|{credit})\s*{dash}?|[,]|{dash})\s*"),
        "file": re.compile(rf"(?i)^(?:in\s+this\b.{{0,80}}?\b)?(?:{file_photo})\b|^(?-i:FILE)\s*[-–—:]"),
        "end_credit": re.compile(rf"(?i)(?:^|\s)(?:{marker})s?(?:\s+{credit})?\s*[:/]"
                                 rf"\s*[^\s.!?:]+(?:\s+[^\s.!?:]+){{0,{MAX_CREDIT_WORDS - 1}}}$"),
        "end_paren": re.compile(rf"(?i)\((?:[^()]{{0,80}}\b)?(?:{noun})\b[^()]{{0,80}}\)\s*$"),
        "end_dash": re.compile(rf"(?i)\s[-–—]+\s*(?:\S+\s+){{0,4}}(?:{noun})\.?$"),
        "link": re.compile(rf"(?i)^(?:{link})\s*(?:$|{dash})"),
    }


def boilerplate(line: str) -> str | None:
    """What kind of boilerplate the (stripped) ``line`` is, or None when it has text of the story.

    A byline, a credit line, a photo credit or the caption of a file photo (an
    earlier event), a link line.  A caption of the story's own photo is text of
    the story, without its marker and credit (:func:`story_part`).

    >>> [boilerplate(x) for x in ("By Jane Doe", "By Monday, the talks had ended.", "Photo: AFP",
    ...                           "Read more: Leaders meet", "(Reporting by Jane Doe; Editing by Ann Roe)")]
    ['byline', None, 'caption', 'link', 'credit']
    >>> boilerplate("FILE PHOTO: Kenyan President Amani Otieno greets a guest in Nairobi, May 2, 2019.")
    'caption'
    >>> boilerplate("Kenyan President Amani Otieno greets his guest. (Jane Doe, AP Photo)") is None
    True
    """
    p = _patterns()
    match = p["byline"].match(line)
    if match and _is_byline(match.group("rest")):
        return "byline"
    if p["credit"].match(line):
        return "credit"
    if p["file"].match(line) or _is_photo_credit(line):
        return "caption"
    if p["link"].match(line):
        return "link"
    return None


def story_part(line: str) -> tuple[int, int]:
    """The span of the (stripped) ``line`` that is text of the story, without a caption's marker and credit.

    >>> line = "Photo: Kenyan President Amani Otieno greets his guest in Nairobi. (Jane Doe, AP Photo)"
    >>> start, end = story_part(line)
    >>> line[start:end]
    'Kenyan President Amani Otieno greets his guest in Nairobi.'
    """
    p = _patterns()
    marker = p["marker"].match(line)
    start = marker.end() if marker else 0
    end = len(line)
    trailer = p["trailer"].search(line, start)
    if trailer:
        end = trailer.start()
    elif len(line.split()) <= MAX_CAPTION_WORDS:
        found = [m.start() for k in ("end_credit", "end_paren", "end_dash") for m in [p[k].search(line, start)] if m]
        end = min(found, default=end)
    return start, start + len(line[start:end].rstrip())


def _is_photo_credit(line: str) -> bool:
    """Is ``line`` only a photo credit: "PHOTO", "Photo: Agency", "Photo courtesy of ...", "(Photo by ...)"?"""
    marker = _patterns()["marker"].match(line.lstrip("("))
    if marker:
        return marker.group("credit") is not None or len(line[marker.end():].split()) <= MAX_CREDIT_WORDS
    start, end = story_part(line)
    return end <= start


def _is_byline(rest: str) -> bool:
    """Is ``rest`` (the words after "By") a list of names, not a clause ("By Monday, they had met.")?"""
    tokens = re.findall(r"[^\s,;|/&]+|&", rest)
    if not tokens or len(tokens) > MAX_BYLINE_WORDS or rest.rstrip()[-1:] in "!?" or ends_sentence(rest):
        return False
    allowed = words("cleanup_byline_words")
    return tokens[0][:1].isupper() and all(
        t[:1].isupper() or t[:1].isdigit() or t.lower() in allowed or not t[:1].isalpha() for t in tokens)


def ends_sentence(line: str) -> bool:
    """Does ``line`` end with a full stop (not an abbreviation's), "!", "?" or an ellipsis?"""
    core = line.rstrip(CLOSERS + " ")
    if not core or core[-1] not in TERMINAL:
        return False
    last = core.split()[-1].lower().lstrip("(\"'“‘")
    return last not in words("cleanup_abbreviations") and not re.fullmatch(r"(?:\w\.){1,3}", last)
