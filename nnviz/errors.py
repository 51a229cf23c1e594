"""The one exception a user sees: a single line saying what was wrong and where."""


class NnvizError(Exception):
    """Bad input or a missing tool; the CLI prints the message alone and exits with status 2."""


class SpecError(NnvizError):
    """A network spec that cannot be loaded: names the file, the layer and the field."""
