"""`accueil-ti evaluate --jsonl`: its fast path for well-formed lines gives, byte for byte, what
the plain loop gives (every line through parse_json, parse_situation, evaluate and write_json),
and bad lines the same messages."""

from __future__ import annotations

import io
import json
import random
import sys
import weakref
from datetime import date
from typing import Any

import pytest

from app.cli import main
from app.cli.common import UsageError, numbered_lines, parse_json, write_json
from app.forms.evaluation import SituationError, evaluate, parse_situation
from app.forms.questionnaire import load_questionnaire
from tests.forms.test_scenarios import SCENARIOS

SITUATION = SCENARIOS[0]["situation"]
GOOD = json.dumps(SITUATION)


def reference(text: str) -> tuple[int, str, str]:
    """What the command must print for ``text``: exit code, stdout, stderr, computed the plain
    way, one line at a time through the shared helpers."""
    questionnaire = load_questionnaire()
    out = io.StringIO()
    errors: list[str] = []
    for number, line in numbered_lines(text):
        try:
            situation = parse_situation(questionnaire, parse_json(line, line=number),
                                        today=date.today())
        except UsageError as exc:
            errors.append(str(exc))
            continue
        except SituationError as exc:
            errors.append(f"line {number}: {exc}")
            continue
        write_json(out, evaluate(questionnaire, situation).to_json(), pretty=False)
    if errors:
        message = errors[0] if len(errors) == 1 else f"{len(errors)} bad lines, first: {errors[0]}"
        return 2, "", f"accueil-ti: {message}\n"
    return 0, out.getvalue(), ""


