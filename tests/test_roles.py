"""Roles are offices (issue 18, item 5): a role phrase rests on an office noun, so honorifics
("Mr.", "H.E."), portfolios cut from their office ("Culture") and headline fragments are never
roles.  Every text here is our own; the people are fictional.
"""
from __future__ import annotations

import pytest

from kg.extract import Article, extract
from kg.extract.actors import OFFICE_NOUNS, is_office

# the office nouns a role may rest on (role nouns and the lexicon's office_nouns), as the test lists them
LISTED_OFFICES = {"president", "minister", "premier", "king", "queen", "emir", "sultan", "secretary", "ambassador",
                  "envoy", "chancellor", "governor", "mayor", "speaker", "chairman", "general", "attorney",
                  "lady", "pope", "cardinal", "adviser", "spokesman", "chief", "deputy", "prince"}


def test_the_office_nouns_include_the_listed_ones():
    assert LISTED_OFFICES <= OFFICE_NOUNS, LISTED_OFFICES - OFFICE_NOUNS


@pytest.mark.parametrize("role, office", [
    ("Kenyan President", True), ("Minister of Foreign Affairs", True), ("Attorney General", True),
    ("First Lady", True), ("Cabinet Secretaries", True), ("Mr.", False), ("H.E.", False), ("Dr", False),
    ("Culture", False), ("Trade", False), ("Sayyid", False), ("Kazakh PM Bektenov Meet in Ankara", True),
])
def test_a_role_rests_on_an_office_noun(role, office):
    assert is_office(role) is office


def test_honorifics_and_portfolio_fragments_are_no_roles(nlp):
    text = ("Mr. Amani Otieno met H.E. Kofi Mensah in Accra on Monday. Attorney General Wanjiru Kamau also "
            "met Mensah, and Minister of Culture Joseph Njoroge met Otieno.")
    ex = extract(Article(id="roles", text=text, date="2025-06-03"), nlp)
    roles = {a.name: a.roles for a in ex.actors.values() if a.kind == "person"}
    assert all(is_office(r) for rs in roles.values() for r in rs), roles
    assert not {"Mr.", "H.E.", "Dr.", "Culture"} & {r for rs in roles.values() for r in rs}, roles
    assert any("Attorney General" in r for r in roles.get("Wanjiru Kamau", ())), roles


def test_role_ends_lose_honorifics_and_a_headline_is_no_role(nlp):
    text = ("Otieno, Ghanaian President Mensah Meet in Accra\n\nForeign Minister of Kenya H.E. Amani Otieno met "
            "Foreign Minister Datuk Seri Rahman Ali in Accra on Monday.")
    ex = extract(Article(id="roles", text=text, date="2025-06-03"), nlp)
    roles = {r for a in ex.actors.values() for r in a.roles}
    assert "Foreign Minister of Kenya" in roles and "Foreign Minister" in roles, roles
    assert not any(r.endswith(("H.E.", "Seri")) or "Meet" in r for r in roles), roles
