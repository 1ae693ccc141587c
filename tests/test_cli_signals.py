"""`accueil-ti signals import` and `signals export` (shared/spec/cli.md) on a real encrypted
local store: a file of 5 000 signals about workers, some of them with a dossier already, some
signalled twice, all or nothing with every bad line named, re-import changing nothing, one
call-list entry per worker, matched to the dossiers by SIRET/NIR."""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from stdnum import luhn

from app.cli import main
from app.forms.codes import SIGNAL_TYPES

HEADER = ("source;reference;type;date;siret;nir;nom;prenom;telephone;email;code_postal;"
          "commune;montant;commentaire")


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def make_siret(rng: random.Random) -> str:
    siren = str(rng.randrange(10_000_000, 99_999_999))
    siren += luhn.calc_check_digit(siren)
    nic = f"{rng.randrange(1, 9999):04d}"
    return siren + nic + luhn.calc_check_digit(siren + nic)


def make_nir(rng: random.Random) -> str:
    body = (f"{rng.choice('12')}{rng.randrange(40, 99):02d}{rng.randrange(1, 13):02d}"
            f"{rng.choice(['22', '29', '35', '56'])}{rng.randrange(1, 990):03d}"
            f"{rng.randrange(1, 1000):03d}")
    return f"{body}{97 - int(body) % 97:02d}"


@dataclass(frozen=True)
class Worker:
    siret: str | None
    nir: str | None
    nom: str
    dossier_id: str | None = None


def signal_lines(workers: list[Worker], total: int, rng: random.Random) -> list[str]:
    """``total`` lines, every worker at least once, the rest on workers drawn again; a worker
    with both keys is sometimes named by one key only (the grouping must still find them)."""
    picks = list(workers) + [rng.choice(workers) for _ in range(total - len(workers))]
    rng.shuffle(picks)
    lines = []
    seen: set[Worker] = set()
    for n, worker in enumerate(picks, 1):
        siret, nir = worker.siret or "", worker.nir or ""
        if worker in seen and siret and nir and n % 3 == 0:
            nir = ""  # not the worker's first signal: the SIRET alone
        seen.add(worker)
        amount = rng.choice(["", f"{rng.randrange(1, 9000)},{rng.randrange(100):02d}",
                             f"{rng.randrange(1, 9)}\u00a0{rng.randrange(100, 999)}.50"])
        lines.append(f"{rng.choice(['urssaf', 'caf', 'tribunal_commerce'])};R-{n:05d};"
                     f"{rng.choice(SIGNAL_TYPES)};2026-{rng.randrange(1, 12):02d}-"
                     f"{rng.randrange(1, 28):02d};{siret};{nir};{worker.nom};Marie;"
                     f"02 98 00 {n % 100:02d} {n % 97:02d};;29200;Brest;{amount};alerte {n}")
    return lines


def dossiers_of(capsys: pytest.CaptureFixture[str], data_dir: Path) -> list[dict[str, str]]:
    code, out, err = cli(capsys, "export", "--data-dir", str(data_dir))
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def export(capsys: pytest.CaptureFixture[str], data_dir: Path) -> list[dict[str, object]]:
    code, out, err = cli(capsys, "signals", "export", "--data-dir", str(data_dir))
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def test_five_thousand_signals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(16)
    data_dir = tmp_path / "ws"
    assert cli(capsys, "demo", "--dossiers", "12", "--seed", "4", "--data-dir",
               str(data_dir))[0] == 0
    dossiers = dossiers_of(capsys, data_dir)
    # workers with a dossier: by SIRET only, by NIR only, by both
    known = [Worker(d["identity"]["siret"] if i % 3 != 1 else None,  # type: ignore[index]
                    d["identity"]["nir"] if i % 3 != 0 else None,  # type: ignore[index]
                    "Connu", d["id"]) for i, d in enumerate(dossiers)]
    unknown = [Worker(make_siret(rng) if i % 3 != 1 else None,
                      make_nir(rng) if i % 3 != 0 else None, "Nouveau") for i in range(2988)]
    workers = known + unknown
    lines = signal_lines(workers, 5000, rng)

    # a few bad lines: nothing is imported, each is named with its field and reason
    bad = list(lines)
    bad[99] = bad[99].replace("2026-", "2026/", 1)  # line 101: date
    good_siret = next(w.siret for w in unknown if w.siret)
    bad[1999] = f"urssaf;BAD-1;dette;2026-01-02;{good_siret[:-1]}{(int(good_siret[-1]) + 1) % 10}" \
                ";;;;;;;;;"  # line 2001: a SIRET whose key is wrong
    bad[3999] = "caf;BAD-2;impaye;2026-01-02;;;Nom;;;;;;12,5;"  # line 4001: type, no key
    bad[4499] = bad[10]  # line 4501: the reference of line 12 again
    path = tmp_path / "signals.csv"
    path.write_text("\n".join([HEADER, *bad]) + "\n", encoding="utf-8")
    code, out, err = cli(capsys, "signals", "import", str(path), "--data-dir", str(data_dir))
    assert code == 2 and out == ""
    assert err.splitlines()[0] == "accueil-ti: nothing imported, 4 bad lines:"
    named = err.splitlines()[1:]
    assert named == [
        "line 101: date: " + named[0].split(": ", 2)[2],
        "line 2001: siret: the value given is not allowed (invalid_checksum); expected a "
        "14-digit SIRET with a valid check digit",
        "line 4001: type: 'impaye' is not allowed; expected one of incident_paiement, dette, "
        "baisse_activite, alerte_partenaire, procedure_collective, autre",
        "line 4001: siret: a signal needs a SIRET or a NIR (or both); expected a 14-digit "
        "SIRET or a 15-character NIR",
        f"line 4501: reference: {named[4].split(': ', 2)[2]}",
    ]
    assert "expected an ISO date" in named[0] and "already on line 12" in named[4]
    assert good_siret not in err
    assert export(capsys, data_dir) == []

    # the file fixed: every signal in, one entry per worker, matched by SIRET/NIR
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    code, out, err = cli(capsys, "signals", "import", str(path), "--data-dir", str(data_dir))
    assert code == 0, err
    known_signals = sum(1 for line in lines if ";Connu;" in line)
    assert out == (f"signals: 5000 imported, 0 already present, {known_signals} matched to "
                   f"existing dossiers, {len(workers)} call-list entries\n")
    entries = export(capsys, data_dir)
    assert len(entries) == len(workers)
    assert sum(len(e["signals"]) for e in entries) == 5000  # type: ignore[arg-type]
    per_reference = {line.split(";")[1]: line for line in lines}
    for entry in entries:
        keys = {(s["source"], s["reference"]) for s in entry["signals"]}  # type: ignore[attr-defined]
        names = {per_reference[ref].split(";")[6] for _, ref in keys}
        assert len(names) == 1  # one worker's signals only
        sirets = {per_reference[ref].split(";")[4] for _, ref in keys} - {""}
        nirs = {per_reference[ref].split(";")[5] for _, ref in keys} - {""}
        assert len(sirets) <= 1 and len(nirs) <= 1
        assert entry.get("siret") == (sirets.pop() if sirets else None)
        assert entry.get("nir") == (nirs.pop() if nirs else None)
        assert entry["status"] == "a_appeler" and entry["attempts"] == []
    by_dossier = Counter(e["dossier"] for e in entries)
    assert {w.dossier_id for w in known} == set(by_dossier) - {None}
    assert all(by_dossier[w.dossier_id] == 1 for w in known)
    assert by_dossier[None] == len(unknown)

    # importing the same file again changes nothing
    code, out, err = cli(capsys, "signals", "import", str(path), "--data-dir", str(data_dir))
    assert code == 0, err
    assert out == (f"signals: 0 imported, 5000 already present, 0 matched to existing "
                   f"dossiers, {len(workers)} call-list entries\n")
    assert export(capsys, data_dir) == entries

    out_file = tmp_path / "list.jsonl"
    code, out, err = cli(capsys, "signals", "export", "--out", str(out_file), "--data-dir",
                         str(data_dir))
    assert code == 0 and out == ""
    assert err == f"signals export: {len(workers)} call-list entries written to {out_file}\n"
    assert [json.loads(line) for line in out_file.read_text("utf-8").splitlines()] == entries


