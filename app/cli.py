"""The ``accueil-ti`` command line (see shared/spec/cli.md).

Exit codes: 0 success, 1 the operation failed, 2 bad input or usage with a one-line message on
stderr naming the field and what is allowed. Bad input never prints a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any, NoReturn

from app import __version__
from app.forms.evaluation import SituationError, evaluate, parse_situation
from app.forms.questionnaire import CURRENT_VERSION, QuestionnaireError, load_questionnaire

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(Exception):
    """Bad input or usage: exit 2 with this one-line message."""


class OperationFailed(Exception):
    """The operation could not be done: exit 1 with this message."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("accueil-ti").strip()
        raise UsageError(f"{command}: {message}" if command else message)


def _read_input(path: str | None) -> str:
    if path in (None, "-"):
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"FILE: {path} does not exist; expected a readable JSON file or -") \
            from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"FILE: cannot read {path} ({exc}); expected a UTF-8 JSON file") from None


def _json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{where}: not valid JSON ({exc.msg} at line {exc.lineno}, column "
                         f"{exc.colno}); expected a JSON object") from None


def _numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield number, line


def _write_json(out: IO[str], value: Any, *, pretty: bool) -> None:
    if pretty:
        out.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n")


def cmd_evaluate(args: argparse.Namespace) -> int:
    questionnaire = load_questionnaire(CURRENT_VERSION)
    today = date.today()
    text = _read_input(args.file)
    if not args.jsonl:
        try:
            situation = parse_situation(questionnaire, _json(text, "input"), today=today)
        except SituationError as exc:
            raise UsageError(str(exc)) from None
        _write_json(sys.stdout, evaluate(questionnaire, situation).to_json(), pretty=True)
        return EXIT_OK
    results: list[dict[str, Any]] = []
    errors: list[str] = []
    for number, line in _numbered_lines(text):
        try:
            situation = parse_situation(questionnaire, _json(line, "input"), today=today)
        except (SituationError, UsageError) as exc:
            errors.append(f"line {number}: {exc}")
            continue
        if not errors:
            results.append(evaluate(questionnaire, situation).to_json())
    if errors:
        raise UsageError("; ".join(errors[:1]) if len(errors) == 1 else
                         f"{len(errors)} bad lines, first: {errors[0]}")
    for result in results:
        _write_json(sys.stdout, result, pretty=False)
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from app.ui.app import run_gui

    return run_gui(_data_dir(args), smoke=bool(getattr(args, "smoke", False)))


def _data_dir(args: argparse.Namespace) -> Path:
    from app.paths import default_data_dir

    data_dir = getattr(args, "data_dir", None)
    return Path(data_dir) if data_dir else default_data_dir()


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    # SUPPRESS: a sub-command's parser must not overwrite a --data-dir given before it.
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="workstation data folder (default: ACCUEIL_TI_HOME or the user "
                             "data folder)")
    parser = _Parser(prog="accueil-ti", parents=[common],
                     description="Accueil TI — accueil des travailleurs indépendants (Help!).")
    parser.add_argument("--version", action="version", version=f"accueil-ti {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("evaluate", parents=[common],
                       help="orientation of a situation (JSON), without any database")
    p.add_argument("file", nargs="?", metavar="FILE", help="situation JSON file, or - for stdin")
    p.add_argument("--jsonl", action="store_true", help="one situation per line, one result per "
                                                        "line")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("gui", parents=[common], help="the desktop app (the default)")
    p.add_argument("--smoke", action="store_true",
                   help="open the main window, print 'ready in N ms' when the list shows, exit")
    p.set_defaults(func=cmd_gui, smoke=False)

    from app import store_commands

    store_commands.add_commands(sub, common)
    from app import server_commands

    server_commands.add_commands(sub, common)
    from app import sync_commands

    sync_commands.add_commands(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure: Callable[..., None] | None = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            return cmd_gui(args)
        result: int = args.func(args)
        sys.stdout.flush()  # a reader gone away is found here, not in Python's final flush
        return result
    except UsageError as exc:
        print(f"accueil-ti: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OperationFailed as exc:
        print(f"accueil-ti: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except QuestionnaireError as exc:
        print(f"accueil-ti: the questionnaire data is damaged: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("accueil-ti: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`accueil-ti export | head`): what it read is all it wanted. The
        # unwritten rest goes to the null device, or Python's final flush would print an error.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return EXIT_OK
