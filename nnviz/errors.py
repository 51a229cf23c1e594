"""The one exception a user sees: a single line saying what was wrong and where."""


class NnvizError(Exception):
    """Bad input or a missing tool; the CLI prints the message alone and exits with status 2."""


class SpecError(NnvizError):
    """A network spec that cannot be loaded: names the file, the layer and the field."""


class UnknownName(NnvizError, KeyError):
    """A name not in a registry (an activation, a loss): the message lists the names there are.

    A ``KeyError`` too, so code written for the registries' old ``KeyError`` keeps working.
    """

    def __str__(self) -> str:  # KeyError's own str() would quote the message
        return str(self.args[0]) if self.args else ""
