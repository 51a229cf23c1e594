"""The worked-example explorer: the slides' arithmetic, live and editable, in one offline HTML page.

    from nnviz.explorer import Explorer, SoftmaxLab
    Explorer(load_network("deep"), target=0).write("explore.html")
    SoftmaxLab().write("softmax-lab.html")

The page recomputes in the browser with a small evaluator of its own (``assets/evaluator.js``), the
one place nnviz does arithmetic outside its engine; ``tests/test_explorer_contract.py`` holds it to
the engine's trace.
"""

from nnviz.explorer.page import MAX_NEURONS, Explorer, SoftmaxLab, explorer_page, softmax_lab_page

__all__ = ["MAX_NEURONS", "Explorer", "SoftmaxLab", "explorer_page", "softmax_lab_page"]
