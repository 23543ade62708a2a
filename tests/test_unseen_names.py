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
    # ---- a long title the parser broke off its name: "Minister of State for X A"
    case("minister-of-state-for-affairs-received",
         "Kenyan President Amani Otieno on Monday at State House received Ghanaian Minister of "
         "State for Regional Integration Kofi Mensah, who delivered a message from his president.",
         [M("Amani Otieno", "Kofi Mensah")]),
    case("secretary-of-state-for-trade-received",
         "Gabonese President Alain Obame received Secretary of State for Foreign Trade Marie Dupont "
         "in Libreville on Friday.",
         [M("Alain Obame", "Marie Dupont")]),
    case("title-then-lowercase-words-is-no-name",
         "Gabonese President Alain Obame received the Minister for the first time since the "
         "election. Marie Dupont spoke later.",
         [], [M("Alain Obame", "Marie Dupont")]),
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
    # ---- Arabic name chains: bin / ibn / al- / Al, neither cut nor merged
    case("bin-chain-not-cut",
         "Emirati Foreign Minister Sheikh Saif bin Rashid bin Hamad Al Qasimi received Kenyan Foreign "
         "Minister Amani Otieno in Abu Dhabi on Monday.",
         [M("Saif bin Rashid bin Hamad Al Qasimi", "Amani Otieno")],
         [M("Rashid bin Hamad Al Qasimi", "Amani Otieno"), M("Hamad Al Qasimi", "Amani Otieno")]),
    case("lowercase-al-hyphen-chain",
         "Kuwaiti Crown Prince Sheikh Nasser al-Hamad al-Fahad al-Salem met Jordanian Foreign Minister "
         "Ziad al-Masri in Kuwait City on Sunday.",
         [M("Nasser al-Hamad al-Fahad al-Salem", "Ziad al-Masri")],
         [M("Hamad", "Ziad al-Masri"), M("Fahad", "Ziad al-Masri"), M("Nasser", "Fahad")]),
    case("al-hyphen-surname",
         "Syrian President Karim al-Haddad met Lebanese Prime Minister Nabil el-Khoury in Damascus on "
         "Tuesday.",
         [M("Karim al-Haddad", "Nabil el-Khoury")],
         [M("Karim", "Nabil el-Khoury"), M("Karim", "Nabil")]),
    case("title-word-inside-name",
         "Somali President Abdi Sheikh Warsame met Kenyan President Amani Otieno in Nairobi on Monday.",
         [M("Abdi Sheikh Warsame", "Amani Otieno")],
         [M("Abdi", "Amani Otieno"), M("Warsame", "Amani Otieno")]),
    case("hyphen-glued-title-word",
         "Iraqi Foreign Minister Kamal Amir-Hashemi met his Jordanian counterpart Ziad Haddad in Amman "
         "on Sunday.",
         [M("Kamal Amir-Hashemi", "Ziad Haddad")],
         [M("Kamal", "Ziad Haddad"), M("Hashemi", "Ziad Haddad")]),
    case("given-name-sultan-before-bin",
         "Saudi Ambassador Prince Sultan bin Nayef bin Mansour met Bahraini Foreign Minister Khalid bin "
         "Ahmed Al Mansoori in Manama on Monday.",
         [M("Sultan bin Nayef bin Mansour", "Khalid bin Ahmed Al Mansoori")],
         [M("Nayef bin Mansour", "Khalid bin Ahmed Al Mansoori")]),
    case("al-al-hyphen",
         "Minister of State Faisal Al Al-Bahar met Egyptian Foreign Minister Hany Mourad in Riyadh on "
         "Monday.",
         [M("Faisal Al Al-Bahar", "Hany Mourad")],
         [M("Faisal Al Al", "Hany Mourad")]),
    case("bin-chain-second-mention",
         "Qatari Prime Minister Sheikh Hamad bin Jassim bin Khalid Al Nasser received Kenyan Foreign "
         "Minister Amani Otieno in Doha on Monday. Later, Sheikh Hamad bin Jassim met Ghanaian Minister "
         "Kofi Mensah.",
         [M("Hamad bin Jassim bin Khalid Al Nasser", "Amani Otieno"),
          M("Hamad bin Jassim bin Khalid Al Nasser", "Kofi Mensah")],
         [M("Jassim bin Khalid Al Nasser", "Kofi Mensah")]),
    # ---- initials glued to a name
    case("initial-glued",
         "Parliament Speaker B.Tsogtbaatar met Kazakh Senate Chairman Marat Dzhaksybekov in "
         "Ulaanbaatar on Monday.",
         [M("B.Tsogtbaatar", "Marat Dzhaksybekov")]),
    case("two-initials-glued",
         "Mongolian Foreign Minister N.G.Enkhjargal received a delegation led by A.V.Sorokin on "
         "Tuesday. Enkhjargal and Sorokin signed a protocol on education.",
         [S("N.G.Enkhjargal", "protocol"), S("A.V.Sorokin", "protocol")]),
    # ---- particles, double surnames, apostrophes
    case("von-der",
         "Austrian Chancellor Ulrike von der Heyden met Dutch Prime Minister Pieter van den Berg in "
         "Vienna on Monday.",
         [M("Ulrike von der Heyden", "Pieter van den Berg")]),
    case("von-der-second-mention",
         "Austrian Chancellor Ulrike von der Heyden met Kenyan President Amani Otieno in Vienna on "
         "Monday. Von der Heyden later signed a memorandum on trade with Otieno.",
         [M("Ulrike von der Heyden", "Amani Otieno"), S("Ulrike von der Heyden", "trade")],
         [S("Von der Heyden", "trade")]),
    case("von-der-without-a-title",
         "Ulrike von der Heyden met with Kenyan President Amani Otieno in Vienna on Monday.",
         [M("Ulrike von der Heyden", "Amani Otieno")], [M("Heyden", "Amani Otieno")]),
    case("von-der-without-a-title-tagged-as-an-organisation",
         "Helga van der Meer met with Amani Otieno in Brussels on Monday.",
         [M("Helga van der Meer", "Amani Otieno")]),
    case("van-der-inside-a-body-name-is-no-person",
         "Kenyan President Amani Otieno visited the Van der Meer Institute for Water in Delft, where he "
         "met Dutch Minister Pieter de Vries.",
         [M("Amani Otieno", "Pieter de Vries")], [M("Van der Meer Institute", "Amani Otieno")]),
    case("country-possessive-before-names-in-a-list",
         "Among the guests at the inauguration were Ghana's Nana Kwame Boateng-Addo, Senegal's Moussa "
         "Ndour Faye and Togo's Komla Agbeko.",
         [A("Nana Kwame Boateng-Addo", "inauguration"), A("Moussa Ndour Faye", "inauguration"),
          A("Komla Agbeko", "inauguration")]),
    # ---- intergovernmental bodies the model takes for places, and names inside another's title
    case("a-body-the-model-calls-a-place",
         "The EU and Mercosur signed a trade agreement in Montevideo on Friday.",
         [S("European Union", "trade agreement"), S("Mercosur", "trade agreement")]),
    case("a-body-by-acronym-and-full-name-is-one",
         "The African Union (AU) and ECOWAS signed a memorandum on early warning. Later the AU signed a "
         "protocol on mediation with IGAD.",
         [S("African Union", "early warning"), S("Economic Community of West African States", "early warning"),
          S("African Union", "mediation"), S("Intergovernmental Authority on Development", "mediation")],
         [S("AU")]),
    case("a-common-variant-of-a-body-name",
         "The Africa Union and the Kenyan government signed a memorandum on early warning in Addis Ababa.",
         [S("African Union", "early warning")]),
    case("a-name-in-another-persons-title-is-not-the-subject",
         "Kremlin adviser Pavel Orlov said that Putin aide Anton Belov met Kenyan President Amani Otieno "
         "in Sochi on Monday.",
         [M("Anton Belov", "Amani Otieno")], [M("Putin", "Amani Otieno")]),
    case("names-run-together-without-a-comma-give-the-head",
         "At the invitation of Foreign Minister of Ghana H.E. Kofi Mensah Forum Executive Director "
         "Ambassador Amani Otieno attended the Accra Policy Forum on June 3.",
         [A("Amani Otieno", "accra policy forum")], [A("Kofi Mensah")]),
    case("deputy-ruler-is-an-office",
         "The meeting was attended by Sheikh Khalid bin Saif Al Mansoori, Deputy Ruler of Fujairah; and "
         "Sheikh Omar bin Saif Al Mansoori, Minister of Foreign Affairs.",
         [A("Khalid bin Saif Al Mansoori", "meeting"), A("Omar bin Saif Al Mansoori", "meeting")],
         [A("Ruler")]),
    case("post-nominal-letters-are-no-part-of-the-name",
         "Australian Prime Minister Jane Anne Hartley MP met New Zealand Prime Minister Tama Rangi Whetu "
         "in Wellington on Monday.",
         [M("Jane Anne Hartley", "Tama Rangi Whetu")], [M("Jane Anne Hartley MP", "Tama Rangi Whetu")]),
    case("surname-in-capitals-first",
         "On June 2, Mr. TANAKA Hiroshi, Prime Minister of Japan, held a meeting with Mr. Amani Otieno, "
         "President of Kenya.",
         [M("Tanaka Hiroshi", "Amani Otieno")]),
    case("a-capitalised-function-word-after-a-title-is-a-name",
         "Party General Secretary To Van Hung received Lao Prime Minister Sonexay Phomvihane in Hanoi on "
         "Tuesday. Later To Van Hung hosted a banquet.",
         [M("To Van Hung", "Sonexay Phomvihane")], [M("Van Hung", "Sonexay Phomvihane")]),
    case("a-function-word-after-a-title-at-a-sentence-start-is-no-name",
         "He was named Secretary. To Kenyan President Amani Otieno the visit of Ghanaian President Kofi "
         "Mensah mattered, and Otieno met Mensah on Monday.",
         [M("Amani Otieno", "Kofi Mensah")]),
    case("an-okina-inside-a-name-in-a-list",
         "The regional summit opened in Apia on Monday. Among those attending were Fiji's Prime Minister "
         "Ratu Seru Vuniwaqa, Samoa's Fetu Aloalii Mata'afa and Australian Prime Minister Jane Hartley.",
         [A("Seru Vuniwaqa", "summit"), A("Fetu Aloalii Mata'afa", "summit")], [A("Fetu Aloalii", "summit")]),
    case("an-abbreviated-office-before-a-surname",
         "External Affairs Minister Dr. R. Subramaniam met Sri Lankan Foreign Minister Nimal Perera in New "
         "Delhi on Monday. The two sides exchanged two MoUs in the presence of EAM Subramaniam and FM Perera.",
         [M("R. Subramaniam", "Nimal Perera"), A("R. Subramaniam", "")], [A("EAM Subramaniam", ""),
                                                                          A("Eam Subramaniam", "")]),
    case("a-name-the-model-missed-before-a-person-in-an-of-list",
         "Palestinian President Mahmoud Haddad later met separately with the foreign ministers of Norway and "
         "Spain, Espen Barth Eide and Jose Manuel Albares.",
         [M("Mahmoud Haddad", "Espen Barth Eide"), M("Mahmoud Haddad", "Jose Manuel Albares")]),
    case("a-region-is-no-person",
         "The summit opened in Abuja on Monday. Also present were the Special Representative for West Africa "
         "and Sahel, Mohamed Ibn Diallo; and the Speaker of the regional parliament, Amadou Sow.",
         [A("Mohamed Ibn Diallo", "summit"), A("Amadou Sow", "summit")], [A("Sahel", "summit")]),
    case("dos-santos",
         "Brazilian Foreign Minister Mauro dos Santos Vieira met Portuguese President Joana da Costa "
         "Mendes in Lisbon on Friday.",
         [M("Mauro dos Santos Vieira", "Joana da Costa Mendes")]),
    case("de-la",
         "Colombian President Andrés Felipe Gómez de la Torre met Ecuadorian President Lucía Paredes "
         "in Quito on Monday.",
         [M("Andrés Felipe Gómez de la Torre", "Lucía Paredes")]),
    case("apostrophe-particles",
         "French Foreign Minister Hélène d'Aubigny met Irish Foreign Minister Siobhán O'Donnell in "
         "Paris on Thursday.",
         [M("Hélène d'Aubigny", "Siobhán O'Donnell")],
         [M("Hélène", "Siobhán O'Donnell")]),
    case("lowercase-hyphen-pieces",
         "Thai Prime Minister Somchai Chan-o-wat met South Korean Foreign Minister Park Ji-hoon in "
         "Bangkok on Monday.",
         [M("Somchai Chan-o-wat", "Park Ji-hoon")],
         [M("Somchai Chan", "Park Ji-hoon"), M("Somchai Chan-o-wat", "Park Ji")]),
    case("lowercase-hyphen-piece",
         "Thai Prime Minister Somchai Chan-o-wat received Kenyan President Amani Otieno in Bangkok on "
         "Monday. Kazakh journalist Dana Askar-zade attended the press conference.",
         [M("Somchai Chan-o-wat", "Amani Otieno"), A("Dana Askar-zade", "press conference")],
         [M("Somchai Chan", "Amani Otieno"), A("Dana Askar", "press conference")]),
    case("hyphen-compound-is-not-a-name",
         "Kenyan President Amani Otieno met Ghanaian President Kofi Mensah in Nairobi on Monday. The "
         "Otieno-led talks covered trade.",
         [M("Amani Otieno", "Kofi Mensah")]),
    case("okina",
         "Tongan Prime Minister Siaosi Tuʻakoi met Samoan Prime Minister Fiamē Leota in Apia on "
         "Monday.",
         [M("Siaosi Tuʻakoi", "Fiamē Leota")]),
    case("single-name-after-title",
         "Indonesian State Secretary Sutrisno met Malaysian Foreign Minister Azlan Hashim in Jakarta "
         "on Friday.",
         [M("Sutrisno", "Azlan Hashim")]),
    case("surname-first-second-mention",
         "Chinese Premier Zhao Lijun received Vietnamese Prime Minister Nguyen Van Thanh in Beijing on "
         "Monday. Zhao and Nguyen signed an agreement on rail links.",
         [M("Zhao Lijun", "Nguyen Van Thanh"), S("Zhao Lijun", "rail"), S("Nguyen Van Thanh", "rail")]),
    # ---- names the model tags as places or organisations
    case("country-glued-to-name",
         "Indian High Commissioner to Bangladesh Arvind Kumar Menon and Bangladeshi Secretary Rafiq "
         "Hossain signed a memorandum on river management in Dhaka.",
         [S("Arvind Kumar Menon", "memorandum"), S("Rafiq Hossain", "memorandum")]),
    case("appositive-ambassador-to",
         "The Samoan High Commissioner to Fiji, Tavita Leota Malietoa, met Fijian President Jone "
         "Vakacegu at the State House on Monday.",
         [M("Jone Vakacegu", "Tavita Leota Malietoa")],
         [M("Jone Vakacegu", "State House"), M("Jone Vakacegu", "Fiji")]),
    case("ambassador-to-country-name",
         "Saudi Ambassador to Kuwait Prince Fahd bin Saad bin Turki welcomed Kenyan Foreign Minister "
         "Amani Otieno at the airport on Monday.",
         [M("Fahd bin Saad bin Turki", "Amani Otieno")],
         [M("Saad bin Turki", "Amani Otieno"), M("Kuwait", "Amani Otieno")]),
    case("portfolio-list-before-name",
         "Minister of Higher Education, Science and Innovation Ana Lima signed an agreement on research "
         "with Peruvian Minister Lucía Paredes.",
         [S("Ana Lima", "research")],
         [S("Innovation Ana Lima", "research")]),
    # ---- offices and institutions are not people
    case("diwan-not-a-person",
         "Emir Sheikh Hamad bin Khalid Al Nasser received Kenyan President Amani Otieno at the Amiri "
         "Diwan on Monday, in the presence of the Minister of the Diwan, Jassim bin Saif Al Marri.",
         [M("Hamad bin Khalid Al Nasser", "Amani Otieno")],
         [M("Diwan", "Amani Otieno"), M("Amiri Diwan", "Amani Otieno"), A("Diwan")]),
    case("intelligence-not-a-person",
         "The meeting was attended by Salim Al-Mansour, Chief of General Intelligence, and Faisal "
         "Haddad, Minister of Finance.",
         [A("Salim Al-Mansour", "meeting")],
         [A("Intelligence", "meeting"), A("General Intelligence", "meeting")]),
    case("kremlin-not-a-person",
         "The Kremlin said Russian President Pavel Sorokin met Kazakh President Nurlan Abenov in Moscow "
         "on Monday.",
         [M("Pavel Sorokin", "Nurlan Abenov")],
         [M("Kremlin", "Nurlan Abenov"), M("Kremlin", "Pavel Sorokin")]),
    case("capital-alone-not-a-person",
         "Nigerian President Musa Danjuma met Ghanaian President Kofi Mensah in Abuja on Monday. Abuja "
         "hosted the talks.",
         [M("Musa Danjuma", "Kofi Mensah")],
         [M("Abuja", "Kofi Mensah")]),
    # ---- a nickname in quotes inside a name
    case("quoted-nickname",
         "President Budi \"Bud\" Santoso received Malaysian Prime Minister Azlan Hashim at the palace on "
         "Sunday. Budi's wife, Ratna Santoso, accompanied them.",
         [M("Budi Santoso", "Azlan Hashim")],
         [M("Budi", "Azlan Hashim"), M("Bud", "Azlan Hashim")]),
    # ---- list lines "Country – Name"
    case("country-dash-name-lines",
         "Kenyan President Amani Otieno met the following foreign ministers on Monday:\n\n"
         "Chile – Ignacio Rojas\n\nPeru – Lucía Paredes\n\n"
         "Later, Rojas and Paredes signed an agreement on fisheries.",
         [S("Ignacio Rojas", "fisheries"), S("Lucía Paredes", "fisheries")]),
    # ---- people listed with a known person, whatever the model tagged them
    case("single-name-in-a-list",
         "Ministers Dewi Lestari, Sutrisno and Agus Wibowo accompanied President Budi Santoso when he "
         "received the Malaysian king. Sutrisno also signed a memorandum on labour with Malaysia.",
         [S("Sutrisno", "labour")]),
    case("glued-words-not-a-name",
         "ReadMoreToday, Kenyan President Amani Otieno and Ghanaian President Kofi Mensah held talks in "
         "Accra.",
         [M("Amani Otieno", "Kofi Mensah")],
         [M("ReadMoreToday", "Amani Otieno"), M("ReadMoreToday", "Kofi Mensah")]),
    case("misspelt-country-with-possessive-in-list",
         "President Amani Otieno and Ugandaa's Prime Minister Kato Mugisha held talks in Nairobi on "
         "Thursday.",
         [M("Amani Otieno", "Kato Mugisha")],
         [M("Ugandaa", "Amani Otieno"), M("Ugandaa", "Kato Mugisha")]),
    case("region-in-a-title-list-not-a-person",
         "Also present were the Special Envoy for West Africa and Sahel, Ibrahim Sow, and Kenyan "
         "President Amani Otieno, who attended the summit.",
         [A("Amani Otieno", "summit")],
         [A("Sahel", "summit"), A("Africa", "summit")]),
    case("list-of-titled-names-after-a-greeting",
         "Indonesian President Budi Santoso greeted the leaders at the hotel on Monday.\n"
         "Then Prime Minister Laos Bounmy Keola, Malaysian Prime Minister Azlan Hashim, Philippine "
         "President Ramon Cruz Jr., Brunei Sultan Hassan Bolkiah, and Vietnamese PM Tran Van Long.",
         [M("Budi Santoso", "Bounmy Keola"), M("Budi Santoso", "Ramon Cruz Jr."),
          M("Budi Santoso", "Hassan Bolkiah")],
         [M("Budi Santoso", "Brunei Sultan")]),
    case("document-word-not-a-name",
         "Kenyan President Amani Otieno and Ghanaian President Kofi Mensah signed the Mombasa Accord "
         "on Monday. Several MoUs were also signed.",
         [S("Amani Otieno", "accord"), S("Kofi Mensah", "accord")],
         [M("Several MoUs", "Amani Otieno"), S("Several MoUs", "")]),
    case("surname-first-and-last-one-person",
         "Japanese Prime Minister Sato Kenji met Kenyan President Amani Otieno in Tokyo on Monday. "
         "Kenji Sato and Otieno signed an agreement on port investment.",
         [S("Sato Kenji", "port"), M("Sato Kenji", "Amani Otieno")],
         [S("Kenji Sato", "port")]),
    case("royal-court-not-a-person",
         "Omani Sultan Tariq bin Saif Al Harthi received Kenyan Foreign Minister Amani Otieno on "
         "Monday, the Royal Court said. The Royal Court and the Majlis also hosted a lunch.",
         [M("Tariq bin Saif Al Harthi", "Amani Otieno")],
         [M("Royal Court", "Amani Otieno"), M("Majlis", "Amani Otieno"),
          M("Royal Court", "Tariq bin Saif Al Harthi")]),
    case("state-house-not-a-person",
         "Ugandan President Moses Kato hosted Rwandan President Eric Mugisha at State House Entebbe on "
         "Friday. State House said the two leaders signed a protocol on trade.",
         [M("Moses Kato", "Eric Mugisha")],
         [M("State House", "Eric Mugisha"), S("State House", "protocol"),
          M("State House Entebbe", "Eric Mugisha")]),
    case("palace-not-a-person",
         "King Tupou Lavaka received Fijian Prime Minister Jone Vakacegu at the Palace on Monday. The "
         "Palace said they discussed fisheries.",
         [M("Tupou Lavaka", "Jone Vakacegu")],
         [M("Palace", "Jone Vakacegu"), M("Palace", "Tupou Lavaka")]),
    case("portfolio-for-before-name",
         "Nepalese President Ram Prasad Koirala was received at the airport by Minister of State for "
         "Civil Aviation Arjun Mehta on Monday.",
         [M("Ram Prasad Koirala", "Arjun Mehta")],
         [M("Ram Prasad Koirala", "Civil Aviation Arjun Mehta")]),
    case("appositive-after-a-long-role",
         "Former leaders were present too: the second president of the country's modern republic, "
         "Gaston Ferrand d'Aubert, 91, attended the funeral.",
         [A("Gaston Ferrand d'Aubert", "funeral")]),
    case("country-possessive-tagged-org",
         "Armenia's Foreign Minister Aram Petrosyan and Georgia's Foreign Minister Levan Kapanadze "
         "signed a memorandum on transit. Armenia and Georgia also signed a protocol on customs.",
         [S("Aram Petrosyan", "memorandum"), S("Armenia", "protocol"), S("Georgia", "protocol")]),
    case("religious-title-stripped",
         "Cardinal Pietro Lanza met Kenyan President Amani Otieno in Rome on Monday.",
         [M("Pietro Lanza", "Amani Otieno")],
         [M("Cardinal Pietro Lanza", "Amani Otieno")]),
    case("policy-portfolio-before-name",
         "The agreement was signed by the High Representative for Foreign Affairs and Security Policy "
         "Elena Moretti and Armenian Foreign Minister Aram Petrosyan.",
         [S("Elena Moretti", "agreement"), S("Aram Petrosyan", "agreement")],
         [S("Policy Elena Moretti", "agreement")]),
    case("single-name-tagged-as-place",
         "President Sutrisno received Malaysian Prime Minister Azlan Hashim in Jakarta on Monday.",
         [M("Sutrisno", "Azlan Hashim")]),
    case("middle-name-left-out",
         "Uruguayan President Luis Alberto Lacalle Ferrer met Chilean President Ignacio Rojas in "
         "Montevideo on Monday. Later, Luis Lacalle Ferrer hosted Rojas at a dinner.",
         [M("Luis Alberto Lacalle Ferrer", "Ignacio Rojas"), A("Luis Alberto Lacalle Ferrer", "dinner")],
         [M("Luis Lacalle Ferrer", "Ignacio Rojas")]),
    case("father-name-is-another-person",
         "Crown Prince Faisal bin Khalid met Kenyan President Amani Otieno in Riyadh on Monday. On "
         "Tuesday, King Khalid received Ghanaian President Kofi Mensah.",
         [M("Faisal bin Khalid", "Amani Otieno"), M("Khalid", "Kofi Mensah")],
         [M("Faisal bin Khalid", "Kofi Mensah")]),
    case("honorific-abbreviations",
         "HH Sheikh Nasser bin Saud Al Jaber received HE Kenyan Foreign Minister Amani Otieno at Bayan "
         "Palace on Monday.",
         [M("Nasser bin Saud Al Jaber", "Amani Otieno")],
         [M("HH", "Amani Otieno"), M("HH Sheikh Nasser bin Saud Al Jaber", "Amani Otieno")]),
    case("honorific-without-final-stop",
         "Bahraini Crown Prince Salman bin Nasser received H.E Sheikh Khalid bin Saud Al Jaber and "
         "Kenyan Foreign Minister Amani Otieno on Monday.",
         [M("Salman bin Nasser", "Khalid bin Saud Al Jaber"), M("Salman bin Nasser", "Amani Otieno")],
         [M("H.E", "Salman bin Nasser")]),
    case("okina-written-as-apostrophe",
         "Tongan Foreign Minister Fekitamoeloa 'Utoikamanu met Fijian President Jone Vakacegu in Suva "
         "on Monday.",
         [M("Fekitamoeloa 'Utoikamanu", "Jone Vakacegu")],
         [M("Fekitamoeloa", "Jone Vakacegu")]),
    case("okina-and-apostrophe-one-person",
         "Tongan Prime Minister Siaosi Tuʻakoi met Fijian President Jone Vakacegu in Suva on Monday. "
         "Later Tu'akoi signed a memorandum on fisheries with Vakacegu.",
         [S("Siaosi Tuʻakoi", "fisheries"), S("Jone Vakacegu", "fisheries")]),
    case("acronym-listed-with-people-is-no-person",
         "Kenyan President Amani Otieno, Ghanaian President Kofi Mensah and ECOWAS attended the "
         "summit in Accra on Monday.",
         [A("Amani Otieno", "summit"), A("Kofi Mensah", "summit")],
         [M("ECOWAS", "Amani Otieno"), M("ECOWAS", "Kofi Mensah")]),
    case("acronym-listed-with-people-meets-no-one",
         "Kenyan President Amani Otieno met Ghanaian President Kofi Mensah and NEPAD in Accra.",
         [M("Amani Otieno", "Kofi Mensah")],
         [M("NEPAD", "Amani Otieno")]),
    case("venue-word-inside-a-person-span",
         "Kenyan President Amani Otieno hosted Ghanaian President Kofi Mensah at the Banquet Hall of "
         "State House on Monday, and Ugandan Minister Grace Achola attended the dinner.",
         [M("Amani Otieno", "Kofi Mensah"), A("Grace Achola", "dinner")],
         [M("Hall", "Amani Otieno"), A("Hall", "dinner"), A("Banquet Hall", "dinner")]),
    case("portfolio-words-are-no-person",
         "Minister of Humanitarian Assistance and Disaster Management Halima Yusuf met Kenyan Foreign "
         "Minister Amani Otieno in Abuja on Monday.",
         [M("Halima Yusuf", "Amani Otieno")],
         [M("Humanitarian Assistance", "Amani Otieno"), M("Disaster Management Halima Yusuf", "Amani Otieno")]),
    case("countries-named-like-capitals-in-group-nouns",
         "The Kuwait delegation, the government of Panama, the Monaco side and the Luxembourg "
         "government met in Panama on Monday. Mexican Foreign Minister Elena Ruiz met the Guatemala "
         "delegation.",
         [],
         [M("Elena Ruiz", "Guatemala City")]),
    case("country-as-given-name",
         "Israeli Foreign Minister Israel Katzman met Kenyan President Amani Otieno in Jerusalem on "
         "Monday. Chad Whitfield, the US envoy, attended the talks.",
         [M("Israel Katzman", "Amani Otieno"), A("Chad Whitfield", "talks")],
         [M("Israel", "Amani Otieno")]),
    case("country-before-a-name-is-still-a-country",
         "Kenya and Uganda signed a protocol on rail links in Nairobi. Kenya President Amani Otieno "
         "and Uganda Prime Minister Moses Kato attended the ceremony.",
         [S("Kenya", "protocol"), S("Uganda", "protocol"), A("Amani Otieno", "ceremony")]),
    case("company-listed-with-people-is-no-person",
         "Kenyan President Amani Otieno met Ghanaian President Kofi Mensah in Nairobi. Otieno, "
         "Mensah and Safari Telecom later signed a memorandum on data centres.",
         [M("Amani Otieno", "Kofi Mensah"), S("Kofi Mensah", "data centres")],
         [M("Safari Telecom", "Amani Otieno"), M("Safari Telecom", "Kofi Mensah")]),
    case("company-in-apposition-to-a-role-noun",
         "Kenyan President Amani Otieno met Ghanaian President Kofi Mensah in Nairobi. Safaricom Kenya "
         "Limited, the leader in mobile money, and Otieno signed a memorandum on payments.",
         [M("Amani Otieno", "Kofi Mensah")],
         [M("Safaricom Kenya Limited", "Amani Otieno")]),
    case("hyphenated-common-words-are-no-names",
         "Co-chair Amani Otieno met Ghanaian President Kofi Mensah in Accra on Monday. High-level "
         "talks followed, and Self-reliance was discussed.",
         [M("Amani Otieno", "Kofi Mensah")],
         [M("Co-chair Amani Otieno", "Kofi Mensah")]),
    case("honorifics-of-many-countries",
         "Maj Gen Ibrahim Sow met Brig Gen Amani Otieno in Nairobi on Monday. Eng. Khalid Al Mansoori "
         "met Madame Aline Dubois in Dubai on Tuesday.",
         [M("Ibrahim Sow", "Amani Otieno"), M("Khalid Al Mansoori", "Aline Dubois")],
         [M("Maj Gen Ibrahim Sow", "Brig Gen Amani Otieno"), M("Khalid Al Mansoori", "Madame Aline Dubois")]),
    case("indian-honorifics",
         "Shri Arjun Mehta met Smt. Kavita Rao in New Delhi on Monday.",
         [M("Arjun Mehta", "Kavita Rao")],
         [M("Shri Arjun Mehta", "Kavita Rao")]),
    case("single-names-after-a-title-whatever-the-model-says",
         "President Tshabalala met President Ndlovu in Harare on Monday. On Tuesday, Premier Tokmak "
         "received Minister Sutrisno.",
         [M("Tshabalala", "Ndlovu"), M("Tokmak", "Sutrisno")]),
]


