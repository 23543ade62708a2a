"""How parsing and extraction scale with one article's length.

Makes articles of fictional meeting paragraphs (one fact each) at two sizes,
parses each with :func:`kg.extract.pipeline.parse_texts` (pieces of 100,000
characters joined into one Doc) and extracts with
:func:`kg.extract.extract_doc`, and prints the time of each step.  Both steps
should be linear: the last line's ``extract_growth`` and ``parse_growth``
(time at the large size over time at the small size) should be close to the
size ratio, not its square.

    python benchmarks/long_article.py                       # 100,000 and 400,000 characters
    python benchmarks/long_article.py --sizes 200000 2000000
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.extract import extract_doc, load_model  # noqa: E402
from kg.extract.pipeline import parse_texts  # noqa: E402
from kg.model import Article  # noqa: E402

PEOPLE = [("Kenyan President", "Amani Otieno"), ("Ghanaian Foreign Minister", "Kofi Mensah"),
          ("Chilean President", "Marisol Araya"), ("Argentine President", "Julian Bertoni"),
          ("Japanese Foreign Minister", "Haruto Sakamoto"), ("Indian External Affairs Minister", "Priya Raghavan")]
CITIES = ["Geneva", "Nairobi", "Lima", "Tokyo", "Accra", "Santiago"]


def article(chars: int, seed: int = 1) -> str:
    """Paragraphs of one meeting each, up to ``chars`` characters."""
    rng = random.Random(seed)
    parts, size, i = [], 0, 0
    while size < chars:
        (ra, a), (rb, b) = rng.sample(PEOPLE, 2)
        para = (f"{ra} {a} met {rb} {b} in {rng.choice(CITIES)} on Monday. The talks covered trade, "
                f"port logistics and a customs agreement, officials said after session {i}.\n\n")
        parts.append(para)
        size += len(para)
        i += 1
    return "".join(parts)[:chars]


def measure(nlp, chars: int) -> tuple[float, float, int]:
    text = article(chars)
    start = time.perf_counter()
    [doc] = list(parse_texts(nlp, [text]))
    parsed = time.perf_counter()
    ex = extract_doc(Article(id=f"long-{chars}", text=text, date="2025-03-04"), doc)
    return parsed - start, time.perf_counter() - parsed, len(ex.facts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs=2, default=[100_000, 400_000], metavar=("SMALL", "LARGE"))
    args = ap.parse_args()
    nlp = load_model()
    measure(nlp, 5_000)  # warm up
    results = []
    for chars in args.sizes:
        parse_s, extract_s, facts = measure(nlp, chars)
        results.append((parse_s, extract_s))
        print(f"chars {chars} facts {facts} parse_s {parse_s:.1f} extract_s {extract_s:.1f} "
              f"chars_per_s {chars / (parse_s + extract_s):.0f}")
    (p1, e1), (p2, e2) = results
    print(f"size_ratio {args.sizes[1] / args.sizes[0]:.1f} parse_growth {p2 / p1:.1f} extract_growth {e2 / e1:.1f}")


if __name__ == "__main__":
    main()
