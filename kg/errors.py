"""One place for the errors ``kg`` raises on purpose (and the few it only uses inside).

Every error here carries a message meant for the user; the CLI prints it on
one line and exits with :attr:`KGError.exit_code`.  An error a Python caller
can cause with a bad argument is also a :class:`ValueError`.

Messages speak the Python API: an option is named as its parameter, ``store=``
or ``max_bytes=``, and the error lists the parameters it names in
:attr:`KGError.options`.  The command line words them as its flags
(``--store``, ``--max-bytes``) with :meth:`KGError.worded` when it prints them;
no module below it knows the flags.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping


class KGError(Exception):
    """Base class: an error with a message fit for the user.

    ``options`` are the API parameters that the message names (as ``name=``),
    for :meth:`worded`.

    >>> err = KGError("raise it with max_bytes=", options=["max_bytes"])
    >>> err.options, err.worded({"max_bytes": "--max-bytes"})
    (('max_bytes',), 'raise it with --max-bytes')
    """

    exit_code = 1

    def __init__(self, *args: object, options: Iterable[str] = ()) -> None:
        super().__init__(*args)
        self.options: tuple[str, ...] = tuple(options)

    def worded(self, names: Mapping[str, str]) -> str:
        """The message with each of its :attr:`options` named as ``names`` says (the CLI: its flags)."""
        return reword(str(self), self.options, names)


def reword(text: str, options: Iterable[str], names: Mapping[str, str]) -> str:
    """``text`` with each ``option=`` of ``options`` written as ``names[option]`` (when given).

    A value right after the ``=`` follows the new name after a space, and
    ``=True`` or ``=False`` goes (a flag needs no value: ``check_language=False``
    is ``--any-language``); an option that ``names`` lacks stays as it is.

    >>> flags = {"output": "-o", "store": "--store", "allow_update": "--allow-update"}
    >>> reword("give one of output=FILE or store=DIR (not output= and store=)", ["output", "store"], flags)
    'give one of -o FILE or --store DIR (not -o and --store)'
    >>> reword("start it with allow_update=True; restore=x", ["allow_update", "store"], flags)
    'start it with --allow-update; restore=x'
    """
    for option in options:
        name = names.get(option)
        if name is None:
            continue
        # ``option=`` not inside a longer name; then ``True`` (dropped), or a value's first character
        # (not a space or closing punctuation), or nothing
        pattern = re.compile(rf"(?<![\w.-]){re.escape(option)}=(True\b|False\b)?(?=([^\s,;:.)\]}}]|\.\S)?)")
        text = pattern.sub(lambda m, name=name: name if m[1] else name + (" " if m[2] else ""), text)
    return text


class UsageError(KGError, ValueError):
    """The command line or API was called wrongly."""

    exit_code = 2


class ModelNotFound(KGError):
    """No usable spaCy model is installed."""

    exit_code = 2


class OutputError(KGError):
    """The output graph could not be read or written."""


class MissingData(KGError):
    """A data file that ships with ``kg`` is not where it should be (:mod:`kg.resources`)."""


class StoreError(KGError):
    """A store could not be opened, read or written (:mod:`kg.store`)."""


class QueryTimeout(KGError):
    """A query ran past its time limit and was stopped (:func:`kg.sparql.run`)."""


class ActorNotFound(KGError, ValueError):
    """No actor (or more than one) in the graph answers to a name (:func:`kg.network.find_actor`)."""


class NoPath(KGError):
    """Two actors are not connected by the chosen relations (:func:`kg.network.shortest_path`)."""


# ----------------------------------------------------------------- kg.serve

class ServeError(KGError):
    """The endpoint could not be started (graph unreadable, address in use, ...)."""


class QuerySyntaxError(KGError, ValueError):
    """The text is not a SPARQL query the engine can parse (it may be an update)."""


class NotAcceptable(KGError, ValueError):
    """No format that the client accepts is offered for this query form (HTTP 406).

    >>> str(NotAcceptable("ASK", "Accept: text/csv", ["application/sparql-results+json"]))
    'not acceptable (Accept: text/csv): ASK results are available as application/sparql-results+json'
    """

    def __init__(self, kind: str, asked: str, offered: Iterable[str]) -> None:
        self.kind, self.asked, self.offered = kind, asked, list(offered)
        forms = kind if kind in ("SELECT", "ASK") else "CONSTRUCT and DESCRIBE"
        super().__init__(f"not acceptable ({asked}): {forms} results are available as "
                         + ", ".join(self.offered))

    def __reduce__(self):  # pickled with its own arguments, not the message
        return type(self), (self.kind, self.asked, self.offered)


class UnsafeTerm(KGError, ValueError):
    """A term of the result cannot be written without breaking the document (HTTP 400)."""


class NotInXml(KGError, ValueError):
    """A character of the result cannot be written in XML (HTTP 406)."""


class ResultTooLarge(KGError):
    """Even one row of the result is over the byte cap (HTTP 503)."""


class IngestError(KGError, ValueError):
    """Input that is not a readable article; ``str(e)`` is ``"source: reason"``.

    ``source`` is the path, ``"path:line"`` for a JSONL line, ``"path[i]"`` for an
    item of a JSON list, or ``"<stdin>"``.  :func:`kg.ingest.read_paths` yields
    these instead of raising them; :func:`kg.ingest.read_file` and the
    ``parse_*`` functions raise them.

    >>> err = IngestError("feed.jsonl:3", "invalid JSON")
    >>> (err.source, err.reason, str(err))
    ('feed.jsonl:3', 'invalid JSON', 'feed.jsonl:3: invalid JSON')
    """

    def __init__(self, source: str, reason: str, *, options: Iterable[str] = ()) -> None:
        super().__init__(source, reason, options=options)
        self.source, self.reason = source, reason

    def __str__(self) -> str:  # one line, whatever the file is called (see printable)
        return f"{printable(self.source)}: {printable(self.reason)}"


class RulesError(KGError, ValueError):
    """A relation or rule file that cannot be used; ``str(e)`` is ``"source: reason"``.

    >>> str(RulesError("my-rules.toml", "relation 'x': unknown field 'colur'"))
    "my-rules.toml: relation 'x': unknown field 'colur'"
    """

    exit_code = 2

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(source, reason)
        self.source, self.reason = source, reason

    def __str__(self) -> str:
        return f"{printable(self.source)}: {printable(self.reason)}"


class UnknownRelation(KGError, ValueError):
    """A relation name that is not in the registry (:mod:`kg.relations`)."""

    exit_code = 2


class IngestWarning(UserWarning):
    """Input that was read, with a change or a doubt worth telling the user about.

    :func:`kg.ingest.read_paths` issues these with :func:`warnings.warn` (for
    example when control characters were removed); :func:`kg.build.build`
    collects them as notes of its report.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{printable(source)}: {printable(reason)}")  # one line, as IngestError's
        self.source, self.reason = source, reason


_INVISIBLE = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}  # controls, format (bidi), separators, surrogates, unassigned


def printable(name: object) -> str:
    """``name`` (a path, file name or any untrusted text) safe to print on a terminal or in a log.

    Control characters, escape sequences, line and paragraph separators, bidi
    overrides and lone surrogates become ``\\xNN`` / ``\\uNNNN`` escapes, so a
    file name can neither move the cursor, clear the screen nor forge a line.

    >>> printable("a\\nb\\x1b[2J.txt")
    'a\\\\nb\\\\x1b[2J.txt'
    >>> printable("Türkiye/ok.txt")
    'Türkiye/ok.txt'
    """
    import unicodedata

    text = str(name)
    if text.isprintable():  # the common case: nothing to escape
        return text
    out = []
    for ch in text:
        if ch in " \u00a0" or unicodedata.category(ch) not in _INVISIBLE:
            out.append(ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return "".join(out)
