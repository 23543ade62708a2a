"""The data files (saved queries, SHACL shapes, ontology, demo articles) are found
through :mod:`kg.resources` in a checkout and in the wheel layout, and a built wheel
carries every one of them.  .ci/run also installs the wheel into a new virtual
environment and runs ``kg demo``, ``kg validate`` and every saved query from it.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

import kg.sparql  # noqa: F401 - imported before a test moves resources.PACKAGE, so their
import kg.validate  # noqa: F401 - paths are the real ones; tests patch their constants
from kg import resources
from kg.cli import main
from kg.errors import MissingData

QUERIES = sorted(p.name for p in (ROOT / "ontology" / "queries").glob("*.rq"))
ARTICLES = sorted(p.name for p in (ROOT / "examples" / "articles").glob("*.txt"))
# what a wheel must carry besides the Python modules, as paths inside it
DATA = ([f"kg/ontology/queries/{name}" for name in QUERIES]
        + ["kg/ontology/dipkg.ttl", "kg/ontology/shapes.ttl", "kg/py.typed"]
        + [f"kg/examples/articles/{name}" for name in ARTICLES]
        + [f"kg/{p.relative_to(ROOT / 'kg').as_posix()}" for p in sorted((ROOT / "kg" / "data").iterdir())
           if p.suffix in (".tsv", ".js", ".html")])
SHOW_PATHS = ("import json, kg.resources as r; print(json.dumps([str(r.queries_dir()), str(r.ontology_path()), "
              "str(r.shapes_path()), str(r.articles_dir()), str(r.checkout_root())]))")


def _copy_sources(dest: Path, *, data_inside: bool) -> Path:
    """kg/ and the data folders, laid out as a checkout or (``data_inside``) as a wheel installs them."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "kg", dest / "kg", ignore=ignore)
    base = dest / "kg" if data_inside else dest
    shutil.copytree(ROOT / "ontology", base / "ontology", ignore=ignore)
    shutil.copytree(ROOT / "examples" / "articles", base / "examples" / "articles", ignore=ignore)
    if not data_inside:
        shutil.copy(ROOT / "pyproject.toml", dest)
    return base


def _paths_seen_from(folder: Path) -> list[str]:
    """What kg.resources answers in a Python whose sys.path starts at ``folder``."""
    code = f"import sys; sys.path.insert(0, {str(folder)!r}); " + SHOW_PATHS
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=folder, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


# ----------------------------------------------------------------------- fast

def test_resources_point_at_the_checkout_files():
    assert "who-met-whom.rq" in QUERIES and ARTICLES
    assert resources.ontology_dir() == ROOT / "ontology"
    assert sorted(p.name for p in resources.queries_dir().glob("*.rq")) == QUERIES
    assert resources.ontology_path() == ROOT / "ontology" / "dipkg.ttl" and resources.ontology_path().is_file()
    assert resources.shapes_path() == ROOT / "ontology" / "shapes.ttl" and resources.shapes_path().is_file()
    assert resources.articles_dir() == ROOT / "examples" / "articles"
    assert sorted(p.name for p in resources.articles_dir().glob("*.txt")) == ARTICLES
    assert resources.checkout_root() == ROOT


@pytest.mark.parametrize("data_inside", [False, True], ids=["checkout", "wheel-layout"])
def test_resources_follow_the_layout(tmp_path, data_inside):
    """A plain checkout on sys.path finds the top-level folders; the wheel's layout (no
    pyproject.toml, data inside kg/) finds the copies in the package."""
    base = _copy_sources(tmp_path, data_inside=data_inside)
    queries, onto, shapes, articles, root = _paths_seen_from(tmp_path)
    assert Path(queries) == base / "ontology" / "queries"
    assert (Path(onto), Path(shapes)) == (base / "ontology" / "dipkg.ttl", base / "ontology" / "shapes.ttl")
    assert Path(articles) == base / "examples" / "articles"
    assert root == (str(tmp_path) if not data_inside else "None")


def test_missing_data_is_a_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(resources, "PACKAGE", tmp_path / "site-packages" / "kg")
    assert resources.queries_dir() == tmp_path / "site-packages" / "kg" / "ontology" / "queries"
    with pytest.raises(MissingData, match="shapes not found at"):
        resources.require(resources.shapes_path(), "shapes")
    monkeypatch.setattr("kg.sparql.QUERY_DIR", resources.queries_dir())
    assert main(["query", "--list"]) == 1
    assert "saved queries folder not found at" in capsys.readouterr().err
    assert main(["query", "graph.ttl", "-n", "who-met-whom"]) == 1
    assert "saved queries folder not found at" in capsys.readouterr().err
    monkeypatch.setattr("kg.validate.SHAPES_PATH", resources.shapes_path())
    graph = tmp_path / "g.ttl"
    graph.write_text("<urn:a> <urn:p> <urn:b> .\n", encoding="utf-8")
    assert main(["validate", str(graph)]) == 1
    assert "the SHACL shapes not found at" in capsys.readouterr().err


# ----------------------------------------------------------------------- slow

@pytest.mark.slow
def test_wheel_carries_the_data_files(tmp_path):
    """sdist, then a wheel from the sdist (as ``python -m build`` does), without isolation."""
    src = tmp_path / "src"
    src.mkdir()
    for top in ROOT.iterdir():
        if top.is_file():
            shutil.copy(top, src)
    for folder in ("kg", "ontology", "examples"):
        shutil.copytree(ROOT / folder, src / folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(tmp_path / "dist"),
                          str(src)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    (wheel,) = (tmp_path / "dist").glob("dipkg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = [f"kg/{p.relative_to(ROOT / 'kg').as_posix()}" for p in (ROOT / "kg").rglob("*.py")
               if "__pycache__" not in p.parts]
    assert [n for n in DATA + modules if n not in names] == []
    assert {n.split("/")[0] for n in names} == {"kg", wheel.name.split("-py")[0] + ".dist-info"}
