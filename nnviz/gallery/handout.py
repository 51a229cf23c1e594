"""The deck's handout: one PDF page per slide, the slide's complete last frame, lossless.

The pages are the slide stills (PNG, 1920×1080 by default) embedded as they are: a PNG's
compressed image data is a valid PDF image stream (FlateDecode with the PNG predictors), so no
frame is decoded, re-encoded or held in memory with the others. No fonts: the text is in the
pictures, exactly as on screen::

    write_handout([Path("slides/deep-forward/01.png"), ...], Path("handout.pdf"))
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from nnviz.errors import NnvizError
from nnviz.files import atomic_path

PAGE_WIDTH = 960.0  # points: a 13.33 × 7.5 in slide page (16:9), the usual size of a presentation PDF
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_image_stream(path: Path) -> tuple[int, int, bytes]:
    """(width, height, the compressed image data) of an 8-bit RGB, non-interlaced PNG."""
    data = path.read_bytes()
    if data[:8] != PNG_SIGNATURE:
        raise NnvizError(f"{path}: not a PNG file")
    at, idat, header = 8, [], None
    while at < len(data):
        (length,), kind = struct.unpack(">I", data[at:at + 4]), data[at + 4:at + 8]
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        at += 12 + length
    if header is None or header[2:4] != (8, 2) or header[6] != 0:
        raise NnvizError(f"{path}: a handout page must be an 8-bit RGB PNG without interlacing")
    return header[0], header[1], b"".join(idat)


def write_handout(stills: list[Path], target: Path) -> Path:
    """A PDF with one page per still, each page filled by its picture; returns ``target``."""
    if not stills:
        raise NnvizError(f"{target}: no slides to put in the handout")
    objects: list[bytes] = [b"", b""]  # 1: catalog, 2: page tree (filled in at the end)
    pages = []
    for path in stills:
        width, height, stream = png_image_stream(path)
        page_height = PAGE_WIDTH * height / width
        image = len(objects) + 1
        objects.append(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
                       b"/BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 3 "
                       b"/BitsPerComponent 8 /Columns %d >> /Length %d >>\nstream\n%s\nendstream"
                       % (width, height, width, len(stream), stream))
        draw = zlib.compress(b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (PAGE_WIDTH, page_height))
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(draw), draw))
        pages.append(len(objects) + 1)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R "
                       b"/Resources << /XObject << /Im0 %d 0 R >> >> >>"
                       % (PAGE_WIDTH, page_height, image + 1, image))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (
        len(pages), b" ".join(b"%d 0 R" % page for page in pages))
    with atomic_path(target) as tmp:
        with open(tmp, "wb") as pdf:
            pdf.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
            offsets = []
            for number, body in enumerate(objects, 1):
                offsets.append(pdf.tell())
                pdf.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
            xref = pdf.tell()
            pdf.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
            pdf.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
            pdf.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return target
