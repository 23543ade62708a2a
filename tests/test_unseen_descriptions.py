"""Issue 17, cause "definite descriptions, ellipsis and purpose clauses".

On unseen news a summit host greets each arriving leader, but the host or the guest is
often named by a description ("the Kazakh leader", "his Zambian counterpart", "the host"),
the later guests are listed in a verbless follow-on sentence ("Then A and B."), and the
greeting is a purpose infinitive after a motion verb ("walked the red carpet to shake
hands with B").  A description resolves only when exactly one person in focus fits it;
a purpose clause counts only after a past motion verb, never after a plan or a hope.

Every text here was written for these tests; the people are fictional.
"""
from __future__ import annotations

import pytest

from sentences import A, M, S, case, check

DESCRIPTION_CASES = [
    # "the UN chief": an office of that body, whoever was named last
    case("the-un-chief",
         "UN Secretary-General Tomas Lindqvist met Kenyan President Amani Otieno in Nairobi on Monday. "
         "The UN chief also held talks with Foreign Minister Wanjiru Kamau.",
         [M("Tomas Lindqvist", "Amani Otieno"), M("Tomas Lindqvist", "Wanjiru Kamau")],
         [M("Amani Otieno", "Wanjiru Kamau")]),
    case("the-imf-chief-is-no-un-official",
         "UN Secretary-General Tomas Lindqvist met Kenyan President Amani Otieno in Nairobi on Monday. "
         "The IMF chief held talks with Foreign Minister Wanjiru Kamau.",
         [], [M("Tomas Lindqvist", "Wanjiru Kamau"), M("Amani Otieno", "Wanjiru Kamau")]),
    case("nationality-leader-greeted-guest",
         "Kazakh President Nurlan Abenov hosted the Steppe Forum in Astana on Tuesday. "
         "The Kazakh leader greeted Mongolian President Bat-Erdene Ganbold at the entrance.",
         [M("Nurlan Abenov", "Bat-Erdene Ganbold")]),
    case("guest-greeted-by-the-host",
         "Zambian President Chanda Mwale opened the regional summit in Lusaka on Monday. "
         "Malawian President Yusuf Banda was greeted by the host on arrival.",
         [M("Yusuf Banda", "Chanda Mwale")],
         xfail="'the host' is not yet resolved to the summit's host"),
    case("counterpart-of-named-president",
         "Peruvian President Lucia Quispe arrived in Quito on Friday. "
         "She was received at the palace by her Ecuadorian counterpart Mateo Andrade.",
         [M("Lucia Quispe", "Mateo Andrade")]),
    case("head-of-state-received-guest",
         "Senegalese President Aminata Diouf welcomed the leaders to Dakar on Monday. "
         "The Head of State received Gambian President Lamin Jallow at the airport.",
         [M("Aminata Diouf", "Lamin Jallow")]),
    case("emir-greeted-minister",
         "Emir Tamim al Rashidi of Qadira chaired the Gulf meeting on Sunday. "
         "The Emir greeted visiting Omani Foreign Minister Said al Harthi.",
         [M("Tamim al Rashidi", "Said al Harthi")],
         xfail="'the Emir' is not yet resolved to the single emir in focus"),
    case("visiting-minister-met-president",
         "Indonesian Foreign Minister Dewi Santoso began a visit to Manila on Monday. "
         "President Ramon Villanueva met the visiting minister at the palace.",
         [M("Ramon Villanueva", "Dewi Santoso")]),
    case("next-to-be-greeted-by-the-head-of-state",
         "The summit opened in Dakar with a handshake ceremony hosted by Senegalese President Moussa "
         "Ndiaye. Ghanaian President Kofi Mensah was the next to be greeted by the Head of State. "
         "Then, the Head of State greeted Nigerian President Bola Adeyemi at the summit.",
         [M("Moussa Ndiaye", "Kofi Mensah"), M("Moussa Ndiaye", "Bola Adeyemi")],
         [M("Kofi Mensah", "Bola Adeyemi")]),
    case("the-president-is-the-host-not-the-last-guest",
         "Kyrgyz President Almaz Toktogulov received Tajik President Farid Rahimov in Bishkek on "
         "Monday. Rahimov then laid a wreath at the monument. Later the Kyrgyz head of state "
         "received Uzbek Foreign Minister Bakhtiyor Nazarov.",
         [M("Almaz Toktogulov", "Bakhtiyor Nazarov")], [M("Farid Rahimov", "Bakhtiyor Nazarov")]),
    case("head-of-state-is-the-lead-figure",
         "President Aminata Diouf of Senegal welcomed the leaders of the region to Dakar on Monday. "
         "Gambian President Lamin Jallow arrived first and spoke to reporters at length. "
         "The Head of State then received Guinean President Alpha Camara.",
         [M("Aminata Diouf", "Alpha Camara")], [M("Lamin Jallow", "Alpha Camara")]),
    # must NOT: two candidates for the description
    case("two-presidents-the-leader-ambiguous",
         "Kenyan President Amani Otieno and Ugandan President Joseph Okello opened the summit. "
         "The leader greeted Rwandan Minister Claire Uwase at the door.",
         [],
         [M("Amani Otieno", "Claire Uwase"), M("Joseph Okello", "Claire Uwase")]),
    case("wrong-nationality-no-binding",
         "Kazakh President Nurlan Abenov hosted the forum in Astana on Tuesday. "
         "The Uzbek leader greeted Mongolian President Bat-Erdene Ganbold at the entrance.",
         [],
         [M("Nurlan Abenov", "Bat-Erdene Ganbold")]),
]

