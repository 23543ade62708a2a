"""The version of kg, as ``pyproject.toml`` gives it (``kg.__version__``).

A module of its own so that the modules that name it (the build's extractor
name, the endpoint's ``Server`` header) need not import the ``kg`` package,
which imports :mod:`kg.build`.
"""
from __future__ import annotations

VERSION = "0.1.0"
