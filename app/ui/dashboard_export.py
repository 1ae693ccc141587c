"""The dashboard's exports: a breakdown as CSV (``;``, UTF-8 with BOM, as spreadsheets read it)
and every breakdown shown as an ``.xlsx`` workbook (XlsxWriter: one sheet per breakdown and a
« Méthode » sheet with the period, the scope and the method of each figure).

Plain data in, a file out: no Qt widget here. A count under statistical secrecy is written as
the store sent it, ``<5`` (the same as ``accueil-ti admin stats --format csv``), never as a
number; the « Méthode » sheet says what it means.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.ui import wording

CSV_SEPARATOR = ";"
MAX_SHEET_NAME = 31  # Excel's limit
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

Cell = str | int | float | None


@dataclass(frozen=True)
class Sheet:
    """One breakdown as a table: a title (the sheet's name), the column headers, the rows (one
    cell per header) and the method sentence the store sent for it."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    method: str = ""
    secrecy: bool = False
    notes: tuple[str, ...] = field(default=())


def write_csv(path: Path, sheet: Sheet) -> None:
    """``sheet`` as CSV: header line then one line per row, ``;``, UTF-8 with BOM."""
    with Path(path).open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=CSV_SEPARATOR, lineterminator="\r\n")
        writer.writerow(sheet.headers)
        for row in sheet.rows:
            writer.writerow(["" if cell is None else _csv_cell(cell) for cell in row])


def _csv_cell(cell: Cell) -> str:
    if isinstance(cell, float):
        return f"{cell:.1f}".replace(".", ",")  # a French spreadsheet reads « 12,5 »
    return str(cell)


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique worksheet name (31 characters, none of ``[]:*?/\\``)."""
    base = _SHEET_FORBIDDEN.sub(" ", title).strip()[:MAX_SHEET_NAME] or "Feuille"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name = base[:MAX_SHEET_NAME - len(suffix)] + suffix
        n += 1
    taken.add(name.lower())
    return name


def write_xlsx(path: Path, sheets: Sequence[Sheet], method: Sequence[tuple[str, str]]) -> None:
    """A workbook: one sheet per breakdown, then « Méthode » (``method``: label, text pairs,
    then each sheet's own method sentence)."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False,
                                               "strings_to_formulas": False,
                                               "strings_to_urls": False})
    try:
        bold = workbook.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1,
                                    "text_wrap": True, "valign": "top"})
        secret = workbook.add_format({"align": "right", "italic": True})
        decimal = workbook.add_format({"num_format": "0.0"})
        wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        taken = {"méthode"}
        for sheet in sheets:
            ws = workbook.add_worksheet(sheet_name(sheet.title, taken))
            for col, header in enumerate(sheet.headers):
                ws.write_string(0, col, header, bold)
                ws.set_column(col, col, max(12, min(40, len(header) + 4)))
            for r, row in enumerate(sheet.rows, start=1):
                for col, cell in enumerate(row):
                    if cell is None:
                        continue
                    if isinstance(cell, bool):
                        ws.write_string(r, col, wording.yes_no_label(cell))
                    elif isinstance(cell, int):
                        ws.write_number(r, col, cell)
                    elif isinstance(cell, float):
                        ws.write_number(r, col, cell, decimal)
                    elif cell == wording.SECRET_COUNT:
                        ws.write_string(r, col, cell, secret)
                    else:
                        ws.write_string(r, col, str(cell))
            ws.freeze_panes(1, 0)
        ws = workbook.add_worksheet("Méthode")
        ws.set_column(0, 0, 28)
        ws.set_column(1, 1, 100)
        line = 0
        for label, text in method:
            ws.write_string(line, 0, label, bold)
            ws.write_string(line, 1, text, wrap)
            line += 1
        line += 1
        for sheet in sheets:
            if sheet.method:
                ws.write_string(line, 0, sheet.title, bold)
                ws.write_string(line, 1, sheet.method, wrap)
                line += 1
            for note in sheet.notes:
                ws.write_string(line, 1, note, wrap)
                line += 1
    finally:
        workbook.close()
