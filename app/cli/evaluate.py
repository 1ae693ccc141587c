"""``accueil-ti evaluate``: the orientation of a situation (JSON), without any database."""

from __future__ import annotations

import argparse
import codecs
import json
import operator
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from typing import IO, Any, NoReturn

from app.cli.common import (
    EXIT_OK,
    UsageError,
    decode_utf8,
    parse_json,
    read_input,
    write_json,
)
from app.forms.evaluation import Orientation, SituationError, evaluate, parse_situation
from app.forms.questionnaire import CURRENT_VERSION, Questionnaire, load_questionnaire

# The one-line form of write_json(pretty=False), built once rather than at every line.
_ONE_LINE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_CACHED_LISTS = 4096  # distinct lists of codes (or dates) whose JSON text is kept, at most
# Distinct aids with their reasons whose JSON text is kept, at most: the reasons hold ages and
# months of activity, so 100 000 random situations give about 6 000 (a few MiB).
_CACHED_AIDS = 16_384
# Result lines kept together as one UTF-8 text until they are written (about 80 KiB): measured
# on 100 000 lines, chunks of 256 lines or more cost a third more page faults.
_CHUNK_LINES = 64
_AID_KEY = operator.attrgetter("code", "reasons")  # what an aid's JSON text depends on
# The input is read and decoded about this many bytes at a time (then cut after its last line
# break): neither the whole input nor all its lines are in memory at once, and memory freed by
# one piece's lines serves the next (100 000 lines: the input's 40 MiB as bytes, as text and
# as lines were 31 000 of the command's 70 000 page faults).
_READ_BYTES = 1 << 20


def _no_constant(name: str) -> NoReturn:
    raise ValueError(name)


# What parse_json decodes with (json.loads(text, parse_constant=...) builds a decoder at every
# call), built once: a line it cannot decode goes through parse_json for its message.
_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def _json_bytes(value: Any) -> bytes:
    return _ONE_LINE.encode(value).encode("utf-8")


class _ResultLines:
    """Each result's line of output in UTF-8, exactly as ``write_json(..., pretty=False)``
    writes ``Orientation.to_json()``, built from the UTF-8 text of its parts.

    The parts repeat from line to line (the date; an aid with its reasons; the short lists of
    codes and reasons), so their text is encoded once, with the constant text around it, and
    looked up afterwards: a line whose parts are all known is five dictionary look-ups, one per
    aid and two joins of bytes, with neither formatting nor encoding (building it as str and
    encoding it cost about 1.5 µs a line more). The first line with a new part encodes it.

    A line is, in this order (``…`` the JSON text of the value)::

        {"questionnaire":…,"date":"…","urgent":         heads, by questionnaire then date
        true,"urgent_reasons":…,"organismes":          urgent (or not urgent), by reasons
        …,"aids":[                                      organismes, by their codes
        {…},{…}                                         aids, each by its code and reasons
        ],"unanswered":…}\n                             unanswered, by question ids
    """

    def __init__(self) -> None:
        self._heads: dict[str, dict[date, bytes]] = {}
        self._urgent: dict[tuple[str, ...], bytes] = {}
        self._not_urgent: dict[tuple[str, ...], bytes] = {}
        self._organismes: dict[tuple[str, ...], bytes] = {}
        self._unanswered: dict[tuple[str, ...], bytes] = {}
        # An aid's whole object, by its code and reasons: within one questionnaire its code
        # gives its organisme and title.
        self._aids: dict[tuple[str, tuple[str, ...]], bytes] = {}

    def line(self, result: Orientation) -> bytes:
        try:
            return b"".join((
                self._heads[result.questionnaire][result.reference_date],
                (self._urgent if result.urgent else self._not_urgent)[result.urgent_reasons],
                self._organismes[result.organismes],
                b",".join(map(self._aids.__getitem__, map(_AID_KEY, result.aids))),
                self._unanswered[result.unanswered],
            ))
        except KeyError:
            return self._first_line(result)

    def _first_line(self, result: Orientation) -> bytes:
        """The line of a result with a part not encoded yet; its parts are kept for the next."""
        heads = self._heads.setdefault(result.questionnaire, {})
        head = heads.get(result.reference_date)
        if head is None:
            if len(heads) >= _CACHED_LISTS:
                heads.clear()
            head = heads[result.reference_date] = (
                b'{"questionnaire":' + _json_bytes(result.questionnaire) + b',"date":"'
                + result.reference_date.isoformat().encode("ascii") + b'","urgent":')
        if result.urgent:
            urgent = self._list(self._urgent, result.urgent_reasons,
                                b'true,"urgent_reasons":', b',"organismes":')
        else:
            urgent = self._list(self._not_urgent, result.urgent_reasons,
                                b'false,"urgent_reasons":', b',"organismes":')
        return b"".join((
            head, urgent,
            self._list(self._organismes, result.organismes, b"", b',"aids":['),
            b",".join([self._aid(a.code, a.organisme, a.title, a.reasons)
                       for a in result.aids]),
            self._list(self._unanswered, result.unanswered, b'],"unanswered":', b"}\n"),
        ))

    @staticmethod
    def _list(cache: dict[tuple[str, ...], bytes], items: tuple[str, ...], before: bytes,
              after: bytes) -> bytes:
        text = cache.get(items)
        if text is None:
            if len(cache) >= _CACHED_LISTS:
                cache.clear()
            text = cache[items] = before + _json_bytes(list(items)) + after
        return text

    def _aid(self, code: str, organisme: str, title: str, reasons: tuple[str, ...]) -> bytes:
        text = self._aids.get((code, reasons))
        if text is None:
            if len(self._aids) >= _CACHED_AIDS:
                self._aids.clear()
            text = self._aids[code, reasons] = _json_bytes(
                {"code": code, "organisme": organisme, "title": title, "reasons": list(reasons)})
        return text


