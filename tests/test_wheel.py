"""A pip-installed nnviz (a wheel in a fresh venv, not the editable checkout) has the whole gallery:
every scene, every example script, the templates and reveal.js."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from nnviz.gallery import script_items
from nnviz.render import list_scenes

REPO = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "README.md", "nnviz", "scenes", "gallery")


def run(*command, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, (command, result.stdout, result.stderr)
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The wheel built from a copy of the sources (offline, no build isolation), installed with pip into a
    fresh venv; the dependencies come from this venv through a .pth line (nnviz itself does not)."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    source.mkdir()
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(REPO / name, source / name)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", tmp / "dist",
        source, cwd=tmp)
    (wheel,) = (tmp / "dist").glob("nnviz-*.whl")
    venv = tmp / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp)
    run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--no-deps", "--no-index",
        "-q", wheel, cwd=tmp)
    site = Path(run(venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                    cwd=tmp).stdout.strip())
    (site / "zz_nnviz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def test_the_wheel_holds_the_scenes_the_examples_the_templates_and_reveal(installed):
    (wheel,) = (installed.parent / "dist").glob("nnviz-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for script in script_items():
        assert f"nnviz/examples/{script.name}.py" in names
    templates = [f"nnviz/pages/templates/{name}" for name in ("gallery-index.html", "deck.html", "gallery.css",
                                                               "back-link.html")]
    reveal = [f"nnviz/slides-assets/reveal.js/dist/{name}" for name in ("reveal.js", "plugin/notes.js")]
    for needed in ("nnviz/scenes/deep.py", *templates, *reveal):
        assert needed in names


def test_the_installed_gallery_lists_every_scene_and_every_script(installed, tmp_path):
    python = installed / "bin" / "python"
    where = run(python, "-c", "import nnviz, nnviz.examples; print(nnviz.__file__); print(nnviz.examples.__file__)",
                cwd=tmp_path).stdout.split()
    assert all(Path(path).is_relative_to(installed) for path in where), where  # not the checkout
    listed = run(installed / "bin" / "nnviz", "gallery", "--list", cwd=tmp_path).stdout.splitlines()
    keys = sorted(line.split("\t")[0] for line in listed)
    expected = sorted([f"scene:{cls.name}" for cls in list_scenes()] + [f"script:{s.name}" for s in script_items()])
    assert keys == expected and len(keys) >= 21
    css = run(python, "-c", "from nnviz.gallery.index import render_css; print(render_css('dark'))", cwd=tmp_path)
    assert "background: #14161B" in css.stdout
