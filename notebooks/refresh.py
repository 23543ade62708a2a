"""Run the notebooks in this folder and store their outputs in the files.

    python notebooks/refresh.py            # rewrite the stored outputs
    python notebooks/refresh.py --check    # only compare; exit 1 if they are stale

Each notebook runs top to bottom in a fresh kernel of the Python running this
script, in a temporary working directory, so nothing but the notebook file is
written.  What is stored does not depend on the machine or the moment: no
execution timestamps, a fixed kernelspec, no Python version, execution counts
1, 2, 3..., cell ids kept.  Cells tagged ``remove-output`` run but their
outputs are not stored (the interactive view: a page of about 800 kB, which
code hosts do not run anyway).

tests/test_notebook.py uses the same functions to check that the stored
outputs are those of a fresh run.  Needs nbclient, nbformat and ipykernel
(``pip install -e '.[dev]'`` or ``'.[notebook]'``).
"""
from __future__ import annotations

import argparse
import copy
import difflib
import json
import sys
import tempfile
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
COMMAND = "python notebooks/refresh.py"
REMOVE_OUTPUT = "remove-output"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
_CHECK_INTERPRETER = ("import sys, json; "
                      "print(json.dumps({'executable': sys.executable, 'prefix': sys.prefix}))")


def notebooks() -> list[Path]:
    """The notebooks kept with stored outputs: every ``*.ipynb`` in this folder."""
    return sorted(HERE.glob("*.ipynb"))


def _kernel_manager_class():
    """An nbclient kernel manager that starts ipykernel in this very interpreter, whatever kernelspecs are installed."""
    from ipykernel.kernelspec import RESOURCES, get_kernel_dict
    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
    from traitlets import default

    spec = get_kernel_dict()  # argv: [sys.executable, "-m", "ipykernel_launcher", ...]

    class ThisPythonSpecs(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            return KernelSpec(resource_dir=RESOURCES, argv=spec["argv"], display_name=spec["display_name"],
                              language=spec["language"], metadata=spec.get("metadata", {}))

    class ThisPythonKernel(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _kernel_spec_manager_default(self):
            return ThisPythonSpecs()

    return ThisPythonKernel


def execute(path: Path, workdir: Path, timeout: int = 600):
    """Run the notebook at ``path`` with ``workdir`` as the working directory.

    Returns the executed notebook (all outputs, nothing normalised) and what
    the kernel said about its interpreter (``executable``, ``prefix``).  A
    cell error raises nbclient's ``CellExecutionError``.
    """
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(_CHECK_INTERPRETER))
    NotebookClient(nb, kernel_name=KERNELSPEC["name"], kernel_manager_class=_kernel_manager_class(),
                   timeout=timeout, resources={"metadata": {"path": str(workdir)}}).execute()
    check = nb.cells.pop()
    interpreter = json.loads("".join(o.text for o in check.outputs if o.output_type == "stream"))
    return nb, interpreter


def normalise(nb):
    """A copy of an executed notebook as it is stored (see the module docstring)."""
    nb = copy.deepcopy(nb)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata.setdefault("language_info", {"name": "python"}).pop("version", None)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code" and REMOVE_OUTPUT in cell.metadata.get("tags", []):
            cell.outputs = []
    return nb


def _shown(cell) -> list[str]:
    """The text of a code cell's outputs, line by line, for a readable diff."""
    lines = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            lines += [f"[{out.name}]", *out.text.splitlines()]
        elif out.output_type in ("execute_result", "display_data"):
            for mime, value in sorted(out.data.items()):
                text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
                lines += [f"[{out.output_type} {mime}]", *text.splitlines()]
        else:
            lines += [f"[{out.output_type}]", json.dumps(out, sort_keys=True)]
    return lines


def differences(path: Path, fresh, max_lines: int = 40) -> list[str]:
    """Where the notebook stored at ``path`` differs from ``fresh`` (a normalised run), cell by cell.

    Every code cell's outputs are compared whole (stream text, every MIME type
    of a result, execution counts); the file must also be exactly what
    :func:`write` would store, so metadata left by an editor counts too.
    """
    text = path.read_text(encoding="utf-8")
    stored = nbformat.reads(text, as_version=4)
    found = []
    if [c.source for c in stored.cells] != [c.source for c in fresh.cells]:
        return ["the cells themselves differ (was the notebook edited during the run?)"]
    for number, (old, new) in enumerate(zip(stored.cells, fresh.cells), 1):
        if old.cell_type != "code":
            continue
        if old.get("outputs") != new.get("outputs") or old.get("execution_count") != new.get("execution_count"):
            first = (old.source.splitlines() or [""])[0]
            diff = list(difflib.unified_diff(_shown(old), _shown(new), "stored", "fresh run", lineterm="", n=1))
            if not diff:
                diff = [f"execution_count: stored {old.get('execution_count')}, "
                        f"fresh run {new.get('execution_count')}"]
            more = len(diff) - max_lines
            found.append(f"cell {number} ({first!r}):\n" + "\n".join(diff[:max_lines])
                         + (f"\n... {more} more line(s)" if more > 0 else ""))
    if not found and text != _text(fresh):
        found.append("the outputs match but the notebook metadata or cell metadata differ "
                     "(e.g. execution timestamps or a Python version saved by an editor)")
    return found


def stale_message(path: Path, found: list[str], max_cells: int = 6) -> str:
    """What to tell a developer whose stored outputs are stale: how to regenerate them, then the diffs."""
    shown = found[:max_cells] + ([f"... and {len(found) - max_cells} more cell(s)"] if len(found) > max_cells else [])
    return (f"{path.name}: the stored outputs are not those of a fresh run. If the change is intended, "
            f"regenerate them with\n\n    {COMMAND}\n\n(from the repository root, in the project's "
            f"virtualenv) and commit the notebook.\n\n" + "\n\n".join(shown))


def _text(nb) -> str:
    """A normalised notebook as stored: nbformat's layout (sorted keys, indent 1), one final newline."""
    nbformat.validate(nb)
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def write(nb, path: Path) -> None:
    """Store a normalised notebook at ``path`` (UTF-8)."""
    path.write_text(_text(nb), encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 if any stored output is stale")
    parser.add_argument("notebook", nargs="*", type=Path, help="default: every notebook in notebooks/")
    args = parser.parse_args(argv)
    status = 0
    for path in args.notebook or notebooks():
        with tempfile.TemporaryDirectory(prefix="kg-notebook-run-") as workdir:
            executed, _ = execute(path, Path(workdir))
        fresh = normalise(executed)
        found = differences(path, fresh)
        if args.check:
            if found:
                print(stale_message(path, found), file=sys.stderr)
                status = 1
            else:
                print(f"{path.name}: stored outputs are up to date")
        elif found:
            write(fresh, path)
            print(f"{path.name}: outputs stored ({path.stat().st_size} bytes)")
        else:
            print(f"{path.name}: stored outputs already up to date ({path.stat().st_size} bytes)")
    return status


if __name__ == "__main__":
    sys.exit(main())
