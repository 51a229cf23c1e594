"""The gallery's example scripts, installed as ``nnviz.examples`` (``nnviz gallery`` finds them here)."""
