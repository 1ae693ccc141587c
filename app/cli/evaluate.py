"""``accueil-ti evaluate``: the orientation of a situation (JSON), without any database."""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from datetime import date
from typing import Any, NoReturn

from app.cli.common import (
    EXIT_OK,
    MAX_JSON_DEPTH,
    UsageError,
    parse_json,
    read_input,
    write_json,
)
from app.forms.evaluation import Orientation, SituationError, evaluate, parse_situation
from app.forms.questionnaire import CURRENT_VERSION, Questionnaire, load_questionnaire

# The one-line form of write_json(pretty=False), built once rather than at every line.
_ONE_LINE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_CACHED_LISTS = 4096  # distinct lists of codes whose JSON text is kept, at most
# Distinct aids with their reasons whose JSON text is kept, at most: the reasons hold ages and
# months of activity, so 100 000 random situations give about 6 000 (a few MiB).
_CACHED_AIDS = 16_384
# Result lines kept together as one UTF-8 text until they are written (about 80 KiB): measured
# on 100 000 lines, chunks of 256 lines or more cost a third more page faults.
_CHUNK_LINES = 64


def _no_constant(name: str) -> NoReturn:
    raise ValueError(name)


# What parse_json decodes with (json.loads(text, parse_constant=...) builds a decoder at every
# call), built once: a line it cannot decode goes through parse_json for its message.
_DECODER = json.JSONDecoder(parse_constant=_no_constant)
_UNDECODED: Any = object()  # a line not decoded yet (None is a value JSON may hold)


class _ResultLines:
    """Each result's line of output, exactly as ``write_json(..., pretty=False)`` writes
    ``Orientation.to_json()``, built from the JSON text of its parts.

    The parts repeat from line to line (an aid with its reasons; the short lists of codes and
    reasons), so their text is encoded once and looked up afterwards: encoding every result whole
    was about a sixth of the command's time per line. A line whose parts are all known is built
    with dictionary look-ups only; the first line with a new part encodes it.
    """

    def __init__(self) -> None:
        self._versions: dict[str, str] = {}
        self._lists: dict[tuple[str, ...], str] = {}
        # An aid's whole object, by its code and reasons: within one questionnaire its code
        # gives its organisme and title.
        self._aids: dict[tuple[str, tuple[str, ...]], str] = {}

    def line(self, result: Orientation) -> str:
        lists, aids = self._lists, self._aids
        try:
            return (f'{{"questionnaire":{self._versions[result.questionnaire]},'
                    f'"date":"{result.reference_date.isoformat()}",'
                    f'"urgent":{"true" if result.urgent else "false"},'
                    f'"urgent_reasons":{lists[result.urgent_reasons]},'
                    f'"organismes":{lists[result.organismes]},'
                    f'"aids":[{",".join([aids[a.code, a.reasons] for a in result.aids])}],'
                    f'"unanswered":{lists[result.unanswered]}}}\n')
        except KeyError:
            return self._first_line(result)

    def _first_line(self, result: Orientation) -> str:
        """The line of a result with a part not encoded yet; its parts are kept for the next."""
        if len(self._lists) >= _CACHED_LISTS:
            self._lists.clear()
        if len(self._aids) >= _CACHED_AIDS:
            self._aids.clear()
        version = self._versions.setdefault(result.questionnaire,
                                            _ONE_LINE.encode(result.questionnaire))
        urgent_reasons, organismes, unanswered = (
            self._list(result.urgent_reasons), self._list(result.organismes),
            self._list(result.unanswered))
        aids = ",".join([self._aid(a.code, a.organisme, a.title, a.reasons)
                         for a in result.aids])
        return (f'{{"questionnaire":{version},"date":"{result.reference_date.isoformat()}",'
                f'"urgent":{"true" if result.urgent else "false"},'
                f'"urgent_reasons":{urgent_reasons},"organismes":{organismes},"aids":[{aids}],'
                f'"unanswered":{unanswered}}}\n')

    def _list(self, items: tuple[str, ...]) -> str:
        text = self._lists.get(items)
        if text is None:
            text = self._lists[items] = _ONE_LINE.encode(list(items))
        return text

    def _aid(self, code: str, organisme: str, title: str, reasons: tuple[str, ...]) -> str:
        text = self._aids.get((code, reasons))
        if text is None:
            text = self._aids[code, reasons] = _ONE_LINE.encode(
                {"code": code, "organisme": organisme, "title": title, "reasons": list(reasons)})
        return text


