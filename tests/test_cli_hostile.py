"""Every sub-command fed hostile arguments and inputs: never a Python traceback, an exit code of
0, 1 or 2 only, and a failure said in one line (`import` lists its bad lines, one a line, under
a one-line header, as the contract asks).

In-process through ``app.cli.main`` (fast, with hypothesis-generated JSON and text), and a
handful through the installed ``accueil-ti`` in a real process."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from keyring.backend import KeyringBackend

from app.cli import main
from app.cli import store as cli_store
from app.cli.common import LOG_FILENAME
from app.models import database
from app.models.database import DB_FILENAME, Store
from app.sync import http as sync_http
from tests.forms.test_scenarios import SCENARIOS
from tests.profiles import examples
from tests.server.conftest import PASSWORD, Server
from tests.server.conftest import fast_password_hashing as fast_password_hashing  # noqa: F401
from tests.sync.conftest import central as central  # noqa: F401 (fixture)
from tests.sync.conftest import new_dossier

SITUATION: dict[str, Any] = SCENARIOS[0]["situation"]
SERVER = "http://testserver"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
CLI = Path(sys.executable).with_name("accueil-ti")
HOSTILE = settings(max_examples=examples(60), deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture,
                                          HealthCheck.too_slow])
LISTED = re.compile(r"(line \d+: .*|… and \d+ more bad lines)")


# --- the contract, checked on every run --------------------------------------------------------


@dataclass
class Run:
    code: int
    out: str
    err: str


def check(run: Run, *, codes: tuple[int, ...] = (0, 1, 2), unexpected: bool = False) -> Run:
    """The contract of every run: an allowed exit code, no traceback, a failure in one line."""
    shown = f"exit {run.code}\nstdout: {run.out[-2000:]}\nstderr: {run.err[-2000:]}"
    assert run.code in codes, shown
    assert "Traceback" not in run.out and "Traceback" not in run.err, shown
    if run.code != 0:
        lines = run.err.splitlines()
        assert lines and lines[0].startswith("accueil-ti: "), shown
        if len(lines) > 1:  # only import's list of bad lines, announced by its header
            assert lines[0].endswith(("bad line:", "bad lines:")), shown
            assert all(LISTED.fullmatch(line) for line in lines[1:]), shown
    if not unexpected:  # the safety net is for bugs, not for inputs we can foresee
        assert "unexpected error" not in run.err, shown
    return run


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
        ) -> Callable[..., Run]:
    """``cli(*argv, stdin=b"", codes=(0, 1, 2))``: ``main(argv)`` in this process, checked."""

    def run(*argv: str, stdin: bytes | str = b"", codes: tuple[int, ...] = (0, 1, 2),
            unexpected: bool = False) -> Run:
        data = stdin if isinstance(stdin, bytes) else stdin.encode("utf-8", "surrogatepass")
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
        capsys.readouterr()
        code = main(list(argv))
        out, err = capsys.readouterr()
        return check(Run(code, out, err), codes=codes, unexpected=unexpected)

    return run


def real_process(*argv: str, stdin: bytes = b"", env: dict[str, str] | None = None,
                 codes: tuple[int, ...] = (0, 1, 2)) -> Run:
    """The installed console script (or ``python -m app`` without one), checked."""
    command = [str(CLI)] if CLI.exists() else [sys.executable, "-m", "app"]
    proc = subprocess.run([*command, *argv], input=stdin, capture_output=True, timeout=120,
                          env=env or dict(os.environ), check=False)
    return check(Run(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                     proc.stderr.decode("utf-8", "replace")), codes=codes)


# --- hostile JSON ------------------------------------------------------------------------------

# Text as JSON can carry it: any code point, lone surrogates included (« \ud800 »), controls,
# line separators.
any_text = st.text(st.characters(codec=None, categories=None), max_size=30) | st.sampled_from(
    ["", "\ud800", "x\udc80y", "\x00", "a\nb", "\u2028", "\x1c", "9" * 400, "é" * 300])
huge_numbers = st.sampled_from(["9" * 5000, "-" + "9" * 4301, "1e999", "-1e999", "1e-999",
                                "NaN", "Infinity", "-Infinity", str(2**63), str(2**31 - 1),
                                str(-(2**63) - 1), "0.1e400"])
scalars = (st.none() | st.booleans() | st.integers()
           | st.floats(allow_nan=False, allow_infinity=False) | any_text)
json_values = st.recursive(
    scalars, lambda children: st.lists(children, max_size=4)
    | st.dictionaries(any_text, children, max_size=4), max_leaves=12)


def dumps(value: Any) -> str:
    """JSON text of ``value`` (ASCII: lone surrogates travel as « \\ud800 » escapes)."""
    return json.dumps(value, allow_nan=False)


@st.composite
def raw_json_texts(draw: st.DrawFn) -> str:
    """JSON-ish text: valid documents, deep nesting, huge numbers spliced in, broken ends."""
    kind = draw(st.sampled_from(["value", "nested", "number", "broken"]))
    if kind == "value":
        return dumps(draw(json_values))
    if kind == "nested":
        depth = draw(st.sampled_from([63, 64, 65, 200, 999, 1000, 5000, 100_000]))
        opening, closing = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
        return opening * depth + "1" + closing * depth
    if kind == "number":
        return '{"date": "2026-11-22", "profile": {"foyer": ' + draw(huge_numbers) + "}}"
    text = dumps(draw(json_values))
    return text[: draw(st.integers(0, len(text)))] + draw(any_text)


def paths_of(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path into a JSON document (keys and list indexes)."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths_of(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths_of(child, (*prefix, index))


def replaced(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = json.loads(json.dumps(document))
    parent = copy
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return copy


RAW_HOSTILE = ["9" * 5000, "[" * 3000 + "]" * 3000, "NaN", "1e999", '"\\ud800"', '"a\\u0000b"']
hostile_json = json_values.map(dumps) | st.sampled_from(RAW_HOSTILE)


@st.composite
def mutated(draw: st.DrawFn, document: Any) -> str:
    """``document`` as JSON text with one value replaced, or one key added, hostile."""
    path = draw(st.sampled_from(list(paths_of(document))))
    if draw(st.booleans()):  # a key added to an object (unknown, or one the store owns)
        objects = [p for p in paths_of(document) if isinstance(_at(document, p), dict)]
        path = (*draw(st.sampled_from(objects)),
                draw(any_text | st.sampled_from(["role", "owner", "id", "revision"])))
    marker = "\x00HOSTILE\x00"
    return dumps(replaced(document, path, marker)).replace(dumps(marker), draw(hostile_json))


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


# CSV-like text for the file inputs: separators, quotes, BOMs, encodings, binary.
csv_like = st.lists(st.lists(any_text | st.sampled_from(["source", "siret", '"', "'", ";;"]),
                             max_size=5).map(lambda cells: st_join(cells)),
                    max_size=5).map("\n".join)


def st_join(cells: list[str]) -> str:
    return ";".join(cells) if len(cells) % 2 else ",".join(cells)


file_bytes = (csv_like.map(lambda t: t.encode("utf-8", "surrogatepass"))
              | csv_like.map(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8", "replace"))
              | csv_like.map(lambda t: t.encode("cp1252", "replace"))
              | st.binary(max_size=200)
              | raw_json_texts().map(lambda t: t.encode("utf-8", "surrogatepass")))


# --- evaluate ----------------------------------------------------------------------------------


@HOSTILE
@given(text=raw_json_texts())
def test_evaluate_any_json_is_a_result_or_one_line(cli: Callable[..., Run], text: str) -> None:
    cli("evaluate", "-", stdin=text, codes=(0, 2))
    cli("evaluate", "--jsonl", stdin=text.replace("\n", " ") + "\n" + dumps(SITUATION),
        codes=(0, 2))


@HOSTILE
@given(text=mutated(SITUATION))
def test_evaluate_a_situation_with_one_hostile_value(cli: Callable[..., Run],
                                                     text: str) -> None:
    run = cli("evaluate", "-", stdin=text, codes=(0, 2))
    if run.code == 0:
        assert json.loads(run.out)["questionnaire"]
    run = cli("evaluate", "--jsonl", stdin=dumps(SITUATION) + "\n" + text + "\n",
              codes=(0, 2))
    assert run.code == 2 or len(run.out.splitlines()) == 2
    if run.code == 2:
        assert run.out == "" and run.err.startswith("accueil-ti: line 2")


@HOSTILE
@given(data=file_bytes)
def test_evaluate_any_file(cli: Callable[..., Run], tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "situation.json"
    path.write_bytes(data)
    cli("evaluate", str(path), codes=(0, 2))
    cli("evaluate", "--jsonl", str(path), codes=(0, 2))


@pytest.mark.parametrize(("text", "expected"), [
    ("[" * 100_000 + "]" * 100_000, "input: nested too deeply"),
    ("[" * 200 + "]" * 200, "[0]"),
    ('{"date": ' + "9" * 5000 + "}", "input: a number is too long"),
    ('{"date": NaN}', "input: NaN is not allowed"),
    ('{"date": "\\ud800"}', "date: not valid Unicode text"),
])
def test_evaluate_names_what_is_wrong(cli: Callable[..., Run], text: str,
                                      expected: str) -> None:
    run = cli("evaluate", stdin=text, codes=(2,))
    assert run.err.startswith(f"accueil-ti: {expected}")
    run = cli("evaluate", "--jsonl", stdin=dumps(SITUATION) + "\n" + text, codes=(2,))
    assert run.err.startswith(f"accueil-ti: line 2: {expected.removeprefix('input: ')}")


def test_evaluate_stdin_that_is_not_utf8(cli: Callable[..., Run]) -> None:
    run = cli("evaluate", stdin=b'{"date": "\xff"}', codes=(2,))
    assert "not valid UTF-8" in run.err


def test_jsonl_lines_are_cut_at_newlines_only(cli: Callable[..., Run]) -> None:
    # U+2028 is allowed raw inside a JSON string: it does not end a line.
    situation = dict(SITUATION, note="a\u2028b\x1cc")
    run = cli("evaluate", "--jsonl", stdin=json.dumps(situation, ensure_ascii=False) + "\r\n",
              codes=(0, 2))
    assert "not valid JSON" not in run.err


# --- paths given as FILE, --out and --data-dir -------------------------------------------------


@pytest.fixture
def unwritable(tmp_path: Path) -> Iterator[Path]:
    """A folder this process cannot write in (root ignores permissions: /proc, then)."""
    if IS_ROOT:
        if not Path("/proc/self").is_dir():
            pytest.skip("as root without /proc there is no folder root cannot write in")
        yield Path("/proc")
        return
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


def hostile_files(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "a-folder").mkdir(exist_ok=True)
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    loop = tmp_path / "loop"
    if not loop.is_symlink():
        loop.symlink_to(loop)
    dangling = tmp_path / "dangling"
    if not dangling.is_symlink():
        dangling.symlink_to(tmp_path / "nowhere" / "x")
    return {"folder": tmp_path / "a-folder", "missing": tmp_path / "missing.json",
            "under a file": tmp_path / "a-file" / "x.json", "link loop": loop,
            "dangling link": dangling, "long name": tmp_path / ("n" * 300)}


def test_file_arguments_that_are_not_files(cli: Callable[..., Run], tmp_path: Path,
                                           keyring_backend: KeyringBackend) -> None:
    for path in hostile_files(tmp_path).values():
        for argv in (["evaluate", str(path)], ["evaluate", "--jsonl", str(path)],
                     ["import", str(path), "--data-dir", str(tmp_path / "data")]):
            cli(*argv, codes=(2,))


@pytest.fixture
def demo_dir(tmp_path: Path, cli: Callable[..., Run],
             keyring_backend: KeyringBackend) -> Path:
    data_dir = tmp_path / "demo"
    cli("demo", "--dossiers", "12", "--seed", "3", "--data-dir", str(data_dir), codes=(0,))
    return data_dir


def numbers_of(cli: Callable[..., Run], data_dir: Path) -> list[str]:
    run = cli("export", "--data-dir", str(data_dir), codes=(0,))
    return [json.loads(line)["number"] for line in run.out.splitlines()]


def out_commands(data_dir: Path, number: str, central_url: str) -> dict[str, list[str]]:
    return {"export": ["export", "--data-dir", str(data_dir)],
            "pdf": ["pdf", number, "--kind", "consent", "--data-dir", str(data_dir)],
            "admin export": ["admin", "export", "--database", central_url]}


@pytest.fixture
def central_url(tmp_path: Path, cli: Callable[..., Run]) -> str:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    cli("admin", "stats", "--database", url, codes=(0,))
    return url


def test_out_that_cannot_be_written_is_one_line_and_nothing_written(
        cli: Callable[..., Run], tmp_path: Path, demo_dir: Path, central_url: str,
        unwritable: Path) -> None:
    number = numbers_of(cli, demo_dir)[0]
    paths = hostile_files(tmp_path)
    cases = {"folder": (paths["folder"], 2, "is a folder"),
             "missing folder": (tmp_path / "no-such" / "x.out", 2, "is not a folder"),
             "under a file": (paths["under a file"], 2, "is not a folder"),
             "link loop": (paths["link loop"], 2, "a loop"),
             "dangling link into a missing folder": (paths["dangling link"], 2, "--out:"),
             "unwritable folder": (unwritable / "x.out", 1, "--out: cannot write in"),
             "name too long": (paths["long name"], 2, "--out:")}
    before = sorted(p.name for p in tmp_path.iterdir())
    for command, argv in out_commands(demo_dir, number, central_url).items():
        for case, (path, code, message) in cases.items():
            run = cli(*argv, "--out", str(path), codes=(code,))
            assert message in run.err, (command, case, run)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no temporary file left


def test_out_through_a_symlink_replaces_the_target_and_keeps_the_link(
        cli: Callable[..., Run], tmp_path: Path, demo_dir: Path, central_url: str) -> None:
    number = numbers_of(cli, demo_dir)[0]
    for command, argv in out_commands(demo_dir, number, central_url).items():
        target = tmp_path / "targets" / f"{command.replace(' ', '-')}.out"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(b"old")
        target.chmod(0o640)
        link = tmp_path / f"link-to-{target.name}"
        link.symlink_to(target)
        chain = tmp_path / f"chain-to-{target.name}"
        chain.symlink_to(link)
        cli(*argv, "--out", str(chain), codes=(0,))
        assert chain.is_symlink() and link.is_symlink()
        assert os.readlink(link) == str(target)
        assert target.read_bytes() != b"old"
        assert target.stat().st_mode & 0o777 == 0o640  # the replaced file's permissions kept
        # A dangling link gets its target created.
        dangling = tmp_path / f"dangling-{target.name}"
        dangling.symlink_to(tmp_path / "targets" / f"new-{target.name}")
        cli(*argv, "--out", str(dangling), codes=(0,))
        assert dangling.is_symlink() and dangling.resolve().is_file()
    assert not list((tmp_path / "targets").glob(".*.tmp"))


class FullDisk:
    """A file object that takes ``room`` bytes, then fails as a full disk does."""

    def __init__(self, inner: Any, room: int) -> None:
        self.inner, self.room = inner, room

    def write(self, data: Any) -> int:
        if len(data) > self.room:
            self.inner.write(data[: self.room])
            self.inner.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(data)
        return int(self.inner.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def __enter__(self) -> FullDisk:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.inner.close()


def no_space(*args: Any) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("when", ["write", "fsync"])
def test_a_full_disk_while_writing_out_leaves_the_old_file_and_no_partial_one(
        cli: Callable[..., Run], tmp_path: Path, demo_dir: Path, central_url: str,
        monkeypatch: pytest.MonkeyPatch, when: str) -> None:
    number = numbers_of(cli, demo_dir)[0]
    printed_before = printed(cli, demo_dir, number)
    real_fdopen = os.fdopen
    for command, argv in out_commands(demo_dir, number, central_url).items():
        if command == "admin export" and when == "write":
            continue  # an empty central store writes no byte: the disk fills at fsync
        folder = tmp_path / command.replace(" ", "-")
        folder.mkdir()
        kept = folder / "kept.out"
        kept.write_bytes(b"previous content")
        with monkeypatch.context() as patch:
            if when == "write":
                patch.setattr(os, "fdopen",
                              lambda *a, **k: FullDisk(real_fdopen(*a, **k), room=100))
            else:
                patch.setattr(os, "fsync", no_space)
            for out in (kept, folder / "new.out"):
                run = cli(*argv, "--out", str(out), codes=(1,))
                assert run.err == (f"accueil-ti: --out: {out} could not be written (No space "
                                   "left on device); nothing was written there\n")
        assert kept.read_bytes() == b"previous content"
        assert sorted(p.name for p in folder.iterdir()) == ["kept.out"]
    # The print was not recorded: the document never reached the disk.
    assert printed(cli, demo_dir, number) == printed_before


def printed(cli: Callable[..., Run], data_dir: Path, number: str) -> list[Any]:
    export = cli("export", "--data-dir", str(data_dir), codes=(0,)).out
    return list(next(json.loads(line) for line in export.splitlines()
                     if json.loads(line)["number"] == number).get("printed", []))


@pytest.mark.parametrize("case", ["is a file", "under a file", "nul", "unwritable",
                                  "name too long"])
def test_data_dir_that_cannot_be_one(cli: Callable[..., Run], tmp_path: Path,
                                     keyring_backend: KeyringBackend, unwritable: Path,
                                     case: str) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    data_dir, code = {"is a file": (tmp_path / "a-file", 2),
                      "under a file": (tmp_path / "a-file" / "sub" / "data", 2),
                      "nul": (tmp_path / "a\x00b", 2),
                      "unwritable": (unwritable / "data", 1),
                      "name too long": (tmp_path / ("d" * 300), 1)}[case]
    for argv in (["export"], ["import", "-"], ["demo", "--dossiers", "1"],
                 ["pdf", "TI-BRE-02-2026-000001", "--kind", "summary", "--out",
                  str(tmp_path / "x.pdf")],
                 ["sync", "--server", SERVER], ["serve", "--port", "1"],
                 ["admin", "stats"]):
        run = cli(*argv, "--data-dir", str(data_dir), codes=(1, 2))
        if argv[0] != "sync":  # sync may first say there is no token to sync with
            assert run.code == code, (argv, run)
        assert "--data-dir" in run.err or "data folder" in run.err or "token" in run.err \
            or "database" in run.err, (argv, run)


# --- import ------------------------------------------------------------------------------------


@pytest.fixture
def export_line(demo_dir: Path, cli: Callable[..., Run]) -> dict[str, Any]:
    run = cli("export", "--data-dir", str(demo_dir), codes=(0,))
    return dict(json.loads(run.out.splitlines()[0]))


@HOSTILE
@given(data=st.data())
def test_import_a_dossier_with_one_hostile_value(cli: Callable[..., Run], tmp_path: Path,
                                                 export_line: dict[str, Any],
                                                 data: st.DataObject) -> None:
    text = data.draw(mutated(export_line))
    target = tmp_path / "target"
    run = cli("import", "-", "--data-dir", str(target), stdin=text + "\n", codes=(0, 2))
    if run.code == 2:
        assert run.out == ""


@HOSTILE
@given(data=file_bytes)
def test_import_any_file(cli: Callable[..., Run], tmp_path: Path,
                         keyring_backend: KeyringBackend, data: bytes) -> None:
    path = tmp_path / "dossiers.jsonl"
    path.write_bytes(data)
    cli("import", str(path), "--data-dir", str(tmp_path / "target"), codes=(0, 2))


def test_import_lists_hostile_lines_one_a_line(cli: Callable[..., Run], tmp_path: Path,
                                               export_line: dict[str, Any]) -> None:
    lines = ["[" * 100_000 + "]" * 100_000, '{"revision": ' + "9" * 5000 + "}",
             json.dumps(dict(export_line, number="a\nb\u2028c")),
             json.dumps(dict(export_line, identity=dict(export_line["identity"],
                                                        nom="\ud800"))),
             '{"id": NaN}', "\x00", json.dumps([export_line])]
    run = cli("import", "--data-dir", str(tmp_path / "target"),
              stdin="\n".join(lines) + "\n", codes=(2,))
    assert run.err.startswith(f"accueil-ti: nothing imported, {len(lines)} bad lines:")
    assert [line.split(":")[0] for line in run.err.splitlines()[1:]] == [
        f"line {n}" for n in range(1, len(lines) + 1)]
    assert not (tmp_path / "target").exists()


@pytest.fixture
def small_disk(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    """``small_disk(pages)``: from now on every new connection to a local store may grow its
    database by ``pages`` pages only; SQLite itself then answers SQLITE_FULL (« database or disk
    is full »), as on a full disk."""

    original = database._on_connect

    def limit(pages: int) -> None:
        def on_connect(dbapi_connection: Any, record: Any) -> None:
            original(dbapi_connection, record)
            cursor = dbapi_connection.cursor()
            count = cursor.execute("PRAGMA page_count").fetchone()[0]
            cursor.execute(f"PRAGMA max_page_count = {count + pages}")
            cursor.close()

        monkeypatch.setattr(database, "_on_connect", on_connect)

    return limit


def test_a_full_disk_during_import_is_one_line_and_nothing_half_written(
        cli: Callable[..., Run], tmp_path: Path, keyring_backend: KeyringBackend,
        small_disk: Callable[[int], None]) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    cli("demo", "--dossiers", "150", "--seed", "8", "--data-dir", str(source), codes=(0,))
    dossiers = cli("export", "--data-dir", str(source), codes=(0,)).out
    lines = dossiers.splitlines()
    cli("import", "--data-dir", str(target), stdin="\n".join(lines[:5]) + "\n", codes=(0,))
    before = cli("export", "--data-dir", str(target), codes=(0,)).out
    small_disk(8)
    run = cli("import", "--data-dir", str(target), stdin=dossiers, codes=(1,))
    assert run.err.startswith("accueil-ti: nothing imported:")
    assert "database or disk is full" in run.err and str(target / DB_FILENAME) in run.err
    after = cli("export", "--data-dir", str(target), codes=(0,)).out
    assert after == before
    # Room again: the same import goes through, all of it.
    small_disk(100_000)
    run = cli("import", "--data-dir", str(target), stdin=dossiers, codes=(0,))
    assert run.out.strip() == "import: 145 created, 0 updated, 5 skipped"


def test_a_full_disk_during_demo_or_pdf_is_one_line(
        cli: Callable[..., Run], tmp_path: Path, demo_dir: Path,
        small_disk: Callable[[int], None]) -> None:
    number = numbers_of(cli, demo_dir)[0]
    before = cli("export", "--data-dir", str(demo_dir), codes=(0,)).out
    small_disk(0)
    run = cli("demo", "--dossiers", "300", "--seed", "3", "--data-dir", str(demo_dir),
              codes=(1,))
    assert "database or disk is full" in run.err
    cli("pdf", number, "--kind", "summary", "--out", str(tmp_path / "s.pdf"),
        "--data-dir", str(demo_dir), codes=(0, 1))
    small_disk(100_000)
    after = cli("export", "--data-dir", str(demo_dir), codes=(0,)).out
    assert len(after.splitlines()) == len(before.splitlines())


# --- the local database and its write-ahead log ------------------------------------------------


@pytest.mark.parametrize("damage", ["emptied", "deleted"])
def test_a_database_lost_beside_its_wal_is_refused(cli: Callable[..., Run], demo_dir: Path,
                                                   damage: str) -> None:
    db = demo_dir / DB_FILENAME
    wal = demo_dir / f"{DB_FILENAME}-wal"
    holder = database.open_store(demo_dir)  # holds the log open, as a running app does
    try:
        cli("demo", "--dossiers", "20", "--seed", "3", "--data-dir", str(demo_dir), codes=(0,))
        log = wal.read_bytes()
    finally:
        holder.close()
    assert log and not wal.exists()  # a clean close checkpoints and removes the log
    if damage == "emptied":
        db.write_bytes(b"")
    else:
        db.unlink()
    wal.write_bytes(log)
    for argv in (["export"], ["demo", "--dossiers", "1"], ["import", "-"]):
        run = cli(*argv, "--data-dir", str(demo_dir), codes=(1,))
        assert str(db) in run.err and f"{DB_FILENAME}-wal" in run.err
        assert "Put the lost" in run.err and "restore a backup" in run.err
    assert wal.read_bytes() == log  # the log is left as it was, for whoever restores
    assert db.exists() == (damage == "emptied") and (not db.exists() or db.stat().st_size == 0)


# --- pdf and demo arguments --------------------------------------------------------------------


@settings(max_examples=examples(40), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dossier=any_text, organisme=st.none() | any_text, agent=st.none() | any_text,
       kind=st.sampled_from(["summary", "letter", "consent", "access", "x"]))
def test_pdf_any_arguments(cli: Callable[..., Run], tmp_path: Path, demo_dir: Path,
                           dossier: str, organisme: str | None, agent: str | None,
                           kind: str) -> None:
    argv = ["pdf", dossier, "--kind", kind, "--out", str(tmp_path / "doc.pdf"),
            "--data-dir", str(demo_dir)]
    if organisme is not None:
        argv += ["--organisme", organisme]
    if agent is not None:
        argv += ["--agent", agent]
    cli(*argv, codes=(2,))


def test_pdf_of_a_real_dossier_with_hostile_agent_and_organisme(
        cli: Callable[..., Run], tmp_path: Path, demo_dir: Path) -> None:
    number = numbers_of(cli, demo_dir)[0]
    out = str(tmp_path / "doc.pdf")
    for extra in (["--agent", "\ud800"], ["--agent", "a\nb"], ["--organisme", "\x00"],
                  ["--organisme", "urssaf\ud800"], ["--agent", "x" * 10_000]):
        cli("pdf", number, "--kind", "letter", "--out", out, "--data-dir", str(demo_dir),
            *extra)


@pytest.mark.parametrize("argv", [
    ["--dossiers", "0"], ["--dossiers", "-1"], ["--dossiers", "abc"], ["--dossiers", "1e3"],
    ["--dossiers", "9" * 5000], ["--dossiers", "2000000"], ["--dossiers"],
    ["--dossiers", "1", "--seed", "9" * 5000], ["--dossiers", "1", "--seed", "x"],
    ["--dossiers", "1", "--as-of", "2026-02-30"], ["--dossiers", "1", "--as-of", "\ud800"],
    ["--dossiers", "1", "--as-of", "9" * 5000], ["--dossiers", "1", "--unknown"],
])
def test_demo_bad_arguments(cli: Callable[..., Run], tmp_path: Path,
                            keyring_backend: KeyringBackend, argv: list[str]) -> None:
    cli("demo", *argv, "--data-dir", str(tmp_path / "data"), codes=(2,))
    assert not (tmp_path / "data").exists()


# --- serve, admin, login, sync -----------------------------------------------------------------


@pytest.mark.parametrize(("argv", "expected"), [
    (["--port", "99999"], "--port: 99999 is not allowed; expected 1 to 65535"),
    (["--port", "0"], "--port: 0 is not allowed; expected 1 to 65535"),
    (["--port", "-1"], "--port"),
    (["--port", "abc"], "--port: 'abc' is not allowed"),
    (["--port", "9" * 5000], "--port"),
    (["--host", "exa mple", "--port", "1"], "--host: 'exa mple'"),
    (["--host", "", "--port", "1"], "--host"),
    (["--host", "\x00", "--port", "1"], "--host"),
    (["--host", "999.1.1.1", "--port", "1"], "--host"),
    (["--host", "192.0.2.1", "--port", "1"], "--host: '192.0.2.1' is not an address of this"),
    (["--database", "nosuch://x"], "--database: nosuch://x cannot be used"),
    (["--database", "sqlite://"], "--database"),
    (["--database", "not a url"], "--database"),
    (["--database", "postgresql+nosuchdriver://h/x"], "--database"),
])
def test_serve_bad_arguments(cli: Callable[..., Run], tmp_path: Path, argv: list[str],
                             expected: str) -> None:
    run = cli("serve", *argv, "--data-dir", str(tmp_path / "data"), codes=(2,))
    assert run.err.startswith(f"accueil-ti: {expected}")


def test_serve_on_a_database_it_cannot_open_or_a_port_in_use(cli: Callable[..., Run],
                                                             tmp_path: Path) -> None:
    import socket

    run = cli("serve", "--database", "postgresql+psycopg://postgres@127.0.0.1:1/x",
              codes=(1,))
    assert "cannot be reached or opened" in run.err
    (tmp_path / "not-a-db").write_bytes(b"plain text, not SQLite" * 100)
    run = cli("serve", "--database", f"sqlite:///{tmp_path / 'not-a-db'}", codes=(1,))
    assert "not-a-db" in run.err
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        run = cli("serve", "--database", f"sqlite:///{tmp_path / 'c.db'}", "--port",
                  str(port), codes=(1,))
    assert f"cannot listen on 127.0.0.1 port {port}" in run.err


BAD_DATABASES = [
    ("nosuch://x", 2), ("x", 2), ("", 2), ("sqlite://", 2), ("sqlite:///:memory:", 2),
    ("postgresql+psycopg2://u@127.0.0.1/x", 2), ("mysql://u@127.0.0.1/x", 2),
    ("postgresql+psycopg://postgres@127.0.0.1:99999/x", 2),
    ("postgresql+psycopg://postgres@127.0.0.1:abc/x", 2), ("\x00", 2),
    ("postgresql+psycopg://postgres@127.0.0.1:1/x", 1),
    ("postgresql+psycopg://postgres:secret@127.0.0.1:1/x", 1),
    ("sqlite:////proc/no/such/folder/x.db", 1),
]


@pytest.mark.parametrize(("url", "code"), BAD_DATABASES)
def test_admin_with_a_bad_or_unreachable_database(cli: Callable[..., Run], tmp_path: Path,
                                                  url: str, code: int) -> None:
    for argv in (["stats"], ["export"], ["export", "--out", str(tmp_path / "x.jsonl")],
                 ["create-agent", "--login", "a.b", "--organisme", "urssaf", "--site", "BRE",
                  "--role", "accueil", "--password-stdin"]):
        run = cli("admin", *argv, "--database", url, "--data-dir", str(tmp_path / "d"),
                  stdin="long enough\n", codes=(code,) if url else (0, 2))
        if url:
            assert "database" in run.err
        assert "secret" not in run.err  # a password in the URL is never printed
    assert not (tmp_path / "x.jsonl").exists() or not url


@settings(max_examples=examples(30), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tail=any_text.filter(lambda t: not set(t) & set("/?@:#\\\x00") and ".." not in t))
def test_admin_any_database_url(cli: Callable[..., Run], tmp_path: Path, tail: str) -> None:
    # Nothing here can reach another machine: no host but 127.0.0.1 port 1, no path out of
    # tmp_path.
    for url in (f"nosuch://{tail}", f"postgresql+psycopg://postgres@127.0.0.1:1/{tail}",
                f"sqlite:///{tmp_path}/{tail}", tail):
        cli("admin", "stats", "--database", url, "--data-dir", str(tmp_path / "d"))


@pytest.mark.postgres
def test_admin_on_postgresql_that_has_no_such_database(cli: Callable[..., Run]) -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:5432/accueil_ti_no_such_database"
    run = cli("admin", "stats", "--database", url, codes=(1,))
    assert "accueil_ti_no_such_database" in run.err


@settings(max_examples=examples(40), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(login=any_text, password=any_text | st.binary(max_size=20), org=any_text,
       site=any_text)
def test_admin_create_agent_any_input(cli: Callable[..., Run], central_url: str, login: str,
                                      password: str | bytes, org: str, site: str) -> None:
    stdin = password if isinstance(password, bytes) else password + "\n"
    for organisme, where in ((org, site), ("urssaf", "BRE")):
        cli("admin", "create-agent", "--database", central_url, "--login", login,
            "--organisme", organisme, "--site", where, "--role", "accueil",
            "--password-stdin", stdin=stdin, codes=(0, 2))


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """``httpx.post`` builds its request (the URL checks are httpx's own) and then cannot
    connect: nothing leaves this machine."""
    tried: list[str] = []

    def post(url: str, **kwargs: Any) -> httpx.Response:
        request = httpx.Request("POST", url, json=kwargs.get("json"))
        tried.append(str(request.url))
        raise httpx.ConnectError("connection refused (test)", request=request)

    monkeypatch.setattr(httpx, "post", post)
    return tried


BAD_SERVERS = ["http://[::1", "http://exa mple", "http://", "https://", "ftp://x", "x",
               "http://a:99999", "http://a:abc", "http://a..b", "http://-a-",
               "http://\ud800", "http://x\x00y", "http://user:pw@host", "http://h/?q=1",
               "", " "]


@pytest.mark.parametrize("server", BAD_SERVERS)
def test_login_and_sync_with_a_malformed_server(cli: Callable[..., Run], tmp_path: Path,
                                                keyring_backend: KeyringBackend,
                                                no_network: list[str], server: str) -> None:
    run = cli("login", "--server", server, "--login", "a.b", "--password-stdin",
              "--data-dir", str(tmp_path / "ws"), stdin="password\n", codes=(2,))
    assert "--server" in run.err
    run = cli("sync", "--server", server, "--data-dir", str(tmp_path / "ws"),
              codes=(1, 2) if not server.strip() else (2,))
    assert no_network == []


def test_sync_with_a_malformed_server_in_the_settings(cli: Callable[..., Run], tmp_path: Path,
                                                      keyring_backend: KeyringBackend) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "settings.ini").write_text("[General]\nserver_url=http://[::1\n", encoding="utf-8")
    run = cli("sync", "--data-dir", str(ws), codes=(2,))
    assert "server_url" in run.err and "settings.ini" in run.err


@pytest.mark.parametrize("stdin", [b"\xff\xfe\n", b"caf\xe9\n", b"", b"\n", b"\x00\n",
                                   b"\xed\xa0\x80\n"])
def test_login_password_that_is_not_a_password(cli: Callable[..., Run], tmp_path: Path,
                                               keyring_backend: KeyringBackend,
                                               no_network: list[str], stdin: bytes) -> None:
    run = cli("login", "--server", "http://127.0.0.1:9", "--login", "a.b", "--password-stdin",
              "--data-dir", str(tmp_path / "ws"), stdin=stdin, codes=(1, 2))
    assert run.code == 2 or "cannot be reached" in run.err
    if stdin.startswith((b"\xff", b"caf", b"\xed")):
        assert "password: not valid UTF-8" in run.err


@settings(max_examples=examples(60), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(server=any_text.map(lambda t: "http://" + t) | any_text, login=any_text)
def test_login_any_server_and_login(cli: Callable[..., Run], tmp_path: Path,
                                    keyring_backend: KeyringBackend, no_network: list[str],
                                    server: str, login: str) -> None:
    cli("login", "--server", server, "--login", login, "--password-stdin",
        "--data-dir", str(tmp_path / "ws"), stdin="password\n", codes=(1, 2))
    cli("sync", "--server", server, "--data-dir", str(tmp_path / "ws"), codes=(1, 2))


@pytest.mark.parametrize(("status", "body"), [
    (200, b"<html>not a central store</html>"), (200, b'{"token": 3}'), (200, b"[]"),
    (200, b'{"token": "t", "agent": "x"}'), (500, b"oops"), (302, b""), (429, b"")])
def test_login_to_something_that_is_not_a_central_store(
        cli: Callable[..., Run], tmp_path: Path, keyring_backend: KeyringBackend,
        monkeypatch: pytest.MonkeyPatch, status: int, body: bytes) -> None:
    monkeypatch.setattr(httpx, "post", lambda url, **kw: httpx.Response(
        status, content=body, request=httpx.Request("POST", url)))
    cli("login", "--server", "http://127.0.0.1:9", "--login", "a.b", "--password-stdin",
        "--data-dir", str(tmp_path / "ws"), stdin="password\n", codes=(0, 1))


@pytest.fixture
def logged_in(cli: Callable[..., Run], store: Store, data_dir: Path, central: Server,
              monkeypatch: pytest.MonkeyPatch) -> Path:
    """``data_dir`` logged in to the test's central store as ``bre``, through the command."""
    def post(url: str, **kwargs: Any) -> httpx.Response:
        kwargs.pop("timeout", None)  # the TestClient does not take one
        return central.client.post(url.removeprefix(SERVER), **kwargs)

    from tests.server.conftest import TestClient

    monkeypatch.setattr(httpx, "post", post)
    monkeypatch.setattr(sync_http, "make_http_client",
                        lambda server: TestClient(central.app, base_url=server))
    run = cli("login", "--server", SERVER, "--login", "bre", "--password-stdin", "--data-dir",
              str(data_dir), stdin=PASSWORD + "\n", codes=(0,))
    assert "warning" not in run.err
    return data_dir


@pytest.mark.parametrize("where", ["push request", "pull answer"])
def test_an_unexpected_error_in_a_sync_round_is_one_line_and_the_next_round_runs(
        cli: Callable[..., Run], logged_in: Path, store: Store, central: Server,
        monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    from tests.server.conftest import TestClient

    new_dossier(store)
    failing = {"on": True}
    path = "/sync/push" if where == "push request" else "/sync/pull"

    def fail_request(request: httpx.Request) -> None:
        if failing["on"] and where == "push request" and request.url.path == path:
            raise RuntimeError("the round broke here\n(second line)")

    def fail_response(response: httpx.Response) -> None:
        if failing["on"] and where == "pull answer" and response.request.url.path == path:
            raise RuntimeError("the round broke here\n(second line)")

    def make_http_client(server: str) -> httpx.Client:
        client = TestClient(central.app, base_url=server)
        client.event_hooks = {"request": [fail_request], "response": [fail_response]}
        return client

    monkeypatch.setattr(sync_http, "make_http_client", make_http_client)
    run = cli("sync", "--data-dir", str(logged_in), codes=(1,), unexpected=True)
    assert "RuntimeError: the round broke here (second line)" in run.err
    assert str(logged_in / LOG_FILENAME) in run.err
    assert "Traceback" in (logged_in / LOG_FILENAME).read_text(encoding="utf-8")
    failing["on"] = False
    run = cli("sync", "--data-dir", str(logged_in), codes=(0,))
    assert run.out.startswith("sync: ")
    new_dossier(store, nom="Second")
    cli("sync", "--data-dir", str(logged_in), codes=(0,))
    assert central.client.get("/sync/pull", headers=central.login("bre")).status_code == 200


# --- the safety net ----------------------------------------------------------------------------


def test_an_unforeseen_error_is_one_line_and_its_traceback_goes_to_the_log(
        cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(args: Any) -> int:
        raise LookupError("nobody saw this coming\nsecond line")

    monkeypatch.setattr(cli_store, "cmd_export", broken)
    data_dir = tmp_path / "data"
    run = cli("export", "--data-dir", str(data_dir), codes=(1,), unexpected=True)
    log = data_dir / LOG_FILENAME
    assert run.err == ("accueil-ti: unexpected error (LookupError): nobody saw this coming "
                       f"second line; details in {log}\n")
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "LookupError: nobody saw this coming" in text
    cli("export", "--data-dir", str(data_dir), codes=(1,), unexpected=True)
    assert log.read_text(encoding="utf-8").count("Traceback") == 2  # appended

    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    monkeypatch.setattr(cli_store, "cmd_export", broken)
    monkeypatch.setenv("ACCUEIL_TI_HOME", str(tmp_path / "a-file"))
    run = cli("export", codes=(1,), unexpected=True)
    assert "no log written" in run.err


def test_interrupted_is_130(cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(args: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_store, "cmd_export", interrupted)
    assert main(["export"]) == 130
    assert capsys.readouterr().err == "accueil-ti: interrupted\n"


def test_text_arguments_that_are_not_utf8(cli: Callable[..., Run], tmp_path: Path,
                                          keyring_backend: KeyringBackend) -> None:
    # What Python makes of undecodable bytes in argv: lone surrogates.
    run = cli("admin", "create-agent", "--database", f"sqlite:///{tmp_path / 'c.db'}",
              "--login", "a\udcff", "--organisme", "urssaf", "--site", "BRE", "--role",
              "accueil", "--password-stdin", stdin="long enough\n", codes=(2,))
    assert run.err.startswith("accueil-ti: --login: not valid UTF-8")
    run = cli("pdf", "TI-\udcff", "--kind", "summary", "--out", str(tmp_path / "x.pdf"),
              "--data-dir", str(tmp_path / "d"), codes=(2,))
    assert run.err.startswith("accueil-ti: DOSSIER: not valid UTF-8")


# --- a handful in real processes ---------------------------------------------------------------


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
                XDG_DATA_HOME=str(tmp_path / "xdg"), ACCUEIL_TI_HOME=str(tmp_path / "home"))


def test_real_processes(tmp_path: Path, env: dict[str, str]) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    nested = ("[" * 100_000 + "]" * 100_000).encode()
    big = ('{"revision": ' + "9" * 5000 + "}\n").encode()
    cases: list[tuple[list[str], bytes, int, str]] = [
        (["evaluate", "-"], nested, 2, "input: nested too deeply"),
        (["evaluate", "--jsonl"], big, 2, "line 1: a number is too long"),
        (["import", "-"], big, 2, "line 1: a number is too long"),
        (["pdf", "X", "--kind", "summary", "--out", str(tmp_path)], b"", 2, "is a folder"),
        (["login", "--server", "http://[::1", "--login", "a", "--password-stdin"], b"pw\n", 2,
         "--server"),
        (["login", "--server", "http://127.0.0.1:9", "--login", "a", "--password-stdin"],
         b"\xff\xfe\n", 2, "password: not valid UTF-8"),
        (["export", "--data-dir", str(tmp_path / "a-file" / "sub")], b"", 2, "--data-dir"),
        (["admin", "stats", "--database", "nosuch://x"], b"", 2, "--database"),
        (["admin", "stats", "--database", "postgresql+psycopg://postgres@127.0.0.1:1/x"], b"",
         1, "cannot be reached"),
        (["serve", "--port", "99999"], b"", 2, "--port: 99999 is not allowed; expected 1 to "
                                               "65535"),
        (["sync", "--server", "http://exa mple"], b"", 2, "--server"),
        (["demo", "--dossiers", "0"], b"", 2, "--dossiers"),
    ]
    for argv, stdin, code, message in cases:
        run = real_process(*argv, stdin=stdin, env=env, codes=(code,))
        assert message in run.err, (argv, run)
        assert run.err.count("\n") == (2 if argv[0] == "import" else 1), (argv, run)


def test_real_process_wal_left_without_its_database(tmp_path: Path,
                                                    env: dict[str, str]) -> None:
    data = tmp_path / "data"
    real_process("demo", "--dossiers", "3", "--data-dir", str(data), env=env, codes=(0,))
    (data / DB_FILENAME).unlink()
    (data / f"{DB_FILENAME}-wal").write_bytes(b"\x37\x7f\x06\x82" + b"\x00" * 4000)
    run = real_process("export", "--data-dir", str(data), env=env, codes=(1,))
    assert run.out == "" and f"{DB_FILENAME}-wal" in run.err
    assert not (data / DB_FILENAME).exists()


def test_a_store_that_cannot_be_decrypted_is_one_line_without_sqlciphers_own_log(
        tmp_path: Path, env: dict[str, str]) -> None:
    data = tmp_path / "data"
    real_process("demo", "--dossiers", "2", "--data-dir", str(data), env=env, codes=(0,))
    (data / DB_FILENAME).write_bytes(b"\x00" * 8192)  # no longer decryptable
    run = real_process("export", "--data-dir", str(data), env=env, codes=(1,))
    assert run.err.count("\n") == 1 and "ERROR CORE" not in run.err