def cmd_evaluate(args: argparse.Namespace) -> int:
    questionnaire = load_questionnaire(CURRENT_VERSION)
    today = date.today()
    if args.jsonl:
        _write_chunks(_evaluate_lines(questionnaire, _input_pieces(args.file), today))
        return EXIT_OK
    text = read_input(args.file)
    try:
        situation = parse_situation(questionnaire, parse_json(text), today=today)
    except SituationError as exc:
        raise UsageError(str(exc)) from None
    write_json(sys.stdout, evaluate(questionnaire, situation).to_json(), pretty=True)
    return EXIT_OK


def _write_chunks(chunks: list[bytes]) -> None:
    """The output's UTF-8 chunks on standard output, one write each.

    Straight to its byte stream when it has one under a UTF-8 text layer (main() sets UTF-8; the
    text layer Python sets up for standard output translates no newline, nor does pytest's):
    the same bytes as writing the text, without decoding and encoding it again. Otherwise (a
    stream without bytes, another encoding) each chunk is written as text.
    """
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None)
    if buffer is not None and encoding and codecs.lookup(encoding).name == "utf-8":
        out.flush()
        for chunk in chunks:
            buffer.write(chunk)
        return
    for chunk in chunks:
        out.write(chunk.decode("utf-8"))


def _input_pieces(path: str | None) -> Iterator[str]:
    """The text ``read_input(path)`` gives (strict UTF-8, a byte order mark at the start
    dropped), in pieces: each but the last ends with a line break, and together they are that
    text. Bad UTF-8 gets ``read_input``'s message (its offset in the whole input), when its
    piece is read; a file that cannot be opened, its message at once."""
    if path in (None, "-"):
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream: its text at once
            yield read_input(path)
            return
        yield from _decoded_pieces(stream, "input")
        return
    try:
        stream = open(path, "rb")  # noqa: SIM115 (closed below, a generator's with)
    except OSError:
        read_input(path)  # raises the message of a file that cannot be read
        raise
    with stream:
        yield from _decoded_pieces(stream, "FILE")


