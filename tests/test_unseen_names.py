"""Issue 17, cause "names": person names that the small spaCy model misses or breaks, and actors.

Countries that share their name with their capital (Singapore, Kuwait, Djibouti), initials glued
to a name ("D.Tsend"), Arabic name chains (bin / ibn / Al), particles ("von der", "da", "de la"),
surname-first names, names the model tags as places or organisations, offices and institutions
that are not people ("the Royal Court", "the Kremlin").  Every sentence here was written for
these tests; the people are fictional.
"""
from __future__ import annotations

import pytest

from sentences import A, M, S, case, check

CASES = [
    # ---- countries named like their capital: the country is an actor, nothing crashes
    case("city-state-delegation",
         "Prime Minister Tan Wei Ming of Singapore met Malaysian Prime Minister Azlan Hashim in "
         "Putrajaya on Monday. The Singapore delegation also met the Malaysian side.",
         [M("Tan Wei Ming", "Azlan Hashim")]),
    case("city-state-government",
         "Kuwaiti Foreign Minister Salem Al-Mutairi received the Djibouti delegation in Kuwait on "
         "Sunday. The government of Djibouti signed a memorandum on port cooperation with Kuwait.",
         [S("Djibouti", "memorandum")]),
    case("city-state-country-signs",
         "Singapore and Vietnam signed an agreement on digital trade in Hanoi on Tuesday.",
         [S("Singapore", "digital trade"), S("Vietnam", "digital trade")]),
    case("luxembourg-monaco-met",
         "The delegations of Luxembourg and Monaco met in Luxembourg on Friday.",
         [M("Luxembourg", "Monaco")]),
]


@pytest.mark.parametrize("text, must, must_not", CASES)
def test_unseen_names(nlp, text, must, must_not):
    check(nlp, text, must, must_not)