ELLIPSIS_CASES = [
    case("greeted-then-list",
         "Zambian President Chanda Mwale greeted Malawian President Yusuf Banda at the venue. "
         "Then Botswanan President Kagiso Molefe and Namibian President Helena Shikongo.",
         [M("Chanda Mwale", "Yusuf Banda"), M("Chanda Mwale", "Kagiso Molefe"),
          M("Chanda Mwale", "Helena Shikongo")],
         [M("Yusuf Banda", "Kagiso Molefe")]),
    case("greeted-by-host-then-list-of-guests",
         "The Sahel Summit opened in Niamey on Monday. Malian President Oumar Traore was the first "
         "to arrive and was greeted by Nigerien President Issa Mahamane. Then Chadian President "
         "Idriss Abakar, Burkinabe President Paul Ouedraogo and Guinean Prime Minister Alpha Camara.",
         [M("Issa Mahamane", "Idriss Abakar"), M("Issa Mahamane", "Paul Ouedraogo"),
          M("Issa Mahamane", "Alpha Camara"), A("Paul Ouedraogo", "summit")],
         [M("Oumar Traore", "Paul Ouedraogo")]),
    case("next-list-of-signers",
         "Kenyan Trade Minister Joseph Kamau signed the customs protocol in Arusha on Friday. Next, "
         "Tanzanian Trade Minister Neema Mushi and Ugandan Trade Minister Peter Okot.",
         [S("Neema Mushi", "protocol"), S("Peter Okot", "protocol")]),
    case("list-after-a-sentence-without-facts-inherits-nothing",
         "Zambian President Chanda Mwale greeted Malawian President Yusuf Banda at the venue. "
         "The weather was hot and the programme ran late. Then Botswanan President Kagiso Molefe.",
         [M("Chanda Mwale", "Yusuf Banda")], [M("Chanda Mwale", "Kagiso Molefe")]),
    case("a-list-that-has-its-own-verb-is-not-a-fragment",
         "Zambian President Chanda Mwale greeted Malawian President Yusuf Banda at the venue. "
         "Then Botswanan President Kagiso Molefe left for the airport.",
         [M("Chanda Mwale", "Yusuf Banda")], [M("Chanda Mwale", "Kagiso Molefe")]),
    case("fragment-after-a-joint-meeting-is-ambiguous",
         "Zambian President Chanda Mwale and Malawian President Yusuf Banda met in Lusaka. "
         "Then Botswanan President Kagiso Molefe.",
         [M("Chanda Mwale", "Yusuf Banda")], [M("Chanda Mwale", "Kagiso Molefe"), M("Yusuf Banda", "Kagiso Molefe")]),
    case("first-to-arrive-next-came",
         "Kazakh President Nurlan Abenov welcomed the guests at the palace. Kyrgyz President "
         "Almaz Toktogulov was the first to arrive and was greeted by Abenov. "
         "Next came Tajik President Farid Rahimov.",
         [M("Almaz Toktogulov", "Nurlan Abenov")]),
    case("as-did-b",
         "Chilean President Tomás Rivas met Pope Clement at the Vatican on Monday, as did "
         "Argentine President Sofia Ledesma.",
         [M("Tomás Rivas", "Clement")]),
    case("so-did-b",
         "Malawian President Yusuf Banda met King Mswati Dlamini in Mbabane. So did Zambian "
         "President Chanda Mwale.",
         [M("Yusuf Banda", "Mswati Dlamini")]),
    case("fragment-without-a-full-stop-before-a-blank-line",
         "Zambian President Chanda Mwale greeted Malawian President Yusuf Banda at the venue. "
         "Then Botswanan President Kagiso Molefe and Namibian President Helena Shikongo "
         "(in that order)  \n\n",
         [M("Chanda Mwale", "Kagiso Molefe"), M("Chanda Mwale", "Helena Shikongo")]),
    # must NOT: a list after a plan
    case("will-greet-then-list-planned",
         "Zambian President Chanda Mwale will greet Malawian President Yusuf Banda on Monday. "
         "Then Botswanan President Kagiso Molefe.",
         [],
         [M("Chanda Mwale", "Yusuf Banda"), M("Chanda Mwale", "Kagiso Molefe")]),
]

