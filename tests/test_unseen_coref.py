"""Issue 17, cause "coreference": group nouns, pronouns in subordinate clauses, ellipsis.

On unseen news, group nouns ("the two sides", "her counterparts", "officials", "G7
leaders", "several ministers") were bound to whoever was named last, and gave false
facts; pronouns in subordinate and relative clauses ("X flew to L, where he met Y",
"with whom she signed") and elided subjects ("X arrived and was received by Y") lost
facts.  A group noun is resolved only when its number, nationality and office agree
with the people in focus; a generic or open group gives no fact.

Every text here was written for these tests; the people are fictional.
"""
from __future__ import annotations

import pytest

from sentences import A, M, S, case, check

GROUP_CASES = [
    # a number that counts the pair in focus names that pair, a deputy included
    # plural titles shared across a list ("Cabinet Secretaries A and B") are offices too
    case("the-two-presidents-are-not-the-two-secretaries-named-last",
         "President Kofi Mensah on Thursday welcomed his Kenyan counterpart Amani Otieno at the Jubilee "
         "House for a state visit.\n\nOtieno was given a 21-gun salute before the two heads of state held "
         "talks.\n\nOtieno's delegation included Cabinet Secretaries Wanjiru Kamau and Rose Achieng.\n\n"
         "The two presidents then witnessed the signing of agreements on tourism and science.",
         [M("Kofi Mensah", "Amani Otieno"), A("Kofi Mensah", "signing"), A("Amani Otieno", "signing")],
         [A("Wanjiru Kamau", "signing"), M("Wanjiru Kamau", "Rose Achieng")]),
    # people named after the group phrase and a comma are the group, wherever the parser hung them
    case("talks-between-the-presidents-comma-a-and-b",
         "Talks between the Kenyan and Ghanaian presidents, Amani Otieno and Kofi Mensah, took place in "
         "Nairobi on Monday.",
         [M("Amani Otieno", "Kofi Mensah")]),
    case("a-meeting-of-the-ministers-of-x-and-y-comma-a-and-b",
         "A meeting of the foreign ministers of Kenya and Ghana, Amani Otieno and Kofi Mensah, was held in "
         "Nairobi on Monday.",
         [M("Amani Otieno", "Kofi Mensah")]),
    case("a-meeting-of-the-council-is-no-pair",
         "Kenyan President Amani Otieno chaired a meeting of the National Security Council, and Ghanaian "
         "President Kofi Mensah spoke to reporters in Accra.",
         [], [M("Amani Otieno", "Kofi Mensah")]),
    case("two-leaders-are-the-pair-with-a-vice-president",
         "Malawian President Yusuf Banda met Zambian Vice-President Grace Tembo in Lusaka on Monday. "
         "Ms Tembo, a close ally of Zambian President Chanda Mwale, took office in March. "
         "The two leaders exchanged warm greetings at the State House.",
         [M("Yusuf Banda", "Grace Tembo")],
         [M("Yusuf Banda", "Chanda Mwale"), M("Grace Tembo", "Chanda Mwale")]),
    case("both-leaders-are-the-pair-with-a-deputy-premier",
         "Thai Prime Minister Somchai Wongsa received Vietnamese Deputy Prime Minister Tran Van Minh "
         "in Bangkok. Mr Tran is a protege of Vietnamese President Nguyen Duc Long. "
         "It was the third time both leaders had met this year.",
         [M("Somchai Wongsa", "Tran Van Minh")],
         [M("Somchai Wongsa", "Nguyen Duc Long"), M("Tran Van Minh", "Nguyen Duc Long")]),
    # a group named by an organisation or a collective is not the people named before
    case("org-leaders-gathered-not-the-last-named",
         "Kenyan President Amani Otieno met Ghanaian President Kofi Mensah in Nairobi on Monday. "
         "G20 leaders gathered in Rome at the weekend for their annual summit.",
         [M("Amani Otieno", "Kofi Mensah")],
         [A("Amani Otieno", "summit"), A("Kofi Mensah", "summit")]),
    case("world-leaders-meeting-not-the-spokesman",
         "Norwegian Prime Minister Ingrid Dahl will host Finnish President Aino Korhonen on Friday, "
         "her spokesman Lars Berg said. World leaders were also meeting in Geneva on Monday.",
         [],
         [M("Ingrid Dahl", "Lars Berg"), M("Aino Korhonen", "Lars Berg"), M("Ingrid Dahl", "Aino Korhonen")]),
    case("bloc-leaders-signed-not-the-delegate",
         "Bahraini Crown Prince Khalid al Mansoori headed his country's delegation at the Gulf "
         "summit in Doha. He was representing King Faisal al Mansoori. Gulf Council leaders signed "
         "the Doha Declaration on regional security.",
         [],
         [S("Faisal al Mansoori", "doha declaration"), M("Khalid al Mansoori", "Faisal al Mansoori")]),
    case("business-leaders-attended-not-the-royals",
         "King Alaric and Queen Maren received Chilean President Tomás Rivas at the palace on Monday. "
         "Prime Minister Elena Marquez hosted a lunch in his honour. Several ministers, officials and "
         "business leaders also attended the lunch.",
         [M("Tomás Rivas", "Alaric")],
         [A("Alaric", "lunch"), A("Maren", "lunch")]),
    case("forum-leaders-welcomed-not-the-absent-king",
         "In the absence of King Sione Fifita, Crown Prince Tevita Fifita welcomed the Forum leaders "
         "to the islands.",
         [],
         [M("Tevita Fifita", "Sione Fifita")]),
    case("officials-said-is-not-a-group-of-actors",
         "Ugandan Foreign Minister Grace Nakato arrived in Kigali on Sunday. Officials met to "
         "prepare the visit of Kenyan President Amani Otieno.",
         [],
         [M("Grace Nakato", "Amani Otieno")]),
    case("all-the-leaders-of-a-region-is-open",
         "Nigerian President Bola Adeyemi arrived in Cairo, where Egyptian President Hassan Mansour "
         "welcomed him. Ghanaian President Kofi Mensah also came to attend a summit that brings "
         "together all the leaders of African countries.",
         [M("Bola Adeyemi", "Hassan Mansour")],
         [M("Kofi Mensah", "Bola Adeyemi"), M("Kofi Mensah", "Hassan Mansour")]),
    case("heads-of-a-region-not-the-last-named",
         "Honduran President Rosa Cevallos met Panamanian President Diego Marín in Colón. The summit "
         "brings together the leaders of North and South America to discuss trade.",
         [M("Rosa Cevallos", "Diego Marín")],
         [A("Rosa Cevallos", "summit"), A("Diego Marín", "summit")]),
    case("former-presidents-are-not-the-current-ones",
         "Paraguayan President Luis Benítez met Uruguayan President Carla Sosa in Brasília. Two "
         "former presidents also came to greet Sosa.",
         [M("Luis Benítez", "Carla Sosa")]),
    case("eighteen-heads-of-state-are-not-two",
         "Kenyan President Amani Otieno and Ghanaian President Kofi Mensah arrived in Abuja. The 18 "
         "heads of state present attended the inauguration.",
         [],
         [A("Amani Otieno", "inauguration"), A("Kofi Mensah", "inauguration")]),
    case("the-vietnamese-leaders-not-the-lao-guest",
         "Lao Prime Minister Khamla Sisouk met Vietnamese President Nguyen Van Hai and Vietnamese "
         "Prime Minister Tran Van Long in Hanoi. The Vietnamese leaders attended a banquet in the "
         "evening.",
         [M("Khamla Sisouk", "Nguyen Van Hai"), A("Tran Van Long", "banquet"), A("Nguyen Van Hai", "banquet")],
         [A("Khamla Sisouk", "banquet")]),
    case("her-counterparts-are-not-anyone-named",
         "Swedish Foreign Minister Karin Lindqvist arrived in Oslo, where Norwegian Prime Minister "
         "Ingrid Dahl received her. Lindqvist later signed a fisheries accord with her counterparts.",
         [M("Karin Lindqvist", "Ingrid Dahl")],
         [S("Ingrid Dahl", "fisheries")]),
    case("the-two-presidents-need-two-presidents",
         "Kenyan President Amani Otieno met Ugandan Foreign Minister Grace Nakato in Nairobi. The two "
         "presidents later attended a state banquet.",
         [M("Amani Otieno", "Grace Nakato")],
         [A("Grace Nakato", "banquet")]),
    case("the-two-foreign-ministers-are-the-two-in-focus",
         "Kenyan President Amani Otieno received Ethiopian Foreign Minister Dawit Bekele and Kenyan "
         "Foreign Minister Faith Wambui at State House. The two foreign ministers then signed a "
         "memorandum on border trade.",
         [S("Dawit Bekele", "border trade"), S("Faith Wambui", "border trade")],
         [S("Amani Otieno", "border trade")]),
    case("the-two-leaders-after-a-meeting",
         "Tanzanian President Neema Mwakyusa held talks with Zambian President Chanda Mulenga in "
         "Lusaka. The two leaders then attended a dinner at State House.",
         [M("Neema Mwakyusa", "Chanda Mulenga"), A("Neema Mwakyusa", "dinner"),
          A("Chanda Mulenga", "dinner")]),
    case("the-kenyan-and-ugandan-leaders",
         "Kenyan President Amani Otieno received Ugandan President Joseph Okello in Nairobi. The Kenyan "
         "and Ugandan leaders then attended a state banquet.",
         [A("Amani Otieno", "banquet"), A("Joseph Okello", "banquet")]),
    case("the-two-foreign-ministers-by-their-full-titles",
         "The Minister of Foreign Affairs of Chile, Ignacio Rojas, received the Minister of Foreign "
         "Affairs of Peru, Lucía Paredes, in Santiago. The two foreign ministers signed a memorandum "
         "on border crossings.",
         [S("Ignacio Rojas", "border crossings"), S("Lucía Paredes", "border crossings")]),
    case("the-three-heads-of-state",
         "Kenyan President Amani Otieno, Ugandan President Joseph Okello and Tanzanian President Neema "
         "Mwakyusa met in Arusha. The three heads of state later attended a dinner.",
         [A("Amani Otieno", "dinner"), A("Joseph Okello", "dinner"), A("Neema Mwakyusa", "dinner")]),
    case("both-leaders-signed",
         "Peruvian President Lucía Paredes received Bolivian President Mario Quiroga in Lima. Both "
         "leaders signed a declaration on lake protection.",
         [S("Lucía Paredes", "declaration"), S("Mario Quiroga", "declaration")]),
    case("received-by-a-delegation-led-by",
         "Ugandan President Joseph Okello arrived in Nairobi on Monday. He was received by a "
         "delegation led by Kenyan Foreign Minister Faith Wambui and Kenyan Trade Minister Grace "
         "Njeri.",
         [M("Joseph Okello", "Faith Wambui"), M("Joseph Okello", "Grace Njeri")]),
    case("both-as-a-pronoun-is-the-pair",
         "Peruvian President Lucía Paredes received Bolivian President Mario Quiroga in Lima on Monday. "
         "Both later attended a state banquet at the palace.",
         [A("Lucía Paredes", "banquet"), A("Mario Quiroga", "banquet")]),
    case("both-is-not-a-trio",
         "Peruvian President Lucía Paredes received Bolivian President Mario Quiroga and Chilean "
         "President Camila Rojas in Lima on Monday. Both later attended a state banquet at the palace.",
         [],
         [A("Lucía Paredes", "banquet"), A("Mario Quiroga", "banquet")]),
    case("the-delegations-of-x-and-y-met",
         "The delegations of Kenya and Ethiopia met in Addis Ababa on Tuesday to discuss the border.",
         [M("Kenya", "Ethiopia")]),
    case("the-presidents-of-x-and-y-are-theirs",
         "Ghanaian President Kofi Mensah, Kenyan President Amani Otieno and Togolese President Edem "
         "Kodjo arrived in Lomé. The presidents of Ghana and Togo signed a treaty on coastal "
         "fisheries.",
         [S("Kofi Mensah", "coastal fisheries"), S("Edem Kodjo", "coastal fisheries")],
         [S("Amani Otieno", "coastal fisheries")]),
    case("the-leaders-of-x-and-y-country-unknown",
         "Prime Minister Somchai Wongsakul of Thailand received Prime Minister Sok Vanna in Bangkok. "
         "The leaders of Thailand and Cambodia then attended a state banquet.",
         [A("Somchai Wongsakul", "banquet"), A("Sok Vanna", "banquet")]),
    case("leaders-listed-after-a-colon",
         "Brazilian President Tiago Moura was sworn in on Sunday. Three other heads of state attended "
         "the inauguration: Camila Rojas of Chile, Diego Marín of Colombia and Luis Benítez of "
         "Paraguay.",
         [A("Camila Rojas", "inauguration"), A("Diego Marín", "inauguration"),
          A("Luis Benítez", "inauguration")],
         [A("Tiago Moura", "inauguration")]),
]

