"""The ``accueil-ti`` command line (see shared/spec/cli.md).

Exit codes: 0 success, 1 the operation failed, 2 bad input or usage with a one-line message on
stderr naming the field and what is allowed. Bad input never prints a traceback.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any, NoReturn

from app import __version__
from app.forms.evaluation import SituationError, evaluate, parse_situation
from app.forms.questionnaire import CURRENT_VERSION, QuestionnaireError, load_questionnaire

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


LOG_FILENAME = "accueil-ti.log"  # in the data dir: tracebacks of unexpected errors
MAX_JSON_DEPTH = 64  # the deepest valid document (an export line) is 4 levels deep

# Every line boundary str.splitlines() knows: a message printed with one of them is two lines.
_LINE_BREAKS = re.compile(r"\s*[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+\s*")


def one_line(text: object) -> str:
    """``text`` on one line (line breaks become spaces), printable whatever it holds."""
    flat = _LINE_BREAKS.sub(" ", str(text)).strip()
    # A lone surrogate (from JSON « \\ud800 » or undecodable bytes) cannot be encoded.
    return flat.encode("utf-8", "backslashreplace").decode("utf-8")


class UsageError(Exception):
    """Bad input or usage: exit 2 with this one-line message.

    ``details`` are further lines, one per item of a list the contract asks for (the bad lines
    of an import), each itself on one line.
    """

    def __init__(self, message: str, details: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.details = list(details)


class OperationFailed(Exception):
    """The operation could not be done: exit 1 with this one-line message."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("accueil-ti").strip()
        raise UsageError(f"{command}: {message}" if command else message)


def reason(exc: BaseException) -> str:
    """The short reason of an error, for a one-line message (« Permission denied »)."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return one_line(exc) or type(exc).__name__


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{where}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                         f"{exc.start}); expected UTF-8 text") from None


def _text_is_unicode(text: str, where: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # undecodable bytes smuggled in as surrogates
        raise UsageError(f"{where}: not valid UTF-8 (at character {exc.start}); expected UTF-8 "
                         "text") from None
    return text


def read_stdin(where: str, *, line: bool = False) -> str:
    """Standard input (all of it, or its first line) as UTF-8 text, strictly decoded."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return _decode(buffer.readline() if line else buffer.read(), where)
    return _text_is_unicode(sys.stdin.readline() if line else sys.stdin.read(), where)


def _read_input(path: str | None) -> str:
    if path in (None, "-"):
        return read_stdin("input")
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"FILE: {path} does not exist; expected a readable JSON file or -") \
            from None
    except IsADirectoryError:
        raise UsageError(f"FILE: {path} is a folder; expected a readable JSON file or -") \
            from None
    except OSError as exc:
        raise UsageError(f"FILE: cannot read {path} ({reason(exc)}); expected a readable JSON "
                         "file or -") from None
    return _decode(data, "FILE")


def _check_json(value: Any) -> None:
    """Refuse what JSON allows but nothing downstream should meet: lone surrogates (not text
    any UTF-8 file or database can hold) and nesting far deeper than any valid document.
    The message names the field, as the validators' own messages do."""
    stack: list[tuple[Any, str, int]] = [(value, "", 1)]
    while stack:
        item, path, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise UsageError(f"{path}: nested more than {MAX_JSON_DEPTH} levels deep; expected "
                             "the shape of the contract")
        if isinstance(item, str):
            _unicode_text(item, path or "value")
        elif isinstance(item, dict):
            for key, child in item.items():
                _unicode_text(key, f"{path}.{key!r}" if path else repr(key))
                stack.append((child, f"{path}.{key}" if path else key, depth + 1))
        elif isinstance(item, list):
            stack.extend((child, f"{path}[{i}]", depth + 1) for i, child in enumerate(item))


