"""``accueil-ti evaluate``: the orientation of a situation (JSON), without any database."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from datetime import date
from typing import Any

from app.cli.common import (
    EXIT_OK,
    UsageError,
    numbered_lines,
    parse_json,
    read_input,
    write_json,
)
from app.forms.evaluation import Orientation, SituationError, evaluate, parse_situation
from app.forms.questionnaire import CURRENT_VERSION, Questionnaire, load_questionnaire

# The one-line form of write_json(pretty=False), built once rather than at every line.
_ONE_LINE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
# Young-generation threshold while JSON lines are evaluated (CPython's default is 700).
_GEN0_THRESHOLD = 50_000
_CACHED_LISTS = 4096  # distinct lists of codes whose JSON text is kept, at most


class _ResultLines:
    """Each result's line of output, exactly as ``write_json(..., pretty=False)`` writes
    ``Orientation.to_json()``, built from the JSON text of its parts.

    The parts repeat from line to line (an aid's code, organisme and title; the short lists of
    codes and reasons), so their text is encoded once and reused: encoding every result whole
    was about a sixth of the command's time per line.
    """

    def __init__(self) -> None:
        self._aid_heads: dict[tuple[str, str, str], str] = {}
        self._lists: dict[tuple[str, ...], str] = {}
        self._strings: dict[str, str] = {}

    def _list(self, items: tuple[str, ...]) -> str:
        text = self._lists.get(items)
        if text is None:
            if len(self._lists) >= _CACHED_LISTS:
                self._lists.clear()
            text = self._lists[items] = _ONE_LINE.encode(list(items))
        return text

    def _aid_head(self, code: str, organisme: str, title: str) -> str:
        key = (code, organisme, title)
        head = self._aid_heads.get(key)
        if head is None:
            whole = _ONE_LINE.encode({"code": code, "organisme": organisme, "title": title})
            head = self._aid_heads[key] = whole[:-1] + ',"reasons":'
        return head

    def line(self, result: Orientation) -> str:
        version = self._strings.get(result.questionnaire)
        if version is None:
            version = self._strings[result.questionnaire] = _ONE_LINE.encode(
                result.questionnaire)
        aids = ",".join(self._aid_head(a.code, a.organisme, a.title) + self._list(a.reasons)
                        + "}" for a in result.aids)
        return (f'{{"questionnaire":{version},"date":"{result.reference_date.isoformat()}",'
                f'"urgent":{"true" if result.urgent else "false"},'
                f'"urgent_reasons":{self._list(result.urgent_reasons)},'
                f'"organismes":{self._list(result.organismes)},"aids":[{aids}],'
                f'"unanswered":{self._list(result.unanswered)}}}\n')


def cmd_evaluate(args: argparse.Namespace) -> int:
    questionnaire = load_questionnaire(CURRENT_VERSION)
    today = date.today()
    text = read_input(args.file)
    if not args.jsonl:
        try:
            situation = parse_situation(questionnaire, parse_json(text), today=today)
        except SituationError as exc:
            raise UsageError(str(exc)) from None
        write_json(sys.stdout, evaluate(questionnaire, situation).to_json(), pretty=True)
        return EXIT_OK
    # Line by line: joining them first would hold the whole output twice.
    sys.stdout.writelines(_evaluate_lines(questionnaire, text, today))
    return EXIT_OK


def _evaluate_lines(questionnaire: Questionnaire, text: str, today: date) -> list[str]:
    """The result of every JSON line, each as its line of output, in order.

    Nothing is printed for any line when one line is bad (the contract), so the output is kept
    until the last line is read; but each result is turned into its text as soon as it is
    evaluated and only that text is kept: a str is not tracked by the garbage collector, while
    keeping every result object (dicts, lists, dataclasses) made each full collection walk all of
    them — 31 % of the CPU of 100 000 lines went to the collector.

    Each line still allocates a few hundred short-lived container objects (the parsed JSON, the
    facts, the result) that die with it and form no cycle. The collector is therefore run less
    often while the lines are evaluated: what was alive after loading the questionnaire is
    frozen (never walked again), and the young-generation threshold is raised so that a
    collection is not triggered every few lines. Both are restored when the lines are done.
    """
    results: list[str] = []
    errors: list[str] = []
    lines = _ResultLines()
    gc.collect()
    gc.freeze()
    thresholds = gc.get_threshold()
    gc.set_threshold(_GEN0_THRESHOLD, *thresholds[1:])
    try:
        for number, line in numbered_lines(text):
            try:
                situation = parse_situation(questionnaire, parse_json(line, line=number),
                                            today=today)
            except UsageError as exc:
                errors.append(str(exc))
                continue
            except SituationError as exc:
                errors.append(f"line {number}: {exc}")
                continue
            if not errors:
                results.append(lines.line(evaluate(questionnaire, situation)))
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
    if errors:
        raise UsageError("; ".join(errors[:1]) if len(errors) == 1 else
                         f"{len(errors)} bad lines, first: {errors[0]}")
    return results


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("evaluate", parents=[common],
                       help="orientation of a situation (JSON), without any database")
    p.add_argument("file", nargs="?", metavar="FILE", help="situation JSON file, or - for stdin")
    p.add_argument("--jsonl", action="store_true", help="one situation per line, one result per "
                                                        "line")
    p.set_defaults(func=cmd_evaluate)