PURPOSE_CASES = [
    case("walked-carpet-to-shake-hands",
         "Ghanaian President Kofi Mensah walked the red carpet to shake hands with Togolese "
         "President Eyadema Koffi.",
         [M("Kofi Mensah", "Eyadema Koffi")]),
    case("came-forward-to-greet",
         "Nigerian President Bola Adeyemi came forward to greet Beninese President Patrice Talon "
         "Houngbo at the airport on Monday.",
         [M("Bola Adeyemi", "Patrice Talon Houngbo")]),
    case("stepped-out-to-receive",
         "Thai Prime Minister Somchai Wongsa stepped out of the hall to receive Lao Prime Minister "
         "Sonexay Phomvihane.",
         [M("Somchai Wongsa", "Sonexay Phomvihane")]),
    case("first-to-walk-the-carpet-to-shake-hands",
         "Kenyan Foreign Minister Joseph Kamau was the first to walk the red carpet to shake hands "
         "with Senegalese President Moussa Ndiaye.",
         [M("Joseph Kamau", "Moussa Ndiaye")]),
    case("will-be-the-first-to-walk-planned",
         "Kenyan Foreign Minister Joseph Kamau will be the first to walk the red carpet to shake "
         "hands with Senegalese President Moussa Ndiaye.",
         [], [M("Joseph Kamau", "Moussa Ndiaye")]),
    case("will-walk-to-greet-planned",
         "Ghanaian President Kofi Mensah will walk the red carpet to greet Togolese President "
         "Eyadema Koffi on Friday.",
         [],
         [M("Kofi Mensah", "Eyadema Koffi")]),
    case("hoped-to-shake-hands",
         "Ghanaian President Kofi Mensah hoped to shake hands with Togolese President Eyadema "
         "Koffi at the summit.",
         [],
         [M("Kofi Mensah", "Eyadema Koffi")]),
    case("flew-to-meet-future",
         "Peruvian President Lucia Quispe is flying to Quito to meet Ecuadorian President Mateo "
         "Andrade next week.",
         [],
         [M("Lucia Quispe", "Mateo Andrade")]),
    # a bare verb joined to an infinitive shares its mood: a plan stays a plan, a fulfilled
    # purpose stays fulfilled
    case("glad-to-travel-and-meet-planned",
         "Chilean President Tomás Rivas said he was glad to be travelling to Lima, to speak at the "
         "Pacific Forum, and meet Peruvian President Lucia Quispe.",
         [],
         [M("Tomás Rivas", "Lucia Quispe")]),
    case("chance-to-visit-and-meet-planned",
         "Kenyan President Amani Otieno said he welcomed the chance to visit Accra and meet "
         "Ghanaian President Kofi Mensah.",
         [],
         [M("Amani Otieno", "Kofi Mensah")]),
    case("walked-the-carpet-to-bow-and-greet",
         "Ghanaian President Kofi Mensah walked the red carpet to bow and greet Togolese "
         "President Eyadema Koffi.",
         [M("Kofi Mensah", "Eyadema Koffi")]),
    case("waited-to-greet-but-no-show",
         "Kenyan President Amani Otieno waited at the airport to greet Ugandan President Joseph "
         "Okello, but Okello's flight was cancelled.",
         [],
         [M("Amani Otieno", "Joseph Okello")]),
]

