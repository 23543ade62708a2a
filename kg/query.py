"""Run SPARQL over a graph: saved queries live in ``ontology/queries/*.rq``."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.errors import UsageError

QUERY_DIR = Path(__file__).resolve().parent.parent / "ontology" / "queries"


def saved_query(name: str) -> str:
    """The text of a saved query, by file name without ``.rq``."""
    path = QUERY_DIR / f"{name}.rq"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in QUERY_DIR.glob("*.rq")))
        raise UsageError(f"no saved query '{name}' (known: {known})")
    return path.read_text(encoding="utf-8")


def select(graph: Graph, text: str, bindings: dict | None = None) -> tuple[list[str], list[list[str]]]:
    """Run a SELECT query; return column names and rows of strings ('' for unbound)."""
    result = graph.query(text, initBindings=bindings or {})
    columns = [str(v) for v in result.vars]
    rows = [["" if v is None else str(v) for v in row] for row in result]
    return columns, rows


def format_table(columns: list[str], rows: list[list[str]], *, max_width: int = 40) -> str:
    """A plain-text table."""
    cut = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in r] for r in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cut]) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in cut]
    return "\n".join(out)
