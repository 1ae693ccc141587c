"""Reading a signals file (``accueil-ti signals import``, shared/spec/cli.md).

A CSV file with a header line: UTF-8 (with or without byte-order mark) or Windows-1252 (what a
spreadsheet writes), separator ``;`` or ``,`` found from the header. Columns in any order;
an unknown column is an error naming it. Every line is checked as a whole and every problem
is collected: :func:`read_signals` returns the signals only when the whole file is good, and
raises :class:`SignalFileError` listing each bad line otherwise (all or nothing).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from app.forms.calls import (
    AMOUNT_MAX_CENTS,
    COMMENT_MAX,
    NEEDS_KEY,
    REFERENCE_MAX,
    SIGNAL_IDENTITY,
    identity_field,
)
from app.forms.codes import SIGNAL_SOURCES, SIGNAL_TYPES, check_code
from app.forms.records import shown

COLUMNS: Final = ("source", "reference", "type", "date", "siret", "nir", "nom", "prenom",
                  "telephone", "email", "code_postal", "commune", "montant", "commentaire")
REQUIRED: Final = ("reference", "type", "date")
# The keys of a signal as read from a file (the store adds id, entry, dossier, time, agent).
SIGNAL_FIELDS: Final = ("source", "reference", "type", "date", "siret", "nir", *SIGNAL_IDENTITY,
                        "montant_cents", "commentaire")
_BOM: Final = b"\xef\xbb\xbf"
# Spaces a spreadsheet may put between thousands: space, no-break space, narrow no-break space.
_SPACES: Final = " \u00a0\u202f"
_AMOUNT_RE: Final = re.compile(
    r"^(?P<units>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](?P<cents>\d{1,2}))?$")
AMOUNT_ALLOWED: Final = "an amount in euros such as 1234.56 or 1 234,56 (at most 2 decimals)"


@dataclass(frozen=True)
class Problem:
    """One bad line of a signals file: its line number (the header is line 1), the field and
    what is wrong with it."""

    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.reason}"


class SignalFileError(ValueError):
    """The file cannot be imported; ``problems`` lists every bad line (nothing was imported)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def parse_amount(text: str) -> int | None:
    """Cents of ``1234.56``, ``1 234,56`` (spaces, no-break or narrow no-break spaces between
    thousands), ``1234`` or ``1234,5``; ``None`` when it is none of these."""
    match = _AMOUNT_RE.fullmatch(text.strip(_SPACES))
    if match is None:
        return None
    units = int("".join(c for c in match["units"] if c.isdigit()))
    cents = (match["cents"] or "0").ljust(2, "0")
    return units * 100 + int(cents)