def _unicode_text(text: str, where: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UsageError(f"{where}: not valid Unicode text (a lone surrogate "
                         f"{text[exc.start]!a} at character {exc.start}); expected text") \
            from None


class _NotANumber(ValueError):
    pass


def _no_constant(name: str) -> NoReturn:
    raise _NotANumber(name)


def parse_json(text: str, expected: str = "a JSON object", *, line: int | None = None) -> Any:
    """``json.loads`` whose every failure is a one-line UsageError: about the ``input`` as a
    whole, or the field at fault; prefixed with ``line N:`` for one line of JSON lines."""
    where = f"line {line}" if line is not None else "input"
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        at = f"column {exc.colno}" if line is not None else f"line {exc.lineno}, column {exc.colno}"
        raise UsageError(f"{where}: not valid JSON ({exc.msg} at {at}); expected {expected}") \
            from None
    except _NotANumber as exc:
        raise UsageError(f"{where}: {exc} is not allowed (JSON has no such number); expected "
                         f"{expected}") from None
    except RecursionError:
        raise UsageError(f"{where}: nested too deeply to be read; expected {expected}") \
            from None
    except ValueError as exc:  # an integer longer than Python's conversion limit (4300 digits)
        raise UsageError(f"{where}: a number is too long ({one_line(exc).split(';')[0]}); "
                         f"expected {expected}") from None
    try:
        _check_json(value)
    except UsageError as exc:
        if line is None:
            raise
        raise UsageError(f"line {line}: {exc}") from None
    return value


def _numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    # JSON lines are separated by \n only: str.splitlines() would also cut at U+2028 or \x1c,
    # which JSON allows unescaped inside a string (and `export` writes them as they are).
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            yield number, line.removesuffix("\r")


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
            situation = parse_situation(questionnaire, parse_json(text), today=today)
        except SituationError as exc:
            raise UsageError(str(exc)) from None
        _write_json(sys.stdout, evaluate(questionnaire, situation).to_json(), pretty=True)
        return EXIT_OK
    results: list[dict[str, Any]] = []
    errors: list[str] = []
    for number, line in _numbered_lines(text):
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
        _write_json(sys.stdout, result, pretty=False)
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from app.ui.app import run_gui

    return run_gui(_data_dir(args), smoke=bool(getattr(args, "smoke", False)))


def _data_dir(args: argparse.Namespace) -> Path:
    """The data dir of ``--data-dir`` (else the default), refused when it cannot be a folder.

    Nothing is created here: the store creates the folder when it first writes.
    """
    from app.paths import default_data_dir

    data_dir = getattr(args, "data_dir", None)
    field = "--data-dir" if data_dir else "ACCUEIL_TI_HOME (the data folder)"
    path = Path(data_dir) if data_dir else default_data_dir()
    if "\x00" in str(path):
        raise UsageError(f"{field}: {str(path)!r} holds a NUL character; expected a folder path")
    try:
        probe = path  # the nearest part of the path that exists must be a folder
        while not probe.exists() and probe.parent != probe:
            probe = probe.parent
        if probe.exists() and not probe.is_dir():
            where = "is a file" if probe == path else f"lies under the file {probe}"
            raise UsageError(f"{field}: {path} {where}; expected a folder (existing or to "
                             "create)")
    except OSError as exc:
        raise OperationFailed(f"{field}: {path} cannot be reached ({reason(exc)}); expected a "
                              "folder this user may read and write") from None
    return path


def log_file(args: argparse.Namespace | None) -> Path | None:
    """The log file of the data dir, when there is a usable data dir."""
    try:
        return _data_dir(args or argparse.Namespace()) / LOG_FILENAME
    except (UsageError, OperationFailed):
        return None


def log_traceback(args: argparse.Namespace | None, exc: BaseException) -> str:
    """Append ``exc``'s traceback to the data dir's log; say where, for a one-line message."""
    import traceback
    from datetime import UTC, datetime

    path = log_file(args)
    if path is None:
        return "no log written: no usable data folder"
    command = " ".join(str(getattr(args, name)) for name in ("command", "admin_command")
                       if getattr(args, name, None))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8", errors="backslashreplace") as log:
            log.write(f"--- {datetime.now(UTC).isoformat(timespec='seconds')} accueil-ti "
                      f"{__version__} {command or '(no command)'}\n")
            log.write("".join(traceback.format_exception(exc)))
    except OSError as error:
        return f"no log written: {path}: {reason(error)}"
    return f"details in {path}"


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


# Arguments that are paths: a Linux file name may hold any bytes (Python passes those it cannot
# decode as lone surrogates, and gives them back unchanged to the file system).
_PATH_ARGUMENTS = {"data_dir", "out", "file"}
_POSITIONALS = {"dossier": "DOSSIER"}


def _check_text_arguments(args: argparse.Namespace) -> None:
    """Refuse a text argument that is not valid UTF-8 (it could be neither stored nor sent)."""
    for name, value in vars(args).items():
        if isinstance(value, str) and name not in _PATH_ARGUMENTS:
            field = _POSITIONALS.get(name, "--" + name.replace("_", "-"))
            _text_is_unicode(value, field)


def _say(message: str, details: Sequence[str] = ()) -> None:
    print(f"accueil-ti: {one_line(message)}", file=sys.stderr)
    for line in details:
        print(one_line(line), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure: Callable[..., None] | None = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    args: argparse.Namespace | None = None
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        _check_text_arguments(args)
        if args.command is None:
            return cmd_gui(args)
        result: int = args.func(args)
        sys.stdout.flush()  # a reader gone away is found here, not in Python's final flush
        return result
    except UsageError as exc:
        _say(str(exc), exc.details)
        return EXIT_BAD_INPUT
    except OperationFailed as exc:
        _say(str(exc))
        return EXIT_FAILED
    except QuestionnaireError as exc:
        _say(f"the questionnaire data is damaged: {exc}")
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
    except Exception as exc:  # the safety net: one line here, the traceback in the log
        where = log_traceback(args, exc)
        _say(f"unexpected error ({type(exc).__name__}): {one_line(exc) or 'no message'}; "
             f"{where}")
        return EXIT_FAILED