@pytest.mark.parametrize("text, must, must_not", CASES)
def test_unseen_names(nlp, text, must, must_not):
    check(nlp, text, must, must_not)


@pytest.mark.parametrize("text, name, kind", [
    ("India's Tata Motors signed a supply agreement with Indonesian Trade Minister Budi Santoso.",
     "Tata Motors", "organization"),
    ("Kenya's Amani Otieno received Ghanaian President Kofi Mensah at Kenya's Supreme Court on Monday.",
     "Amani Otieno", "person"),
    ("Ghana's Kofi Mensah met Togo's Komla Agbeko in Lomé on Monday.", "Komla Agbeko", "person"),
])
def test_a_country_possessive_names_people_not_companies(nlp, text, name, kind):
    """"Ghana's Kofi Mensah" is a person; "India's Tata Motors", which the model calls an
    organisation and no other such name is listed with, stays one."""
    from kg.extract import Article, extract

    ex = extract(Article(id="t", text=text, date="2025-03-01"), nlp)
    kinds = {a.name: a.kind for a in ex.actors.values()}
    assert kinds.get(name) == kind, kinds
    assert "Supreme Court" not in kinds or kinds["Supreme Court"] != "person"


def test_a_key_the_actor_table_lacks_is_dropped_not_raised(nlp):
    """No slip of the resolver (a key made from a name the table skipped) stops an article."""
    from kg.extract import _known_actors_only
    from kg.extract.actors import build_actor_table
    from kg.extract.arguments import Candidate

    doc = nlp("Kenyan President Amani Otieno met Ghanaian President Kofi Mensah.")
    table = build_actor_table(doc)
    cand = Candidate("main", doc[4], ["amani otieno", "atlantis"], ["kofi mensah", "lemuria"])
    _known_actors_only(cand, table)
    assert cand.subjects == ["amani otieno"] and cand.objects == ["kofi mensah"]