def command(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
            text: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    code = main(["evaluate", "--jsonl"])
    out, err = capsys.readouterr()
    return code, out, err


def random_situations(count: int, seed: int = 3) -> list[dict[str, Any]]:
    """Situations that differ in their answers and ages: many distinct aids with reasons."""
    rng = random.Random(seed)
    questions = load_questionnaire().questions
    out = []
    for _ in range(count):
        year = rng.randrange(1950, 2005)
        profile = dict(SITUATION["profile"], date_naissance=f"{year}-0{rng.randrange(1, 10)}-15",
                       debut_activite=f"{rng.randrange(year + 18, 2026)}-03-01",
                       foyer=rng.randrange(1, 6), activite_principale=rng.random() < 0.8)
        out.append(dict(SITUATION, profile=profile,
                        answers={q.id: rng.choice(q.codes + ("nsp",)) for q in questions}))
    return out


def test_random_lines_are_byte_for_byte_those_of_the_plain_loop(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps(s) for s in random_situations(400)]
    text = "\n".join(lines) + "\n"
    expected = reference(text)
    assert expected[0] == 0 and expected[1].count("\n") == 400
    assert command(capsys, monkeypatch, text) == expected


def test_every_form_of_a_good_line(capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Blank lines, spaces around a line, CRLF, escapes (which the fast path leaves to
    parse_json), a null profile field, the questionnaire named: the same output as the plain
    loop, and one result per non-blank line."""
    escaped = GOOD.replace('"Q01"', '"\\u0051\\u0030\\u0031"').replace('"29"', '"2\\u0039"')
    assert escaped != GOOD and "\\u" in escaped
    named = json.dumps(dict(SITUATION, questionnaire="help-v1"))
    no_foyer = json.dumps(dict(SITUATION, profile=dict(SITUATION["profile"], foyer=None)))
    compact = json.dumps(SITUATION, separators=(",", ":"))
    pretty_nested = json.dumps(dict(SITUATION, profile=dict(SITUATION["profile"])), indent=None)
    text = "\n".join(["", GOOD, "   ", "\t" + GOOD + "  ", GOOD + "\r", escaped, "\r", named,
                      no_foyer, compact, pretty_nested, " \t \r", GOOD]) + "\r\n\n"
    expected = reference(text)
    assert expected[0] == 0 and expected[1].count("\n") == 9
    assert command(capsys, monkeypatch, text) == expected


BAD_LINES = [
    "{oops",
    GOOD + " x",
    GOOD + GOOD,
    "NaN",
    '{"date": NaN}',
    '{"date": -Infinity}',
    '{"date": ' + "9" * 5000 + "}",
    "[" * 70 + "]" * 70,
    "[" * 5000 + "]" * 5000,
    '{"date": "\\ud800"}',
    "\ufeff" + GOOD,
    "null",
    "[]",
    '"situation"',
    "3",
    GOOD.replace('"dette"', '"maybe"'),
    GOOD.replace('"dette"', '"dett\u00e9"'),
    GOOD.replace('"Q01"', '"Q13"'),
    GOOD.replace('"29"', '"\\u0039\\u0039"'),
    json.dumps(dict(SITUATION, date="2026-02-30")),
    json.dumps(dict(SITUATION, questionnaire="help-v0")),
    json.dumps(dict(SITUATION, extra=1)),
]


@pytest.mark.parametrize("bad", BAD_LINES)
def test_a_bad_line_gets_the_same_message(capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    text = "\n".join([GOOD, bad, GOOD])
    expected = reference(text)
    assert expected[0] == 2 and expected[2].startswith("accueil-ti: line 2: ")
    assert command(capsys, monkeypatch, text) == expected


def test_several_bad_lines_are_counted_and_the_first_named(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n".join([GOOD, *BAD_LINES, GOOD])
    expected = reference(text)
    assert expected[2].startswith(f"accueil-ti: {len(BAD_LINES)} bad lines, first: line 2: ")
    assert command(capsys, monkeypatch, text) == expected


def test_small_caches_give_the_same_lines(capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The caches of encoded parts are emptied when full; each line is still right."""
    from app.cli import evaluate as module

    text = "\n".join(json.dumps(s) for s in random_situations(120, seed=5))
    expected = reference(text)
    monkeypatch.setattr(module, "_CACHED_AIDS", 2)
    monkeypatch.setattr(module, "_CACHED_LISTS", 2)
    monkeypatch.setattr(module, "_CHUNK_LINES", 7)
    assert command(capsys, monkeypatch, text) == expected


def test_text_only_standard_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """A standard output without a byte stream (or not in UTF-8) is written as text."""
    from app.cli import evaluate as module

    text = "\n".join(json.dumps(s) for s in random_situations(50, seed=9))
    expected = reference(text)[1]
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert main(["evaluate", "--jsonl"]) == 0
    assert sys.stdout.getvalue() == expected  # type: ignore[attr-defined]
    # main() sets UTF-8 on a text stream; a stream in another encoding still gets text.
    other = io.TextIOWrapper(io.BytesIO(), encoding="utf-16")
    monkeypatch.setattr(sys, "stdout", other)
    module._write_chunks([expected[:1000].encode("utf-8"), expected[1000:].encode("utf-8")])
    other.flush()
    assert other.buffer.getvalue().decode("utf-16") == expected  # type: ignore[attr-defined]


def test_no_result_object_outlives_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only each result's text is kept (issue 18: not every result object alive)."""
    from app.cli import evaluate as module

    results: list[weakref.ref[Any]] = []

    def tracked(questionnaire: Any, situation: Any) -> Any:
        result = evaluate(questionnaire, situation)
        results.append(weakref.ref(result))
        return result

    monkeypatch.setattr(module, "evaluate", tracked)
    text = "\n".join(json.dumps(s) for s in random_situations(200, seed=11))
    chunks = module._evaluate_lines(load_questionnaire(), [text], date.today())
    assert len(results) == 200 and all(ref() is None for ref in results)
    assert all(isinstance(chunk, bytes) for chunk in chunks)
    assert b"".join(chunks).decode("utf-8") == reference(text)[1]


def command_bytes(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                  data: bytes, argv: tuple[str, ...] = ()) -> tuple[int, str, str]:
    """The command on ``data`` as standard input's bytes (read a piece at a time)."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code = main(["evaluate", "--jsonl", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def reference_bytes(data: bytes) -> tuple[int, str, str]:
    """What the command must print for ``data``: read whole by read_input, then the plain
    loop."""
    from app.cli.common import _decode

    try:
        text = _decode(data, "input")
    except UsageError as exc:
        return 2, "", f"accueil-ti: {exc}\n"
    return reference(text)


@pytest.mark.parametrize("read_bytes", [1, 7, 300, 1 << 20])
def test_the_input_read_in_pieces_gives_the_same_lines(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        read_bytes: int) -> None:
    """Standard input is read ``_READ_BYTES`` at a time, cut after a line break: lines longer
    than a piece, blank lines, CRLF, a byte order mark at the start, no final line break."""
    from app.cli import evaluate as module

    monkeypatch.setattr(module, "_READ_BYTES", read_bytes)
    lines = [json.dumps(s, ensure_ascii=False) for s in random_situations(40, seed=13)]
    text = "\ufeff" + "\n".join(lines[:10]) + "\r\n\n  \n" + "\n".join(lines[10:])
    data = text.encode("utf-8")
    expected = reference_bytes(data)
    assert expected[0] == 0 and expected[1].count("\n") == 40
    assert command_bytes(capsys, monkeypatch, data) == expected
    assert command_bytes(capsys, monkeypatch, data + b"\n\n") == expected


@pytest.mark.parametrize("read_bytes", [5, 1 << 20])
def test_bad_lines_in_later_pieces_are_numbered_in_the_whole_input(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        read_bytes: int) -> None:
    from app.cli import evaluate as module

    monkeypatch.setattr(module, "_READ_BYTES", read_bytes)
    # A byte order mark that starts a later line is no byte order mark: a bad line.
    text = "\n".join([GOOD, "", GOOD, "\ufeff" + GOOD, GOOD, "{oops", GOOD])
    expected = reference_bytes(text.encode("utf-8"))
    assert expected[2].startswith("accueil-ti: 2 bad lines, first: line 4: ")
    assert command_bytes(capsys, monkeypatch, text.encode("utf-8")) == expected


@pytest.mark.parametrize("read_bytes", [3, 64, 1 << 20])
@pytest.mark.parametrize("bad", [b"\xff", b"\xc3(", b"\xe2\x80", b"\xed\xa0\x80"])
def test_bad_utf8_in_a_later_piece_gets_its_offset_in_the_whole_input(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        read_bytes: int, bad: bytes) -> None:
    """Bad UTF-8 anywhere wins over bad lines before it, as when the input is read whole."""
    from app.cli import evaluate as module

    monkeypatch.setattr(module, "_READ_BYTES", read_bytes)
    good = GOOD.replace('"dette"', '"dett\u00e9"').encode("utf-8")  # a bad line too
    for data in (b"\n".join([GOOD.encode(), good, b"{" + bad + b"}", GOOD.encode()]),
                 b"\n".join([GOOD.encode(), good, GOOD.encode()]) + b"\n" + bad):
        expected = reference_bytes(data)
        assert expected[0] == 2 and "not valid UTF-8" in expected[2]
        assert command_bytes(capsys, monkeypatch, data) == expected


def test_a_file_is_read_in_pieces_too(tmp_path: Any, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from app.cli import evaluate as module

    monkeypatch.setattr(module, "_READ_BYTES", 100)
    text = "\n".join(json.dumps(s) for s in random_situations(30, seed=17)) + "\n"
    path = tmp_path / "situations.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert main(["evaluate", "--jsonl", str(path)]) == 0
    assert capsys.readouterr() == (reference(text)[1], "")
    path.write_bytes(text.encode("utf-8") + b"\x80\n")
    assert main(["evaluate", "--jsonl", str(path)]) == 2
    assert capsys.readouterr().err == (f"accueil-ti: FILE: not valid UTF-8 (byte 0x80 at offset "
                                       f"{len(text.encode('utf-8'))}); expected UTF-8 text\n")


@pytest.mark.parametrize("name", ["missing.jsonl", "."])
def test_a_file_that_cannot_be_read_gets_the_message_of_read_input(
        tmp_path: Any, capsys: pytest.CaptureFixture[str], name: str) -> None:
    from app.cli.common import read_input

    path = str(tmp_path / name)
    with pytest.raises(UsageError) as raised:
        read_input(path)
    assert main(["evaluate", "--jsonl", path]) == 2
    assert capsys.readouterr() == ("", f"accueil-ti: {raised.value}\n")
