"""Build step that pyproject.toml cannot say: the data files kept at the top of the
repository (``ontology/``, ``examples/articles/``) go into the package as
``kg/ontology/`` and ``kg/examples/articles/``, where :mod:`kg.resources` finds them
in an installed wheel.  MANIFEST.in puts the same folders into the sdist, so a wheel
built from the sdist (as ``python -m build`` does) has them too.  Everything else is
in pyproject.toml.
"""
from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

# folder of the checkout -> file patterns copied to the same relative path under kg/
DATA = {
    "ontology": ["*.ttl", "queries/*.rq"],
    "examples": ["articles/*.txt"],
}


def data_files() -> list[Path]:
    """The data files to ship, relative to the checkout (or the unpacked sdist)."""
    return sorted(p for folder, patterns in DATA.items()
                  for pattern in patterns for p in Path(folder).glob(pattern))


class BuildPyWithData(build_py):
    """``build_py`` that also copies :data:`DATA` into the package, replacing old copies."""

    def run(self) -> None:
        super().run()
        for folder in DATA:
            self._remove_tree(Path(self.build_lib, "kg", folder))
        for src in data_files():
            target = Path(self.build_lib, "kg", src)
            self.mkpath(str(target.parent))
            self.copy_file(str(src), str(target), preserve_mode=False)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return super().get_outputs(include_bytecode) + [str(Path(self.build_lib, "kg", p))
                                                        for p in data_files()]

    def _remove_tree(self, path: Path) -> None:
        """Drop a folder a former build left, so a file removed from the checkout goes too."""
        from shutil import rmtree

        if path.is_dir() and not self.dry_run:
            rmtree(path)


setup(cmdclass={"build_py": BuildPyWithData})
