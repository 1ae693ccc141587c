"""The dossier number as a QR code, drawn as one path (the letter and the convocation).

The modules come from reportlab's own encoder (``reportlab.graphics.barcode.qrencoder``, what
its ``QrCodeWidget`` uses), at error-correction level M, with a quiet zone of four modules, in a
24 mm square: the same code as the widget drew. The widget drew each run of dark modules as its
own shape and encoded the number twice (once to measure itself, once to draw); here the number is
encoded once and every run of dark modules of every row is a rectangle of one single path, filled
once — what made a letter spend more than half of its time on its QR code.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.colors import black
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

QR_SIZE = 24 * mm  # the side of the square, quiet zone included
QUIET_ZONE = 4  # modules of white around the code (the QR specification's minimum)
QR_LEVEL = "M"  # error correction: 15 % of the code may be damaged
MAX_CHARS = 80  # a longer number is cut (it never is: numbers are short)

Matrix = tuple[tuple[bool, ...], ...]


@lru_cache(maxsize=64)
def qr_matrix(text: str) -> Matrix:
    """The modules of ``text``'s QR code, row by row from the top, True for dark.

    Cached: every letter and convocation of a dossier shows the same number, and choosing the
    encoder's mask (eight trial encodings, in Python) is most of the cost.
    """
    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, QR_LEVEL))
    code.addData(text)
    code.make()
    return tuple(tuple(bool(m) for m in row) for row in code.modules)


def dark_runs(matrix: Matrix) -> list[tuple[int, int, int]]:
    """Each run of dark modules as (row, first column, length), row by row from the top."""
    runs: list[tuple[int, int, int]] = []
    for r, row in enumerate(matrix):
        start = -1
        for c, dark in enumerate((*row, False)):
            if dark and start < 0:
                start = c
            elif not dark and start >= 0:
                runs.append((r, start, c - start))
                start = -1
    return runs


class QrCode(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A QR code of ``QR_SIZE`` square: its dark modules filled as one path."""

    def __init__(self, matrix: Matrix, size: float = QR_SIZE) -> None:
        super().__init__()
        self.matrix = matrix
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        module = self.height / (len(self.matrix) + 2 * QUIET_ZONE)
        path = self.canv.beginPath()
        for r, c, length in dark_runs(self.matrix):
            path.rect((c + QUIET_ZONE) * module, self.height - (r + QUIET_ZONE + 1) * module,
                      length * module, module)
        self.canv.setFillColor(black)
        self.canv.drawPath(path, stroke=0, fill=1)


def qr_code(number: str) -> Flowable | None:
    """The dossier number as a QR code, or None when there is no number (or the encoder refuses
    it: a letter is never stopped by its QR code)."""
    if not number:
        return None
    try:
        return QrCode(qr_matrix(number[:MAX_CHARS]))
    except Exception:  # noqa: BLE001 - a number the encoder refuses must not stop the letter
        return None
