"""`accueil-ti evaluate` as the command-line contract describes it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from tests.forms.test_scenarios import SCENARIOS

SITUATION = SCENARIOS[0]["situation"]


def run(capsys: pytest.CaptureFixture[str], argv: list[str], stdin: str | None = None,
        monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        import io

        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_single_situation_from_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(SITUATION), encoding="utf-8")
    code, out, err = run(capsys, ["evaluate", str(path)])
    assert code == 0 and err == ""
    result = json.loads(out)
    assert result["questionnaire"] == "help-v1"
    assert result["organismes"] == ["urssaf", "caf", "assurance_retraite"]
    assert result["aids"][0] == {"code": "DELAIS_PAIEMENT", "organisme": "urssaf",
                                 "title": "Délais de paiement des cotisations",
                                 "reasons": ["Q01=dette"]}


def test_single_situation_from_stdin(capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(capsys, ["evaluate", "-"], json.dumps(SITUATION), monkeypatch)
    assert code == 0 and json.loads(out)["urgent"] is False


def test_jsonl_keeps_the_order(capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    lines = "\n".join(json.dumps(s["situation"]) for s in SCENARIOS) + "\n\n"
    code, out, _ = run(capsys, ["evaluate", "--jsonl"], lines, monkeypatch)
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [[a["code"] for a in r["aids"]] for r in results] == [
        s["expected"]["aids"] for s in SCENARIOS]


def test_jsonl_bad_line_prints_nothing(capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    bad = dict(SITUATION, answers=dict(SITUATION["answers"], Q05="maybe"))
    lines = [json.dumps(SITUATION), json.dumps(bad), json.dumps(SITUATION)]
    code, out, err = run(capsys, ["evaluate", "--jsonl"], "\n".join(lines), monkeypatch)
    assert code == 2 and out == ""
    assert err.strip() == ("accueil-ti: line 2: Q05: 'maybe' is not an answer; expected one of "
                           "non, oui_sans_arret, arret, arret_long, invalidite, nsp")
    lines.append("{oops")
    code, out, err = run(capsys, ["evaluate", "--jsonl"], "\n".join(lines), monkeypatch)
    assert code == 2 and out == "" and "2 bad lines, first: line 2" in err


@pytest.mark.parametrize(("change", "message"), [
    (lambda s: s["answers"].pop("Q07"), "Q07: missing; expected one of suffisantes, modestes, "
                                        "tres_faibles, nsp"),
    (lambda s: s["answers"].__setitem__("Q05", "maybe"),
     "Q05: 'maybe' is not an answer; expected one of non, oui_sans_arret, arret, arret_long, "
     "invalidite, nsp"),
    (lambda s: s["answers"].__setitem__("Q13", "non"), "answers.Q13: unknown question"),
    (lambda s: s["profile"].__setitem__("statut", "patron"), "profile.statut: 'patron' is not "
                                                            "allowed; expected one of artisan"),
    (lambda s: s["profile"].__setitem__("date_naissance", "1963-02-30"),
     "profile.date_naissance: '1963-02-30' is not a date; expected YYYY-MM-DD"),
    (lambda s: s.__setitem__("date", "22/11/2026"), "date: '22/11/2026' is not a date"),
    (lambda s: s["profile"].__setitem__("activite_principale", "oui"),
     "profile.activite_principale: 'oui' is not allowed; expected true or false"),
    (lambda s: s["profile"].__setitem__("foyer", 0), "profile.foyer: 0 is not allowed; expected "
                                                     "a whole number of at least 1"),
    (lambda s: s["profile"].__setitem__("foyer", 2.5), "profile.foyer: 2.5 is not allowed"),
    (lambda s: s["profile"].__setitem__("departement", 29), "profile.departement: 29 is not "
                                                            "allowed; expected a département"),
    (lambda s: s["profile"].__setitem__("age", 63), "profile.age: unknown field"),
    (lambda s: s.__setitem__("profile", "artisan"), "profile: expected an object"),
    (lambda s: s.__setitem__("answers", ["dette"]), "answers: expected an object"),
    (lambda s: s.pop("answers"), "answers: missing"),
    (lambda s: s.__setitem__("extra", 1), "extra: unknown key"),
    (lambda s: s.__setitem__("questionnaire", "help-v0"), "questionnaire: 'help-v0' is not "
                                                          "supported"),
    (lambda s: s["answers"].__setitem__("Q01", None), "Q01: null is not an answer"),
    (lambda s: s["answers"].__setitem__("Q01", True), "Q01: true is not an answer"),
    (lambda s: s["answers"].__setitem__("Q01", ["dette"]), "Q01: a JSON array is not an answer"),
    (lambda s: s["answers"].__setitem__("Q01", {"v": 1}), "Q01: a JSON object is not an answer"),
])
def test_bad_input_exits_2_naming_the_field(change, message: str,  # type: ignore[no-untyped-def]
                                            capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    situation = json.loads(json.dumps(SITUATION))
    change(situation)
    code, out, err = run(capsys, ["evaluate"], json.dumps(situation), monkeypatch)
    assert code == 2 and out == ""
    assert err.startswith(f"accueil-ti: {message}")
    assert len(err.strip().splitlines()) == 1


def test_not_a_situation(capsys: pytest.CaptureFixture[str],
                         monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(capsys, ["evaluate"], "[1, 2]", monkeypatch)
    assert code == 2 and "situation: expected a JSON object" in err
    code, _, err = run(capsys, ["evaluate"], "{not json", monkeypatch)
    assert code == 2 and "input: not valid JSON" in err


def test_missing_file_and_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, ["evaluate", str(tmp_path / "absent.json")])
    assert code == 2 and "does not exist" in err
    (tmp_path / "latin1.json").write_bytes("{\"é\": 1}".encode("latin-1"))
    code, _, err = run(capsys, ["evaluate", str(tmp_path / "latin1.json")])
    assert code == 2 and "UTF-8" in err
    code, _, err = run(capsys, ["evaluate", "--frob"])
    assert code == 2 and err.strip() == "accueil-ti: unrecognized arguments: --frob"
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0 and "evaluate" in capsys.readouterr().out


def test_console_script_prints_no_traceback() -> None:
    proc = subprocess.run([sys.executable, "-m", "app", "evaluate", "-"],
                          input='{"answers": {"Q01": "peut-être"}}', capture_output=True,
                          text=True, encoding="utf-8", check=False)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("accueil-ti: Q01: 'peut-être' is not an answer")


def _random_lines(count: int) -> list[str]:
    """Situations of the first scenario with random answers (seeded), as JSON lines."""
    import random

    from app.forms.questionnaire import load_questionnaire

    rng = random.Random(7)
    questions = load_questionnaire().questions
    return [json.dumps(dict(SITUATION, answers={q.id: rng.choice(q.codes + ("nsp",))
                                                for q in questions}))
            for _ in range(count)]


def test_jsonl_lines_are_those_of_the_encoder(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Each line is built from cached parts: byte for byte what write_json wrote of to_json."""
    import gc
    from datetime import date

    from app.cli.common import write_json
    from app.forms.evaluation import evaluate, parse_situation
    from app.forms.questionnaire import load_questionnaire

    q = load_questionnaire()
    lines = [json.dumps(s["situation"], ensure_ascii=False) for s in SCENARIOS]
    lines += _random_lines(300)
    import io

    expected = io.StringIO()
    for line in lines:
        write_json(expected, evaluate(q, parse_situation(q, json.loads(line),
                                                         today=date.today())).to_json(),
                   pretty=False)
    thresholds = gc.get_threshold()
    code, out, err = run(capsys, ["evaluate", "--jsonl"], "\n".join(lines), monkeypatch)
    assert code == 0 and err == ""
    assert out == expected.getvalue()
    assert len(out.splitlines()) == len(lines) and "é" in out  # titles stay unescaped
    # The collector is left as it was found.
    assert gc.get_threshold() == thresholds and gc.get_freeze_count() == 0


