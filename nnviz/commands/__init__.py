"""The `nnviz` subcommands, one module per family; ``COMMANDS`` is what ``nnviz.cli`` registers.

Each module imports only click, ``nnviz.commands.common`` and light parts of nnviz at the top;
manim, plotly and matplotlib are imported inside the command functions so that `nnviz --help`
stays fast.
"""

from nnviz.commands.convert import convert
from nnviz.commands.diagram import diagram
from nnviz.commands.engine import networks, trace, train
from nnviz.commands.explore import explore
from nnviz.commands.gallery import doctor, gallery, slides
from nnviz.commands.landscape import landscape
from nnviz.commands.regions import boundary, linear_regions_command, polar, regions
from nnviz.commands.render import render, scenes

COMMANDS: list = [
    networks, trace, train, convert, diagram,
    explore,
    scenes, render,
    landscape,
    regions, boundary, linear_regions_command, polar,
    gallery, slides, doctor,
]
