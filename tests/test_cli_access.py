"""`accueil-ti pdf DOSSIER --kind access` and `accueil-ti export --dossier DOSSIER` (issue 13:
right of access)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from pypdf import PdfReader

from app.cli import main
from app.sync.accesses import fetch_accesses


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def store(tmp_path: Path, capsys: pytest.CaptureFixture[str],
          keyring_backend: object) -> tuple[Path, list[dict]]:
    data_dir = tmp_path / "data"
    assert cli(capsys, "demo", "--dossiers", "12", "--seed", "5",
               "--data-dir", str(data_dir))[0] == 0
    code, out, _ = cli(capsys, "export", "--data-dir", str(data_dir))
    return data_dir, [json.loads(line) for line in out.splitlines()]


def text_of(path: Path) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return " ".join(text.replace("\u00a0", " ").split())


def test_pdf_access_writes_the_statement_and_records_no_print(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        store: tuple[Path, list[dict]]) -> None:
    data_dir, records = store
    record = next(r for r in records if r["consents"])
    out = tmp_path / "releve.pdf"
    code, stdout, err = cli(capsys, "pdf", record["number"], "--kind", "access", "--out",
                            str(out), "--data-dir", str(data_dir))
    assert code == 0, err
    assert stdout.startswith("pdf: Relevé de vos données (") and str(out) in stdout
    assert "central store not reached" in stdout  # no session on this data dir
    text = text_of(out)
    assert record["number"] in text and record["identity"]["nom"] in text
    assert "Historique du dossier sur ce poste" in text
    assert ("Accès enregistrés sur le serveur central : non disponibles (serveur injoignable)."
            in text)
    _, exported, _ = cli(capsys, "export", "--dossier", record["id"], "--data-dir",
                         str(data_dir))
    assert json.loads(exported)["revision"] == record["revision"]  # nothing recorded


def test_pdf_access_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                           store: tuple[Path, list[dict]]) -> None:
    data_dir, records = store
    out = tmp_path / "releve.pdf"
    code, _, err = cli(capsys, "pdf", "TI-XXX-01-2026-999999", "--kind", "access", "--out",
                       str(out), "--data-dir", str(data_dir))
    assert code == 2 and err.count("\n") == 1 and "no local dossier" in err
    code, _, err = cli(capsys, "pdf", records[0]["number"], "--kind", "access", "--organisme",
                       "caf", "--out", str(out), "--data-dir", str(data_dir))
    assert code == 2 and err.count("\n") == 1 and "--organisme: only a letter" in err
    assert not out.exists()


def test_export_one_dossier_with_its_history(capsys: pytest.CaptureFixture[str],
                                             store: tuple[Path, list[dict]]) -> None:
    data_dir, records = store
    record = records[3]
    for ref in (record["number"], record["id"]):
        code, out, err = cli(capsys, "export", "--dossier", ref, "--data-dir", str(data_dir))
        assert code == 0, err
        lines = out.splitlines()
        assert len(lines) == 1
        one = json.loads(lines[0])
        assert {k: v for k, v in one.items() if k != "history"} == record
        assert one["history"] and one["history"][0]["action"] == "import_create"  # demo data
        assert [h["at"] for h in one["history"]] == sorted(h["at"] for h in one["history"])
        assert set(one["history"][0]) == {"at", "agent", "action", "detail", "workstation"}


def test_export_unknown_dossier(capsys: pytest.CaptureFixture[str],
                                store: tuple[Path, list[dict]]) -> None:
    data_dir, _ = store
    code, out, err = cli(capsys, "export", "--dossier", "nope", "--data-dir", str(data_dir))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "--dossier: no local dossier 'nope'" in err


def test_fetch_accesses_reads_rows_and_says_none_when_unavailable() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["Authorization"] == "Bearer t"
        if request.url.path == "/dossiers/d1/accesses":
            return httpx.Response(200, json={"accesses": [
                {"at": "2026-11-25T09:00:00+01:00", "agent": "m.durand", "action": "read"}]})
        return httpx.Response(404, json={"detail": "not found"})

    http = httpx.Client(base_url="http://store.test", transport=httpx.MockTransport(handler))
    assert fetch_accesses(http, "d1", token="t") == [
        {"at": "2026-11-25T09:00:00+01:00", "agent": "m.durand", "action": "read"}]
    assert fetch_accesses(http, "d2", token="t") is None

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    offline = httpx.Client(base_url="http://store.test", transport=httpx.MockTransport(down))
    assert fetch_accesses(offline, "d1", token="t") is None