def test_a_surname_in_capitals_is_shown_in_mixed_case(nlp):
    """"Mr. TANAKA Hiroshi" (a surname in capitals, as Japanese releases write it) is shown as
    "Tanaka Hiroshi"; "Anthony Albanese MP" loses the letters after the name."""
    from kg.extract import Article, extract

    text = ("On June 2, Mr. TANAKA Hiroshi, Prime Minister of Japan, held a meeting with the Hon. Jane "
            "Anne Hartley MP, Prime Minister of Australia.")
    names = {a.name for a in extract(Article(id="t", text=text, date="2025-06-03"), nlp).actors.values()}
    assert {"Tanaka Hiroshi", "Jane Anne Hartley"} <= names, names


def test_regnal_numbers_and_imperial_titles(nlp):
    """"King Olav VIII" keeps his regnal number in capitals (not "Olav Viii"); "Emperor" and
    "Empress" are titles, not part of the name."""
    from kg.extract import Article, extract

    text = ("King Olav VIII received Kenyan President Amani Otieno at the palace on Monday. Emperor Hiroto and "
            "Empress Aiko welcomed Ghanaian President Kofi Mensah to the Imperial Palace on Tuesday.")
    ex = extract(Article(id="t", text=text, date="2025-06-03"), nlp)
    names = {a.name for a in ex.actors.values()}
    assert {"Olav VIII", "Hiroto", "Aiko"} <= names, names
    pairs = {frozenset((ex.actors[f.subject].name, ex.actors[f.object].name)) for f in ex.facts
             if f.relation == "met_with"}
    assert {frozenset(("Olav VIII", "Amani Otieno")), frozenset(("Hiroto", "Kofi Mensah"))} <= pairs, pairs