def _decoded_pieces(stream: IO[bytes], where: str) -> Iterator[str]:
    """``stream``'s bytes decoded, about ``_READ_BYTES`` at a time, each piece cut after its
    last line break (a line break is never inside a character's UTF-8 bytes)."""
    offset = 0  # of the next piece's first byte in the whole input
    parts: list[bytes] = []
    while block := stream.read(_READ_BYTES):
        cut = block.rfind(b"\n") + 1
        if not cut:
            parts.append(block)
            continue
        parts.append(block[:cut])
        data = b"".join(parts)
        parts = [block[cut:]]
        text = decode_utf8(data, where, offset)
        yield text.removeprefix("\ufeff") if not offset else text
        offset += len(data)
    data = b"".join(parts)
    text = decode_utf8(data, where, offset)
    yield text.removeprefix("\ufeff") if not offset else text


def _evaluate_lines(questionnaire: Questionnaire, pieces: Iterable[str],
                    today: date) -> list[bytes]:
    """The result of every non-blank JSON line of the text ``pieces`` make (each but the last
    ending with a line break), as its line of output, in order: the lines in UTF-8, joined
    ``_CHUNK_LINES`` at a time.

    Nothing is printed for any line when one line is bad (the contract), so the output is kept
    until the last line is read; but each result is turned into its text as soon as it is
    evaluated and only that text is kept: bytes are not tracked by the garbage collector,
    while keeping every result object (dicts, lists, dataclasses) made each full collection
    walk all of them — 31 % of the CPU of 100 000 lines went to the collector. With nothing
    tracked kept from line to line, a collection finds little to do and is rare: raising the
    collector's threshold or freezing what is alive saved nothing measurable. The text is kept
    encoded: a title holds « ’ », which makes most lines two bytes a character as str.

    A line gets the value and the message ``parse_json`` gives it, without ``parse_json``'s own
    work on a good line. It is decoded as ``parse_json`` decodes it, with a decoder built once;
    a line that does not decode goes through ``parse_json`` for its message. What
    ``parse_json`` refuses beyond decoding (a lone surrogate, nesting deeper than
    ``MAX_JSON_DEPTH``) is never in a situation ``parse_situation`` accepts: its keys are known
    names, its strings codes, dates or a département, and it is three levels deep. So only a
    line that ``parse_situation`` refuses goes through ``parse_json`` too, whose message, when
    it has one, comes first as it would in the plain loop.
    """
    chunks: list[bytes] = []
    pending: list[bytes] = []
    errors: list[str] = []
    result_line = _ResultLines().line
    decode = _DECODER.decode
    first = 1  # the number of the piece's first line
    for piece in pieces:
        lines = piece.split("\n")
        # The lines of numbered_lines(text): cut at \n only, blank ones skipped, a final \r
        # dropped. A piece's last line is the empty one its final line break leaves, blank (the
        # next piece's first line has its number), or the input's last line.
        for number, line in enumerate(lines, first):
            if not line or line.isspace():
                continue
            line = line.removesuffix("\r")
            try:
                try:
                    raw = decode(line)
                except (ValueError, RecursionError):
                    raw = parse_json(line, line=number)  # its message (or the same value)
                situation = parse_situation(questionnaire, raw, today=today)
            except UsageError as exc:
                errors.append(str(exc))
                continue
            except SituationError as exc:
                errors.append(_situation_error(line, number, exc))
                continue
            if not errors:
                pending.append(result_line(evaluate(questionnaire, situation)))
                if len(pending) == _CHUNK_LINES:
                    chunks.append(b"".join(pending))
                    pending.clear()
        first += len(lines) - 1
    if errors:
        raise UsageError("; ".join(errors[:1]) if len(errors) == 1 else
                         f"{len(errors)} bad lines, first: {errors[0]}")
    if pending:
        chunks.append(b"".join(pending))
    return chunks


def _situation_error(line: str, number: int, exc: SituationError) -> str:
    """The message of a line ``parse_situation`` refused: ``parse_json``'s when it refuses the
    line too (it looks at the line first), else the situation's."""
    try:
        parse_json(line, line=number)
    except UsageError as refused:
        return str(refused)
    return f"line {number}: {exc}"


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("evaluate", parents=[common],
                       help="orientation of a situation (JSON), without any database")
    p.add_argument("file", nargs="?", metavar="FILE", help="situation JSON file, or - for stdin")
    p.add_argument("--jsonl", action="store_true", help="one situation per line, one result per "
                                                        "line")
    p.set_defaults(func=cmd_evaluate)