GREETING_CASES = [
    case("greeted-guest-attends-the-summit-of-the-article",
         "The Sahel Summit opened in Niamey on Monday. Malian President Oumar Traore was greeted by "
         "Nigerien President Issa Mahamane on the red carpet.",
         [M("Oumar Traore", "Issa Mahamane"), A("Oumar Traore", "summit")]),
    case("welcomed-guest-attends-the-forum-of-the-article",
         "President Nurlan Abenov opened the Steppe Forum in Astana on Tuesday. He welcomed Mongolian "
         "President Bat-Erdene Ganbold and Kyrgyz President Almaz Toktogulov at the palace gate.",
         [A("Bat-Erdene Ganbold", "forum"), A("Almaz Toktogulov", "forum")]),
    case("greeted-at-a-meeting-of-a-council-attends-it",
         "The meeting of the Council of Foreign Ministers of the Andean Union opened in Lima on Monday. "
         "Bolivian Foreign Minister Rosa Quispe was the next to be greeted by Peruvian Foreign "
         "Minister Ignacio Salas on the carpet.",
         [M("Rosa Quispe", "Ignacio Salas"), A("Rosa Quispe", "council")]),
    case("greeted-at-a-meeting-of-two-is-a-principal",
         "The meeting of the two presidents began in Lima on Monday. Bolivian President Rosa Quispe "
         "was greeted by Peruvian President Ignacio Salas at the door.",
         [M("Rosa Quispe", "Ignacio Salas")], [A("Rosa Quispe", "")]),
    case("greeted-on-a-state-visit-attends-no-summit",
         "Kenyan President Amani Otieno paid a state visit to Kampala on Monday. He was greeted by "
         "Ugandan President Joseph Okello at the airport.",
         [M("Amani Otieno", "Joseph Okello")], [A("Amani Otieno", "")]),
    case("greeted-before-a-summit-next-week-is-no-attendance",
         "The Sahel Summit opens in Niamey next week. On Monday Malian President Oumar Traore was "
         "greeted by Nigerien President Issa Mahamane at the airport.",
         [M("Oumar Traore", "Issa Mahamane")], [A("Oumar Traore", "summit")]),
    case("received-greetings-from",
         "Kazakh President Nurlan Abenov hosted the forum on Tuesday. Mongolian President "
         "Bat-Erdene Ganbold received greetings from the Kazakh leader on arrival.",
         [M("Bat-Erdene Ganbold", "Nurlan Abenov")],
         xfail="'received greetings from' is not a meeting trigger yet"),
    case("greeted-on-arrival-named",
         "Senegalese President Aminata Diouf greeted Gambian President Lamin Jallow on arrival in "
         "Dakar.",
         [M("Aminata Diouf", "Lamin Jallow")]),
    case("greetings-sent-by-letter-not-met",
         "Senegalese President Aminata Diouf sent greetings to Gambian President Lamin Jallow in "
         "a letter on Monday.",
         [],
         [M("Aminata Diouf", "Lamin Jallow")]),
]


@pytest.mark.parametrize("text, must, must_not",
                         DESCRIPTION_CASES + ELLIPSIS_CASES + PURPOSE_CASES + GREETING_CASES)
def test_descriptions(nlp, text, must, must_not):
    check(nlp, text, must, must_not)


def test_a_list_the_parser_cut_in_two_is_one_fragment(nlp):
    """A long follow-on list is sometimes split into two "sentences" where no full stop stands;
    the verbless piece after the cut still belongs to the fragment, and so is its evidence."""
    from spacy.tokens import Doc

    from kg.extract.actors import build_actor_table
    from kg.extract.coref import Resolver
    from kg.extract.ellipsis import follow_on

    text = ("Then Chadian President Idriss Abakar, Burkinabe President Paul Ouedraogo, "
            "Guinean Prime Minister Alpha Camara and Beninese President Romuald Houngbo.")
    parsed = nlp(text)
    cut = next(t.i for t in parsed if t.text == "Guinean")
    doc = Doc(nlp.vocab, words=[t.text for t in parsed], spaces=[bool(t.whitespace_) for t in parsed],
              sent_starts=[i in (0, cut) for i in range(len(parsed))])
    for name, proc in nlp.pipeline:
        if name != "parser":  # keep the cut: tags and names only
            doc = proc(doc)
    first, second = list(doc.sents)
    span, people = follow_on(first, Resolver(build_actor_table(doc)))
    assert people == ["idriss abakar", "paul ouedraogo", "alpha camara", "romuald houngbo"]
    assert span.text == text
    # the piece after the cut does not open with "Then": it is no fragment of its own
    span, people = follow_on(second, Resolver(build_actor_table(doc)))
    assert people == [] and span == second