PRONOUN_CASES = [
    case("where-he-met",
         "Kenyan President Amani Otieno flew to Accra on Monday, where he met Ghanaian President "
         "Kofi Mensah.",
         [M("Amani Otieno", "Kofi Mensah")]),
    case("where-she-was-welcomed",
         "Zambian Foreign Minister Chanda Mulenga arrived in Harare on Sunday, where she was welcomed "
         "by Zimbabwean Foreign Minister Tendai Moyo.",
         [M("Chanda Mulenga", "Tendai Moyo")]),
    case("with-whom-she-signed",
         "Chilean President Camila Rojas met Argentine President Martín Aguirre, with whom she signed "
         "an agreement on glacier protection.",
         [M("Camila Rojas", "Martín Aguirre"), S("Camila Rojas", "glacier"), S("Martín Aguirre", "glacier")]),
    case("whom-a-received",
         "Thai Prime Minister Somchai Wongsakul, whom Cambodian Prime Minister Sok Vanna received at "
         "the Peace Palace, arrived in Phnom Penh on Monday.",
         [M("Somchai Wongsakul", "Sok Vanna")]),
    # "which" stands for the event or document its clause hangs on, or the verb's object above it
    case("summit-which-c-also-attended",
         "Kenyan President Amani Otieno and Ghanaian President Kofi Mensah held a summit in Nairobi on "
         "Monday, which Togolese President Komla Agbeko also attended.",
         [M("Amani Otieno", "Kofi Mensah"), A("Komla Agbeko", "summit")]),
    case("memorandum-which-a-and-b-signed",
         "The memorandum of understanding on fisheries, which Kenyan Minister Amani Otieno and Ghanaian "
         "Minister Kofi Mensah signed in Nairobi on Monday, covers ten years.",
         [S("Amani Otieno", "memorandum of understanding on fisheries"), S("Kofi Mensah", "fisheries")]),
    case("forum-in-which-c-took-part",
         "The regional forum, in which Togolese President Komla Agbeko took part, ended on Monday.",
         [A("Komla Agbeko", "regional forum")]),
    case("summit-at-which-c-spoke",
         "The summit in Nairobi, at which Togolese President Komla Agbeko spoke, ended on Monday.",
         [A("Komla Agbeko", "summit")]),
    case("plan-which-c-drafted-is-no-attendance",
         "The regional summit opened in Nairobi on Monday. The plan, which Togolese President Komla "
         "Agbeko drafted, was adopted.",
         [], [A("Komla Agbeko"), S("Komla Agbeko")]),
    # the one who came, and a pronoun object that is not its own clause's subject
    case("a-and-his-guest-discussed",
         "Ghanaian President Kofi Mensah arrived in Nairobi on Sunday for a state visit. On Monday, Kenyan "
         "President Amani Otieno and his guest discussed trade at State House.",
         [M("Amani Otieno", "Kofi Mensah")]),
    case("the-visitor-held-talks-with",
         "Ghanaian President Kofi Mensah arrived in Nairobi on Sunday for a state visit. On Monday, the "
         "visitor held talks with Kenyan President Amani Otieno.",
         [M("Amani Otieno", "Kofi Mensah")]),
    case("the-host-comma-a-welcomed-him",
         "Ghanaian President Kofi Mensah arrived in Nairobi on Sunday for a state visit. The host, Kenyan "
         "President Amani Otieno, welcomed him at State House.",
         [M("Amani Otieno", "Kofi Mensah")]),
    case("a-guest-is-someone-new",
         "Ghanaian President Kofi Mensah spoke in Accra on Sunday. Kenyan President Amani Otieno welcomed a "
         "guest from the World Bank in Nairobi on Monday.",
         [], [M("Amani Otieno", "Kofi Mensah")]),
    case("relative-clause-who-met",
         "Ghanaian President Kofi Mensah, who met Togolese President Edem Kodjo on Monday, left Lomé "
         "on Tuesday.",
         [M("Kofi Mensah", "Edem Kodjo")]),
    case("during-his-meeting-with-a-b",
         "During his meeting with Kenyan President Amani Otieno, Ethiopian Prime Minister Hailu "
         "Gebremedhin discussed the dam.",
         [M("Amani Otieno", "Hailu Gebremedhin")]),
    case("after-their-talks-the-two",
         "Malian President Oumar Traore received Senegalese President Aminata Diouf in Bamako. After "
         "their talks, the two presidents signed a memorandum on river transport.",
         [S("Oumar Traore", "river transport"), S("Aminata Diouf", "river transport")]),
    case("meet-their-aspirations-is-not-a-meeting",
         "Omani Sultan Tariq al Said will visit Qatar next week at the invitation of Qatari Emir Jassim "
         "al Thani. The visit will explore trade and energy links and the means of promoting them to "
         "serve the interests of the two peoples and meet their aspirations.",
         [],
         [M("Tariq al Said", "Jassim al Thani")]),
    case("bare-title-of-a-new-person-is-not-the-last-minister",
         "Indian Foreign Minister Arjun Mehta will meet Mongolian President Batbayar Erdene on Friday. "
         "On Monday, Erdene was received at the airport by Minister of State for Ports Ravi Kulkarni.",
         [],
         [M("Batbayar Erdene", "Arjun Mehta")]),
    case("titles-in-a-list-are-not-anaphors",
         "Saudi Crown Prince Faisal bin Nasser received Greek Prime Minister Nikos Papadakis in "
         "Riyadh. The meeting was attended by Majid Rahimi, Minister of Energy; and Saad Harbi, "
         "Minister of State.",
         [M("Faisal bin Nasser", "Nikos Papadakis"), A("Majid Rahimi", "meeting")],
         [A("Nikos Papadakis", "meeting")]),
]

