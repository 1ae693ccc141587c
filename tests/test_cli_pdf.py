"""`accueil-ti pdf`: writes one document of a local dossier and records the print in it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.documents import build_snapshot
from app.documents.content import content_key
from app.models.sites import load_sites


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, list[dict]]:
    data_dir = tmp_path / "data"
    assert cli(capsys, "demo", "--dossiers", "40", "--seed", "11",
               "--data-dir", str(data_dir))[0] == 0
    code, out, _ = cli(capsys, "export", "--data-dir", str(data_dir))
    return data_dir, [json.loads(line) for line in out.splitlines()]


def consented(record: dict) -> list[str]:
    return [c["organisme"] for c in record["consents"] if c["given"] and not c["revoked_at"]]


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_summary_is_written_and_the_print_recorded(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   store: tuple[Path, list[dict]]) -> None:
    data_dir, records = store
    record = next(r for r in records if r["orientations"])
    out = tmp_path / "synthese.pdf"
    code, stdout, err = cli(capsys, "pdf", record["number"], "--kind", "summary", "--out",
                            str(out), "--agent", "Agent Test", "--data-dir", str(data_dir))
    assert code == 0, err
    assert "Vos aides et vos contacts" in stdout and str(out) in stdout
    assert record["number"] in text_of(out)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    code, exported, _ = cli(capsys, "export", "--data-dir", str(data_dir))
    after = next(json.loads(line) for line in exported.splitlines()
                 if json.loads(line)["id"] == record["id"])
    assert after["revision"] == record["revision"] + 1
    last = after["printed"][-1]
    # Recorded under the key of what the summary says (app.documents.content), not its bytes:
    # a later version of the application lays it out differently, the content stays.
    key = content_key(build_snapshot(record, site=load_sites().get(record["site"])),
                      "summary", None)
    assert (last["kind"], last["organisme"], last["content_hash"], last["agent"]) == (
        "summary", None, key, "Agent Test")
    assert key != digest


def test_the_same_dossier_prints_the_same_bytes(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str],
                                                store: tuple[Path, list[dict]]) -> None:
    data_dir, records = store
    record = records[0]
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    for out in (first, second):
        assert cli(capsys, "pdf", record["id"], "--kind", "consent", "--out", str(out),
                   "--data-dir", str(data_dir))[0] == 0
    assert first.read_bytes() == second.read_bytes()


def test_letters(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                 store: tuple[Path, list[dict]]) -> None:
    data_dir, records = store
    record = next(r for r in records if len(consented(r)) >= 2
                  and set(consented(r)) <= {o["organisme"] for o in r["orientations"]})
    out = tmp_path / "courrier.pdf"
    code, _, err = cli(capsys, "pdf", record["number"], "--kind", "letter", "--out", str(out),
                       "--data-dir", str(data_dir))
    assert code == 2 and "--organisme: required for a letter; expected one of" in err
    for organisme in consented(record):
        assert organisme in err
    organisme = consented(record)[0]
    code, _, err = cli(capsys, "pdf", record["number"], "--kind", "letter", "--organisme",
                       organisme, "--out", str(out), "--data-dir", str(data_dir))
    assert code == 0, err
    assert record["number"] in text_of(out)
    without = [o for o in ("urssaf", "assurance_maladie", "service_social", "caf",
                           "assurance_retraite") if o not in consented(record)][0]
    code, _, err = cli(capsys, "pdf", record["number"], "--kind", "letter", "--organisme",
                       without, "--out", str(tmp_path / "x.pdf"), "--data-dir", str(data_dir))
    assert code == 2 and f"organisme: '{without}'" in err
    assert not (tmp_path / "x.pdf").exists()


def test_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                   store: tuple[Path, list[dict]]) -> None:
    data_dir, _ = store
    code, _, err = cli(capsys, "pdf", "TI-BRE-09-2026-999999", "--kind", "summary", "--out",
                       str(tmp_path / "x.pdf"), "--data-dir", str(data_dir))
    assert code == 2 and err.startswith("accueil-ti: DOSSIER: no local dossier")
    code, _, err = cli(capsys, "pdf", "x", "--kind", "poster", "--out", "x.pdf",
                       "--data-dir", str(data_dir))
    assert code == 2 and "invalid choice: 'poster'" in err
    code, _, err = cli(capsys, "pdf", "x", "--kind", "summary", "--out",
                       str(tmp_path / "nope" / "x.pdf"), "--data-dir", str(data_dir))
    assert code == 2 and "is not a folder" in err
