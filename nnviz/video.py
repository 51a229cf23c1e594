"""Video files nnviz makes from manim's mp4: GIFs with a clean palette.

manim 0.21 encodes GIFs with its palette filtered into ``rgb8`` (3-3-2 bits per pixel), which puts
green and yellow fringes on anti-aliased text. nnviz builds one palette for the whole video from
every frame (``palettegen``, ``stats_mode=full``), maps each frame onto it without dithering
(flat backgrounds stay flat, text edges stay grey) and writes the palette frames as ``pal8``::

    encode_gif(Path("scene.mp4"), Path("scene.gif"))
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path


def encode_gif(mp4: Path, gif: Path) -> Path:
    """Re-encode ``mp4`` as ``gif`` (same size and frame rate) with one 256-colour palette."""
    import av

    with av.open(str(mp4)) as source, av.open(str(gif), mode="w", format="gif") as target:
        video = source.streams.video[0]
        stream = target.add_stream("gif", rate=video.average_rate)
        stream.width, stream.height = video.codec_context.width, video.codec_context.height
        stream.pix_fmt = "pal8"
        time_base = Fraction(1, 1) / Fraction(video.average_rate or video.guessed_rate or 15)
        graph = av.filter.Graph()
        buffer = graph.add_buffer(template=video)
        split = graph.add("split")
        palettegen = graph.add("palettegen", "stats_mode=full:max_colors=256")
        paletteuse = graph.add("paletteuse", "dither=none")
        sink = graph.add("buffersink")
        buffer.link_to(split)
        split.link_to(palettegen, 0, 0)
        split.link_to(paletteuse, 1, 0)
        palettegen.link_to(paletteuse, 0, 1)
        paletteuse.link_to(sink)
        graph.configure()
        for frame in source.decode(video):
            graph.push(frame)
        graph.push(None)  # the palette needs every frame before the first one can be mapped
        written = 0
        while True:
            try:
                frame = graph.pull()
            except (av.error.EOFError, av.error.BlockingIOError):
                break
            frame.pts, frame.time_base = written, time_base
            written += 1
            target.mux(stream.encode(frame))
        target.mux(stream.encode())
    return gif