def test_jsonl_many_distinct_lists_of_codes(capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache of encoded lists is emptied when full, and the lines stay right."""
    from app.cli import evaluate as command

    monkeypatch.setattr(command, "_CACHED_LISTS", 3)
    lines = _random_lines(60)
    code, small, _ = run(capsys, ["evaluate", "--jsonl"], "\n".join(lines), monkeypatch)
    monkeypatch.setattr(command, "_CACHED_LISTS", 4096)
    code_again, large, _ = run(capsys, ["evaluate", "--jsonl"], "\n".join(lines), monkeypatch)
    assert code == code_again == 0 and small == large
    assert len({json.dumps(json.loads(x)["unanswered"]) for x in small.splitlines()}) > 3


@pytest.mark.parametrize(("text", "refused"), [
    ("[" * 63 + "]" * 63, False),  # 63 levels and a leaf: within the limit
    ("[" * 64 + "]" * 64, True),  # at the limit (allowed, but only the walk can tell)
    ('{"a": "\\ud800"}', True), ('{"a": "\\u00e9"}', True), ('{"a": "é"}', False),
    ('{"a": "plain"}', False),
])
def test_the_json_walk_is_skipped_only_when_nothing_can_be_refused(text: str,
                                                                  refused: bool) -> None:
    from app.cli.common import _may_hold_refused

    assert _may_hold_refused(text) is refused


def test_deep_and_surrogate_lines_are_still_refused(capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    deep = json.dumps(dict(SITUATION, profile=None)).replace(
        '"profile": null', '"profile": ' + "[" * 70 + "]" * 70)
    code, out, err = run(capsys, ["evaluate", "--jsonl"], deep, monkeypatch)
    assert code == 2 and out == "" and "nested more than 64 levels deep" in err
    lone = json.dumps(dict(SITUATION, date="\ud800"))
    code, out, err = run(capsys, ["evaluate", "--jsonl"], lone, monkeypatch)
    assert code == 2 and out == "" and "not valid Unicode text" in err
