"""The one exception a user sees: a single line saying what was wrong and where.

A library error names the *parameter* a Python user passed (``directions``), never a command-line
flag: the CLI maps ``parameter`` to its flag (``--directions``) when it prints the line.

>>> str(NnvizError("needs a training history", parameter="directions"))
'directions: needs a training history'
"""

from __future__ import annotations


class NnvizError(Exception):
    """Bad input or a missing tool; the CLI prints the message alone and exits with status 2.

    ``parameter`` (optional) is the name of the argument that was wrong; ``str(error)`` then reads
    ``"parameter: message"`` and the CLI prints ``"--flag: message"`` instead.
    """

    def __init__(self, message: str, *, parameter: str | None = None):
        super().__init__(message)
        self.message = message
        self.parameter = parameter

    def __str__(self) -> str:
        return f"{self.parameter}: {self.message}" if self.parameter else self.message

    def __reduce__(self):  # keep ``parameter`` across processes (the gallery's workers)
        return type(self), (self.message,), {"parameter": self.parameter}


class SpecError(NnvizError):
    """A network spec that cannot be loaded: names the file, the layer and the field."""


class TooMuchWork(NnvizError):
    """Work estimated to take too long or too much memory; the caller may insist (``force``)."""


class UnknownName(NnvizError, KeyError):
    """A name not in a registry (an activation, a loss): the message lists the names there are.

    A ``KeyError`` too, so code written for the registries' old ``KeyError`` keeps working.
    """
    # NnvizError's __str__ comes first in the MRO: no quotes around the message, as KeyError's would add