def cmd_evaluate(args: argparse.Namespace) -> int:
    questionnaire = load_questionnaire(CURRENT_VERSION)
    today = date.today()
    if args.jsonl:
        _write_chunks(_evaluate_lines(questionnaire, read_input(args.file), today))
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


def _evaluate_lines(questionnaire: Questionnaire, text: str, today: date) -> list[bytes]:
    """The result of every non-blank JSON line, as its line of output, in order: the lines
    joined ``_CHUNK_LINES`` at a time and encoded in UTF-8.

    Nothing is printed for any line when one line is bad (the contract), so the output is kept
    until the last line is read; but each result is turned into its text as soon as it is
    evaluated and only that text is kept: neither a str nor bytes is tracked by the garbage
    collector, while keeping every result object (dicts, lists, dataclasses) made each full
    collection walk all of them — 31 % of the CPU of 100 000 lines went to the collector. With
    nothing tracked kept from line to line, a collection finds little to do and is rare: raising
    the collector's threshold or freezing what is alive saved nothing measurable. The text is
    kept encoded: a title holds « ’ », which makes most lines two bytes a character as str
    (100 000 lines: 320 MiB of memory at most as str, 200 MiB as UTF-8).

    A line is decoded as ``parse_json`` decodes it, with a decoder built once; a line that
    ``parse_json`` would check further (a ``\\u`` escape, deep nesting, a lone surrogate) or that
    does not decode goes through ``parse_json`` itself, for the same value or the same message.
    """
    lines = text.split("\n")
    del text  # the caller keeps no reference: the whole input is not kept twice
    chunks: list[bytes] = []
    pending: list[str] = []
    errors: list[str] = []
    result_line = _ResultLines().line
    decode = _DECODER.decode
    # The lines of numbered_lines(text): cut at \n only, blank ones skipped, a final \r dropped.
    for number, line in enumerate(lines, 1):
        if not line or line.isspace():
            continue
        line = line.removesuffix("\r")
        raw: Any = _UNDECODED
        # parse_json takes such a line's value as decoded, without walking it: no escape (so no
        # \u one), ASCII only (so no lone surrogate), too few [ and { to nest too deeply.
        if ("\\" not in line and line.isascii()
                and line.count("[") + line.count("{") < MAX_JSON_DEPTH):
            try:
                raw = decode(line)
            except (ValueError, RecursionError):
                pass
        try:
            if raw is _UNDECODED:
                raw = parse_json(line, line=number)
            situation = parse_situation(questionnaire, raw, today=today)
        except UsageError as exc:
            errors.append(str(exc))
            continue
        except SituationError as exc:
            errors.append(f"line {number}: {exc}")
            continue
        if not errors:
            pending.append(result_line(evaluate(questionnaire, situation)))
            if len(pending) == _CHUNK_LINES:
                chunks.append("".join(pending).encode("utf-8"))
                pending.clear()
    if errors:
        raise UsageError("; ".join(errors[:1]) if len(errors) == 1 else
                         f"{len(errors)} bad lines, first: {errors[0]}")
    if pending:
        chunks.append("".join(pending).encode("utf-8"))
    return chunks


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("evaluate", parents=[common],
                       help="orientation of a situation (JSON), without any database")
    p.add_argument("file", nargs="?", metavar="FILE", help="situation JSON file, or - for stdin")
    p.add_argument("--jsonl", action="store_true", help="one situation per line, one result per "
                                                        "line")
    p.set_defaults(func=cmd_evaluate)