def test_windows_1252_and_commas(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(3)
    siret, nir = make_siret(rng), make_nir(rng)
    text = ("Reference,Type,Date,SIRET,NIR,Nom,Commune,Montant,Commentaire\r\n"
            f'T-1,procedure_collective,2026-10-01,{siret},,Hervé,Quimper,"1 234,56",'
            '"Redressement judiciaire, audience le 12"\r\n'
            f"T-2,autre,2026-09-01,,{nir},Hervé,Quimper,,\r\n"
            f"T-3,dette,2026-11-01,{siret},{nir},Hervé,Quimper,10.5,\r\n")
    path = tmp_path / "tc.csv"
    path.write_bytes(text.encode("cp1252"))
    data_dir = str(tmp_path / "ws")
    code, out, err = cli(capsys, "signals", "import", str(path), "--source",
                         "tribunal_commerce", "--data-dir", data_dir)
    assert code == 0, err
    # T-1 and T-2 open two entries (SIRET, NIR); T-3 names both and merges them
    assert out == ("signals: 3 imported, 0 already present, 0 matched to existing dossiers, "
                   "1 call-list entries\n")
    [entry] = export(capsys, Path(data_dir))
    assert entry["siret"] == siret and entry["nir"] == nir and entry["dossier"] is None
    assert [s["reference"] for s in entry["signals"]] == ["T-2", "T-1", "T-3"]  # type: ignore[index]
    assert {s["source"] for s in entry["signals"]} == {"tribunal_commerce"}  # type: ignore[index]


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = str(tmp_path / "ws")
    path = tmp_path / "s.csv"
    path.write_text("reference;type;date;siret\nR1;dette;2026-01-01;73282932000074\n",
                    encoding="utf-8")
    code, out, err = cli(capsys, "signals", "import", str(path), "--source", "cpam",
                         "--data-dir", data_dir)
    assert code == 2 and err.startswith("accueil-ti: --source: 'cpam' is not allowed")
    code, out, err = cli(capsys, "signals", "import", str(path), "--data-dir", data_dir)
    assert code == 2 and err == ("accueil-ti: nothing imported, 1 bad line:\n"
                                 "line 1: source: required column missing from the header\n")
    code, out, err = cli(capsys, "signals", "import", str(tmp_path / "none.csv"),
                         "--data-dir", data_dir)
    assert code == 2 and "FILE: " in err and "does not exist" in err
    code, out, err = cli(capsys, "signals", "import", str(tmp_path), "--data-dir", data_dir)
    assert code == 2 and "is a folder" in err
    code, out, err = cli(capsys, "signals", "--data-dir", data_dir)
    assert code == 2
    code, out, err = cli(capsys, "signals", "import", str(path), "--source", "caf",
                         "--data-dir", data_dir)
    assert code == 0 and out.startswith("signals: 1 imported")
    code, out, err = cli(capsys, "signals", "export", "--out", str(tmp_path / "no" / "x"),
                         "--data-dir", data_dir)
    assert code == 2
