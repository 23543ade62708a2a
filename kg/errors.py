"""One place for the errors ``kg`` raises on purpose.

Every error here carries a message meant for the user; the CLI prints it on
one line and exits with :attr:`KGError.exit_code`.
"""
from __future__ import annotations


class KGError(Exception):
    """Base class: an error with a message fit for the user."""

    exit_code = 1


class UsageError(KGError):
    """The command line or API was called wrongly."""

    exit_code = 2


class ModelNotFound(KGError):
    """No usable spaCy model is installed."""

    exit_code = 2


class OutputError(KGError):
    """The output graph could not be read or written."""

    exit_code = 1


class IngestError(KGError):
    """Input that is not a readable article; ``str(e)`` is ``"source: reason"``.

    ``source`` is the path, ``"path:line"`` for a JSONL line, ``"path[i]"`` for an
    item of a JSON list, or ``"<stdin>"``.  :func:`kg.ingest.read_paths` yields
    these instead of raising them; :func:`kg.ingest.read_file` and the
    ``parse_*`` functions raise them.

    >>> err = IngestError("feed.jsonl:3", "invalid JSON")
    >>> (err.source, err.reason, str(err))
    ('feed.jsonl:3', 'invalid JSON', 'feed.jsonl:3: invalid JSON')
    """

    exit_code = 1

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(source, reason)
        self.source, self.reason = source, reason

    def __str__(self) -> str:  # one line, whatever the file is called (see printable)
        return f"{printable(self.source)}: {printable(self.reason)}"


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
