"""What the `nnviz` command sets up for its own process (``nnviz.runtime``), and only there."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import logging, sys
from nnviz.cli import main
before = logging.getLogger("matplotlib").getEffectiveLevel()
sys.argv = ["nnviz", "--version"]
try:
    main()
except SystemExit:
    pass
print(before, logging.getLogger("matplotlib").getEffectiveLevel())
"""


def test_the_command_silences_library_log_lines_and_import_does_not():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True).stdout
    before, after = out.split()[-2:]
    assert (int(before), int(after)) == (30, 40)  # WARNING as Python leaves it after import; ERROR in the command