PRONOUN_CASES += [
    # a pronoun is bound inside its sentence first: the possessor of the noun its clause
    # depends on, the antecedent of a relative clause, the subject of the governing clause
    case("possessor-statement-that-he-had-met",
         "Presidential spokesman Ivan Sokolov commented on Polish President Marek Zielinski's "
         "statement that he had met Lithuanian President Rasa Vaitkute in Vilnius on Monday.",
         [M("Marek Zielinski", "Rasa Vaitkute")],
         [M("Ivan Sokolov", "Rasa Vaitkute")]),
    case("who-said-he-had-met",
         "Ghanaian President Kofi Mensah received Togolese Foreign Minister Edem Kodjo, who said he "
         "had met Beninese President Paul Houngbo in Cotonou on Monday.",
         [M("Kofi Mensah", "Edem Kodjo"), M("Edem Kodjo", "Paul Houngbo")],
         [M("Kofi Mensah", "Paul Houngbo")]),
    case("said-he-met-in-the-same-sentence",
         "Nigerian President Bola Adeyemi received Kenyan envoy Wanjiru Kamau on Friday. Ghanaian "
         "President Kofi Mensah said he met Adeyemi in Abuja on Monday.",
         [M("Kofi Mensah", "Bola Adeyemi"), M("Bola Adeyemi", "Wanjiru Kamau")]),
    case("she-is-not-the-king",
         "King Alaric of Valdoria hosted Chilean President Camila Rojas at the palace on Monday. On "
         "Tuesday, she met Valdorian Prime Minister Elena Marquez.",
         [M("Camila Rojas", "Elena Marquez")],
         [M("Alaric", "Elena Marquez")]),
    case("when-she-arrived-fronted-clause",
         "When she arrived in Lusaka on Monday, Malawian Foreign Minister Grace Banda met Zambian "
         "President Chanda Mulenga.",
         [M("Grace Banda", "Chanda Mulenga")]),
]

