"""Running the pipeline over many texts: long texts in pieces, failures kept to one text.

These use a blank spaCy pipeline with test components (no model needed) to
make a text fail on purpose.
"""
from __future__ import annotations

import spacy
from hypothesis import given, settings, strategies as st
from spacy.language import Language

from conftest import examples
from kg.extract.pipeline import parse_texts, split_text


@Language.component("kg_test_boom")
def _boom(doc):
    if "BOOM" in doc.text:
        raise ValueError("a component failed on this text")
    return doc


def blank(*components: str) -> Language:
    nlp = spacy.blank("en")
    for name in components:
        nlp.add_pipe(name)
    return nlp


@settings(max_examples=examples(200), deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab .!?\n\"')")), max_size=400),
       limit=st.integers(min_value=1, max_value=60))
def test_split_text_pieces_join_back_and_keep_the_limit(text, limit):
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= limit for p in pieces) or pieces == [""] == [text]


def test_split_text_prefers_paragraphs_then_lines_then_sentences():
    assert split_text("Aa bb.\n\nCc dd. Ee ff.", 16) == ["Aa bb.\n\n", "Cc dd. Ee ff."]
    assert split_text("Aa bb.\nCc dd. Ee ff.", 16) == ["Aa bb.\n", "Cc dd. Ee ff."]
    assert split_text("Aa bb. Cc dd ee ff.", 12) == ["Aa bb. ", "Cc dd ee ff."]
    assert split_text("Aaaa bbbb cccc", 10) == ["Aaaa bbbb ", "cccc"]
    assert split_text("x" * 7, 3) == ["xxx", "xxx", "x"]


def test_a_long_text_becomes_one_doc_with_its_exact_text():
    nlp = blank("sentencizer")
    text = "".join(f"Paragraph {i} says hello. It ends here.\n\n" for i in range(40))
    [doc] = parse_texts(nlp, [text], piece_chars=100)
    assert doc.text == text
    assert [t.text for t in doc] == [t.text for t in nlp(text)]
    assert len(list(doc.sents)) >= 80


def test_the_model_max_length_also_bounds_the_pieces():
    nlp = blank()
    nlp.max_length = 50
    text = "word " * 100  # 500 characters: nlp(text) would refuse it
    [doc] = parse_texts(nlp, [text])
    assert doc.text == text


def test_one_failing_text_spoils_only_itself():
    nlp = blank("kg_test_boom")
    texts = ["First text.", "This one goes BOOM.", "Third text.", "Fourth text."]
    out = list(parse_texts(nlp, texts, batch_size=2))
    assert [type(x).__name__ for x in out] == ["Doc", "ValueError", "Doc", "Doc"]
    assert [x.text for x in out if not isinstance(x, Exception)] == ["First text.", "Third text.", "Fourth text."]
    assert "failed on this text" in str(out[1])
