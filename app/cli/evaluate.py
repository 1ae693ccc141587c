"""``accueil-ti evaluate``: the orientation of a situation (JSON), without any database."""

from __future__ import annotations

import argparse
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
from app.forms.evaluation import SituationError, evaluate, parse_situation
from app.forms.questionnaire import CURRENT_VERSION, load_questionnaire


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
    results: list[dict[str, Any]] = []
    errors: list[str] = []
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
            results.append(evaluate(questionnaire, situation).to_json())
    if errors:
        raise UsageError("; ".join(errors[:1]) if len(errors) == 1 else
                         f"{len(errors)} bad lines, first: {errors[0]}")
    for result in results:
        write_json(sys.stdout, result, pretty=False)
    return EXIT_OK


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("evaluate", parents=[common],
                       help="orientation of a situation (JSON), without any database")
    p.add_argument("file", nargs="?", metavar="FILE", help="situation JSON file, or - for stdin")
    p.add_argument("--jsonl", action="store_true", help="one situation per line, one result per "
                                                        "line")
    p.set_defaults(func=cmd_evaluate)
