"""Where the data files of ``kg`` are: the OWL ontology, the SHACL shapes, the saved
SPARQL queries and the demo articles.

They are kept once, at the top of the repository (``ontology/`` and
``examples/articles/``).  A wheel carries them inside the package, as
``kg/ontology/`` and ``kg/examples/articles/`` (``setup.py`` copies them there
when it builds); in a checkout, used through an editable install or through
``sys.path``, they are found beside the package instead.  Every module asks here,
so no other code knows either layout.

>>> (queries_dir() / "who-met-whom.rq").is_file(), shapes_path().name
(True, 'shapes.ttl')
"""
from __future__ import annotations

from pathlib import Path

from kg.errors import MissingData

PACKAGE = Path(__file__).resolve().parent


def checkout_root() -> Path | None:
    """The checkout the package runs from (``pyproject.toml`` beside ``kg/``), as in an
    editable install or with ``sys.path`` pointing at it; None for an installed wheel."""
    root = PACKAGE.parent
    return root if (root / "pyproject.toml").is_file() else None


def _locate(relative: str) -> Path:
    """``relative`` inside the installed package, else in the checkout.

    When neither exists the packaged location is returned, so that messages
    name where the file was looked for.
    """
    packaged, root = PACKAGE / relative, checkout_root()
    if packaged.exists() or root is None or not (root / relative).exists():
        return packaged
    return root / relative


def ontology_dir() -> Path:
    """The folder of ``dipkg.ttl``, ``shapes.ttl`` and ``queries/``."""
    return _locate("ontology")


def queries_dir() -> Path:
    """The folder of the saved queries (``*.rq``)."""
    return ontology_dir() / "queries"


def ontology_path() -> Path:
    """The OWL ontology, ``dipkg.ttl``."""
    return ontology_dir() / "dipkg.ttl"


def shapes_path() -> Path:
    """The SHACL shapes, ``shapes.ttl``."""
    return ontology_dir() / "shapes.ttl"


def articles_dir() -> Path:
    """The demo articles of ``kg demo`` (``examples/articles/*.txt``)."""
    return _locate("examples/articles")


def require(path: Path, what: str) -> Path:
    """``path`` if it exists; :class:`MissingData` naming ``what`` otherwise."""
    if not path.exists():
        raise MissingData(f"{what} not found at {path} (kg's data files ship inside the dipkg "
                          "package: reinstall it if they are missing)")
    return path
