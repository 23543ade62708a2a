"""The text clean-up before parsing (kg.extract.cleanup): what it removes, joins and keeps, and its map.

Every text here was written for these tests; the people are fictional.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from conftest import examples

from kg.extract.cleanup import boilerplate, clean, identity, story_part

WRAPPED = ("Kenyan President Amani Otieno received Ghanaian President Kofi\n"
           "Mensah at State House in Nairobi on Monday, where the two leaders\n"
           "discussed a planned railway link and signed an agreement on trade\n"
           "and investment.\n")


def lines(text: str) -> list[str]:
    return clean(text).text.split("\n")


# ----------------------------------------------------------------- hard wraps


def test_a_hard_wrapped_paragraph_is_one_line():
    assert lines(WRAPPED) == [WRAPPED.replace("\n", " ").strip(), ""]


def test_paragraph_breaks_are_kept():
    text = WRAPPED + "\n" + WRAPPED
    assert clean(text).text.count("\n\n") == 1


@pytest.mark.parametrize("headline", [
    "Kenya and Ghana agree on a railway link",  # short: the next word would have fitted
    "Kenya and Ghana Sign a Trade and Investment Agreement in Nairobi After Talks",  # longer than the wrapping
])
def test_a_headline_without_full_stop_stays_apart_from_the_wrapped_text_after_it(headline):
    assert lines(f"{headline}\n{WRAPPED}")[0] == headline


def test_a_title_case_first_line_joins_when_paragraphs_are_set_apart_by_blank_lines():
    first = "Kenyan President Amani Otieno and the Ghanaian President Kofi"
    text = f"{first}\n{WRAPPED.split(chr(10), 1)[1]}The talks ended in the afternoon, the presidency said."
    assert lines(text)[0] == first  # no blank line in the text: the first line may be a headline
    assert lines(text.replace("\nThe talks", "\n\nThe talks"))[0].startswith(f"{first} Mensah at State House")


def test_names_set_out_a_line_each_are_not_wrapped_text():
    text = ("Kenya – President Amani Otieno of the Republic of Kenya\nGhana – President Kofi Mensah of Ghana\n"
            "Chile – Foreign Minister Rosa Fuentes of the Republic\nPeru – President Luis Quispe")
    assert clean(text).text == text


def test_one_paragraph_per_line_is_left_alone():
    text = ("Kenyan President Amani Otieno received Ghanaian President Kofi Mensah in Nairobi on Monday.\n"
            "The two leaders discussed trade.\n"
            "Kenya and Ghana agreed to meet again\n"
            "Otieno later flew to Kampala.")
    assert clean(text).text == text


def test_a_lowercase_next_line_continues_the_sentence():
    assert lines("The minister of foreign affairs of Peru met\nwith her counterpart in Lima.") == [
        "The minister of foreign affairs of Peru met with her counterpart in Lima."]


@pytest.mark.parametrize("end", ["the", "with", "and", "of", "Dr."])
def test_a_line_that_ends_in_a_function_word_or_comma_continues(end):
    text = f"Chilean Foreign Minister Rosa Fuentes met {end}\nArgentine officials in Santiago on Friday."
    assert len(lines(text)) == 1
    assert len(lines("Rosa Fuentes, the Chilean Foreign Minister,\nmet Argentine officials.")) == 1


def test_a_word_broken_at_a_hyphen_is_rejoined_without_a_space():
    assert lines("President Kassym-\nJomart Sultanov met the delegation.") == [
        "President Kassym-Jomart Sultanov met the delegation."]


@pytest.mark.parametrize("second", [
    "- the leaders signed two agreements", "• Otieno and Mensah held talks", "2. A joint statement was issued",
    "NAIROBI, March 3 (Reuters) - Kenyan President Amani Otieno met", "    Kenyan President Amani Otieno met"])
def test_list_items_datelines_and_indented_paragraphs_keep_their_line_break(second):
    text = f"Highlights of the visit of the Ghanaian President to the Kenyan capital include\n{second}"
    assert len(lines(text)) == 2


def test_a_paragraph_on_one_long_line_ended_by_a_stray_comma_does_not_join_the_next():
    first = "The leaders affirmed their support for the regional bloc's chairmanship next year, " * 2
    text = f"{first.strip()},\nOn this occasion, ministers of the two countries signed four documents."
    assert len(lines(text)) == 2


# ----------------------------------------------------------------- boilerplate


@pytest.mark.parametrize("line, kind", [
    ("By Jane Doe", "byline"),
    ("By Jane Doe and Ravi Kumar, Reuters", "byline"),
    ("by Staff Writers", "byline"),
    ("Written by Li Wei | Beijing", "byline"),
    ("Reporting by Jane Doe in Lima; Editing by Ann Roe", "credit"),
    ("(Additional reporting by Tomas Silva)", "credit"),
    ("Photo: AFP", "caption"),
    ("PHOTO", "caption"),
    ("Photo credit Ministry of Foreign Affairs", "caption"),
    ("(Photo by Jane Doe)", "caption"),
    ("All photos: State House", "caption"),
    ("FILE PHOTO: Peruvian President Luis Quispe meets Bolivian President Evo Mamani in La Paz, 2019.", "caption"),
    ("In this May 2, 2019, file photo, Kenyan President Amani Otieno greets Kofi Mensah.", "caption"),
    ("FILE - Kenyan President Amani Otieno waves in Nairobi.", "caption"),
    ("Read more: Kenya and Ghana sign railway deal", "link"),
    ("ALSO READ | Otieno meets Mensah in Accra", "link"),
    ("Share this article", "link"),
    ("Advertisement", "link"),
])
def test_boilerplate_lines(line, kind):
    assert boilerplate(line) == kind


@pytest.mark.parametrize("line", [
    "By Monday, the two ministers had signed three agreements.",
    "By signing the accord, Kenya and Ghana ended a long dispute.",
    "The leaders posed for a family photo after the talks.",
    "Photographers waited outside the palace.",
    "Pictures of the summit were shown on state television.",
    "Related talks were held in Accra on Tuesday.",
    "Reading the statement, the minister thanked his hosts.",
    "Kenya and Ghana sign trade pact",
])
def test_story_lines_are_not_boilerplate(line):
    assert boilerplate(line) is None
    assert story_part(line) == (0, len(line))


@pytest.mark.parametrize("line, story", [
    ("Photo: Kenyan President Amani Otieno greets Kofi Mensah in Nairobi on Monday.",
     "Kenyan President Amani Otieno greets Kofi Mensah in Nairobi on Monday."),
    ("Otieno greets Mensah in Nairobi on Monday. (Jane Doe, AP Photo)", "Otieno greets Mensah in Nairobi on Monday."),
    ("Otieno greets Mensah in Nairobi. Photo credit: State House", "Otieno greets Mensah in Nairobi."),
    ("Otieno greets Mensah in Nairobi. — Agency pic", "Otieno greets Mensah in Nairobi."),
    ("Otieno met Mensah, the ministry said. (Reporting by Jane Doe; Editing by Ann Roe)",
     "Otieno met Mensah, the ministry said."),
])
def test_a_caption_keeps_its_text_without_marker_and_credit(line, story):
    start, end = story_part(line)
    assert line[start:end] == story
    assert clean(line).text == story


def test_boilerplate_lines_are_removed_with_their_line_break():
    text = ("Kenya and Ghana sign trade pact\nBy Jane Doe\n\nNAIROBI - Kenyan President Amani Otieno met "
            "Ghanaian President Kofi Mensah.\nPhoto: AFP\nRead more: Otieno visits Kampala\n\nThe talks ended.")
    assert clean(text).text == ("Kenya and Ghana sign trade pact\n\nNAIROBI - Kenyan President Amani Otieno met "
                                "Ghanaian President Kofi Mensah.\n\nThe talks ended.")


def test_a_repeated_paragraph_is_dropped_and_short_repeats_are_kept():
    lead = "Kenyan President Amani Otieno received Ghanaian President Kofi Mensah on Monday."
    text = f"{lead}\n\n{lead}\n\nMore\n\nThe talks ended.\n\nMore"
    assert clean(text).text.count(lead) == 1
    assert clean(text).text.count("More") == 2


def test_a_repeated_wrapped_paragraph_is_dropped_whatever_its_wrapping():
    text = WRAPPED + "\n" + WRAPPED.replace("\n", " ").strip()
    assert clean(text).text.count("Kofi Mensah") == 1


# ----------------------------------------------------------------- the map


def test_spans_map_back_into_the_original():
    text = "Headline\nBy Jane Doe\n\nKenyan President Amani Otieno met with\nKofi Mensah.\nPhoto: AFP"
    c = clean(text)
    assert c.text == "Headline\n\nKenyan President Amani Otieno met with Kofi Mensah.\n"
    start = c.text.index("Kenyan")
    o_start, o_end = c.span(start, start + len("Kenyan President Amani Otieno met with Kofi Mensah."))
    assert text[o_start:o_end] == "Kenyan President Amani Otieno met with\nKofi Mensah."
    assert c.span(0, 8) == (0, 8) and c.span(3, 3) == (3, 3)
    assert c.position(len(c.text)) == len(text)


def test_identity_and_empty_text():
    assert identity("abc").span(1, 3) == (1, 3) and not identity("abc").changed
    assert clean("").text == "" and clean("").span(0, 0) == (0, 0)
    assert not clean("Otieno met Mensah.").changed


NOISY = st.lists(st.sampled_from([
    "By", "Jane", "Doe", "Photo", "photo", "file", "FILE", "In this", ":", "(", ")", "|", "-", "—", ",", ".",
    "Reporting by", "Read more", "Share", "met", "with", "the", "Otieno", "NAIROBI", "•", "2.", "credit",
    " ", "  ", "\n", "\n", "\n\n", "\r\n", "\t", "a" * 45, "Kassym-", "é", "\u2028", "\xa0"]), max_size=60).map(" ".join)
TEXTS = st.one_of(st.text(max_size=300), NOISY, NOISY.map(lambda t: t.replace(" ", "")))


@settings(max_examples=examples(300), deadline=None)
@given(text=TEXTS)
def test_every_cleaned_position_maps_into_the_original_in_order(text):
    c = clean(text)
    assert c.original == text
    positions = [c.position(i) for i in range(len(c.text))]
    assert all(0 <= p < len(text) for p in positions)
    assert all(a < b for a, b in zip(positions, positions[1:]))  # strictly increasing
    for i, p in enumerate(positions):  # a character is copied, or a line break became one space
        assert c.text[i] == text[p] or (c.text[i] == " " and text[p].isspace())
    assert c.position(len(c.text)) == len(text)


@settings(max_examples=examples(200), deadline=None)
@given(text=TEXTS, data=st.data())
def test_a_span_maps_to_the_original_span_of_its_first_and_last_character(text, data):
    c = clean(text)
    start = data.draw(st.integers(0, len(c.text)))
    end = data.draw(st.integers(start, len(c.text)))
    o_start, o_end = c.span(start, end)
    assert 0 <= o_start <= o_end <= len(text)
    if end > start:
        assert text[o_start] == c.text[start] or text[o_start].isspace()
        assert text[o_end - 1] == c.text[end - 1] or text[o_end - 1].isspace()


@pytest.mark.slow  # 0.6 s of long texts
def test_clean_is_fast_on_long_and_odd_texts():
    import time

    for text in (" " * 200_000, "(" * 100_000, "Photo " * 30_000, "x\n" * 50_000, "In this " * 20_000):
        began = time.perf_counter()
        clean(text)
        assert time.perf_counter() - began < 5, text[:20]


def test_parse_articles_parses_the_cleaned_text_and_maps_it_back(nlp):
    from kg.extract.pipeline import CLEANED, parse_articles, source_span

    text = "By Jane Doe\n\n" + WRAPPED + "\n" + WRAPPED.replace("Kofi", "Kwame") + "Photo: AFP\n"
    [doc] = list(parse_articles(nlp, [text], piece_chars=150))  # in pieces, joined
    assert doc.text == clean(text).text and doc.user_data[CLEANED].original == text
    for sent in doc.sents:
        span, start, end = source_span(doc, sent.start_char, sent.end_char)
        assert text[start:end] == span and span.split() == sent.text.split()
    plain = nlp("Otieno met Mensah.")
    assert source_span(plain, 0, 6) == ("Otieno", 0, 6)
