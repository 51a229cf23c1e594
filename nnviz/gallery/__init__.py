"""``nnviz gallery``: the whole lecture's material as one static site, organised by lecture section.

The items are every lecture scene (a video with captions and its poster frame, and the scene's
slides in the deck) and every example script in ``nnviz.examples`` (the repository's ``gallery/``
folder): a plotly figure becomes an interactive page with a thumbnail, a matplotlib figure SVG/PDF/PNG
downloads, an object with ``gallery_files(folder, stem)`` whatever files it writes::

    from nnviz.gallery import build_gallery
    report = build_gallery("nnviz-out/gallery", quality="l", jobs=2)
    report.index, report.written          # Path(".../index.html"), every file written

The site shares one plotly.js (``assets/plotly.min.js``), works offline, and links the deck
(``deck/index.html``) and its handout. The modules: ``items`` (what is in it), ``outputs`` (making one
item), ``deck`` and ``handout`` (the slides), ``thumbnails``, ``index`` (the page, from templates),
``depends`` (when an item is stale), ``pool`` (workers, Ctrl-C), ``build`` (the whole site).
"""

from nnviz.gallery.build import DEFAULT_GALLERY, MANIFEST, BuildReport, build_gallery, main_summary, read_manifest
from nnviz.gallery.items import EXAMPLES, SECTIONS, Item, examples_folder, gallery_items, scene_items, script_items
from nnviz.gallery.options import BuildOptions

__all__ = ["DEFAULT_GALLERY", "EXAMPLES", "MANIFEST", "SECTIONS", "BuildOptions", "BuildReport", "Item",
           "build_gallery", "examples_folder", "gallery_items", "main_summary", "read_manifest", "scene_items",
           "script_items"]
