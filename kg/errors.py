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

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


class IngestWarning(UserWarning):
    """Input that was read, with a change or a doubt worth telling the user about.

    :func:`kg.ingest.read_paths` issues these with :func:`warnings.warn` (for
    example when control characters were removed); :func:`kg.build.build`
    collects them as notes of its report.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source, self.reason = source, reason
