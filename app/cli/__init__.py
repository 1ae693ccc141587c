"""The ``accueil-ti`` command line (see shared/spec/cli.md): :func:`main`.

Exit codes: 0 success, 1 the operation failed, 2 bad input or usage with a one-line message on
stderr naming the field and what is allowed. Bad input never prints a traceback.

One module per group of sub-commands, each declaring its own on the parser (``add_commands``):
``evaluate``; ``gui``; the local store's (``store``: demo, export, import, pdf, erase); the
central store's and its accounts' (``server``: serve, admin, login); the sync's (``sync``:
sync, logout). What they share is in ``common``. A command line that names its sub-command
imports only the module that declares it (:data:`COMMAND_MODULES`): ``evaluate`` loads neither
the server, the sync nor the window's modules.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from app import __version__
from app.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    OperationFailed,
    Parser,
    UsageError,
    log_traceback,
    one_line,
    text_is_unicode,
)
from app.forms.questionnaire import QuestionnaireError

__all__ = ["COMMAND_MODULES", "build_parser", "command_of", "main"]


# Which module declares each sub-command (its ``add_commands``), in the order ``--help`` lists
# them. A static table, so that a command line imports only the module it runs;
# tests/test_cli_lazy.py checks it against what each module really declares.
COMMAND_MODULES: dict[str, str] = {
    "evaluate": "app.cli.evaluate",
    "gui": "app.cli.gui",
    "demo": "app.cli.store", "export": "app.cli.store", "import": "app.cli.store",
    "pdf": "app.cli.store", "erase": "app.cli.store",
    "serve": "app.cli.server", "admin": "app.cli.server", "login": "app.cli.server",
    "sync": "app.cli.sync", "logout": "app.cli.sync",
    "signals": "app.cli.signals",
}
_GLOBAL_OPTION_WITH_VALUE = "--data-dir"


def command_of(argv: Sequence[str]) -> str | None:
    """The sub-command ``argv`` names, when it is sure without parsing: the first word after the
    global ``--data-dir DIR``; None for anything else (``--help``, ``--version``, no command)."""
    words = iter(argv)
    for word in words:
        if not word.startswith("-"):
            return word
        name, equals, _ = word.partition("=")
        # argparse also takes an abbreviation of a long option (--data for --data-dir)
        if len(name) > 2 and _GLOBAL_OPTION_WITH_VALUE.startswith(name):
            if not equals:
                next(words, None)
            continue
        return None
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of the command line; given ``argv`` that names a known sub-command, only that
    sub-command is declared (and only its module imported), which parses ``argv`` the same."""
    import importlib

    command = command_of(argv) if argv is not None else None
    if command in COMMAND_MODULES:
        modules = [COMMAND_MODULES[command]]
    else:
        modules = list(dict.fromkeys(COMMAND_MODULES.values()))
    common = Parser(add_help=False)
    # SUPPRESS: a sub-command's parser must not overwrite a --data-dir given before it.
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="workstation data folder (default: ACCUEIL_TI_HOME or the user "
                             "data folder)")
    parser = Parser(prog="accueil-ti", parents=[common],
                    description="Accueil TI — accueil des travailleurs indépendants (Help!).")
    parser.add_argument("--version", action="version", version=f"accueil-ti {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in modules:
        importlib.import_module(name).add_commands(sub, common)
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
            text_is_unicode(value, field)


def _say(message: str, details: Sequence[str] = ()) -> None:
    print(f"accueil-ti: {one_line(message)}", file=sys.stderr)
    for line in details:
        print(one_line(line), file=sys.stderr)


def main(argv: Sequence[str] | None = None, *,
         open_window: Callable[..., int] | None = None) -> int:
    """Run one command (``argv``, else the process's arguments); its exit status.
    ``open_window(data_dir, smoke=...)`` opens the desktop window for the ``gui`` command (the
    default): the entry point (app/__main__.py) gives it."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure: Callable[..., None] | None = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    args: argparse.Namespace | None = None
    try:
        arguments = list(sys.argv[1:] if argv is None else argv)
        parser = build_parser(arguments)
        args = parser.parse_args(arguments)
        args.open_window = open_window
        _check_text_arguments(args)
        if args.command is None:
            from app.cli.gui import cmd_gui

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
