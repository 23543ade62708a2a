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
