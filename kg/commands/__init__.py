"""Sub-commands of the ``kg`` command line beyond build/demo/validate.

Each module here has ``add_parser(subparsers)``, which adds its sub-command
and sets ``func`` to a thin handler over the Python API; :mod:`kg.cli` calls
them all.  The Python API names its options as parameters (``store=``); the
command line prints them as its flags (:func:`flag`, :func:`worded`).
"""
from __future__ import annotations

import argparse
from collections.abc import Iterable

from kg.errors import KGError, reword

# the flags whose names are not the parameter's with -- and dashes
_FLAGS = {"output": "-o", "params": "--param", "allow_hosts": "--allow-host", "check_language": "--any-language",
          "model": "--model"}


def flag(option: str) -> str:
    """The flag of the command line that sets the API parameter ``option``.

    >>> flag("max_bytes"), flag("output"), flag("allow_hosts")
    ('--max-bytes', '-o', '--allow-host')
    """
    return _FLAGS.get(option, "--" + option.replace("_", "-"))


def flags(options: Iterable[str]) -> dict[str, str]:
    """``{parameter: flag}`` for ``options``."""
    return {option: flag(option) for option in options}


def worded(message: KGError | str, options: Iterable[str] = ()) -> str:
    """An error (or a text naming ``options`` as ``name=``) as the command line prints it: with flags.

    >>> from kg.errors import UsageError
    >>> worded(UsageError("give one of output=FILE or store=DIR", options=["output", "store"]))
    'give one of -o FILE or --store DIR'
    """
    if isinstance(message, KGError):
        return message.worded(flags(message.options))
    options = list(options)
    return reword(message, options, flags(options))


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


def add_source(p: argparse.ArgumentParser, *, what: str = "graph file written by kg build") -> None:
    """The graph a command reads: a file (positional ``graph``), ``--store DIR`` or ``--endpoint URL``."""
    p.add_argument("graph", nargs="?", help=f"{what} (or give --store / --endpoint)")
    p.add_argument("--store", metavar="DIR", help="read an Oxigraph store made by kg build --store DIR")
    p.add_argument("--endpoint", metavar="URL",
                   help="read a SPARQL 1.1 server (its query URL; the default graph must be the union)")
    p.add_argument("--rules", action="append", default=[], metavar="FILE",
                   help="a rule file whose relations the graph holds (as given to kg build --rules); "
                        "repeat for several")


def source_name(args: argparse.Namespace) -> str:
    return args.graph or args.store or args.endpoint


def open_source(args: argparse.Namespace):
    """An rdflib Graph for a file, or a read-only :class:`kg.store.Store` for --store / --endpoint."""
    from kg.errors import UsageError

    if getattr(args, "rules", None):
        from kg.relations import use_relations

        use_relations(args.rules)
    given = [x for x in (args.graph, args.store, args.endpoint) if x]
    if len(given) != 1:
        raise UsageError("give one graph: a FILE, --store DIR or --endpoint URL")
    if args.graph:
        from kg.graphio import load_graph

        return load_graph(args.graph)
    from kg.store import RemoteStore, open_store

    store = open_store(store=args.store, endpoint=args.endpoint, read_only=True)
    if isinstance(store, RemoteStore):
        store.check_union()
    return store


def load_source(args: argparse.Namespace):
    """The graph of --store / --endpoint / FILE as one rdflib Graph (for analytics and the view)."""
    source = open_source(args)
    if hasattr(source, "to_graph"):
        with source:
            return source.to_graph()
    return source
