# nnviz: `make demo` and `make test` set everything up on a fresh Debian/Ubuntu machine (as root or
# with sudo): the system packages manim, LaTeX and the page tests need, then a .venv with nnviz.

PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.nnviz-installed
OUT ?= nnviz-out

# cairo + pango (manim), LaTeX + dvisvgm (MathTex), lualatex (the diagram's .tex compiles with both
# engines), poppler-utils (pdffonts, pdfinfo, pdftoppm: the font and LaTeX tests), chromium + fonts
# (page tests), and what a fresh machine needs to build pycairo into a venv.
APT_PACKAGES := libcairo2-dev libpango1.0-dev pkg-config gcc python3-dev python3-venv \
	texlive-latex-base texlive-latex-extra texlive-fonts-recommended texlive-luatex preview-latex-style dvisvgm \
	chromium fonts-dejavu-core poppler-utils

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all setup system venv demo test bench lint clean

all: demo

system:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing system packages:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(STAMP): pyproject.toml
	@[ -x $(BIN)/python ] || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@

venv: $(STAMP)

setup: system venv

demo: setup
	$(BIN)/nnviz gallery -q l -j 2 -o $(OUT)/gallery

# The type checker first (mypy, configured in pyproject.toml: the engine and the analysis), then the suite,
# which also keeps the layers of the house (tests/test_layers.py) and runs the docstrings' examples.
test: setup
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 -q

bench: setup
	$(BIN)/python benchmarks/run.py

lint: venv
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf $(OUT) .pytest_cache build *.egg-info
