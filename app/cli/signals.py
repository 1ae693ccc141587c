"""``accueil-ti signals import FILE [--source ORG]`` and ``accueil-ti signals export [--out
FILE]`` (shared/spec/cli.md « Added in the second round of work »): the call list's signals
read from a partner's CSV file, all or nothing, and the call list written as JSON lines."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.common import (
    UsageError,
    one_line,
    out_target,
    output,
    reason,
    write_json_lines,
)

IMPORT_AGENT = "import"  # the agent recorded for a command-line import (as `accueil-ti import`)


def _read_file(path: str) -> bytes:
    if path == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        return buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8")
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"FILE: {path} does not exist; expected a readable CSV file or -") \
            from None
    except IsADirectoryError:
        raise UsageError(f"FILE: {path} is a folder; expected a readable CSV file or -") \
            from None
    except OSError as exc:
        raise UsageError(f"FILE: cannot read {path} ({reason(exc)}); expected a readable CSV "
                         "file or -") from None


def cmd_import(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import DBAPIError

    from app.call_service import CallService
    from app.cli.store import opened_store
    from app.forms.codes import SIGNAL_SOURCES, check_code
    from app.forms.signals import SignalFileError, read_signals

    if args.source is not None:
        try:
            check_code(args.source, SIGNAL_SOURCES, "--source")
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    data = _read_file(args.file)
    try:
        rows = read_signals(data, args.source)  # every bad line, before the store is opened
    except SignalFileError as exc:
        count = len({problem.line for problem in exc.problems})
        raise UsageError(f"nothing imported, {count} bad line{'s' if count > 1 else ''}:",
                         [str(problem) for problem in exc.problems]) from None
    with opened_store(args) as store:
        service = CallService(store, IMPORT_AGENT)
        try:
            report = service.import_rows(rows, args.source)
        except DBAPIError as exc:  # rolled back: nothing half-written
            from app.cli.common import OperationFailed

            raise OperationFailed(f"nothing imported: the local database {store.path} could "
                                  f"not be written ({one_line(exc.orig)})") from None
    print(report.line())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from app.call_service import CallService
    from app.cli.store import opened_store

    if args.out not in (None, "-"):
        out_target(args.out)  # before any work: a folder, a missing folder…
    with opened_store(args) as store, output(args.out) as out:
        count = write_json_lines(out, CallService(store, IMPORT_AGENT).export_lines())
    if args.out not in (None, "-"):
        print(f"signals export: {count} call-list entries written to {args.out}",
              file=sys.stderr)
    return 0


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("signals", parents=[common],
                       help="the call list: import signals (CSV), export the list")
    group = p.add_subparsers(dest="signals_command", metavar="ACTION", required=True,
                             parser_class=type(p))
    q = group.add_parser("import", parents=[common],
                         help="signals from a CSV file into the call list, all or nothing")
    q.add_argument("file", metavar="FILE", help="CSV file (UTF-8 or Windows-1252, ; or ,), "
                                                "or - for stdin")
    q.add_argument("--source", metavar="ORG",
                   help="the source of lines without a source column (an organisme code, "
                        "tribunal_commerce, accueil, telephone or help_en_ligne)")
    q.set_defaults(func=cmd_import)
    q = group.add_parser("export", parents=[common], help="the call list as JSON lines")
    q.add_argument("--out", metavar="FILE", help="output file (default: stdout)")
    q.set_defaults(func=cmd_export)