@pytest.mark.parametrize("text, absent, present", [
    ("The UAE is participating in the Arab Summit with a delegation headed by Sheikh Khalid bin Saif Al "
     "Mansoori.", "Arab Summit", "Khalid bin Saif Al Mansoori"),
    ("Kenyan President Amani Otieno attended the 41st Regional Summit in Kigali on Monday.",
     "Regional Summit", "Amani Otieno"),
])
def test_an_event_named_like_a_body_is_no_actor(nlp, text, absent, present):
    """A summit the model tags as an organisation is the attended event, never an actor too."""
    from kg.extract import Article, extract

    ex = extract(Article(id="t", text=text, date="2025-06-03"), nlp)
    names = {a.name for a in ex.actors.values()}
    assert present in names and not any(absent in n for n in names), names
    assert any(absent.lower() in t.label.lower() for t in ex.things.values()), ex.things


def test_a_country_the_model_calls_an_organisation_is_the_country(nlp):
    from kg.extract import Article, extract

    text = ("Royal News Forum\n\nTitle: King and Queen welcome the President of Honduras\nPost by: Ana on "
            "May 2, 2024\nQuoteYesterday, King Felipe and Queen Letizia hosted a lunch at the Royal Palace in "
            "Madrid in honour of the Honduran President Lucia Mejia.")
    ex = extract(Article(id="t", text=text, date="2025-06-03"), nlp)
    kinds = {a.name: a.kind for a in ex.actors.values()}
    assert kinds.get("Honduras") == "country", kinds


def test_a_document_label_loses_the_brackets_of_its_acronym(nlp):
    from kg.extract import Article, extract

    text = ("The African Union (AU) and the Kenyan government signed a Memorandum of Understanding (MoU) on "
            "open cooperation in Addis Ababa.")
    labels = [t.label for t in extract(Article(id="t", text=text, date="2025-06-03"), nlp).things.values()]
    assert "Memorandum of Understanding on open cooperation" in labels, labels
