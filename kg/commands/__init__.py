"""Sub-commands of the ``kg`` command line beyond build/demo/validate.

Each module here has ``add_parser(subparsers)``, which adds its sub-command
and sets ``func`` to a thin handler over the Python API; :mod:`kg.cli` calls
them all.
"""
from __future__ import annotations

import argparse


def positive(kind=int):
    """An argparse ``type`` that accepts only numbers above zero of ``kind`` (int or float).

    >>> positive()("3"), positive(float)("0.5")
    (3, 0.5)
    """
    def convert(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a {'whole ' if kind is int else ''}number: {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be above zero, not {text}")
        return value

    return convert
