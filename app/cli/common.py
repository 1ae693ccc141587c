"""What every sub-command of ``accueil-ti`` shares: its errors and exit codes, reading input
(standard input, files, JSON), the data folder, writing output (standard output, or a file
replaced at once) and the log of unexpected errors.

Exit codes: 0 success, 1 the operation failed, 2 bad input or usage with a one-line message on
stderr naming the field and what is allowed. Bad input never prints a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, NoReturn

from app import __version__

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


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are UsageErrors naming the sub-command."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("accueil-ti").strip()
        raise UsageError(f"{command}: {message}" if command else message)


def reason(exc: BaseException) -> str:
    """The short reason of an error, for a one-line message (« Permission denied »)."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return one_line(exc) or type(exc).__name__


# --------------------------------------------------------------------------- input


def _decode(data: bytes, where: str) -> str:
    return decode_utf8(data, where).removeprefix("\ufeff")


def decode_utf8(data: bytes, where: str, offset: int = 0) -> str:
    """``data`` as UTF-8 (``offset``: where it starts in the whole input, for the message);
    UsageError naming ``where`` and the first bad byte otherwise."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{where}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                         f"{offset + exc.start}); expected UTF-8 text") from None


def text_is_unicode(text: str, where: str) -> str:
    """``text`` itself, unless it holds undecodable bytes (smuggled in as lone surrogates):
    then a UsageError naming ``where``."""
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
    return text_is_unicode(sys.stdin.readline() if line else sys.stdin.read(), where)


def read_input(path: str | None) -> str:
    """The text of ``FILE`` (a path, or ``-``/nothing for standard input)."""
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
    if _may_hold_refused(text):
        try:
            _check_json(value)
        except UsageError as exc:
            if line is None:
                raise
            raise UsageError(f"line {line}: {exc}") from None
    return value


def _may_hold_refused(text: str) -> bool:
    """Whether the value decoded from ``text`` may hold what :func:`_check_json` refuses; when
    not, walking the value is skipped (a third of what ``evaluate --jsonl`` adds per line).

    A lone surrogate in a decoded string comes from a ``\\u`` escape or from ``text`` itself;
    nesting deeper than ``MAX_JSON_DEPTH`` needs at least that many ``[`` or ``{`` in the text
    (counting those inside strings too only errs on the safe side)."""
    if "\\u" in text or text.count("[") + text.count("{") >= MAX_JSON_DEPTH:
        return True
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """The non-blank lines of JSON lines, numbered from 1."""
    # JSON lines are separated by \n only: str.splitlines() would also cut at U+2028 or \x1c,
    # which JSON allows unescaped inside a string (and `export` writes them as they are).
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            yield number, line.removesuffix("\r")


def server_url(value: str, field: str = "--server") -> str:
    """The central store's address ``value`` checked (app.sync.session.check_server_url); a
    UsageError naming ``field`` when it cannot be used."""
    from app.sync.session import ServerAddressError, check_server_url

    try:
        return check_server_url(value, field)
    except ServerAddressError as exc:
        raise UsageError(str(exc)) from None


# --------------------------------------------------------------------------- the data folder


def resolve_data_dir(args: argparse.Namespace) -> Path:
    """The data dir of ``--data-dir`` (else the default), refused when it cannot be a folder.

    Nothing is created here: the store creates the folder when it first writes.
    """
    from app.paths import default_data_dir

    given = getattr(args, "data_dir", None)
    field = "--data-dir" if given else "ACCUEIL_TI_HOME (the data folder)"
    path = Path(given) if given else default_data_dir()
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
        return resolve_data_dir(args or argparse.Namespace()) / LOG_FILENAME
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


# --------------------------------------------------------------------------- output


def write_json(out: IO[str], value: Any, *, pretty: bool) -> None:
    """``value`` as one JSON document (indented with ``pretty``, else on one line)."""
    if pretty:
        out.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n")


def out_target(path: str) -> Path:
    """The file ``--out PATH`` writes, checked before any work is done.

    A symbolic link is written through: its target is replaced, the link stays.
    """
    given = Path(path)
    if not path or "\x00" in path:
        raise UsageError(f"--out: {path!r} is not allowed; expected a file path")
    try:
        target = Path(os.path.realpath(given))
        if target.is_symlink():  # realpath stops on a loop of links
            raise UsageError(f"--out: {path} is a symbolic link that leads to no file (a loop); "
                             "expected a file path")
        if given.is_dir() or target.is_dir():
            raise UsageError(f"--out: {path} is a folder; expected a file path (a new file, or "
                             "one to replace)")
        if not target.parent.is_dir():
            raise UsageError(f"--out: {target.parent} is not a folder; expected a path in an "
                             "existing folder")
    except OSError as exc:  # a link loop, a name too long, a folder we may not look into
        raise UsageError(f"--out: {path} cannot be used ({reason(exc)}); expected a file path "
                         "in an existing folder") from None
    return target


def _write_failed(path: str, exc: OSError) -> OperationFailed:
    return OperationFailed(f"--out: {path} could not be written ({reason(exc)}); nothing was "
                           "written there")


@contextmanager
def atomic_file(path: str, *, binary: bool = False) -> Iterator[IO[Any]]:
    """A file written next to its destination, then moved in place: never half a file.

    Through a symbolic link the link's target is replaced; a device or a pipe (``/dev/stdout``)
    is written as it is. A write error (disk full…) leaves the destination as it was.
    """
    target = out_target(path)
    mode, encoding = ("wb", None) if binary else ("w", "utf-8")
    if Path(path).exists() and not Path(path).is_file():  # /dev/stdout, a pipe, a terminal
        try:
            with open(path, mode, encoding=encoding) as fh:
                yield fh
        except (BrokenPipeError, KeyboardInterrupt):
            raise
        except OSError as exc:
            if exc.filename not in (None, path):
                raise
            raise _write_failed(path, exc) from None
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OperationFailed(f"--out: cannot write in the folder {target.parent} "
                              f"({reason(exc)}); expected a folder this user may write in") \
            from None
    try:
        try:
            fh = (os.fdopen(fd, "wb") if binary
                  else os.fdopen(fd, "w", encoding="utf-8", newline="\n"))
        except BaseException:
            os.close(fd)
            raise
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():  # keep the permissions of the file replaced
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if (isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError)
                and exc.filename in (None, tmp, str(target))):
            raise _write_failed(path, exc) from None
        raise


def write_json_lines(out: IO[str], records: Iterable[Any]) -> int:
    """Each record as one line of compact JSON (UTF-8 text kept as is); how many."""
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        count += 1
    return count


@contextmanager
def output(path: str | None) -> Iterator[IO[str]]:
    """stdout, or a file replaced atomically."""
    if path in (None, "-"):
        yield sys.stdout
        return
    with atomic_file(path) as fh:
        yield fh
