"""Issue 17, cause "triggers": trigger and event words the rules did not cover, event labels,
and the reconciliation of calls with meetings.

Covered by lexical class, not word by word: verbs of exchanging or presiding over a signing,
intransitive signing ("signed for Kenya"), co-signers "alongside" the subject, greeting
gestures ("shook hands with", "embraced"), hosting a meal for a guest, meeting a delegation
"led by" someone, signers attending the signing ceremony the article names, rumour and
question verbs that keep a meeting from being asserted, "ahead of a meeting" (a plan), and a
phone call that does not erase an in-person meeting of the same pair.

Every text here was written for these tests; the people are fictional.
"""
from __future__ import annotations

import pytest

from sentences import A, C, M, S, case, check  # noqa: F401

CASES = [
    # ---------------------------------------------------------------- signing: exchange
    case("exchanged-the-mou",
         "Kenyan Trade Secretary Amani Otieno and Ghanaian Ambassador Kofi Mensah exchanged the "
         "memorandum of understanding on fisheries cooperation on behalf of their governments.",
         [S("Amani Otieno", "fisheries"), S("Kofi Mensah", "fisheries"), M("Amani Otieno", "Kofi Mensah")]),
    case("exchanged-instruments-of-ratification",
         "The two foreign ministers, Amani Otieno and Kofi Mensah, exchanged instruments of ratification "
         "of the border treaty.",
         [S("Amani Otieno", "ratification"), S("Kofi Mensah", "border treaty")]),
    case("agreements-were-exchanged-by",
         "The agreements on visa exemption were exchanged by Peruvian Foreign Minister Lucía Paredes "
         "and Bolivian Foreign Minister Mateo Quispe.",
         [S("Lucía Paredes", "visa"), S("Mateo Quispe", "visa"), M("Lucía Paredes", "Mateo Quispe")]),
    case("exchanged-views-is-no-signing",
         "Mongolian Prime Minister Batbayar Dorj and Kazakh Prime Minister Nurlan Sadykov exchanged "
         "views on regional security.",
         [M("Batbayar Dorj", "Nurlan Sadykov")],
         [S("Batbayar Dorj"), S("Nurlan Sadykov")]),
    case("put-pen-to-paper-on",
         "Kenyan Trade Minister Amani Otieno and Ghanaian Trade Minister Kofi Mensah put pen to paper on "
         "the customs agreement in Accra.",
         [S("Amani Otieno", "customs agreement"), S("Kofi Mensah", "customs agreement"),
          M("Amani Otieno", "Kofi Mensah")]),
    case("put-the-pen-down-is-no-signing",
         "Kenyan Trade Minister Amani Otieno put the pen on the customs agreement aside and left.",
         [], [S("Amani Otieno")]),
    # ---------------------------------------------------------------- signing: intransitive
    case("signed-for-country",
         "Laos and Cambodia signed a memorandum of understanding on river navigation on Tuesday. "
         "Lao Transport Minister Khamphet Vongsa signed for Laos, and Cambodian Public Works Minister "
         "Sok Chanthou signed for Cambodia.",
         [S("Khamphet Vongsa", "river navigation"), S("Sok Chanthou", "river navigation"),
          M("Khamphet Vongsa", "Sok Chanthou")]),
    case("signed-on-behalf-of",
         "An agreement on the protection of investments was concluded in Quito. Ecuadorian Economy "
         "Minister Rafael Andrade signed on behalf of the government of Ecuador.",
         [S("Rafael Andrade", "protection of investments")]),
    case("was-the-signatory",
         "A memorandum on maritime security was signed in Manila. Philippine Defence Secretary "
         "Ramon Villanueva was the signatory for his country.",
         [S("Ramon Villanueva", "maritime security")]),
    case("is-a-signatory-tells-of-no-signing",
         "The Paris pact on plastics was discussed. Kenya is a signatory to the convention on "
         "wetlands.",
         [], [S("Kenya")]),
    case("embraced-the-proposal-is-no-meeting",
         "Kenya embraced Ghana's proposal for a customs union, and Uganda embraced Tanzania.",
         [], [M("Kenya", "Ghana"), M("Uganda", "Tanzania")]),
    case("background-signer-is-not-at-todays-ceremony",
         "In 2015, Georgian Prime Minister Levan Beridze signed a transit agreement. On Monday, "
         "Armenian Prime Minister Aram Petrosyan and Azerbaijani Prime Minister Elmar Aliyev signed a "
         "rail agreement. The signing ceremony took place at the government residence.",
         [A("Aram Petrosyan", "signing ceremony")], [A("Levan Beridze", "signing ceremony")]),
    case("signed-the-guestbook-no-document",
         "Chilean President Ignacio Rojas signed for the delivery of the aid package.",
         [], [S("Ignacio Rojas")]),
    # ---------------------------------------------------------------- signing: co-signers
    case("signed-alongside",
         "Canadian Prime Minister Claire Tremblay signed the trade pact alongside Norwegian Prime "
         "Minister Ingrid Solberg-Haugen and Icelandic Prime Minister Gunnar Olafsson.",
         [S("Claire Tremblay", "trade pact"), S("Ingrid Solberg-Haugen", "trade pact"),
          S("Gunnar Olafsson", "trade pact"), M("Claire Tremblay", "Ingrid Solberg-Haugen"),
          M("Ingrid Solberg-Haugen", "Gunnar Olafsson")]),
    case("presided-over-the-signing-with-counterpart",
         "Sierra Leonean Foreign Minister Amadu Kamara presided over the signing of four memoranda "
         "with his Liberian counterpart Joseph Tarpeh in Freetown.",
         [S("Amadu Kamara", "memoranda"), S("Joseph Tarpeh", "memoranda"), M("Amadu Kamara", "Joseph Tarpeh")]),
    case("co-chaired-the-signing-ceremony",
         "Malaysian Prime Minister Azlan Rahim and Indonesian President Budi Santoso co-chaired the "
         "signing ceremony of six memorandums of understanding in Putrajaya.",
         [S("Azlan Rahim", "memorandums"), S("Budi Santoso", "memorandums"),
          A("Azlan Rahim", "signing ceremony"), A("Budi Santoso", "signing ceremony"),
          M("Azlan Rahim", "Budi Santoso")]),
    case("co-chaired-the-session-with",
         "Vietnamese Prime Minister Tran Van Long co-chaired the session with Lao Prime Minister Khamla "
         "Phomvihane.",
         [M("Tran Van Long", "Khamla Phomvihane")]),
    case("co-chaired-the-signing-with",
         "Lao Prime Minister Khamla Phomvihane co-chaired the signing of five agreements with Vietnamese "
         "Prime Minister Tran Van Long.",
         [S("Khamla Phomvihane", "agreements"), S("Tran Van Long", "agreements"),
          M("Tran Van Long", "Khamla Phomvihane")]),
    case("witnessed-the-signing",
         "Nigerien President Moussa Abdou and Beninese President Luc Houngbo witnessed the signing of "
         "an agreement on cross-border trade in Niamey.",
         [A("Moussa Abdou", "signing"), A("Luc Houngbo", "signing"), M("Moussa Abdou", "Luc Houngbo")],
         [S("Moussa Abdou"), S("Luc Houngbo")]),
    # ---------------------------------------------------------------- signing: the parties
    case("agreements-with-countries",
         "The European Union has signed separate association agreements with Moldova, Armenia and "
         "Georgia.",
         [S("European Union", "association"), S("Moldova", "association"), S("Armenia", "association"),
          S("Georgia", "association")]),
    case("mou-between-agencies",
         "A memorandum of understanding between the Kenya Ports Authority and the Tanzania Ports "
         "Authority was signed by Amani Otieno and Neema Mwakyusa.",
         [S("Kenya Ports Authority", "tanzania ports"), S("Tanzania Ports Authority", "memorandum"),
          S("Amani Otieno", "memorandum"), M("Amani Otieno", "Neema Mwakyusa")]),
    case("inked-between-countries",
         "Several MoUs were inked between Laos and Cambodia on Tuesday.",
         [S("Laos", "mous"), S("Cambodia", "mous")]),
    case("headline-mous-inked-between",
         "Five MoUs signed between Laos and Cambodia\n\nThe two countries signed five memorandums of "
         "understanding on Tuesday.",
         [S("Laos", "mous"), S("Cambodia", "mous")]),
    case("agreement-with-provisions-is-no-party",
         "The two ministers signed an agreement on trade and investment with provisions on fisheries.",
         [], [S("provisions")]),
    case("between-the-ministries-is-no-party",
         "Peruvian Foreign Minister Lucía Paredes and Bolivian Foreign Minister Mateo Quispe signed a "
         "cooperation programme between the ministries of foreign affairs.",
         [S("Lucía Paredes", "cooperation programme")], [S("ministries of foreign affairs")]),
    case("observed-the-signing",
         "Zambian President Mwila Banda and Malawian President Chikondi Phiri observed the signing of "
         "three agreements on rail transport in Lusaka.",
         [A("Mwila Banda", "signing"), M("Mwila Banda", "Chikondi Phiri")], [S("Mwila Banda")]),
    # ---------------------------------------------------------------- signers at the ceremony
    case("signers-attend-the-named-ceremony",
         "Georgian Prime Minister Levan Beridze and Armenian Prime Minister Aram Petrosyan signed a "
         "transit agreement in Tbilisi on Monday. The signing ceremony took place at the government "
         "residence.",
         [S("Levan Beridze", "transit"), A("Levan Beridze", "signing ceremony"),
          A("Aram Petrosyan", "signing ceremony")]),
    case("no-ceremony-no-attendance",
         "Georgian Prime Minister Levan Beridze and Armenian Prime Minister Aram Petrosyan signed a "
         "transit agreement in Tbilisi on Monday.",
         [S("Levan Beridze", "transit")], [A("Levan Beridze", "")]),
    # ---------------------------------------------------------------- greeting gestures
    case("shook-hands-with",
         "Uzbek President Rustam Karimov shook hands with Turkmen President Serdar Ataev at the "
         "palace entrance.",
         [M("Rustam Karimov", "Serdar Ataev")]),
    case("embraced-and-kissed",
         "Portuguese President Rui Carvalho embraced and kissed Angolan President Mateus Lourenço on "
         "his arrival in Lisbon.",
         [M("Rui Carvalho", "Mateus Lourenço")]),
    case("hands-shaken-on-the-phone-is-not-a-meeting",
         "Uzbek President Rustam Karimov and Turkmen President Serdar Ataev spoke by telephone on "
         "Monday.",
         [C("Rustam Karimov", "Serdar Ataev")], [M("Rustam Karimov", "Serdar Ataev")]),
    # ---------------------------------------------------------------- hosting a meal
    case("hosted-a-lunch-in-honour-of",
         "King Henrik and Queen Sofie hosted a lunch at the palace in honour of Ecuadorian President "
         "Rafael Andrade.",
         [M("Henrik", "Rafael Andrade"), M("Sofie", "Rafael Andrade")]),
    case("hosted-a-dinner-for",
         "Thai Prime Minister Somchai Wongsakul hosted a state banquet for Vietnamese President "
         "Tran Van Long in Bangkok.",
         [M("Somchai Wongsakul", "Tran Van Long")]),
    case("gave-an-audience-to",
         "Sultan Khalid bin Said gave an audience at the royal palace on Monday to Jordanian Foreign "
         "Minister Omar Haddad.",
         [M("Khalid bin Said", "Omar Haddad")]),
    # ---------------------------------------------------------------- photographs together
    case("had-photos-with",
         "Chinese President Li Qiang and his wife had photos with foreign leaders, including Jamaican "
         "Prime Minister Marcus Campbell and Serbian Prime Minister Jelena Markovic.",
         [M("Li Qiang", "Marcus Campbell"), M("Li Qiang", "Jelena Markovic")]),
    case("posed-for-photos-with",
         "Uzbek President Rustam Karimov posed for photos with his Kazakh counterpart Nurlan Sadykov at "
         "the Palace of Independence.",
         [M("Rustam Karimov", "Nurlan Sadykov")]),
    case("the-leaders-posed-for-a-family-photo",
         "Colombian President Andrés Molina met Ecuadorian President Rafael Andrade. Molina said he would "
         "meet Venezuelan President Diego Salas next month. The leaders posed for a family photo.",
         [M("Andrés Molina", "Rafael Andrade")], [M("Andrés Molina", "Diego Salas")]),
    case("a-series-of-meetings-with-leaders-including",
         "Colombian President Andrés Molina held a series of bilateral meetings with leaders from the "
         "region, including Ecuadorian President Rafael Andrade and Panamanian President Laura Castillo.",
         [M("Andrés Molina", "Rafael Andrade"), M("Andrés Molina", "Laura Castillo")],
         [M("Rafael Andrade", "Laura Castillo")]),
    case("photos-of-is-no-meeting",
         "Uzbek President Rustam Karimov published photos of Kazakh President Nurlan Sadykov.",
         [], [M("Rustam Karimov", "Nurlan Sadykov")]),
    # ---------------------------------------------------------------- facing the press together
    case("held-a-joint-press-conference",
         "Kenyan President Amani Otieno and Ghanaian President Kofi Mensah held a joint press "
         "conference in Nairobi.",
         [M("Amani Otieno", "Kofi Mensah")]),
    case("at-a-press-conference-with",
         "At a press conference with Ghanaian President Kofi Mensah, Kenyan President Amani Otieno said "
         "the border would reopen.",
         [M("Amani Otieno", "Kofi Mensah")]),
    case("told-a-news-conference-alone",
         "Kenyan President Amani Otieno told a news conference that he had written to Ghanaian President "
         "Kofi Mensah.",
         [], [M("Amani Otieno", "Kofi Mensah")]),
    # ---------------------------------------------------------------- acts done together
    case("jointly-met-the-press",
         "After the talks, Chinese Foreign Minister Wang Hao and Tanzanian Foreign Minister Neema Mwakyusa "
         "jointly met the press.",
         [M("Wang Hao", "Neema Mwakyusa")]),
    case("together-unveiled-a-plaque",
         "Kenyan President Amani Otieno and Ugandan President Joseph Okello together unveiled a plaque at "
         "the border post.",
         [M("Amani Otieno", "Joseph Okello")]),
    case("jointly-launched-by-video-link-is-a-call",
         "Kenyan President Amani Otieno and Ugandan President Joseph Okello jointly launched the project "
         "via video link.",
         [], [M("Amani Otieno", "Joseph Okello")]),
    # ---------------------------------------------------------------- the clause of "during a meeting"
    case("conveyed-to-a-by-b-during-a-meeting",
         "The concern was conveyed to Nepalese Foreign Secretary Ram Thapa by the Chinese ambassador "
         "Li Wei during a meeting on Monday.",
         [M("Ram Thapa", "Li Wei")]),
    case("briefed-b-during-the-meeting",
         "During the meeting, Kenyan President Amani Otieno briefed Ghanaian Foreign Minister Kofi Mensah "
         "on the border talks.",
         [M("Amani Otieno", "Kofi Mensah")]),
    case("criticised-b-during-a-meeting-with-reporters",
         "During a meeting with reporters, Kenyan President Amani Otieno criticised Ghanaian President "
         "Kofi Mensah.",
         [], [M("Amani Otieno", "Kofi Mensah")]),
    case("will-brief-b-during-a-meeting",
         "Kenyan President Amani Otieno will brief Ghanaian Foreign Minister Kofi Mensah during a meeting "
         "next week.",
         [], [M("Amani Otieno", "Kofi Mensah")]),
    case("a-forum-that-brings-together-is-a-description",
         "Kenyan President Amani Otieno met Ghanaian President Kofi Mensah. Ugandan President Joseph "
         "Okello arrived to attend a forum that brings together the leaders of the region.",
         [M("Amani Otieno", "Kofi Mensah")], [M("Joseph Okello", "Kofi Mensah"), M("Joseph Okello", "Amani Otieno")]),
    case("meet-their-aspirations-is-no-meeting",
         "Kenyan President Amani Otieno and Ugandan President Joseph Okello want the railway to serve "
         "their peoples and meet their aspirations.",
         [], [M("Amani Otieno", "Joseph Okello")]),
    case("was-granted-an-audience-by",
         "Japanese Ambassador Hiroshi Tanaka was granted an audience by King Tupou Lavaka.",
         [M("Hiroshi Tanaka", "Tupou Lavaka")]),
    case("presented-his-credentials-to",
         "Ambassador Hiroshi Tanaka presented his credentials to Fijian President Ratu Wiliame Naivalu.",
         [M("Hiroshi Tanaka", "Wiliame Naivalu")]),
    case("handed-over-a-letter-from-x-to-b",
         "Japanese envoy Hiroshi Tanaka handed over a letter from Prime Minister Kenji Sato to Fijian "
         "President Ratu Wiliame Naivalu.",
         [M("Hiroshi Tanaka", "Wiliame Naivalu")], [M("Kenji Sato", "Wiliame Naivalu")]),
    # ---------------------------------------------------------------- elided subjects of a passive
    case("taken-on-a-tour-before-going-to-a-meeting",
         "After the audience, Chilean President Tomás Rivas was taken on a tour of the cathedral, "
         "before going on to the palace for a meeting with Peruvian President Lucia Quispe.",
         [M("Tomás Rivas", "Lucia Quispe")]),
    case("welcomed-at-the-airport-then-holding-talks",
         "Zambian President Chanda Mwale was welcomed at the airport by officials, later holding "
         "talks with Malawian President Yusuf Banda at the State House.",
         [M("Chanda Mwale", "Yusuf Banda")]),
    case("the-guide-going-to-a-meeting-has-own-subject",
         "Chilean President Tomás Rivas was shown the cathedral by Archbishop Pablo Soto, before "
         "the archbishop went on to a meeting with Peruvian President Lucia Quispe.",
         [], [M("Tomás Rivas", "Lucia Quispe")]),
    # ---------------------------------------------------------------- delegations led by
    case("met-a-delegation-led-by",
         "Mongolian Speaker Batbayar Dorj met on Monday a delegation led by Kazakh senator Nurlan "
         "Sadykov.",
         [M("Batbayar Dorj", "Nurlan Sadykov")]),
    case("received-by-a-delegation-led-by",
         "Tanzanian President Neema Mwakyusa arrived in Nairobi. She was received by a delegation led "
         "by Kenyan Foreign Secretary Wanjiru Kamau.",
         [M("Neema Mwakyusa", "Wanjiru Kamau")]),
    case("met-on-the-sidelines-with",
         "Sudanese President Kamal Osman has met on the sidelines of the summit with the Chadian "
         "President, Mahamat Saleh, and the Ethiopian Prime Minister, Dawit Alemu.",
         [M("Kamal Osman", "Mahamat Saleh"), M("Kamal Osman", "Dawit Alemu")]),
    # ---------------------------------------------------------------- event labels
    case("the-meeting-is-not-the-next-assembly",
         "Chilean Foreign Minister Ignacio Rojas met with Italian Deputy Minister Paolo Greco in Rome. "
         "They discussed the agenda of the next Regional General Assembly in Lima. Also present at "
         "the meeting was the Chilean ambassador, Lucía Paredes.",
         [M("Ignacio Rojas", "Paolo Greco"), A("Lucía Paredes", "meeting")],
         [A("Lucía Paredes", "assembly")]),
    case("audience-attended-by-the-airport-host",
         "Jordanian Foreign Minister Omar Haddad was received at the airport by Court Minister Salim "
         "al Harthy. Sultan Khalid bin Said gave an audience to Omar Haddad at the palace on Monday. "
         "The audience was attended by Salim al Harthy.",
         [M("Khalid bin Said", "Omar Haddad"), A("Salim al Harthy", "audience")]),
    case("the-summit-takes-its-full-name-named-later",
         "Kenyan President Amani Otieno attended the summit on Sunday. The 42nd Extraordinary Summit of "
         "the Regional Authority opened in Kampala with ten heads of state.",
         [A("Amani Otieno", "42nd extraordinary summit")]),
    case("congress-the-institution-is-no-event",
         "Shortly after taking office in Congress, Bolivian President Mateo Quispe greeted the visiting "
         "heads of state. Also present were Peruvian President Lucía Paredes and Chilean President "
         "Ignacio Rojas.",
         [], [A("Lucía Paredes", "congress")]),
    case("received-by-a-and-then-met-b",
         "Kenyan President Amani Otieno was welcomed at the airport by Ghanaian Foreign Minister Kofi "
         "Mensah and then held talks with Ghanaian President Ama Owusu.",
         [M("Amani Otieno", "Kofi Mensah"), M("Amani Otieno", "Ama Owusu")],
         [M("Kofi Mensah", "Ama Owusu")]),
    # ---------------------------------------------------------------- calls and meetings
    case("call-does-not-erase-meeting",
         "Kenyan President Amani Otieno met Ghanaian President Kofi Mensah in Nairobi on Monday. On "
         "Friday, the two presidents spoke by telephone about the crisis.",
         [M("Amani Otieno", "Kofi Mensah"), C("Amani Otieno", "Kofi Mensah")]),
    case("met-virtually-is-a-call",
         "Kenyan President Amani Otieno met virtually with Ghanaian President Kofi Mensah on Monday.",
         [C("Amani Otieno", "Kofi Mensah")], [M("Amani Otieno", "Kofi Mensah")]),
    case("held-a-teleconference-with",
         "Kenyan President Amani Otieno held a teleconference with Ghanaian President Kofi Mensah.",
         [C("Amani Otieno", "Kofi Mensah")], [M("Amani Otieno", "Kofi Mensah")]),
    case("had-lunch-with",
         "Kenyan President Amani Otieno had lunch with Ghanaian President Kofi Mensah on Monday.",
         [M("Amani Otieno", "Kofi Mensah")]),
    case("saw-b-off-at-the-airport",
         "Kenyan President Amani Otieno saw Ghanaian President Kofi Mensah off at the airport.",
         [M("Amani Otieno", "Kofi Mensah")]),
    case("talks-not-undone-by-last-years-call",
         "Malawian President Chikondi Phiri on Tuesday held bilateral talks with visiting Zambian President "
         "Mwila Banda at Kamuzu Palace. Last year, Phiri and Banda spoke by telephone about the floods.",
         [M("Chikondi Phiri", "Mwila Banda")]),
    case("discussed-in-the-same-days-call",
         "Malawian President Chikondi Phiri spoke by telephone with Zambian President Mwila Banda on "
         "Tuesday. The two presidents discussed the floods.",
         [C("Chikondi Phiri", "Mwila Banda")], [M("Chikondi Phiri", "Mwila Banda")]),
    case("called-b-is-a-phone-call",
         "Argentine President Martín Acosta called Uruguayan President Diego Ferreyra on Sunday.",
         [C("Martín Acosta", "Diego Ferreyra")], [M("Martín Acosta", "Diego Ferreyra")]),
    case("called-b-on-his-birthday-is-a-call",
         "Argentine President Martín Acosta called Uruguayan President Diego Ferreyra on his birthday.",
         [C("Martín Acosta", "Diego Ferreyra")], [M("Martín Acosta", "Diego Ferreyra")]),
    # ---------------------------------------------------------------- plans in the present tense
    case("looks-forward-to-meeting-is-a-plan",
         "Kenyan President Amani Otieno said he looked forward to meeting Ghanaian President Kofi Mensah "
         "at the regional summit in Arusha.",
         [], [M("Amani Otieno", "Kofi Mensah"), A("Amani Otieno"), A("Kofi Mensah")]),
    case("meets-next-week-is-a-plan",
         "Kenyan President Amani Otieno meets Ghanaian President Kofi Mensah in Accra next week.",
         [], [M("Amani Otieno", "Kofi Mensah")]),
    case("sign-next-tuesday-is-a-plan",
         "Kenyan President Amani Otieno and Ghanaian President Kofi Mensah sign the trade pact in Accra "
         "next Tuesday.",
         [], [S("Amani Otieno"), S("Kofi Mensah"), M("Amani Otieno", "Kofi Mensah")]),
    case("in-the-coming-days-is-a-plan",
         "Kenyan President Amani Otieno hosts Ghanaian President Kofi Mensah in the coming days.",
         [], [M("Amani Otieno", "Kofi Mensah")]),
    case("met-the-next-day-happened",
         "Kenyan President Amani Otieno arrived in Accra on Monday and met Ghanaian President Kofi Mensah "
         "the next day.",
         [M("Amani Otieno", "Kofi Mensah")]),
    case("meets-today-happened",
         "Kenyan President Amani Otieno meets Ghanaian President Kofi Mensah in Accra today.",
         [M("Amani Otieno", "Kofi Mensah")]),
    case("the-two-premiers-co-chaired-the-signing",
         "Prime Minister Somchai Wongsakul on Wednesday welcomed his Cambodian counterpart Sok Vanna to "
         "Government House. At 11.10am, the two premiers co-chaired the signing ceremony of five MoUs.",
         [S("Somchai Wongsakul", "mous"), S("Sok Vanna", "mous"), A("Somchai Wongsakul", "signing ceremony")]),
    case("co-hosted-the-summit-with",
         "Kenyan President Amani Otieno co-hosted the regional summit with Ghanaian President Kofi Mensah in "
         "Nairobi.",
         [A("Amani Otieno", "regional summit"), A("Kofi Mensah", "regional summit")]),
    case("co-signed-the-declaration",
         "Kenyan President Amani Otieno and Ghanaian President Kofi Mensah co-signed the Nairobi Declaration "
         "on Monday.",
         [S("Amani Otieno", "nairobi declaration"), S("Kofi Mensah", "nairobi declaration")]),
    case("held-a-tete-a-tete",
         "Kenyan President Amani Otieno and Ghanaian President Kofi Mensah held a tête-à-tête in Accra "
         "on Monday.",
         [M("Amani Otieno", "Kofi Mensah")]),
    # ---------------------------------------------------------------- denials reach no further than they say
    case("did-not-sign-denies-no-meeting",
         "Kenyan President Amani Otieno hosted Ghanaian President Kofi Mensah for a working dinner at State "
         "House on Wednesday. The two men discussed trade. They did not sign any agreement.",
         [M("Amani Otieno", "Kofi Mensah")], [S("Amani Otieno"), S("Kofi Mensah")]),
    case("reports-that-they-met-were-denied",
         "Kenyan President Amani Otieno arrived in Accra on Monday. Reports that Otieno also met secretly "
         "with opposition leader Kwame Boateng in Accra were denied by his spokesman.",
         [], [M("Amani Otieno", "Kwame Boateng")]),
    case("reports-say-they-met-is-kept",
         "Kenyan President Amani Otieno arrived in Accra on Monday. Local media reported that Otieno met "
         "opposition leader Kwame Boateng in Accra on Tuesday.",
         [M("Amani Otieno", "Kwame Boateng")]),
    # ---------------------------------------------------------------- from afar
    case("opened-the-summit-is-attendance",
         "Kenyan President Amani Otieno opened the regional summit in Nairobi on Monday.",
         [A("Amani Otieno", "regional summit")]),
    case("closed-the-forum-is-attendance",
         "Kenyan President Amani Otieno closed the business forum in Nairobi on Monday.",
         [A("Amani Otieno", "business forum")]),
    case("opened-an-embassy-is-no-attendance",
         "Kenyan President Amani Otieno opened the new embassy of Ghana in Nairobi on Monday.",
         [], [A("Amani Otieno")]),
    case("opened-the-summit-by-video-is-no-attendance",
         "Kenyan President Amani Otieno opened the regional summit by video on Monday.",
         [], [A("Amani Otieno")]),
    case("took-part-in-a-virtual-summit-is-no-attendance",
         "Kenyan President Amani Otieno took part in the virtual regional summit on Tuesday.",
         [], [A("Amani Otieno")]),
    case("addressed-the-assembly-by-video-is-no-attendance",
         "Kenyan President Amani Otieno addressed the regional assembly by video on Tuesday.",
         [], [A("Amani Otieno")]),
    case("joined-the-summit-online-is-no-attendance",
         "Kenyan President Amani Otieno joined the regional summit online on Tuesday.",
         [], [A("Amani Otieno")]),
    case("attended-the-summit-in-person-is-kept",
         "Kenyan President Amani Otieno attended the regional summit in Kigali on Tuesday.",
         [A("Amani Otieno", "regional summit")]),
    case("exchanged-messages-is-no-meeting",
         "Kenyan President Amani Otieno exchanged messages with Ghanaian President Kofi Mensah on Tuesday.",
         [], [M("Amani Otieno", "Kofi Mensah")]),
    case("exchanged-a-letter-of-intent-is-a-meeting",
         "Kenyan Foreign Minister Amani Otieno exchanged a letter of intent on diplomatic training with his "
         "Ghanaian counterpart Kofi Mensah in Accra on Tuesday.",
         [M("Amani Otieno", "Kofi Mensah")]),
    case("exchanged-views-is-a-meeting",
         "Kenyan President Amani Otieno exchanged views with Ghanaian President Kofi Mensah in Accra on "
         "Tuesday.",
         [M("Amani Otieno", "Kofi Mensah")]),
    case("received-a-call-from-b-is-a-call",
         "Kenyan President Amani Otieno received a call from Ghanaian President Kofi Mensah on Monday.",
         [C("Amani Otieno", "Kofi Mensah")], [M("Amani Otieno", "Kofi Mensah")]),
    case("received-a-letter-from-b-is-no-meeting",
         "Kenyan President Amani Otieno received a letter from Ghanaian President Kofi Mensah on Monday.",
         [], [M("Amani Otieno", "Kofi Mensah"), C("Amani Otieno", "Kofi Mensah")]),
    case("received-an-envoy-from-b-is-a-meeting-with-the-envoy",
         "Kenyan President Amani Otieno received a special envoy from Ghanaian President Kofi Mensah, "
         "Minister Kwame Boateng, on Monday.",
         [M("Amani Otieno", "Kwame Boateng")], [C("Amani Otieno", "Kofi Mensah")]),
    case("rang-b-is-a-call",
         "Kenyan President Amani Otieno rang Ghanaian President Kofi Mensah on Monday.",
         [C("Amani Otieno", "Kofi Mensah")], [M("Amani Otieno", "Kofi Mensah")]),
    case("after-being-received-by-b",
         "After being received by Ghanaian President Kofi Mensah, Kenyan President Amani Otieno inspected a "
         "guard of honour.",
         [M("Amani Otieno", "Kofi Mensah")]),
    case("hosted-to-a-banquet-by-b",
         "Kenyan President Amani Otieno was hosted to a state banquet by Ghanaian President Kofi Mensah.",
         [M("Amani Otieno", "Kofi Mensah")]),
    case("invited-to-a-banquet-by-b-is-no-meeting",
         "Kenyan President Amani Otieno was invited to a state banquet by Ghanaian President Kofi Mensah.",
         [], [M("Amani Otieno", "Kofi Mensah")]),
    case("called-b-read-as-a-naming-is-a-call",
         "Chilean President Tomás Rivera called Peruvian President Ana Quispe Huamán on Thursday to "
         "discuss the border.",
         [C("Tomás Rivera", "Ana Quispe Huamán")], [M("Tomás Rivera", "Ana Quispe Huamán")]),
    case("called-b-a-friend-is-a-naming",
         "Chilean President Tomás Rivera called Peruvian President Ana Quispe Huamán a friend of Chile.",
         [], [C("Tomás Rivera", "Ana Quispe Huamán"), M("Tomás Rivera", "Ana Quispe Huamán")]),
    case("called-on-b-is-in-person",
         "Japanese Ambassador Hiroshi Tanaka called on Fijian Prime Minister Ratu Seru Vuniwaqa at "
         "his office on Tuesday.",
         [M("Hiroshi Tanaka", "Seru Vuniwaqa")], [C("Hiroshi Tanaka", "Seru Vuniwaqa")]),
    case("paid-a-courtesy-call-on",
         "Japanese Ambassador Hiroshi Tanaka paid a courtesy call on Fijian Prime Minister Ratu Seru "
         "Vuniwaqa on Tuesday. Later in the week the two men spoke by telephone.",
         [M("Hiroshi Tanaka", "Seru Vuniwaqa")]),
    case("made-a-courtesy-visit-to-a-person",
         "Korean Ambassador Park Jiho made a courtesy visit to Samoan Prime Minister Tuilaepa Fiame.",
         [M("Park Jiho", "Tuilaepa Fiame")]),
    case("received-at-the-palace-on-sunday-the-visiting-b",
         "His Highness Sheikh Khalid bin Saif Al Mansoori, the Crown Prince, received at Al Noor Palace on "
         "Sunday the visiting Omani Foreign Minister Salim bin Hamad Al Harthy.\n",
         [M("Khalid bin Saif Al Mansoori", "Salim bin Hamad Al Harthy")]),
    case("received-in-audience-b",
         "Sultan Khalid bin Said received in audience Jordanian Foreign Minister Omar Haddad.",
         [M("Khalid bin Said", "Omar Haddad")]),
    case("called-for-is-neither",
         "Argentine President Martín Acosta called for Uruguayan President Diego Ferreyra to resign.",
         [], [C("Martín Acosta", "Diego Ferreyra"), M("Martín Acosta", "Diego Ferreyra")]),
    case("the-next-to-be-greeted-by",
         "Kyrgyz President Sadyr Japarov was the next to be greeted by Kazakh President Arman Seitkali on "
         "the blue carpet.",
         [M("Sadyr Japarov", "Arman Seitkali")]),
    case("the-first-to-shake-hands-with",
         "Indian Minister Ravi Menon was the first to shake hands with Kazakh President Arman Seitkali.",
         [M("Ravi Menon", "Arman Seitkali")]),
    case("will-be-the-first-to-meet",
         "Indian Minister Ravi Menon will be the first leader to meet Kazakh President Arman Seitkali.",
         [], [M("Ravi Menon", "Arman Seitkali")]),
    # ---------------------------------------------------------------- modality
    case("ahead-of-a-meeting-is-planned",
         "The ministers discussed energy prices ahead of a meeting between Brazilian President "
         "Joaquim Seixas and Argentine President Martín Acosta in Rosario on Friday.",
         [], [M("Joaquim Seixas", "Martín Acosta")]),
    case("allegedly-met-is-not-asserted",
         "Several newspapers said the spokesman had allegedly told reporters about meetings between "
         "Serbian President Dragan Kovac and Kosovar Prime Minister Arben Krasniqi.",
         [], [M("Dragan Kovac", "Arben Krasniqi")]),
    case("asked-when-they-met",
         "The host asked when Serbian President Dragan Kovac last had a meeting with Kosovar Prime "
         "Minister Arben Krasniqi.",
         [], [M("Dragan Kovac", "Arben Krasniqi")]),
    case("the-meeting-never-took-place",
         "The meeting between Kenyan President Amani Otieno and Ghanaian President Kofi Mensah never "
         "took place.",
         [], [M("Amani Otieno", "Kofi Mensah")]),
    case("talks-were-not-held",
         "Talks between Bolivian President Mateo Quispe and Peruvian President Lucía Paredes were not "
         "held on Monday.",
         [], [M("Mateo Quispe", "Lucía Paredes")]),
    case("talks-did-not-yield-a-deal-still-happened",
         "Talks between Bolivian President Mateo Quispe and Peruvian President Lucía Paredes did not "
         "yield a deal.",
         [M("Mateo Quispe", "Lucía Paredes")]),
    case("was-not-present-at",
         "Former Chilean President Ignacio Rojas attended a private prayer ceremony earlier but was not present "
         "at the state funeral.",
         [A("Ignacio Rojas", "prayer ceremony")], [A("Ignacio Rojas", "funeral")]),
]


@pytest.mark.parametrize("text, must, must_not", CASES)
def test_unseen_triggers(nlp, text, must, must_not):
    check(nlp, text, must, must_not)
