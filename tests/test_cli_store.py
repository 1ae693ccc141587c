"""`accueil-ti demo`, `export` and `import` on a real encrypted local store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def export_lines(capsys: pytest.CaptureFixture[str], data_dir: Path) -> list[str]:
    code, out, err = cli(capsys, "export", "--data-dir", str(data_dir))
    assert code == 0, err
    return out.splitlines()


@pytest.fixture
def demo_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    code, out, _ = cli(capsys, "demo", "--dossiers", "60", "--seed", "5",
                       "--data-dir", str(tmp_path / "demo"))
    assert code == 0 and "60 dossiers created" in out
    return export_lines(capsys, tmp_path / "demo")


def test_demo_is_deterministic(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               demo_export: list[str]) -> None:
    assert cli(capsys, "demo", "--dossiers", "60", "--seed", "5",
               "--data-dir", str(tmp_path / "again"))[0] == 0
    assert export_lines(capsys, tmp_path / "again") == demo_export
    assert cli(capsys, "demo", "--dossiers", "60", "--seed", "6",
               "--data-dir", str(tmp_path / "other"))[0] == 0
    assert export_lines(capsys, tmp_path / "other") != demo_export


def test_export_shape(demo_export: list[str]) -> None:
    records = [json.loads(line) for line in demo_export]
    assert len(records) == 60
    for record in records:
        for key in ("id", "number", "revision", "questionnaire", "identity", "profile", "answers",
                    "consents", "orientations"):
            assert key in record
        assert {"nom", "prenom"} <= set(record["identity"])
        for consent in record["consents"]:
            assert set(consent) >= {"organisme", "given", "mode", "text_version", "at",
                                    "revoked_at"}
        for orientation in record["orientations"]:
            assert set(orientation) >= {"organisme", "status", "updated_at"}
    assert any(r["consents"] for r in records) and any(r["urgent"] for r in records)


def test_export_to_file_then_import_elsewhere_gives_the_same_dossiers(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], demo_export: list[str]) -> None:
    out = tmp_path / "export.jsonl"
    code, _, err = cli(capsys, "export", "--data-dir", str(tmp_path / "demo"), "--out", str(out))
    assert code == 0 and "60 dossiers written" in err
    assert out.read_text(encoding="utf-8").splitlines() == demo_export
    code, stdout, _ = cli(capsys, "import", "--data-dir", str(tmp_path / "copy"), str(out))
    assert code == 0 and stdout.strip() == "import: 60 created, 0 updated, 0 skipped"
    assert export_lines(capsys, tmp_path / "copy") == demo_export
    code, stdout, _ = cli(capsys, "import", "--data-dir", str(tmp_path / "copy"), str(out))
    assert stdout.strip() == "import: 0 created, 0 updated, 60 skipped"


def test_newer_revision_updates_older_is_skipped(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 demo_export: list[str]) -> None:
    first = json.loads(demo_export[0])
    newer = dict(first, revision=first["revision"] + 1, answers=dict(first["answers"], Q12="psy"))
    older = dict(json.loads(demo_export[1]), revision=1)
    path = tmp_path / "changes.jsonl"
    path.write_text(json.dumps(newer) + "\n" + json.dumps(older) + "\n", encoding="utf-8")
    code, out, _ = cli(capsys, "import", "--data-dir", str(tmp_path / "demo"), str(path))
    assert code == 0 and out.strip() == "import: 0 created, 1 updated, 1 skipped"
    after = {json.loads(line)["id"]: json.loads(line)
             for line in export_lines(capsys, tmp_path / "demo")}
    assert after[first["id"]]["answers"]["Q12"] == "psy"
    assert after[first["id"]]["revision"] == first["revision"] + 1
    assert after[older["id"]] == json.loads(demo_export[1])


def test_a_bad_line_imports_nothing_and_names_every_bad_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], demo_export: list[str]) -> None:
    lines = list(demo_export[:5])
    bad_answer = json.loads(lines[1])
    bad_answer["answers"]["Q05"] = "maybe"
    lines[1] = json.dumps(bad_answer)
    bad_nir = json.loads(lines[3])
    bad_nir["identity"]["nir"] = "1630529019005" + "00"
    lines[3] = json.dumps(bad_nir)
    lines.append("{not json")
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "target"
    seed = tmp_path / "seed.jsonl"
    seed.write_text("\n".join(demo_export[10:20]) + "\n", encoding="utf-8")
    assert cli(capsys, "import", "--data-dir", str(target), str(seed))[0] == 0
    before = export_lines(capsys, target)
    assert len(before) == 10
    code, out, err = cli(capsys, "import", "--data-dir", str(target), str(path))
    assert code == 2 and out == ""
    assert "nothing imported, 3 bad lines" in err
    assert "line 2: Q05: 'maybe' is not an answer" in err or "line 2: answers.Q05: 'maybe'" in err
    assert "line 4: identity.nir:" in err
    assert "line 6: not valid JSON" in err
    assert "Traceback" not in err
    assert export_lines(capsys, target) == before


def test_a_number_held_by_another_dossier_imports_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], demo_export: list[str]) -> None:
    clash = json.loads(demo_export[0])
    clash["id"] = "00000000-0000-4000-8000-000000000001"
    fresh = json.loads(demo_export[1])
    fresh["id"] = "00000000-0000-4000-8000-000000000002"
    fresh["number"] = f"TI-{fresh.get('site', 'VAN')}-09-2026-999999"  # its own site
    path = tmp_path / "clash.jsonl"
    path.write_text(json.dumps(fresh) + "\n" + json.dumps(clash) + "\n", encoding="utf-8")
    before = export_lines(capsys, tmp_path / "demo")
    code, _, err = cli(capsys, "import", "--data-dir", str(tmp_path / "demo"), str(path))
    assert code == 2 and err.startswith("accueil-ti: nothing imported:")
    assert clash["number"] in err
    assert export_lines(capsys, tmp_path / "demo") == before


def test_demo_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "demo", "--dossiers", "0", "--data-dir", str(tmp_path))
    assert code == 2 and "--dossiers: 0 is not allowed" in err
    code, _, err = cli(capsys, "demo", "--dossiers", "3", "--as-of", "demain",
                       "--data-dir", str(tmp_path))
    assert code == 2 and "--as-of: 'demain' is not a date" in err
    code, _, err = cli(capsys, "export", "--out", str(tmp_path / "nowhere" / "x.jsonl"),
                       "--data-dir", str(tmp_path))
    assert code == 2 and "is not a folder" in err


def test_without_a_keyring_the_store_refuses_clearly_and_writes_no_key(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    proc = subprocess.run([sys.executable, "-m", "app", "export", "--data-dir", str(tmp_path)],
                          capture_output=True, text=True, encoding="utf-8", env=env, check=False)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "keyring" in proc.stderr.lower()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("before", [True, False])
def test_data_dir_before_or_after_the_sub_command(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   before: bool) -> None:
    monkeypatch.setenv("ACCUEIL_TI_HOME", str(tmp_path / "default"))
    target = tmp_path / "chosen"
    argv = (["--data-dir", str(target), "demo", "--dossiers", "2"] if before
            else ["demo", "--dossiers", "2", "--data-dir", str(target)])
    assert cli(capsys, *argv)[0] == 0
    assert (target / "accueil-ti.db").exists()
    assert not (tmp_path / "default").exists()


def test_demo_queues_only_the_workstations_own_site_for_sync(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], demo_export: list[str]) -> None:
    from sqlalchemy import select

    from app.models.database import open_store
    from app.models.entities import Dossier, Outbox

    store = open_store(tmp_path / "demo")
    try:
        with store.session() as session:
            queued = set(session.scalars(select(Dossier.number).join(
                Outbox, Outbox.dossier_id == Dossier.id).where(Outbox.sent_at.is_(None))))
    finally:
        store.close()
    own = {json.loads(line)["number"] for line in demo_export
           if json.loads(line)["number"].startswith(f"TI-{store.site_code}-")}
    assert own, "the demo should hold dossiers of the workstation's site"
    assert queued == own


def test_a_reader_that_stops_early_gets_no_error(tmp_path: Path) -> None:
    # `accueil-ti export | head -1`: the export stops quietly when its reader has had enough.
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
               XDG_DATA_HOME=str(tmp_path / "xdg"))
    data = str(tmp_path / "data")
    subprocess.run([sys.executable, "-m", "app", "demo", "--dossiers", "300", "--data-dir", data],
                   env=env, check=True, capture_output=True)
    proc = subprocess.Popen([sys.executable, "-m", "app", "export", "--data-dir", data],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    errors = proc.stderr.read().decode("utf-8")
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0, errors
    assert json.loads(first)["number"].startswith("TI-")
    assert errors == ""


def test_a_reader_gone_before_the_last_flush_gets_no_error(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # The output fits in stdout's buffer and the reader has closed the pipe: the failure comes at
    # the flush, which must happen inside the command (not in Python's shutdown, which prints
    # « Exception ignored … BrokenPipeError »).
    import io

    read_end, write_end = os.pipe()
    os.close(read_end)
    out = io.TextIOWrapper(io.FileIO(write_end, "w"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", out)
    from tests.forms.test_scenarios import SCENARIOS

    situations = tmp_path / "situations.jsonl"
    situations.write_text(json.dumps(SCENARIOS[0]["situation"]) + "\n", encoding="utf-8")
    assert main(["evaluate", "--jsonl", str(situations)]) == 0
    out.write("more")
    out.flush()  # stdout now goes to the null device
    out.close()
