"""The « Relevé de vos données » (right of access) and the consent notice v2 with the
deployment's facts (issue 13)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.documents import DocumentError, DocumentKind, build_snapshot, render
from app.documents.access import (
    SERVER_UNAVAILABLE,
    AccessLine,
    AccessStatement,
    HistoryLine,
)
from app.forms.consent import NOT_CONFIGURED, filled_text, load_consent_text, notice_blocks
from app.forms.deployment import (
    DEFAULT_FILE,
    ENV_VAR,
    DeploymentError,
    deployment_file,
    load_deployment,
)
from app.forms.questionnaire import load_questionnaire
from app.models.sites import Site
from tests.documents.conftest import flat, pdf_text
from tests.documents.records import baker

# Clearly fictitious facts, as a deployment would set them.
DEPLOYMENT = """
[controller]
name = "Organisme Fictif de Test"
address = ["1 allée des Essais", "99999 Testville"]
source = "test fixture"

[dpo]
name = "Délégué fictif à la protection des données"
email = "dpo@exemple.test"
source = "test fixture"

[rights]
how = "Vous pouvez aussi écrire à l’adresse du responsable ci-dessus."

[retention]
lines = ["Dossier : durée fictive de test."]
source = "test fixture"
"""

V2 = load_consent_text("consentement-v2")


@pytest.fixture
def deployment_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "deployment.toml"
    path.write_text(DEPLOYMENT, encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(path))
    return path


@pytest.fixture(autouse=True)
def no_deployment_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)


def _v2(record: dict) -> dict:
    for consent in record["consents"]:
        consent["text_version"], consent["text_hash"] = V2.version, V2.sha256
    return record


def _statement(record: dict, accesses: tuple[AccessLine, ...] | None = None) -> AccessStatement:
    at = datetime.fromisoformat
    history = (
        HistoryLine(at("2026-11-22T10:05:00+01:00"), "Gwenaëlle Le Bihan", "create",
                    {"channel": "accueil"}, "QUI-01"),
        HistoryLine(at("2026-11-22T10:10:00+01:00"), "Gwenaëlle Le Bihan", "answer",
                    {"question_id": "Q01", "code": "dette"}, "QUI-01"),
        HistoryLine(at("2026-11-22T10:40:00+01:00"), "Gwenaëlle Le Bihan", "consent",
                    {"organisme": "caf", "given": True, "mode": "signe_accueil",
                     "text_version": "consentement-v1"}, "QUI-01"),
        HistoryLine(at("2026-11-23T09:00:00+01:00"), "Paul <b>Martin</b>", "consent_revoked",
                    {"organisme": "caf"}, "QUI-01"),
    )
    return AccessStatement(record=record, history=history, accesses=accesses,
                           issued_at=datetime(2026, 12, 4, 9, 30, tzinfo=UTC))


def _record() -> dict:
    record = baker()
    record["consents"][1]["revoked_at"] = "2026-11-23T09:00:00+01:00"
    record["orientations"] = [{"organisme": "urssaf", "status": "en_cours", "outcome": None,
                               "note": "Rappel prévu", "updated_at": "2026-11-25T09:00:00+01:00"}]
    record["printed"] = [{"kind": "summary", "organisme": None, "agent": "Gwenaëlle Le Bihan",
                          "printed_at": "2026-11-22T10:50:00+01:00", "content_hash": "a" * 64}]
    return record


def test_access_statement_prints_every_section_and_the_persons_data(
        sites: dict[str, Site], deployment_env: Path) -> None:
    record = _record()
    snapshot = build_snapshot(record, site=sites["QUI"])
    document = render(snapshot, DocumentKind.ACCESS, statement=_statement(record))
    text = flat(pdf_text(document.pdf))
    assert document.title == "Relevé de vos données"
    assert document.filename == "TI-QUI-01-2026-000123-releve-donnees.pdf"
    for section in ("Relevé de vos données", "Le traitement de vos données", "Votre identité",
                    "Votre situation", "Vos réponses au questionnaire", "Vos consentements",
                    "Historique de vos consentements", "Orientations et suites données",
                    "Documents imprimés", "Historique du dossier sur ce poste",
                    "Qui a consulté votre dossier"):
        assert section in text, section
    # The person's data: identity, profile, answers in words, consents and their history.
    for fact in ("Le Goff", "Yann", "163052923212345", "73282932000074",
                 "yann.legoff@orange.fr", "12 rue Kéréon", "14 mai 1963", "Artisan",
                 "Avez-vous des difficultés à payer vos cotisations sociales",
                 "Accord retiré le 23/11/2026", "consentement-v1", "Rappel prévu", "En cours",
                 "Synthèse de vos aides", "Ouverture du dossier à l’accueil", "QUI-01",
                 "Paul <b>Martin</b>"):
        assert fact in text, fact
    # The processing, from the deployment's facts; the CNIL.
    for fact in ("Organisme Fictif de Test", "1 allée des Essais",
                 "dpo@exemple.test", "Dossier : durée fictive de test.",
                 "Commission nationale de l’informatique et des libertés (CNIL) : www.cnil.fr",
                 "article 15"):
        assert fact in text, fact
    assert "Dossier TI-QUI-01-2026-000123" in text and "Le 4 décembre 2026" in text
    assert SERVER_UNAVAILABLE.replace("\u00a0", " ") in text
    # Only the organismes with a given, unrevoked consent are listed as recipients.
    recipients = text.split("Destinataires")[1].split("Durée de conservation")[0]
    assert "Urssaf —" in recipients and "Caf —" not in recipients


def test_access_statement_lists_the_central_stores_accesses(sites: dict[str, Site]) -> None:
    record = _record()
    rows = (AccessLine.from_row({"at": "2026-11-25T09:00:00+01:00", "agent": "m.durand",
                                 "action": "read", "organisme": "urssaf"}),)
    document = render(build_snapshot(record, site=sites["QUI"]), DocumentKind.ACCESS,
                      statement=_statement(record, rows))
    text = flat(pdf_text(document.pdf))
    assert "m.durand" in text and "consultation" in text and "25/11/2026 à 9 h 00" in text
    assert "non disponibles" not in text


def test_access_statement_without_deployment_facts_says_so(sites: dict[str, Site]) -> None:
    record = _record()
    document = render(build_snapshot(record, site=sites["QUI"]), DocumentKind.ACCESS,
                      statement=_statement(record))
    text = flat(pdf_text(document.pdf))
    assert text.count(NOT_CONFIGURED) == 2  # controller, DPO: never invented
    assert "Dossier clos : 24 mois après sa clôture, il est anonymisé" in text
    assert "www.cnil.fr" in text


def test_access_needs_a_statement_and_only_access_takes_one(sites: dict[str, Site]) -> None:
    snapshot = build_snapshot(baker(), site=sites["QUI"])
    with pytest.raises(DocumentError, match="statement"):
        render(snapshot, DocumentKind.ACCESS)
    with pytest.raises(DocumentError, match="statement"):
        render(snapshot, DocumentKind.SUMMARY, statement=_statement(baker()))


def test_a_v1_dossier_still_prints_v1(sites: dict[str, Site], deployment_env: Path) -> None:
    text = flat(pdf_text(render(build_snapshot(baker(), site=sites["QUI"]),
                                DocumentKind.CONSENT).pdf))
    assert "Texte consentement-v1" in text
    assert "Qui est responsable du traitement" not in text
    assert "Organisme Fictif de Test" not in text


def test_a_new_dossier_prints_the_v2_notice_with_the_deployments_facts(
        sites: dict[str, Site], deployment_env: Path) -> None:
    record = baker()
    record["consents"] = []  # not consented yet: the questionnaire's text, v2
    text = flat(pdf_text(render(build_snapshot(record, site=sites["QUI"]),
                                DocumentKind.CONSENT).pdf))
    assert f"Texte consentement-v2 — empreinte {V2.sha256[:12]}" in text
    for fact in ("Qui est responsable du traitement de vos données",
                 "Organisme Fictif de Test, 1 allée des Essais, 99999 Testville.",
                 "À quoi servent vos données", "Qui reçoit vos informations, et lesquelles",
                 "Urssaf — délais de paiement", "Combien de temps vos données sont conservées",
                 "Dossier : durée fictive de test.", "Vos droits et comment les exercer",
                 "rectifier", "effacement", "limitation", "vous opposer", "retirer votre accord",
                 "Vous pouvez aussi écrire à l’adresse du responsable ci-dessus.",
                 "Délégué fictif à la protection des données, courriel : dpo@exemple.test.",
                 "Réclamation auprès de la CNIL",
                 "Commission nationale de l’informatique et des libertés (CNIL) : www.cnil.fr",
                 "Vos choix, organisme par organisme"):
        assert fact in text, fact
    assert "{{" not in text


def test_a_v2_dossier_prints_v2(sites: dict[str, Site]) -> None:
    text = flat(pdf_text(render(build_snapshot(_v2(baker()), site=sites["QUI"]),
                                DocumentKind.CONSENT).pdf))
    assert "Texte consentement-v2" in text and NOT_CONFIGURED in text


def test_every_recipient_is_named_with_what_it_receives() -> None:
    questionnaire = load_questionnaire()
    deployment = load_deployment()
    blocks = notice_blocks(filled_text(V2, deployment, questionnaire))
    items = [text for kind, text in blocks if kind == "li"]
    for organisme in questionnaire.organismes:
        line = next(i for i in items if i.startswith(f"{organisme.short_name} —"))
        assert "Reçoit :" in line and "réponses au questionnaire" in line
    assert ("h", "Réclamation auprès de la CNIL") in blocks


def test_v1_text_is_unchanged_by_filling() -> None:
    v1 = load_consent_text("consentement-v1")
    assert filled_text(v1, load_deployment(), load_questionnaire()) == v1.text
    assert not v1.templated and V2.templated


def test_the_embedded_deployment_invents_nothing() -> None:
    deployment = load_deployment()
    assert deployment.path == str(DEFAULT_FILE)
    assert not deployment.controller.configured and not deployment.dpo.configured
    assert deployment.rights_how == ""
    # Retention: only the durations the stores apply (resources/retention.toml), in words.
    assert deployment.retention == (
        "Dossier clos : 24 mois après sa clôture, il est anonymisé (vos données personnelles "
        "sont effacées ; seules restent des informations anonymes utilisées pour les "
        "statistiques).",
        "Dossier resté inachevé (brouillon) : supprimé après 90 jours sans modification.")
    assert deployment.cnil_website == "www.cnil.fr" and "cnil.fr" in deployment.cnil_source


def test_deployment_file_lookup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert deployment_file(tmp_path) == DEFAULT_FILE
    local = tmp_path / "deployment.toml"
    local.write_text(DEPLOYMENT, encoding="utf-8")
    assert deployment_file(tmp_path) == local
    facts = load_deployment(tmp_path)
    assert facts.controller.name == "Organisme Fictif de Test"
    assert facts.cnil_name.endswith("(CNIL)")  # public facts kept from the embedded file
    assert facts.retention[-1] == "Dossier : durée fictive de test."
    bad = tmp_path / "bad.toml"
    bad.write_text("[dpo]\nemail = 3\n", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(bad))
    with pytest.raises(DeploymentError, match=r"dpo\.email: must be text"):
        load_deployment(tmp_path)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "missing.toml"))
    with pytest.raises(DeploymentError, match="cannot be read"):
        load_deployment()


@pytest.mark.parametrize("identity", [
    {"nom": "X" * 2000, "prenom": "<b>Dupont & Fils</b>", "adresse": "Z" * 2000},
    {"nom": "بن علي", "prenom": "שלום", "adresse": "شارع 12 الحرية"},
    {"nom": "Le 😀 Goff", "prenom": "Yann\u200d\u202e", "email": "a@b.fr 🎉"},
])
def test_whatever_people_typed_the_statement_comes_out(sites: dict[str, Site],
                                                       identity: dict[str, str]) -> None:
    record = _record()
    record["identity"].update(identity)
    record["orientations"][0]["note"] = "</para>" + "N" * 3000
    record["printed"][0]["agent"] = "<i>A</i>" * 200
    statement = _statement(record, tuple(
        AccessLine.from_row({"at": "not a date", "agent": "<b>x</b>" * 100, "action": "?" * 500,
                             "organisme": "inconnu"}) for _ in range(60)))
    document = render(build_snapshot(record, site=sites["QUI"]), DocumentKind.ACCESS,
                      statement=statement)
    text = flat(pdf_text(document.pdf))
    assert document.pages >= 2 and "Qui a consulté votre dossier" in text
    if identity["prenom"].startswith("<b>"):
        assert "<b>Dupont & Fils</b>" in text