PRONOUN_CASES += [
    case("the-former-leader-is-not-the-king",
         "Thai Prime Minister Somchai Wongsakul paid a courtesy call on Cambodia's former premier Sok "
         "Vanna in Phnom Penh. Sok Vanna now chairs the advisory council of Cambodian King Norodom "
         "Sirivath. The former Cambodian leader hosted a dinner for the visiting Thai prime minister.",
         [],
         [A("Norodom Sirivath", "dinner")]),
]

ELLIPSIS_CASES = [
    # a companion in the subject's phrase shares its verb (attendance is required by the guidelines)
    case("a-along-with-b-attended",
         "Kenyan President Amani Otieno, along with Ugandan President Joseph Okello, attended the East "
         "African trade summit in Arusha.",
         [A("Amani Otieno", "summit"), A("Joseph Okello", "summit")]),
    case("a-together-with-b-attended",
         "Kenyan President Amani Otieno, together with Ugandan President Joseph Okello, attended the "
         "East African trade summit in Arusha.",
         [A("Amani Otieno", "summit"), A("Joseph Okello", "summit")]),
    case("open-group-along-with-a-named-one",
         "King Alaric received Chilean President Tomás Rivas at the palace on Monday. Several ministers "
         "and business leaders along with Prime Minister Elena Marquez also attended the lunch.",
         [A("Elena Marquez", "lunch")],
         [A("Alaric", "lunch"), A("Tomás Rivas", "lunch")]),
]

