"""Issue 17, cause "lists": participants named in a list away from the attendance word, and attendance.

"Leaders who attended the summit include A and B", "Attending the funeral were A and B",
"Those taking part include A", "A and B were among the mourners", "Four presidents
attended the inauguration: A; B; C", attendees set out one a line ("Chile – Ana Ruiz")
after a sentence ending with a colon, "in the presence of A and B", "his participation
in the summit", companions ("along with", "accompanied by") of an attendee.  A negation
of the attendance word carries into its list.

Every sentence here was written for these tests; the people are fictional.
"""
from __future__ import annotations

import pytest

from sentences import A, M, S, case, check

CASES = [
    # --- a group noun with an attendance clause, and a list verb
    case("who-attended-include",
         "The regional summit opened in Lusaka on Monday. Leaders who attended the summit include Kenyan "
         "President Amani Otieno and Ghanaian President Kofi Mensah.",
         [A("Amani Otieno", "summit"), A("Kofi Mensah", "summit")]),
    case("among-the-leaders-at-the-event-were",
         "Among the leaders at the inauguration of President Tendai Moyo were Kenya's Amani Otieno, "
         "Ghana's Kofi Mensah and Togo's Komla Agbeko.",
         [A("Amani Otieno", "inauguration"), A("Kofi Mensah", "inauguration"), A("Komla Agbeko", "inauguration")]),
    case("heads-of-state-at-the-event-included",
         "Heads of state at the funeral of former president Joseph Banda included Kenyan President Amani "
         "Otieno and Ghanaian President Kofi Mensah.",
         [A("Amani Otieno", "funeral"), A("Kofi Mensah", "funeral")]),
    case("was-among-the-heads-of-state-at-the-event",
         "Kenyan President Amani Otieno was among the heads of state at the inauguration of President "
         "Tendai Moyo in Harare.",
         [A("Amani Otieno", "inauguration")]),
    case("leaders-of-a-party-are-no-attendees",
         "The regional summit opened in Lusaka on Monday. Leaders of the opposition included Kenyan "
         "politician Amani Otieno and Ghanaian politician Kofi Mensah.",
         [], [A("Amani Otieno"), A("Kofi Mensah")]),
    case("leaders-at-odds-are-no-attendees",
         "The regional summit opened in Lusaka on Monday. Among the leaders at odds with the plan were "
         "Kenyan President Amani Otieno and Ghanaian President Kofi Mensah.",
         [], [A("Amani Otieno"), A("Kofi Mensah")]),
    case("among-those-who-paid-their-respects",
         "Leaders from 30 countries gathered in Lusaka on Saturday for the state funeral of former president "
         "Joseph Banda. Kenya's Amani Otieno, Ghanaian President Kofi Mensah and Togolese President Komla "
         "Agbeko were among those who paid their respects at the cathedral.",
         [A("Amani Otieno", "funeral"), A("Kofi Mensah", "funeral"), A("Komla Agbeko", "funeral")]),
    case("paid-the-bill-is-no-attendance",
         "The regional summit opened in Lusaka on Saturday. Kenya's Amani Otieno and Ghanaian President Kofi "
         "Mensah were among those who paid their dues to the regional body.",
         [], [A("Amani Otieno"), A("Kofi Mensah")]),
    case("who-did-not-attend-include",
         "The regional summit opened in Lusaka on Monday. Leaders who did not attend the summit include "
         "Kenyan President Amani Otieno and Ghanaian President Kofi Mensah.",
         [], [A("Amani Otieno", "summit"), A("Kofi Mensah", "summit")]),
    case("attending-included",
         "Other world leaders attending the funeral included Chilean President Ana Ruiz as well as "
         "Commission chief Lars Berg.",
         [A("Ana Ruiz", "funeral"), A("Lars Berg", "funeral")]),
    case("attending-were",
         "Attending the summit were the Emir of Qatar, Sheikh Hamad Al Thani, and Oman's Deputy Prime "
         "Minister Fahd Al Said.",
         [A("Hamad Al Thani", "summit"), A("Fahd Al Said", "summit")]),
    case("those-taking-part-include",
         "The forum opened in Kampala on Monday. Those taking part include Kenya's President Amani Otieno, "
         "Ghana's President Kofi Mensah and the host, Zambian President Lars Mwale.",
         [A("Amani Otieno", "forum"), A("Kofi Mensah", "forum"), A("Lars Mwale", "forum")]),
    case("those-present-included",
         "The summit opened in Kampala on Monday. Those present included Kenyan President Amani Otieno and "
         "Ghanaian President Kofi Mensah.",
         [A("Amani Otieno", "summit"), A("Kofi Mensah", "summit")]),
    case("participants-included",
         "Participants in the conference included Finnish Minister Aino Virtanen and Thai Minister "
         "Somchai Prasert.",
         [A("Aino Virtanen", "conference"), A("Somchai Prasert", "conference")]),
    case("item-relative-clause-not-listed",
         "Leaders attending the summit included Kenyan President Amani Otieno, who had met Indian Minister "
         "Ravi Menon a week earlier.",
         [A("Amani Otieno", "summit")], [A("Ravi Menon", "summit")]),
    case("attendees-briefed-by-is-no-list",
         "The summit opened in Lima. Leaders who attended the summit were briefed by Peruvian Foreign Minister "
         "Jorge Salas.",
         [], [A("Jorge Salas", "summit")]),
    case("attendees-were-unanimous",
         "The summit opened in Lima. Leaders attending the summit were unanimous in backing the plan, "
         "according to Peruvian Foreign Minister Jorge Salas.",
         [], [A("Jorge Salas", "summit")]),
    case("presence-between-principals",
         "The summit opened in Lima. Those present at the meeting between Ana Ruiz and Jorge Salas included "
         "Bolivian envoy Tomas Quispe.",
         [A("Tomas Quispe", "")], [A("Ana Ruiz", ""), A("Jorge Salas", "")]),
    # --- attendee nouns after "among"
    case("among-the-attendees",
         "The summit of the regional bloc opened in Lusaka. Among the attendees is Kenyan President Amani "
         "Otieno, who took office last month.",
         [A("Amani Otieno", "summit")]),
    case("among-the-mourners",
         "The funeral was held on Monday. Chilean President Ana Ruiz and Peruvian President Jorge Salas were "
         "among the mourners at the cathedral.",
         [A("Ana Ruiz", "funeral"), A("Jorge Salas", "funeral")]),
    case("among-the-guests",
         "The inauguration took place in Accra. Among the guests were Togolese President Koffi Agbeko and "
         "Beninese President Yves Houngbo.",
         [A("Koffi Agbeko", "inauguration"), A("Yves Houngbo", "inauguration")]),
    case("participants-discussed-no-list",
         "The conference opened in Oslo. The participants discussed climate finance with Norwegian Minister "
         "Ingrid Solberg.",
         [], [A("Ingrid Solberg", "conference")]),
    # --- a colon list after the attendance verb
    case("colon-list",
         "Four heads of state attended the inauguration: Amani Otieno of Kenya; Kofi Mensah of Ghana; and "
         "Ana Ruiz of Chile.",
         [A("Amani Otieno", "inauguration"), A("Kofi Mensah", "inauguration"), A("Ana Ruiz", "inauguration")]),
    case("dash-list",
         "Three Andean leaders — President Ana Ruiz of Chile, President Jorge Salas of Peru and President "
         "Tomas Quispe of Bolivia — attended the inauguration.",
         [A("Ana Ruiz", "inauguration"), A("Jorge Salas", "inauguration"), A("Tomas Quispe", "inauguration")]),
    case("colon-list-negated",
         "Two heads of state did not attend the inauguration: Amani Otieno of Kenya and Kofi Mensah of Ghana.",
         [], [A("Amani Otieno", "inauguration"), A("Kofi Mensah", "inauguration")]),
    case("colon-list-not-the-earlier-group",
         "Chilean President Ana Ruiz and Peruvian President Jorge Salas met in Lima on Monday. In addition to "
         "Ana Ruiz, four other heads of state attended the inauguration: Kofi Mensah of Ghana; Moussa Ndiaye "
         "of Senegal; and Amani Otieno of Kenya.",
         [A("Ana Ruiz", "inauguration"), A("Kofi Mensah", "inauguration"), A("Amani Otieno", "inauguration")],
         [A("Jorge Salas", "inauguration")]),
    case("besides-a-attended",
         "Besides Prime Minister Ravi Menon, President Jorge Salas and Prime Minister Ana Ruiz attended the "
         "meeting.",
         [A("Ravi Menon", "meeting"), A("Jorge Salas", "meeting"), A("Ana Ruiz", "meeting")]),
    # --- one attendee a line, after a sentence that ends with a colon
    case("lines-country-dash-name",
         "The inauguration took place in Santiago. The heads of state present were the King of Norway, "
         "Harald Olsen, and the presidents of the following countries:\n\nChile – Ana Ruiz\n\n"
         "Peru – Jorge Salas\n\nKenya – Amani Otieno\n\nThe new president later spoke to the press.",
         [A("Harald Olsen", "inauguration"), A("Ana Ruiz", "inauguration"), A("Jorge Salas", "inauguration"),
          A("Amani Otieno", "inauguration")]),
    case("lines-stop-at-prose",
         "The summit took place in Nairobi. Attending were the following leaders:\n\nGhana – Kofi Mensah\n\n"
         "Peru – Jorge Salas\n\nLater, Kenyan President Amani Otieno spoke with Finnish Minister Aino "
         "Virtanen by phone.",
         [A("Kofi Mensah", "summit"), A("Jorge Salas", "summit")],
         [A("Aino Virtanen", "summit")]),
    # --- in the presence of
    case("signing-in-presence-of",
         "The signing took place in the presence of the presidents, Amani Otieno of Kenya and Kofi Mensah "
         "of Ghana.",
         [A("Amani Otieno", "signing"), A("Kofi Mensah", "signing")]),
    case("summit-opened-in-presence-of",
         "The summit opened in the presence of leaders of African countries, including Kenyan President "
         "Amani Otieno.",
         [A("Amani Otieno", "summit")]),
    case("received-in-presence-of",
         "Emir Hamad Al Thani received Finnish Foreign Minister Aino Virtanen at the palace, in the presence "
         "of Qatari Minister of State Khalid Al Kuwari.",
         [M("Hamad Al Thani", "Aino Virtanen"), A("Khalid Al Kuwari", "reception")],
         [A("Hamad Al Thani", "reception")]),
    case("agreement-signed-in-presence-of",
         "The two ministers signed a trade agreement in the presence of Kenyan President Amani Otieno.",
         [A("Amani Otieno", "signing")]),
    # --- one's participation
    case("his-participation-in",
         "President Amani Otieno returned home after his participation in the extraordinary summit of the "
         "regional bloc held in Lusaka.",
         [A("Amani Otieno", "summit")]),
    # --- "in attendance", and a list that goes on in the next sentence
    case("in-attendance",
         "The summit opened in Abuja on Monday. Three West African leaders — President Kofi Mensah of Ghana, "
         "President Moussa Ndiaye of Senegal and President Yves Houngbo of Benin — were also in attendance.",
         [A("Kofi Mensah", "summit"), A("Moussa Ndiaye", "summit"), A("Yves Houngbo", "summit")]),
    case("others-are",
         "The summit opened in Abuja on Monday. Those present were President Kofi Mensah of Ghana and "
         "President Moussa Ndiaye of Senegal.\n\nOthers are President Yves Houngbo of Benin and President "
         "Koffi Agbeko of Togo.",
         [A("Yves Houngbo", "summit"), A("Koffi Agbeko", "summit")]),
    case("others-not-a-list",
         "The summit opened in Abuja on Monday. Those present were President Kofi Mensah of Ghana and "
         "President Moussa Ndiaye of Senegal.\n\nOthers were less enthusiastic about the plan, including "
         "President Yves Houngbo of Benin.",
         [A("Kofi Mensah", "summit")], [A("Yves Houngbo", "summit")]),
    case("others-without-a-list-before",
         "The summit opened in Abuja on Monday. President Kofi Mensah of Ghana met President Moussa Ndiaye of "
         "Senegal.\n\nOthers are expected to arrive tomorrow, including President Yves Houngbo of Benin.",
         [M("Kofi Mensah", "Moussa Ndiaye")], [A("Yves Houngbo", "summit")]),
    # --- a representative attends; the leader represented does not
    case("representing",
         "The summit opened in Harare on Monday. Zambian Vice-President Grace Mwale is representing President "
         "Lars Mwale, while Kenyan President Amani Otieno is being represented by his deputy Joseph Kamau.",
         [A("Grace Mwale", "summit"), A("Joseph Kamau", "summit")],
         [A("Lars Mwale", "summit"), A("Amani Otieno", "summit")]),
    case("could-not-attend-and-was-represented-by",
         "The summit opened in Harare on Monday. Kenyan President Amani Otieno could not attend and was "
         "represented by Foreign Minister Joseph Kamau.",
         [A("Joseph Kamau", "summit")], [A("Amani Otieno", "summit")]),
    case("they-were-joined-by-c-after-a-meeting",
         "Kenyan President Amani Otieno held talks with Ghanaian President Kofi Mensah in Accra on Monday. "
         "They were joined by Togolese President Komla Agbeko.",
         [M("Amani Otieno", "Kofi Mensah"), A("Komla Agbeko", "")]),
    case("they-were-joined-by-c-after-a-dinner-names-no-meeting",
         "Kenyan President Amani Otieno hosted a dinner for Ghanaian President Kofi Mensah in Accra on Monday. "
         "They were joined by Togolese President Komla Agbeko.",
         [], [A("Komla Agbeko", "meeting")]),
    case("represented-country-at",
         "Senegalese Ambassador Moussa Ndiaye represented Senegal at the inauguration of the Ghanaian "
         "president.",
         [A("Moussa Ndiaye", "inauguration")]),
    case("represents-a-milestone",
         "The summit opened in Harare on Monday. The agreement represents a milestone for President Amani "
         "Otieno.",
         [], [A("Amani Otieno", "summit")]),
    # --- companions of an attendee or a host
    case("along-with-attended",
         "Several ministers, along with Spanish Prime Minister Jorge Salas, also attended the lunch.",
         [A("Jorge Salas", "lunch")]),
    case("accompanied-by-attended",
         "Kenyan President Amani Otieno, accompanied by First Lady Wanjiru Otieno, attended the summit in "
         "Addis Ababa.",
         [A("Amani Otieno", "summit"), A("Wanjiru Otieno", "summit")]),
    case("accompanied-by-host",
         "Accompanied by Foreign Minister Kofi Boateng, Ghanaian President Kofi Mensah received Senegalese "
         "President Moussa Ndiaye at the palace.",
         [M("Kofi Mensah", "Moussa Ndiaye"), A("Kofi Boateng", "reception")],
         [A("Kofi Mensah", "reception"), A("Moussa Ndiaye", "reception")]),
    # "A was accompanied by C" after the sentence of A's meeting: C attended that meeting
    case("accompanied-the-meeting-before",
         "Kenyan President Amani Otieno met Ugandan President Joseph Okello at State House. Otieno "
         "was accompanied by Foreign Minister Ruth Wanjiru and Trade Minister Joseph Kamau.",
         [A("Ruth Wanjiru", "meeting"), A("Joseph Kamau", "meeting")]),
    case("he-was-accompanied-at-the-talks-before",
         "Kenyan President Amani Otieno held talks with Ugandan President Joseph Okello at State "
         "House. He was accompanied by Foreign Minister Ruth Wanjiru.",
         [A("Ruth Wanjiru", "meeting")]),
    case("accompanied-on-another-outing",
         "Kenyan President Amani Otieno met Ugandan President Joseph Okello at State House. Otieno "
         "was accompanied by Foreign Minister Ruth Wanjiru on a tour of the city.",
         [], [A("Ruth Wanjiru", "meeting")]),
    case("accompanied-after-another-sentence",
         "Kenyan President Amani Otieno met Ugandan President Joseph Okello on Monday. On Tuesday "
         "Otieno flew to Mombasa for a rally. He was accompanied by Foreign Minister Ruth Wanjiru.",
         [], [A("Ruth Wanjiru", "meeting")]),
    case("accompanied-after-a-dinner-is-no-meeting",
         "Kenyan President Amani Otieno hosted a dinner in honour of Ugandan President Joseph Okello. "
         "Okello was accompanied by his wife Janet Okello.",
         [], [A("Janet Okello", "meeting")]),
    case("accompanied-in-welcoming",
         "Ministers Grace Wanjiru and Joseph Kamau accompanied the president in welcoming the visiting "
         "leaders.",
         [A("Joseph Kamau", "welcome")], [M("Grace Wanjiru", "Joseph Kamau")]),
    case("accompanied-arrival-no-event",
         "Kenyan President Amani Otieno arrived in Paris, accompanied by his wife Wanjiru Otieno.",
         [], [A("Wanjiru Otieno", "")]),
    # --- attendance shown by other words
    case("attended-without-object",
         "The inauguration took place in Abuja. Outgoing President Amani Otieno attended, smiling as he "
         "stood next to his successor.",
         [A("Amani Otieno", "inauguration")]),
    case("his-address-to-the-ceremony",
         "The forum opened in Apia. In his address to the opening ceremony, Samoan Prime Minister Tavita "
         "Leota highlighted the challenges facing young people.",
         [A("Tavita Leota", "opening ceremony")]),
    case("greeted-at-the-summit",
         "Kazakh President Nurlan Abenov greeted Iranian Vice-President Reza Karimi at the regional summit "
         "in Astana.",
         [M("Nurlan Abenov", "Reza Karimi"), A("Reza Karimi", "summit")]),
    case("received-at-a-meeting-is-a-principal",
         "Kenyan President Amani Otieno received Ghanaian President Kofi Mensah at the meeting in Nairobi.",
         [M("Amani Otieno", "Kofi Mensah")], [A("Kofi Mensah", "meeting")]),
    case("delegation-headed-by",
         "The Emirates is participating in the Arab Summit with a high-level delegation, headed by Sheikh "
         "Khalid Al Mansoori, the Deputy Prime Minister.",
         [A("Khalid Al Mansoori", "summit")]),
    case("headed-the-delegation-at",
         "Crown Prince Salman Al Fahad headed Bahrain's delegation at the 40th Gulf Summit in Riyadh.",
         [A("Salman Al Fahad", "summit")]),
    case("caption-left-to-right",
         "The summit opened in Kathmandu.\n\nStanding left to right are Thai Prime Minister Somchai Prasert, "
         "Nepal's Prime Minister Ram Thapa and Indian Prime Minister Ravi Menon.",
         [A("Somchai Prasert", "summit"), A("Ram Thapa", "summit"), A("Ravi Menon", "summit")]),
    case("left-is-no-caption",
         "The summit opened in Kathmandu. Kenyan President Amani Otieno left for Nairobi after meeting "
         "Ghanaian President Kofi Mensah and Indian Prime Minister Ravi Menon.",
         [], [A("Kofi Mensah", "summit"), A("Ravi Menon", "summit")]),
    # --- "A and other leaders are meeting ... Other leaders present include B, C"
    case("other-leaders-present-met",
         "The 12th Ordinary Session of the regional authority opened in Arusha. President Amani Otieno and "
         "other Heads of State of the community are currently meeting in Arusha.\n\nOther Heads of State "
         "present include the President of Uganda, Joseph Okello; Moussa Ndiaye of Senegal and Kofi Mensah "
         "of Ghana.",
         [M("Amani Otieno", "Joseph Okello"), M("Amani Otieno", "Kofi Mensah"), A("Kofi Mensah", "session")]),
    case("other-leaders-present-attended-only",
         "President Amani Otieno and other heads of state attended the summit in Arusha.\n\nOther heads of "
         "state present include Kofi Mensah of Ghana and Moussa Ndiaye of Senegal.",
         [A("Amani Otieno", "summit"), A("Kofi Mensah", "summit")], [M("Amani Otieno", "Kofi Mensah")]),
    # --- a negated copula carries into the attendance
    case("was-not-present-at",
         "The funeral took place in Lima. Chilean President Ana Ruiz attended a private service earlier but "
         "was not present at the funeral.",
         [A("Ana Ruiz", "private service")], [A("Ana Ruiz", "funeral")]),
    case("was-not-among-the-mourners",
         "The funeral took place in Lima. Chilean President Ana Ruiz was not among the mourners.",
         [], [A("Ana Ruiz", "funeral")]),
    case("was-not-in-attendance",
         "The summit opened in Abuja. Kenyan President Amani Otieno was not in attendance.",
         [], [A("Amani Otieno", "summit")]),
    case("will-be-present",
         "The summit opens in Abuja next week. Kenyan President Amani Otieno will be present at the summit.",
         [], [A("Amani Otieno", "summit")]),
    # --- more list forms
    case("attended-by-group-including",
         "The inauguration ceremony was attended by heads of state, including Kenyan President Amani Otieno, "
         "Ghanaian President Kofi Mensah and Senegalese President Moussa Ndiaye.",
         [A("Amani Otieno", "inauguration"), A("Kofi Mensah", "inauguration"), A("Moussa Ndiaye", "inauguration")]),
    case("delegation-comprised",
         "The Kenyan delegation to the forum comprised Foreign Minister Joseph Kamau and Trade Minister Grace "
         "Wanjiru.",
         [A("Joseph Kamau", "forum"), A("Grace Wanjiru", "forum")]),
    case("delegation-led-by-attended",
         "A delegation led by Foreign Minister Joseph Kamau attended the forum in Geneva.",
         [A("Joseph Kamau", "forum")]),
    case("joined-by-at",
         "Kenyan President Amani Otieno was joined by Foreign Minister Joseph Kamau at the summit.",
         [A("Joseph Kamau", "summit"), A("Amani Otieno", "summit")]),
    case("joined-by-attended",
         "Kenyan President Amani Otieno, joined by Foreign Minister Joseph Kamau, attended the summit.",
         [A("Joseph Kamau", "summit"), A("Amani Otieno", "summit")]),
    case("among-those-who-attended-swearing-in",
         "Among those who attended the swearing-in were Kenyan President Amani Otieno and Ghanaian President "
         "Kofi Mensah.",
         [A("Amani Otieno", "swearing-in"), A("Kofi Mensah", "swearing-in")]),
    case("bulleted-participants",
         "The summit opened in Addis Ababa on Monday with the following participants:\n\n- Amani Otieno, "
         "President of Kenya\n\n- Kofi Mensah, President of Ghana\n\n- Moussa Ndiaye, President of Senegal",
         [A("Amani Otieno", "summit"), A("Kofi Mensah", "summit"), A("Moussa Ndiaye", "summit")]),
    case("participants-a-line-each-without-bullets",
         "Attending the summit in Dakar were the following leaders:\n\nAmani Otieno, President of Kenya\n\n"
         "Moussa Ndiaye, President of Senegal",
         [A("Amani Otieno", "summit"), A("Moussa Ndiaye", "summit")]),
    case("dateline-before-a-title-is-no-name",
         "Grand Bassam, President Kofi Mensah said on Monday that he met Amani Otieno.",
         [M("Kofi Mensah", "Amani Otieno")], [M("Grand Bassam", "Amani Otieno")]),
    case("signed-at-a-ceremony-in-a-city",
         "The ceremony in Lusaka was short. Zambian President Joseph Banda signed the accord with "
         "Malawian President Peter Phiri.",
         [S("Joseph Banda", "accord"), A("Joseph Banda", "ceremony"), A("Peter Phiri", "ceremony")]),
    case("skipped-is-not-attended",
         "The summit opened in Abuja. Leaders who skipped the summit include Kenyan President Amani Otieno.",
         [], [A("Amani Otieno", "summit")]),
    case("arrived-to-participate-is-not-stated",
         "Kenyan President Amani Otieno arrived in Addis Ababa to participate in the African Union summit.",
         [], [A("Amani Otieno", "summit")]),
    # --- plans, invitations and doubts are not attendance
    case("guests-expected-are",
         "The summit opens in Abuja next week. Among the guests expected at the summit are Kenyan President "
         "Amani Otieno and Ghanaian President Kofi Mensah.",
         [], [A("Amani Otieno", "summit"), A("Kofi Mensah", "summit")]),
    case("leaders-expected-to-attend",
         "The summit opens in Abuja next week. Leaders expected to attend include Kenyan President Amani "
         "Otieno.",
         [], [A("Amani Otieno", "summit")]),
    case("participants-will-include",
         "The forum opened in Geneva. Participants will include Kenyan President Amani Otieno.",
         [], [A("Amani Otieno", "forum")]),
    case("presence-not-confirmed",
         "The summit opened in Abuja. The presence of Kenyan President Amani Otieno at the summit is not "
         "confirmed.",
         [], [A("Amani Otieno", "summit")]),
    case("could-not-attend-sent-envoy",
         "The funeral took place in Lima. Chilean President Ana Ruiz, who could not attend, sent Foreign "
         "Minister Jorge Salas.",
         [], [A("Ana Ruiz", "funeral")]),
    case("absent-were",
         "The summit opened in Abuja. Absent from the summit were Kenyan President Amani Otieno and Ghanaian "
         "President Kofi Mensah.",
         [], [A("Amani Otieno", "summit"), A("Kofi Mensah", "summit")]),
    case("presided-over-the-signing",
         "Foreign Minister Kofi Boateng presided over the signing of three memoranda with his Kenyan "
         "counterpart Joseph Kamau.",
         [A("Kofi Boateng", "signing")]),
    case("presented-by-is-not-present",
         "The summit opened in Abuja. The report presented by Kenyan President Amani Otieno was a detailed "
         "one.",
         [], [A("Amani Otieno", "summit")]),
    case("will-be-accompanied",
         "The summit opened in Abuja. Kenyan President Amani Otieno is expected to be joined by Foreign "
         "Minister Joseph Kamau at the summit.",
         [], [A("Joseph Kamau", "summit")]),
    case("did-not-greet-at-summit",
         "The summit opened in Abuja. Kenyan President Amani Otieno did not greet Ghanaian President Kofi "
         "Mensah at the summit.",
         [], [A("Kofi Mensah", "summit"), M("Amani Otieno", "Kofi Mensah")]),
    case("represents-a-constituency",
         "The summit opened in Abuja. Kenyan MP Amani Otieno represents the Kibera constituency in parliament.",
         [], [A("Amani Otieno", "summit")]),
    # --- a delegation led by someone, met
    case("met-a-delegation-led-by",
         "Parliament Speaker Tuya Bold met on Monday a delegation led by Russian lawmaker Ivan Sokolov.",
         [M("Tuya Bold", "Ivan Sokolov")]),
    case("received-by-a-delegation-led-by",
         "Tanzanian President Neema Mushi arrived in Nairobi on Monday. She was received by a delegation led "
         "by Foreign Minister Grace Wanjiru and Sports Minister Joseph Kamau.",
         [M("Neema Mushi", "Grace Wanjiru"), M("Neema Mushi", "Joseph Kamau")]),
    # --- events the attendees are at
    case("funeral-service-is-the-event",
         "A funeral service attended by dozens of leaders took place in Lima on Monday. Chilean President "
         "Ana Ruiz and Bolivian President Tomas Quispe were among the mourners at the cathedral.",
         [A("Ana Ruiz", "funeral service"), A("Tomas Quispe", "funeral service")]),
    case("audience-attended-by",
         "The audience was attended by Omani Minister of the Royal Court Salim Al Harthy.",
         [A("Salim Al Harthy", "audience")]),
    case("next-summit-is-not-the-meeting",
         "OAS Secretary General Rosa Quintero met with Vice Minister Paolo Bianchi of Italy. They discussed "
         "the agenda of the next OAS General Assembly. Also present at the meeting was Ambassador Marco "
         "Rinaldi.",
         [A("Marco Rinaldi", "meeting")], [A("Marco Rinaldi", "assembly")]),
    case("in-congress-is-no-event",
         "After taking office in Congress, President Ana Ruiz received greetings from foreign leaders. The "
         "leaders present at the ceremony included Peruvian President Jorge Salas.",
         [A("Jorge Salas", "ceremony")], [A("Jorge Salas", "congress")]),
    # --- signers of one ceremony
    case("signers-attended-the-signing-ceremony",
         "The signing ceremony took place at the State House. Kenyan Foreign Minister Amani Otieno and "
         "Ghanaian Foreign Minister Kofi Mensah signed a memorandum on visa waivers.",
         [A("Amani Otieno", "signing ceremony"), A("Kofi Mensah", "signing ceremony")]),
    case("signed-alongside",
         "The ceremony in Geneva was delayed by a day. Chilean President Ana Ruiz signed the treaty "
         "alongside Peruvian President Jorge Salas and Bolivian President Tomas Quispe.",
         [S("Jorge Salas", "treaty"), S("Tomas Quispe", "treaty"), A("Ana Ruiz", "ceremony"),
          M("Ana Ruiz", "Jorge Salas")]),
    case("signers-attended-the-exchange-ceremony",
         "The MoU exchange ceremony was held at the Prime Minister's Office. Kenyan Trade Minister Joseph "
         "Kamau and Ghanaian Trade Minister Kofi Boateng signed a memorandum on customs cooperation.",
         [A("Joseph Kamau", "exchange ceremony"), A("Kofi Boateng", "exchange ceremony")]),
    case("inauguration-ceremony-is-not-the-signing",
         "The inauguration ceremony was held in Accra. Later, Kenyan Trade Minister Joseph Kamau and Ghanaian "
         "Trade Minister Kofi Boateng signed a memorandum on customs cooperation.",
         [S("Joseph Kamau", "memorandum")], [A("Joseph Kamau", "inauguration")]),
    case("signing-without-ceremony",
         "Kenyan Foreign Minister Amani Otieno and Ghanaian Foreign Minister Kofi Mensah signed a memorandum "
         "on visa waivers during talks in Nairobi.",
         [S("Amani Otieno", "memorandum")], [A("Amani Otieno", "ceremony")]),
    # --- existing forms that must keep working
    case("attended-by-semicolons",
         "The meeting was attended by Amani Otieno, Minister of Trade; Kofi Mensah, Minister of Finance; and "
         "Lars Berg, the ambassador.",
         [A("Amani Otieno", "meeting"), A("Kofi Mensah", "meeting"), A("Lars Berg", "meeting")]),
    case("also-present-were",
         "Also present at the meeting were the Ghanaian envoy, Kofi Mensah; the trade secretary, Lars Berg; "
         "and the director of protocol, Ana Ruiz.",
         [A("Kofi Mensah", "meeting"), A("Lars Berg", "meeting")]),
    case("attended-no-list",
         "Kenyan President Amani Otieno, who attended the summit, later met Ghanaian President Kofi Mensah.",
         [A("Amani Otieno", "summit"), M("Amani Otieno", "Kofi Mensah")], [A("Kofi Mensah", "summit")]),
]


@pytest.mark.parametrize("text, must, must_not", CASES)
def test_lists(nlp, text, must, must_not) -> None:
    check(nlp, text, must, must_not)