def _line_of(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def decode(data: bytes) -> str:
    """The text of a signals file: UTF-8 (byte-order mark dropped), else Windows-1252.
    SignalFileError naming the line of a byte neither can read."""
    if data.startswith(_BOM):
        try:
            return data[len(_BOM):].decode("utf-8")
        except UnicodeDecodeError as exc:
            line = _line_of(data, exc.start + len(_BOM))
            raise SignalFileError([Problem(line, "file", "is not valid UTF-8 text although it "
                                                         "starts with a UTF-8 byte-order mark; "
                                                         "expected UTF-8 or Windows-1252 text")]
                                  ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise SignalFileError([Problem(_line_of(data, exc.start), "file",
                                       f"byte 0x{data[exc.start]:02X} is neither UTF-8 nor "
                                       "Windows-1252 text; expected UTF-8 or Windows-1252 text")]
                              ) from None


def _separator(header: str) -> str:
    return ";" if header.count(";") >= header.count(",") and ";" in header else ","


def _header(names: list[str], source: str | None) -> tuple[list[str], list[Problem]]:
    problems: list[Problem] = []
    columns = [name.strip().lower() for name in names]
    seen: set[str] = set()
    for name in columns:
        if name not in COLUMNS:
            problems.append(Problem(1, shown(name) if name else "(empty column name)",
                                    "unknown column; expected columns among "
                                    + ", ".join(COLUMNS)))
        elif name in seen:
            problems.append(Problem(1, name, "the column appears twice; expected it once"))
        seen.add(name)
    needed = REQUIRED if source is not None else ("source", *REQUIRED)
    for name in needed:
        if name not in seen:
            problems.append(Problem(1, name, "required column missing from the header"))
    if "siret" not in seen and "nir" not in seen:
        problems.append(Problem(1, "siret", "a column siret or nir (or both) is required"))
    return columns, problems


def _check_line(values: dict[str, str], source: str | None,
                problems: list[tuple[str, str]]) -> dict[str, Any]:
    """The signal of one line; its problems (field, reason) appended to ``problems``."""
    out: dict[str, Any] = {}
    for key, text in values.items():
        if "\x00" in text:
            problems.append((key, "contains a NUL character; expected plain text"))
            values[key] = ""
    src = values.get("source", "").strip() or source
    if not src:
        problems.append(("source", "required (or give --source); expected one of "
                                   + ", ".join(SIGNAL_SOURCES)))
    elif src not in SIGNAL_SOURCES:
        problems.append(("source", f"{shown(src)} is not allowed; expected one of "
                                   + ", ".join(SIGNAL_SOURCES)))
    out["source"] = src
    reference = values.get("reference", "").strip()
    if not reference or len(reference) > REFERENCE_MAX:
        problems.append(("reference", f"expected a text of 1 to {REFERENCE_MAX} characters"))
    out["reference"] = reference
    kind = values.get("type", "").strip()
    if kind not in SIGNAL_TYPES:
        problems.append(("type", f"{shown(kind)} is not allowed; expected one of "
                                 + ", ".join(SIGNAL_TYPES)))
    out["type"] = kind
    day = values.get("date", "").strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            raise ValueError(day)
        out["date"] = date.fromisoformat(day).isoformat()
    except ValueError:
        problems.append(("date", f"{shown(day)} is not allowed; expected an ISO date "
                                 "YYYY-MM-DD"))
    for key in ("siret", "nir", *SIGNAL_IDENTITY):
        value, reason = identity_field(key, values.get(key, ""))
        if reason is not None:
            problems.append((key, reason))
        out[key] = value
    if not values.get("siret", "").strip() and not values.get("nir", "").strip():
        problems.append(("siret", f"{NEEDS_KEY}; expected a 14-digit SIRET or a 15-character "
                                  "NIR"))
    amount = values.get("montant", "").strip(_SPACES)
    cents = parse_amount(amount) if amount else None
    if amount and (cents is None or cents > AMOUNT_MAX_CENTS):
        problems.append(("montant", f"{shown(amount)} is not allowed; expected "
                                    f"{AMOUNT_ALLOWED}"))
    out["montant_cents"] = cents
    comment = values.get("commentaire", "").strip()
    if len(comment) > COMMENT_MAX:
        problems.append(("commentaire", f"{len(comment)} characters; expected at most "
                                        f"{COMMENT_MAX}"))
    out["commentaire"] = comment or None
    return {key: out.get(key) for key in SIGNAL_FIELDS}


def read_signals(data: bytes, source: str | None = None) -> list[dict[str, Any]]:
    """The signals of a CSV file, checked and normalised (keys :data:`SIGNAL_FIELDS`: compact
    SIRET/NIR, amounts in cents, ISO dates). ``source`` (``--source``) is the source of the
    lines whose ``source`` column is absent or empty.

    Raises :class:`SignalFileError` with every problem of every line (nothing returned), and
    ValueError naming ``--source`` when ``source`` is not a known source."""
    if source is not None:
        check_code(source, SIGNAL_SOURCES, "--source")
    text = decode(data)
    if not text.strip():
        raise SignalFileError([Problem(1, "file", "is empty; expected a header line then one "
                                                  "signal a line")])
    first = text.splitlines()[0]
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(first), strict=True)
    problems: list[Problem] = []
    try:
        columns, header_problems = _header(next(rows), source)
    except csv.Error as exc:
        raise SignalFileError([Problem(1, "header", f"cannot be read as CSV ({exc})")]) from None
    if header_problems:
        raise SignalFileError(header_problems)
    signals: list[dict[str, Any]] = []
    first_line: dict[tuple[str, str], int] = {}
    line = rows.line_num + 1
    while True:
        try:
            fields = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(line, "line", f"cannot be read as CSV ({exc}); expected "
                                                  "fields separated as in the header, quotes "
                                                  "closed"))
            break
        start, line = line, rows.line_num + 1
        if not any(field.strip() for field in fields):
            continue
        if len(fields) != len(columns):
            problems.append(Problem(start, "line", f"{len(fields)} fields; expected "
                                                   f"{len(columns)} (as in the header)"))
            continue
        found: list[tuple[str, str]] = []
        signal = _check_line(dict(zip(columns, fields, strict=True)), source, found)
        key = (str(signal["source"]), str(signal["reference"]))
        if not found and key in first_line:
            found.append(("reference", f"{shown(key[1])} of source {key[0]} is already on line "
                                       f"{first_line[key]}; expected each (source, reference) "
                                       "once"))
        first_line.setdefault(key, start)
        problems.extend(Problem(start, name, reason) for name, reason in found)
        signals.append(signal)
    if problems:
        raise SignalFileError(problems)
    return signals