ELLIPSIS_CASES += [
    case("arrived-and-was-received-by",
         "Ghanaian President Kofi Mensah arrived in Lomé on Monday and was received by Togolese "
         "President Edem Kodjo.",
         [M("Kofi Mensah", "Edem Kodjo")]),
    case("was-received-by-and-met",
         "Ghanaian President Kofi Mensah was received by Spanish King Alaric Borbón at the palace and "
         "then met Spanish Prime Minister Elena Marquez.",
         [M("Kofi Mensah", "Alaric Borbón"), M("Kofi Mensah", "Elena Marquez")],
         [M("Alaric Borbón", "Elena Marquez")]),
    case("was-seen-to-be-greeted-by",
         "Armenian President Aram Sargsyan was also seen on the red carpet to be greeted by Georgian "
         "President Levan Beridze.",
         [M("Aram Sargsyan", "Levan Beridze")],
         xfail="the modality reads the infinitive 'to be greeted' after 'was seen' as a plan"),
    case("arrived-and-met",
         "Senegalese President Aminata Diouf arrived in Banjul on Friday and met Gambian President "
         "Lamin Jallow.",
         [M("Aminata Diouf", "Lamin Jallow")]),
    case("x-also-attended",
         "The West African security summit opened in Abuja on Monday. Ghanaian President Kofi Mensah "
         "also attended.",
         [A("Kofi Mensah", "summit")]),
    case("y-was-also-present",
         "Kenyan President Amani Otieno opened the East African trade summit in Arusha on Monday. "
         "Ugandan President Joseph Okello was also present.",
         [A("Joseph Okello", "summit")]),
]


@pytest.mark.parametrize("text, must, must_not", GROUP_CASES + PRONOUN_CASES + ELLIPSIS_CASES)
def test_coreference(nlp, text, must, must_not):
    check(nlp, text, must, must_not)
