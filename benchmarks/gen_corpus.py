"""A seeded generator of synthetic diplomatic news articles, for benchmarks.

Articles are written from templates: fictional people (names from several
regions) with roles and countries, and every relation ``kg`` extracts --
meetings ("received", "held talks with", "met with"), signings (active and
passive), attendance ("attended the summit", "were present at"), phone calls,
planned visits ("will travel", "is expected to meet") and denials -- padded with
background sentences to 150-500 words.  The same seed gives the same corpus.

    python benchmarks/gen_corpus.py 200 --seed 1 -o /tmp/corpus          # .txt files
    python benchmarks/gen_corpus.py 200 --seed 1 -o /tmp/corpus --jsonl  # corpus.jsonl

Last line: ``articles <n> words <w>``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

# country, demonym, capital, leader-name pool key
COUNTRIES = [
    ("Kazakhstan", "Kazakh", "Astana", "central_asia"),
    ("Uzbekistan", "Uzbek", "Tashkent", "central_asia"),
    ("Kyrgyzstan", "Kyrgyz", "Bishkek", "central_asia"),
    ("Turkey", "Turkish", "Ankara", "turkic"),
    ("Azerbaijan", "Azerbaijani", "Baku", "turkic"),
    ("Kenya", "Kenyan", "Nairobi", "east_africa"),
    ("Tanzania", "Tanzanian", "Dodoma", "east_africa"),
    ("Nigeria", "Nigerian", "Abuja", "west_africa"),
    ("Ghana", "Ghanaian", "Accra", "west_africa"),
    ("Peru", "Peruvian", "Lima", "latin"),
    ("Chile", "Chilean", "Santiago", "latin"),
    ("Colombia", "Colombian", "Bogota", "latin"),
    ("Indonesia", "Indonesian", "Jakarta", "southeast_asia"),
    ("Vietnam", "Vietnamese", "Hanoi", "southeast_asia"),
    ("Malaysia", "Malaysian", "Kuala Lumpur", "southeast_asia"),
    ("India", "Indian", "New Delhi", "south_asia"),
    ("Pakistan", "Pakistani", "Islamabad", "south_asia"),
    ("Egypt", "Egyptian", "Cairo", "arab"),
    ("Jordan", "Jordanian", "Amman", "arab"),
    ("Morocco", "Moroccan", "Rabat", "arab"),
    ("Poland", "Polish", "Warsaw", "europe"),
    ("Germany", "German", "Berlin", "europe"),
    ("France", "French", "Paris", "europe"),
    ("Norway", "Norwegian", "Oslo", "europe"),
    ("Japan", "Japanese", "Tokyo", "east_asia"),
    ("South Korea", "South Korean", "Seoul", "east_asia"),
]

NAMES = {
    "central_asia": (["Daulet", "Nursultan", "Aibek", "Timur", "Madina", "Gulnara", "Rustam", "Saltanat"],
                     ["Seitkaliyev", "Abdrakhmanov", "Usmonov", "Karimova", "Tokayeva", "Jumabekov", "Ergeshov"]),
    "turkic": (["Orhan", "Mehmet", "Elif", "Kemal", "Aylin", "Rauf", "Leyla", "Selim"],
               ["Kaplanoglu", "Yildirim", "Demirci", "Aliyeva", "Mammadov", "Ozturk", "Hasanli"]),
    "east_africa": (["Wanjiru", "Baraka", "Amani", "Juma", "Neema", "Otieno", "Zawadi"],
                    ["Kamau", "Mwangi", "Odhiambo", "Mushi", "Kiprono", "Nyerere", "Wekesa"]),
    "west_africa": (["Chinedu", "Adaeze", "Kwame", "Ama", "Emeka", "Folake", "Kofi"],
                    ["Okafor", "Adeyemi", "Mensah", "Boateng", "Nwosu", "Asante", "Balogun"]),
    "latin": (["Carlos", "Lucia", "Mateo", "Valentina", "Diego", "Camila", "Andres"],
              ["Quispe", "Herrera", "Mendoza", "Castillo", "Rojas", "Valdivia", "Salazar"]),
    "southeast_asia": (["Budi", "Siti", "Nguyen", "Linh", "Hafiz", "Aisyah", "Minh"],
                       ["Santoso", "Wibowo", "Tran", "Pham", "Rahman", "Hashim", "Kusuma"]),
    "south_asia": (["Arjun", "Priya", "Imran", "Ayesha", "Rohan", "Farhan", "Meera"],
                   ["Sharma", "Iyer", "Qureshi", "Malik", "Banerjee", "Chaudhry", "Nair"]),
    "arab": (["Omar", "Layla", "Khalid", "Yasmin", "Tariq", "Nadia", "Samir"],
             ["Haddad", "Mansour", "El-Sayed", "Khatib", "Benali", "Nasser", "Tazi"]),
    "europe": (["Anna", "Tomasz", "Katrin", "Lukas", "Claire", "Henrik", "Ingrid", "Marek"],
               ["Kowalska", "Nowak", "Brandt", "Fischer", "Dubois", "Lindqvist", "Haugen"]),
    "east_asia": (["Haruto", "Yuki", "Min-jun", "Seo-yeon", "Kenji", "Ji-ho", "Aiko"],
                  ["Tanaka", "Sato", "Kim", "Park", "Watanabe", "Lee", "Nakamura"]),
}

ROLES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "Trade Minister",
         "Finance Minister", "Energy Minister", "Deputy Foreign Minister"]

ORGS = ["the United Nations", "the African Union", "the World Bank", "the Shanghai Cooperation Organisation",
        "the Organisation of Turkic States", "ASEAN", "the European Union", "the Arab League"]

TOPICS = ["trade and transit", "energy cooperation", "water management", "border security",
          "digital infrastructure", "agriculture", "climate finance", "railway links", "tourism",
          "education exchanges", "critical minerals", "port development"]

DOCUMENTS = ["a memorandum of understanding on {t}", "an agreement on {t}", "a cooperation agreement on {t}",
             "a joint declaration on {t}", "a loan agreement for {t}", "a treaty on {t}",
             "a framework agreement on {t}", "a protocol on {t}"]

EVENTS = ["the {c} Summit on {t}", "the Regional Forum on {t}", "the {c} Investment Forum",
          "the ministerial conference on {t}", "the signing ceremony in {cap}", "the {c} Economic Forum"]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SOURCES = ["Demo Wire", "Continental Dispatch", "Meridian News", "Capital Herald", "Regional Monitor"]


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    country: str
    demonym: str
    capital: str

    @property
    def first(self) -> str:  # "Kazakh President Daulet Seitkaliyev"
        return f"{self.demonym} {self.role} {self.name}"

    @property
    def short(self) -> str:
        return self.name.split()[-1]


def make_people(rng: random.Random, n: int = 400) -> list[Person]:
    """A fixed cast of ``n`` fictional office holders (unique names)."""
    people, seen = [], set()
    while len(people) < n:
        country, demonym, capital, region = rng.choice(COUNTRIES)
        firsts, lasts = NAMES[region]
        name = f"{rng.choice(firsts)} {rng.choice(lasts)}"
        if name in seen:
            continue
        seen.add(name)
        people.append(Person(name, rng.choice(ROLES), country, demonym, capital))
    return people


def _sentences_meeting(rng, a: Person, b: Person, day: str, t: str) -> list[str]:
    verb = rng.choice([
        f"{a.first} received {b.first} in {a.capital} on {day}",
        f"{a.first} held talks with {b.first} in {a.capital} on {day}",
        f"{a.first} met with {b.first} on the sidelines of a regional meeting on {day}",
        f"{a.first} and {b.first} held talks in {a.capital} on {day}",
    ])
    return [f"{verb}, focusing on {t}.",
            f"{a.short} said the talks were \"frank and constructive\" and that both sides had agreed to "
            f"deepen cooperation on {t}."]


def _sentences_signing(rng, a: Person, b: Person, day: str, t: str) -> list[str]:
    doc = rng.choice(DOCUMENTS).format(t=t)
    if rng.random() < 0.5:
        s = f"{a.first} and {b.first} signed {doc} in {a.capital} on {day}."
    else:
        s = f"{doc[0].upper()}{doc[1:]} was signed by {a.first} and {b.first} on {day}."
    return [s, "The document commits both governments to a joint working group that will report within a year."]


def _sentences_attendance(rng, people: list[Person], day: str, t: str, host: Person) -> list[str]:
    ev = rng.choice(EVENTS).format(c=host.country, t=t, cap=host.capital)
    names = ", ".join(p.first for p in people[:-1]) + f" and {people[-1].first}"
    if rng.random() < 0.5:
        s = f"{names} attended {ev} in {host.capital} on {day}."
    else:
        s = f"{names} were present at {ev}, which opened in {host.capital} on {day}."
    org = rng.choice(ORGS)
    return [s, f"Representatives of {org} also took part in the sessions on {t}."]


def _sentences_call(rng, a: Person, b: Person, day: str, t: str) -> list[str]:
    s = rng.choice([
        f"{a.first} held a phone call with {b.first} on {day}.",
        f"{a.first} spoke by telephone with {b.first} on {day}.",
        f"In a phone conversation on {day}, {a.first} and {b.first} discussed {t}.",
    ])
    return [s, f"According to a readout from {a.short}'s office, the two discussed {t} and regional developments."]


def _sentences_planned(rng, a: Person, b: Person, day: str, t: str) -> list[str]:
    s = rng.choice([
        f"{a.first} will travel to {b.capital} next week to meet {b.first}.",
        f"{a.first} is expected to meet {b.first} in {b.capital} later this month.",
        f"{a.first} plans to visit {b.capital} next month for talks with {b.first} on {t}.",
    ])
    return [s, f"Officials said the agenda would include {t} and preparations for a future state visit."]


def _sentences_denial(rng, a: Person, b: Person, day: str, t: str) -> list[str]:
    s = rng.choice([
        f"A spokesperson for {a.first} denied that {a.short} had met {b.first} during the trip.",
        f"{a.first} did not meet {b.first} on {day}, the ministry said, contradicting earlier media reports.",
        f"{a.first} denied reports that {a.short} had signed an agreement with {b.first}.",
    ])
    return [s, "The ministry described the earlier reports as \"speculation without basis\"."]


FILLER = [
    "Trade between the two countries reached {n} billion dollars last year, officials said.",
    "Analysts said the talks reflected a broader effort to diversify transport routes and energy supplies.",
    "The region has seen a surge of diplomatic activity over the past {m} months.",
    "Economists expect bilateral investment to grow by around {p} percent over the next decade.",
    "The governments have previously cooperated on {t}, although progress has been uneven.",
    "Local media reported that security in the capital was tightened ahead of the visit.",
    "Business leaders from both countries held a separate round table on {t}.",
    "Officials said further details would be published after the meetings of technical working groups.",
    "The visit comes amid rising commodity prices and renewed interest in overland trade corridors.",
    "Critics have questioned whether earlier agreements on {t} were ever fully implemented.",
    "Diplomats noted that the last high-level exchange of this kind took place {m} years ago.",
    "The joint statement also mentioned cooperation in culture, science and youth exchanges.",
    "Observers said the outcome would be closely watched by neighbouring states.",
    "A new direct flight between the two capitals is scheduled to begin operating in the spring.",
    "Both sides reaffirmed their commitment to the principles of sovereignty and non-interference.",
    "Negotiators spent several weeks preparing the texts, according to people familiar with the process.",
]

KINDS = ("meeting", "signing", "attendance", "call", "planned", "denial")


def make_article(rng: random.Random, people: list[Person], index: int, start: dt.date) -> dict:
    """One article as a JSON-ready dict (id, title, date, source, text)."""
    date = start + dt.timedelta(days=rng.randrange(0, 730))
    day = WEEKDAYS[date.weekday()]
    t = rng.choice(TOPICS)
    a, b = rng.sample(people, 2)
    while b.country == a.country:
        b = rng.choice(people)
    kinds = list(dict.fromkeys([rng.choice(KINDS)] + rng.sample(KINDS, rng.randint(0, 2))))
    source = rng.choice(SOURCES)
    body: list[list[str]] = []
    for kind in kinds:
        if kind == "meeting":
            body.append(_sentences_meeting(rng, a, b, day, t))
        elif kind == "signing":
            body.append(_sentences_signing(rng, a, b, day, t))
        elif kind == "attendance":
            group = [a, b] + rng.sample(people, rng.randint(0, 2))
            body.append(_sentences_attendance(rng, group, day, t, a))
        elif kind == "call":
            c = rng.choice(people)
            body.append(_sentences_call(rng, a, c if c is not a else b, day, t))
        elif kind == "planned":
            body.append(_sentences_planned(rng, a, b, day, t))
        else:
            body.append(_sentences_denial(rng, a, b, day, t))
    target = rng.randint(150, 500)
    dateline = f"{a.capital.upper()}, {date.strftime('%B')} {date.day} ({source}) -- "
    paragraphs = [dateline + " ".join(body[0])] + [" ".join(p) for p in body[1:]]

    def words() -> int:
        return sum(len(p.split()) for p in paragraphs)

    fill: list[str] = []  # filler sentences, added one at a time up to the target length
    count = words()
    while count < target:
        sentence = rng.choice(FILLER).format(n=rng.randint(2, 40), m=rng.randint(2, 18),
                                             p=rng.randint(5, 60), t=rng.choice(TOPICS))
        if count + len(sentence.split()) > 500:
            break
        fill.append(sentence)
        count += len(sentence.split())
    while fill:  # background paragraphs of 2-4 sentences, placed after the lead
        k = rng.randint(2, 4)
        paragraphs.insert(rng.randint(1, len(paragraphs)), " ".join(fill[:k]))
        fill = fill[k:]
    verbs = {"meeting": "holds talks with", "signing": "signs deal with", "attendance": "joins summit with",
             "call": "speaks with", "planned": "to visit", "denial": "denies meeting"}
    title = f"{a.demonym} {a.role.lower()} {verbs[kinds[0]]} {b.demonym} counterpart on {t}"
    return {"id": f"synthetic-{index:06d}", "title": title, "date": date.isoformat(),
            "source": source, "text": "\n\n".join(paragraphs)}


def generate(n: int, seed: int = 1) -> list[dict]:
    """``n`` articles, the same for the same ``seed``."""
    rng = random.Random(seed)
    people = make_people(rng)
    start = dt.date(2024, 1, 1)
    return [make_article(rng, people, i, start) for i in range(n)]


def word_count(articles: list[dict]) -> int:
    return sum(len(a["text"].split()) for a in articles)


def to_txt(article: dict) -> str:
    return (f"Title: {article['title']}\nDate: {article['date']}\nSource: {article['source']}\n\n"
            f"{article['text']}\n")


def write_jsonl(articles: list[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps(a, ensure_ascii=False) + "\n")
    return path


def write_txt(articles: list[dict], directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for a in articles:
        (directory / f"{a['id']}.txt").write_text(to_txt(a), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", default="corpus", help="directory to write into (default: ./corpus)")
    ap.add_argument("--jsonl", action="store_true", help="write one corpus.jsonl instead of .txt files")
    args = ap.parse_args()
    if args.n < 0:
        ap.error("N must be >= 0")
    articles = generate(args.n, args.seed)
    out = Path(args.output)
    if args.jsonl:
        where = write_jsonl(articles, out / "corpus.jsonl")
    else:
        write_txt(articles, out)
        where = out
    words = word_count(articles)
    print(f"wrote {len(articles)} articles ({words} words, seed {args.seed}) to {where}")
    print(f"articles {len(articles)} words {words}")


if __name__ == "__main__":
    main()
