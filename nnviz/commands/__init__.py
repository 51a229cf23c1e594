"""The `nnviz` subcommands beyond the engine's (networks, trace, train live in nnviz/cli.py).

Each module here imports only click (and nnviz.cli helpers) at the top; manim, plotly and
matplotlib are imported inside the command functions so that `nnviz --help` stays fast.
"""

COMMANDS: list = []

from nnviz.commands.render import render, scenes  # noqa: E402

COMMANDS += [scenes, render]

from nnviz.commands.landscape import landscape  # noqa: E402

COMMANDS += [landscape]

from nnviz.commands.regions import boundary, linear_regions_command, polar, regions  # noqa: E402

COMMANDS += [regions, boundary, linear_regions_command, polar]

from nnviz.commands.gallery import doctor, gallery, slides  # noqa: E402

COMMANDS += [gallery, slides, doctor]
