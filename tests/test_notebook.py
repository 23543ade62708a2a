"""notebooks/explore.ipynb is stored with the outputs of a full run, and they are current.

The stored file is checked as it is (fast): valid, clean metadata, every code
cell has its outputs, nothing machine-specific in them, and the facts a reader
must see are there.  The slow tests run the notebook with nbclient, in a fresh
kernel of this interpreter and a temporary working directory (nothing is
written into the repository), through the functions of notebooks/refresh.py:
any cell error fails (``CellExecutionError``), and every code cell's fresh
outputs must equal the stored ones, so a stale stored output fails.  To store
the outputs of a fresh run:

    python notebooks/refresh.py
"""
from __future__ import annotations

import importlib.util
import os
import re
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def _load_refresh():
    spec = importlib.util.spec_from_file_location("notebook_refresh", ROOT / "notebooks" / "refresh.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


refresh = _load_refresh()

# what must never be stored: paths of this machine, timings, memory addresses
VOLATILE = [
    re.compile(r"(?<![\w.])/(?:tmp|home|Users|root|work|var|private|opt)/"),
    re.compile(r"[A-Za-z]:\\\\"),
    re.compile(r"\bat 0x[0-9a-fA-F]{4,}"),
    re.compile(r"\b\d+\.\d+ ?(?:s|ms|seconds)\b|articles/s"),
    re.compile(r"\b20\d\d-\d\d-\d\dT\d\d:\d\d"),  # timestamps (the articles' dates are plain days)
]

# the code cells that show nothing (by their first line): the imports, closing the store
SILENT = ("from dataclasses import asdict", "store.close()")


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The notebook after a full run (outputs as the kernel gave them), the kernel's interpreter, the workdir."""
    pytest.importorskip("nbclient")  # here, not at the top: the quick tests read the stored file only
    pytest.importorskip("ipykernel")
    workdir = tmp_path_factory.mktemp("notebook-run")
    nb, interpreter = refresh.execute(NOTEBOOK, workdir, timeout=300)
    return nb, interpreter, workdir


@pytest.fixture(params=["stored", pytest.param("fresh", marks=pytest.mark.slow)])
def notebook(request):
    """The notebook as stored in the repository, and (slow) as a fresh run leaves it."""
    if request.param == "stored":
        return nbformat.read(NOTEBOOK, as_version=4)
    return request.getfixturevalue("executed")[0]


def _text(cell) -> str:
    """Everything a code cell printed or returned, as plain text."""
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type in ("execute_result", "display_data"):
            parts.append(out.data.get("text/plain", ""))
    return "".join(parts)


def _cell(nb, needle: str):
    matches = [c for c in nb.cells if c.cell_type == "code" and needle in c.source]
    assert len(matches) == 1, f"expected one code cell containing {needle!r}, found {len(matches)}"
    return matches[0]


def _hide_output(cell) -> bool:
    return refresh.REMOVE_OUTPUT in cell.metadata.get("tags", [])


# ----------------------------------------------------------------- the stored file

def test_stored_notebook_is_clean_and_has_its_outputs():
    text = NOTEBOOK.read_text(encoding="utf-8")
    nb = nbformat.reads(text, as_version=4)
    nbformat.validate(nb)
    hint = f"regenerate the stored outputs with: {refresh.COMMAND}"
    assert nb.metadata.kernelspec == refresh.KERNELSPEC, hint
    assert "version" not in nb.metadata.get("language_info", {}), hint
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), hint
    for cell in nb.cells:
        assert "execution" not in cell.metadata, hint  # no timestamps
        if cell.cell_type != "code":
            continue
        assert not any(o.output_type == "error" for o in cell.outputs), cell.source
        if _hide_output(cell):
            assert cell.outputs == [], f"outputs of a {refresh.REMOVE_OUTPUT!r} cell are stored; {hint}"
        elif not cell.source.startswith(SILENT):
            assert cell.outputs, f"no stored output for {cell.source!r}; {hint}"
    for pattern in VOLATILE:
        found = pattern.search(text)
        assert found is None, f"machine-specific text in the stored notebook: {text[found.start() - 60:found.end() + 60]!r}"
    assert len(text.encode("utf-8")) < 150_000, "the stored notebook should stay small on a code host"


