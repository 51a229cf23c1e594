"""Ctrl-C on a real `nnviz gallery` (the form `make demo` uses): everything stops within seconds, exit
130, no worker left, no partial file, and every item that finished is kept in the manifest."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.render

NNVIZ = Path(sys.executable).parent / "nnviz"
SCRIPT = '''
"""{name}."""

SECTION = "Loss landscapes"
ORDER = {order}
CAPTION = "Built while the test waits."

# a matplotlib figure, after {seconds} s of "work"
import time  # noqa: E402

from matplotlib.figure import Figure  # noqa: E402


def make():
    time.sleep({seconds})
    fig = Figure(figsize=(3, 2))
    fig.add_subplot().plot([0, 1], [1, 0])
    return fig
'''


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("jobs", [2, 1])
def test_ctrl_c_stops_the_gallery_keeps_what_finished_and_exits_130(tmp_path, jobs):
    examples = tmp_path / "examples"
    examples.mkdir()
    (examples / "fast.py").write_text(textwrap.dedent(SCRIPT.format(name="Fast", order=1, seconds=0)))
    (examples / "slow.py").write_text(textwrap.dedent(SCRIPT.format(name="Slow", order=2, seconds=120)))
    for number in range(3, 7):  # still queued at Ctrl-C (cancelling them once printed a traceback)
        (examples / f"queued{number}.py").write_text(textwrap.dedent(SCRIPT.format(name="Queued", order=number,
                                                                                   seconds=120)))
    out = tmp_path / "site"
    scenes = "single-neuron" if jobs == 2 else ""  # -j 2: a render is running in the other worker
    command = [str(NNVIZ), "gallery", "-o", str(out), "-j", str(jobs), "--examples", str(examples), "--scenes",
               scenes, "--no-deck", "--size", "256x144", "--fps", "5"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)  # its own process group, as a terminal gives it
    deadline = time.monotonic() + 240
    while not (out / "figures" / "fast.png").is_file():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the fast item never finished"
        time.sleep(0.2)
    time.sleep(1.5)  # its result reaches the main process; the slow item is being made
    assert process.poll() is None
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C: the terminal signals the whole group
    interrupted = time.monotonic()
    try:
        stdout, stderr = process.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail(f"still running 5 s after Ctrl-C: {process.communicate()}")
    stopped = time.monotonic() - interrupted
    assert process.returncode == 130, (stdout, stderr)
    assert stopped < 5 and "Traceback" not in stderr and stderr.strip().endswith("nnviz: interrupted"), stderr
    while group_alive(process.pid) and time.monotonic() < interrupted + 5:
        time.sleep(0.1)
    assert not group_alive(process.pid), "a worker outlived the command"
    manifest = json.loads((out / ".gallery.json").read_text())
    assert [key for key in manifest if key.startswith("script:")] == ["script:fast"]
    for entry in manifest.values():
        assert all((out / path).is_file() for path in entry["outputs"])
    leftovers = [path for path in out.rglob(".*") if path.name != ".gallery.json"]
    assert leftovers == [], "partial files left behind"
    assert not (out / "figures" / "slow.svg").exists()


STUBBORN = '''
"""Stubborn."""

SECTION = "Loss landscapes"
ORDER = 3
CAPTION = "Ignores Ctrl-C half-way through writing its files."

# gallery_files writes one file, then will not stop
import time  # noqa: E402
from pathlib import Path  # noqa: E402


class Stubborn:
    def gallery_files(self, folder, stem):
        (Path(folder) / f"{stem}.svg").write_text("<svg/>")  # half of its files
        Path(folder).with_name("stubborn-started").touch()
        for _ in range(600):
            try:
                time.sleep(0.1)
            except KeyboardInterrupt:
                pass
        return []


def make():
    return Stubborn()
'''


def test_a_worker_that_ignores_ctrl_c_is_killed_and_its_partial_files_removed(tmp_path):
    examples = tmp_path / "examples"
    examples.mkdir()
    (examples / "fast.py").write_text(textwrap.dedent(SCRIPT.format(name="Fast", order=1, seconds=0)))
    (examples / "stubborn.py").write_text(textwrap.dedent(STUBBORN))
    out = tmp_path / "site"
    command = [str(NNVIZ), "gallery", "-o", str(out), "-j", "2", "--examples", str(examples), "--scenes", "",
               "--no-deck"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    deadline = time.monotonic() + 240
    while not ((out / "stubborn-started").is_file() and (out / "figures" / "fast.png").is_file()):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the items never started"
        time.sleep(0.2)
    time.sleep(1.0)
    assert list(out.glob(".building-stubborn-*/stubborn.svg"))  # a partial item in its scratch folder
    os.killpg(process.pid, signal.SIGINT)
    interrupted = time.monotonic()
    stdout, stderr = process.communicate(timeout=10)
    assert process.returncode == 130 and time.monotonic() - interrupted < 5, (stdout, stderr)
    assert stderr.strip().endswith("nnviz: interrupted"), stderr
    while group_alive(process.pid) and time.monotonic() < interrupted + 5:
        time.sleep(0.1)
    assert not group_alive(process.pid)
    assert not list(out.rglob(".building-*")) and not (out / "figures" / "stubborn.svg").exists()
    assert "script:fast" in json.loads((out / ".gallery.json").read_text())
