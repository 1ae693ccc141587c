"""Renders resources/icons/accueil-ti.svg to the PNG (Linux, window icon) and ICO (Windows) files.

The rendered files are committed, so a build needs no SVG renderer; run this after changing the
SVG:  .venv/bin/python installer/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication(sys.argv)  # noqa: F841 — painting needs one
    renderer = QSvgRenderer(str(ICONS / "accueil-ti.svg"))
    if not renderer.isValid():
        print("make_icons: accueil-ti.svg is not a valid SVG", file=sys.stderr)
        return 1
    images = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        images[size] = image
    images[256].save(str(ICONS / "accueil-ti.png"))
    images[48].save(str(ICONS / "accueil-ti-48.png"))
    _write_ico(ICONS / "accueil-ti.ico", [images[s] for s in SIZES])
    return 0


def _write_ico(path: Path, images: list) -> None:
    """An ICO holding one PNG-compressed image per size (Windows Vista and later read these)."""
    import struct

    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    blobs = []
    for image in images:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        blobs.append((image.width(), bytes(data.data())))
    header = struct.pack("<HHH", 0, 1, len(blobs))
    offset = 6 + 16 * len(blobs)
    entries, payload = b"", b""
    for size, blob in blobs:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        payload += blob
    path.write_bytes(header + entries + payload)


if __name__ == "__main__":
    sys.exit(main())