# ----------------------------------------------------------------- a fresh run

@pytest.mark.slow
def test_kernel_is_the_test_interpreter(executed):
    _, interpreter, _ = executed
    assert os.path.realpath(interpreter["prefix"]) == os.path.realpath(sys.prefix)
    assert os.path.realpath(interpreter["executable"]) == os.path.realpath(sys.executable)


@pytest.mark.slow
def test_runs_without_errors_and_writes_nothing_in_the_workdir(executed):
    nb, _, workdir = executed
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not any(o.output_type == "error" for o in cell.outputs), cell.source
    assert list(workdir.iterdir()) == []  # the graph went to a temporary folder


@pytest.mark.slow
def test_stored_outputs_are_those_of_a_fresh_run(executed):
    nb, _, _ = executed
    found = refresh.differences(NOTEBOOK, refresh.normalise(nb))
    assert not found, refresh.stale_message(NOTEBOOK, found)


@pytest.mark.slow
def test_interactive_view_is_an_iframe_and_not_stored(executed):
    nb, _, _ = executed
    cell = _cell(nb, "kg.view.display(graph)")
    assert _hide_output(cell)
    html = "".join(o.data.get("text/html", "") for o in cell.outputs
                   if o.output_type in ("execute_result", "display_data"))
    assert "<iframe" in html and "srcdoc=" in html
    assert "Seitkaliyev" in html  # the data is in the page
    stored = _cell(nbformat.read(NOTEBOOK, as_version=4), "kg.view.display(graph)")
    assert stored.outputs == []


# ----------------------------------------------------------------- what it shows (stored, and fresh)

def test_build_summary(notebook):
    text = _text(_cell(notebook, ".summary()"))
    assert text.startswith("read 8 article(s)\n")
    assert "failed: 0" in text
    assert "met_with" in text and "signed" in text
    assert "-> graph.ttl" in text


def test_who_met_whom_table(notebook):
    cell = _cell(notebook, '"who-met-whom"')
    html = "".join(o.data.get("text/html", "") for o in cell.outputs if o.output_type == "execute_result")
    assert "<table" in html
    row = next(r for r in html.split("<tr") if "Andrés Villacorta" in r)
    assert "Ignacio Peñaloza" in row


def test_saved_queries_with_parameters(notebook):
    assert "Ignacio Peñaloza" in _text(_cell(notebook, '"meetings-of"'))
    assert "2025-04-16" in _text(_cell(notebook, '"events-between"'))
    assert "Andrés Villacorta" in _text(_cell(notebook, '"evidence-for"'))


def test_store_skips_unchanged_articles_and_removes_one(notebook):
    assert _text(_cell(notebook, "again.skipped")).strip() == "(8, 0, 8)"
    store_cell = _text(_cell(notebook, "store.remove("))
    assert "7 articles left" in store_cell and "Faith Mutua" in store_cell


def test_network_analytics(notebook):
    assert "Daulet Seitkaliyev" in _text(_cell(notebook, "kg.degree_centrality"))
    path = _text(_cell(notebook, "kg.shortest_path"))
    assert "Bakhtiyor Nazarov" in path and "Orhan Kaplanoğlu" in path


def test_view_summary(notebook):
    text = _text(_cell(notebook, "kg.view.view_data(graph)"))
    # the one count of kg build and kg analyze: events that happened, by relation
    assert re.fullmatch(r"\d+ actors; events that happened: met_with [1-9]\d*, signed \d+, attended \d+, "
                        r"called \d+(, [a-z_]+ \d+)*\n", text), text  # and the relations added as data
