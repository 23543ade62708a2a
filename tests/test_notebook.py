"""notebooks/explore.ipynb runs top to bottom in a fresh kernel and shows real results.

The notebook is executed with nbclient in a temporary working directory, so
nothing is written into the repository; any cell error fails the test
(nbclient raises ``CellExecutionError``).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"
CHECK_INTERPRETER = "import sys, json; print(json.dumps({'executable': sys.executable, 'prefix': sys.prefix}))"


@pytest.fixture(scope="module")
def python3_kernel():
    """A ``python3`` kernelspec that starts this very interpreter."""
    from jupyter_client.kernelspec import KernelSpecManager, find_kernel_specs

    if "python3" not in find_kernel_specs():
        from ipykernel.kernelspec import install

        install(prefix=sys.prefix)  # into <venv>/share/jupyter/kernels/python3
    spec = KernelSpecManager().get_kernel_spec("python3")
    program = spec.argv[0]
    # jupyter_client swaps a bare "python" / "python3" / "python3.X" for sys.executable at launch.
    bare = {"python", f"python{sys.version_info[0]}", "python{}.{}".format(*sys.version_info[:2])}
    assert program in bare or os.path.realpath(program) == os.path.realpath(sys.executable), (
        f"the python3 kernelspec in {spec.resource_dir} runs {program!r}, not {sys.executable}")
    return spec


@pytest.fixture(scope="module")
def executed(python3_kernel, tmp_path_factory):
    """The notebook after a full run, plus what the kernel said about its interpreter."""
    from nbclient import NotebookClient

    workdir = tmp_path_factory.mktemp("notebook-run")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(CHECK_INTERPRETER))
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(workdir)}}).execute()
    interpreter = json.loads(_text(nb.cells.pop()))
    return nb, interpreter, workdir


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


def test_committed_notebook_has_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source


def test_kernel_is_the_test_interpreter(executed):
    _, interpreter, _ = executed
    assert os.path.realpath(interpreter["prefix"]) == os.path.realpath(sys.prefix)
    assert os.path.realpath(interpreter["executable"]) == os.path.realpath(sys.executable)


def test_runs_without_errors_and_writes_nothing_in_the_workdir(executed):
    nb, _, workdir = executed
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not any(o.output_type == "error" for o in cell.outputs), cell.source
    assert list(workdir.iterdir()) == []  # the graph went to a temporary folder


def test_build_summary(executed):
    nb, _, _ = executed
    text = _text(_cell(nb, "report.summary()"))
    assert "read 8 article(s)" in text
    assert "failed: 0" in text


def test_who_met_whom_table(executed):
    nb, _, _ = executed
    cell = _cell(nb, '"who-met-whom"')
    html = "".join(o.data.get("text/html", "") for o in cell.outputs if o.output_type == "execute_result")
    assert "<table" in html
    row = next(r for r in html.split("<tr") if "Andrés Villacorta" in r)
    assert "Ignacio Peñaloza" in row


def test_saved_queries_with_parameters(executed):
    nb, _, _ = executed
    assert "Ignacio Peñaloza" in _text(_cell(nb, '"meetings-of"'))
    assert "2025-04-16" in _text(_cell(nb, '"events-between"'))
    assert "Andrés Villacorta" in _text(_cell(nb, '"evidence-for"'))


def test_store_skips_unchanged_articles_and_removes_one(executed):
    nb, _, _ = executed
    assert _text(_cell(nb, "again.skipped")).strip() == "(8, 0, 8)"
    store_cell = _text(_cell(nb, "store.remove("))
    assert "7 articles left" in store_cell and "Faith Mutua" in store_cell


def test_network_analytics(executed):
    nb, _, _ = executed
    assert "Daulet Seitkaliyev" in _text(_cell(nb, "kg.degree_centrality"))
    path = _text(_cell(nb, "kg.shortest_path"))
    assert "Bakhtiyor Nazarov" in path and "Orhan Kaplanoğlu" in path


def test_interactive_view_is_an_iframe(executed):
    nb, _, _ = executed
    cell = _cell(nb, "kg.view.display(graph)")
    html = "".join(o.data.get("text/html", "") for o in cell.outputs
                   if o.output_type in ("execute_result", "display_data"))
    assert "<iframe" in html and "srcdoc=" in html
    assert "Seitkaliyev" in html  # the data is in the page
