"""The dossier number's QR code on the letter and the convocation: one path, same code.

No QR decoder is installed (no zbarimg, no pyzbar), so the code is read back from the page
itself: the letter is rendered with ``pdftoppm`` and every module of the printed code is sampled
and compared with what reportlab's encoder makes of the number — the same modules as the
``QrCodeWidget`` the documents used before, at the same error-correction level.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.documents import DocumentKind, build_snapshot, render
from app.documents.qr import QR_SIZE, QUIET_ZONE, QrCode, dark_runs, qr_code, qr_matrix
from app.models.sites import Site
from tests.documents import records

DPI = 300
NUMBERS = ["TI-QUI-01-2026-000123", "TI-TEL-02-2026-004711", "1", "A" * 80]


def _widget_modules(number: str) -> list[list[bool]]:
    """The modules the former drawing (reportlab's QrCodeWidget, level M) encoded."""
    widget = QrCodeWidget(number, barLevel="M")
    widget.qr.make()
    return [[bool(m) for m in row] for row in widget.qr.modules]


@pytest.mark.parametrize("number", NUMBERS)
def test_the_matrix_is_the_widgets(number: str) -> None:
    assert [list(row) for row in qr_matrix(number)] == _widget_modules(number)


def test_the_runs_cover_exactly_the_dark_modules() -> None:
    matrix = qr_matrix(NUMBERS[0])
    drawn = [[False] * len(row) for row in matrix]
    for r, c, length in dark_runs(matrix):
        assert length > 0
        for i in range(c, c + length):
            assert not drawn[r][i], "runs do not overlap"
            drawn[r][i] = True
    assert drawn == [list(row) for row in matrix]
    assert dark_runs(((True, True, False, True),)) == [(0, 0, 2), (0, 3, 1)]


def test_no_number_no_code() -> None:
    assert qr_code("") is None
    long = qr_code("9" * 200)
    assert isinstance(long, QrCode) and long.matrix == qr_matrix("9" * 80)


class _Recorder:
    """A canvas stand-in that records what the flowable draws."""

    def __init__(self) -> None:
        self.paths: list[tuple[object, int, int]] = []
        self.inner = Canvas(io.BytesIO())

    def beginPath(self) -> object:  # noqa: N802 - reportlab's name
        return self.inner.beginPath()

    def setFillColor(self, color: object) -> None:  # noqa: N802 - reportlab's name
        pass

    def drawPath(self, path: object, stroke: int, fill: int) -> None:  # noqa: N802
        self.paths.append((path, stroke, fill))


def test_the_code_is_one_filled_path() -> None:
    flowable = QrCode(qr_matrix(NUMBERS[0]))
    assert flowable.wrap(500, 500) == (QR_SIZE, QR_SIZE) == (24 * mm, 24 * mm)
    recorder = _Recorder()
    flowable.canv = recorder
    flowable.draw()
    assert len(recorder.paths) == 1
    path, stroke, fill = recorder.paths[0]
    assert (stroke, fill) == (0, 1)
    # One rectangle per run of dark modules ("re" operators in the path's PDF code).
    assert path.getCode().count(" re") == len(dark_runs(flowable.matrix))  # type: ignore[attr-defined]


def _page_image(pdf: bytes, tmp_path: Path) -> Image.Image:
    source = tmp_path / "doc.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-f", "1", "-l", "1", "-gray", "-png",
                    str(source), str(tmp_path / "page")], check=True, capture_output=True)
    (png,) = tmp_path.glob("page*.png")
    return Image.open(png).convert("L")


def _read_code(image: Image.Image, modules: int) -> list[list[bool]]:
    """The modules of the QR code at the top of the page's right column, sampled at their
    centres. Its top edge is the first dark row there; its left and right edges are those of
    its two upper finder patterns (seven modules high)."""
    width, height = image.size
    pixels = image.load()
    assert pixels is not None

    def dark(x: int, y: int) -> bool:
        value = pixels[x, y]
        assert isinstance(value, int)
        return value < 128

    right = range(int(width * 0.7), width)  # the code column, right of the sender's lines
    top = next(y for y in range(height // 4) if any(dark(x, y) for x in right))
    band = range(top, top + int(7 * 0.6 * mm / 25.4 * DPI))  # within the finder patterns
    left_edge = min(x for x in right if any(dark(x, y) for y in band))
    right_edge = max(x for x in right if any(dark(x, y) for y in band)) + 1
    module = (right_edge - left_edge) / modules
    expected = QR_SIZE / (modules + 2 * QUIET_ZONE) / 72 * DPI
    assert module == pytest.approx(expected, rel=0.03), "a module of the 24 mm square"
    return [[dark(int(left_edge + (c + 0.5) * module), int(top + (r + 0.5) * module))
             for c in range(modules)] for r in range(modules)]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler) not installed")
def test_the_printed_letter_carries_the_number(sites: dict[str, Site], tmp_path: Path) -> None:
    record = records.baker()
    snapshot = build_snapshot(record, site=sites.get(record["site"]))
    pdf = render(snapshot, DocumentKind.LETTER, "urssaf").pdf
    expected = _widget_modules(record["number"])
    assert _read_code(_page_image(pdf, tmp_path), len(expected)) == expected
    # Another number prints another code: the reading does not just echo the finder patterns.
    other = _widget_modules(NUMBERS[1])
    assert _read_code(_page_image(pdf, tmp_path), len(other)) != other
