"""Issue 16's documents: the convocation letter of an appointment or call-back, its calendar
file, and the letter proposed after three unanswered calls — facts from data only (site
settings, the questionnaire's organismes), never the NIR."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from app.document_service import DocumentService
from app.documents.calendar import appointment_ics
from app.documents.contact_letter import _days
from app.documents.snapshot import DocumentError
from app.dossier_service import DossierService
from app.models.database import Store
from app.models.repository import add_appointment, find_dossier
from tests.documents.conftest import flat, page_count, pdf_text
from tests.forms.test_identity import NIR
from tests.sync.conftest import BAKER, IDENTITY

SETTINGS = {"code": "BRE", "version": 2, "address": ["Maison des entreprises",
                                                     "12 rue de Siam"],
            "postal_code": "29200", "commune": "Brest", "phone": "02 98 00 11 22",
            "email": "accueil.ti@example.org",
            "hours": "du lundi au vendredi, de 9 h à 12 h",
            "updated_at": "2026-11-01T10:00:00+00:00", "updated_by": "admin"}
ISSUED = datetime(2026, 12, 1, 9, tzinfo=UTC)


def settle(data_dir: Path, **changes: Any) -> None:
    (data_dir / "site-settings.json").write_text(json.dumps(
        {"published": {"sites": [{**SETTINGS, **changes}]}}), encoding="utf-8")


@pytest.fixture
def dossier(store: Store) -> str:
    service = DossierService(store, agent="A. Le Gall")
    dossier_id = service.create(identity={**IDENTITY, "adresse": "4 rue du Château",
                                          "code_postal": "29200", "commune": "Brest"},
                                profile=BAKER["profile"], channel="accueil")
    for question in ("Q01", "Q02", "Q11"):
        service.answer(dossier_id, question, BAKER["answers"][question])
    service.record_consents(dossier_id, {"urssaf": True}, mode="signe_accueil")
    return dossier_id


def partner_rdv(store: Store, dossier_id: str, **changes: Any) -> str:
    options: dict[str, Any] = {
        "kind": "rendez_vous", "organisme": "urssaf",
        "at": datetime(2026, 12, 7, 9, 0, tzinfo=UTC), "duration": 45, "mode": "agence",
        "place": "Urssaf Bretagne, 4 rue de Brest", "bring": "Votre avis d’imposition",
        "by": "Mme Le Bris", "status": "fixe", "agent": "p_urssaf", **changes}
    with store.transaction() as session:
        found = find_dossier(session, dossier_id)
        assert found is not None
        return add_appointment(session, found, **options).id


def test_the_convocation_of_a_partners_appointment(store: Store, data_dir: Path,
                                                   dossier: str) -> None:
    settle(data_dir)
    appointment = partner_rdv(store, dossier)
    documents = DocumentService(store)
    rendered = documents.render_convocation(dossier, appointment, agent="B. Agent", now=ISSUED)
    text = flat(pdf_text(rendered.pdf))
    assert page_count(rendered.pdf) == rendered.pages == 1
    assert "Objet : Votre rendez-vous du lundi 7 décembre 2026 à 10 h 00" in text
    assert "l’Urssaf (action sociale du CPSTI) vous confirme le rendez-vous suivant" in text
    assert "Date Lundi 7 décembre 2026" in text and "10 h 00 (durée prévue : 45 min)" in text
    assert "En agence (sur place)" in text and "Urssaf Bretagne, 4 rue de Brest" in text
    assert "Avec Mme Le Bris" in text and "À apporter Votre avis d’imposition" in text
    # whom to call: the organisme's phone, from the questionnaire file (with its source)
    assert "Si vous ne pouvez pas venir, prévenez le plus tôt possible l’Urssaf" in text
    assert "Tél. 3698 (service gratuit + prix appel)" in text
    # the worker's postal address, the site's recorded address; never the NIR nor the SIRET
    assert "Yann LE GOFF 4 rue du Château 29200 Brest" in text
    assert "Maison des entreprises 12 rue de Siam 29200 Brest" in text
    assert "Brest, le 1er décembre 2026" in text
    compact = text.replace(" ", "")
    assert NIR not in compact and "73282932000074" not in compact
    assert rendered.filename.endswith("-convocation-2026-12-07.pdf")
    # the print is in the dossier, kind convocation, under what it says
    record = DossierService(store, agent="x").record(dossier)
    [printed] = [p for p in record["printed"] if p["kind"] == "convocation"]
    assert printed["organisme"] == "urssaf" and printed["agent"] == "B. Agent"
    assert printed["content_hash"] == rendered.content_sha256
    assert "print" in [h.action for h in DossierService(store, agent="x").history(dossier)]
    # the same appointment again: the same content key
    again = documents.render_convocation(dossier, appointment, now=ISSUED)
    assert again.content_sha256 == rendered.content_sha256 and again.pdf == rendered.pdf


def test_a_proposal_by_phone_and_a_cancellation(store: Store, data_dir: Path,
                                                dossier: str) -> None:
    proposed = partner_rdv(store, dossier, mode="telephone", place="", status="propose")
    cancelled = partner_rdv(store, dossier, status="annule")
    documents = DocumentService(store)
    text = flat(pdf_text(documents.render_convocation(dossier, proposed, now=ISSUED).pdf))
    assert "vous propose le rendez-vous suivant" in text
    assert "Numéro appelé 02 98 00 00 00" in text
    assert "Pour confirmer ce rendez-vous ou en convenir d’un autre, contactez l’Urssaf" in text
    text = flat(pdf_text(documents.render_convocation(dossier, cancelled, now=ISSUED).pdf))
    assert "Objet : Annulation de votre rendez-vous du lundi 7 décembre 2026" in text
    assert "est annulé" in text


def test_the_convocation_of_a_call_back_names_the_site_from_its_settings(
        store: Store, data_dir: Path, dossier: str) -> None:
    service = DossierService(store, agent="A. Le Gall")
    callback = service.schedule_callback(dossier, datetime(2026, 7, 7, 12, 30, tzinfo=UTC),
                                         "A. Le Gall")
    documents = DocumentService(store)
    # no site settings recorded: no phone from memory
    text = flat(pdf_text(documents.render_convocation(dossier, callback["id"],
                                                      now=ISSUED).pdf))
    assert "Objet : Votre rappel téléphonique du mardi 7 juillet 2026 à 14 h 30" in text
    assert "vous rappellera par téléphone" in text and "Appel de A. Le Gall" in text
    assert "prévenez le plus tôt possible votre accueil." in text
    assert "Tél." not in text
    settle(data_dir)
    text = flat(pdf_text(documents.render_convocation(dossier, callback["id"],
                                                      now=ISSUED).pdf))
    assert ("prévenez le plus tôt possible l’accueil commun de Brest : Tél. 02 98 00 11 22"
            in text)


def test_a_convocation_needs_a_known_appointment_not_done(store: Store, dossier: str) -> None:
    documents = DocumentService(store)
    with pytest.raises(DocumentError, match="appointment: 'nope' is not a call-back"):
        documents.render_convocation(dossier, "nope")
    done = partner_rdv(store, dossier, status="fait")
    with pytest.raises(DocumentError, match="status: 'fait' is not allowed"):
        documents.render_convocation(dossier, done)
    record = DossierService(store, agent="x").record(dossier)
    assert not [p for p in record["printed"] if p["kind"] == "convocation"]


def test_the_calendar_file(store: Store, dossier: str) -> None:
    appointment = partner_rdv(store, dossier, at=datetime(2026, 7, 7, 8, 0, tzinfo=UTC))
    ics = DocumentService(store).appointment_ics(dossier, appointment)
    event = Calendar.from_ical(ics).walk("VEVENT")[0]
    assert (event["dtstart"].dt.hour, str(event["dtstart"].dt.tzinfo)) == (10, "Europe/Paris")
    assert str(event["uid"]) == appointment and str(event["status"]) == "CONFIRMED"
    assert str(event["summary"]) == "Rendez-vous Urssaf (Help !)"
    assert "À apporter : Votre avis d’imposition" in str(event["description"])
    assert NIR not in ics.decode("utf-8").replace("\r\n ", "")
    assert ics == DocumentService(store).appointment_ics(dossier, appointment)
    callback = DossierService(store, agent="A").schedule_callback(
        dossier, datetime(2026, 12, 7, 8, 0, tzinfo=UTC), "A. Le Gall")
    event = Calendar.from_ical(DocumentService(store).appointment_ics(
        dossier, callback["id"])).walk("VEVENT")[0]
    assert str(event["summary"]) == "Rappel téléphonique — L’accueil commun de Brest (Help !)"
    with pytest.raises(DocumentError, match="at: 'demain'"):
        appointment_ics({"id": "x", "at": "demain"}, "TI", "Urssaf")
    with pytest.raises(DocumentError, match="id: missing"):
        appointment_ics({"at": "2026-12-07T09:00:00+00:00"}, "TI", "Urssaf")
    cancelled = Calendar.from_ical(appointment_ics(
        {"id": "x", "at": "2026-12-07T09:00:00+00:00", "status": "annule", "duration": True},
        "TI", "Urssaf")).walk("VEVENT")[0]
    assert str(cancelled["status"]) == "CANCELLED"
    assert (cancelled["dtend"].dt - cancelled["dtstart"].dt).seconds == 30 * 60


ENTRY: dict[str, Any] = {
    "id": "e1", "site": "BRE", "siret": "73282932000074", "nir": NIR,
    "signals": [{"nom": "Le Goff", "prenom": "Yann", "code_postal": "29200",
                 "commune": "Brest", "montant_cents": 1234500, "type": "dette"}],
    "attempts": [{"outcome": "injoignable", "at": "2026-12-01T09:00:00+00:00"},
                 {"outcome": "injoignable", "at": "2026-12-02T14:00:00+00:00"},
                 {"outcome": "rappel_demande", "at": "2026-12-02T15:00:00+00:00"},
                 {"outcome": "injoignable", "at": "2026-12-03T23:30:00+00:00"}]}


def test_the_contact_letter_with_the_sites_recorded_phone_and_hours(
        store: Store, data_dir: Path) -> None:
    settle(data_dir)
    rendered = DocumentService(store).render_contact_letter(ENTRY, now=ISSUED)
    text = flat(pdf_text(rendered.pdf))
    assert "Nous avons essayé de vous joindre par téléphone les 1er, 2 et 4 décembre 2026" \
        in text  # 23:30 UTC on the 3rd is the 4th in Brest
    assert "Téléphone 02 98 00 11 22" in text and "Horaires du lundi au vendredi, de 9 h à 12 h" \
        in text
    assert "Yann LE GOFF 29200 Brest" in text and "SIRET 732 829 320 00074" in text
    compact = text.replace(" ", "")
    assert NIR not in compact and "12345" not in compact and "dette" not in text
    assert rendered.pages == 1 and rendered.filename == "courrier-contact-Le-Goff-Yann.pdf"


def test_the_contact_letter_invents_no_phone(store: Store, data_dir: Path,
                                             dossier: str) -> None:
    entry = {**ENTRY, "dossier_id": dossier, "attempts": []}
    text = flat(pdf_text(DocumentService(store).render_contact_letter(entry, now=ISSUED).pdf))
    assert "Pour en parler, contactez votre accueil." in text
    assert "Tél" not in text and "Téléphone" not in text
    assert "à plusieurs reprises" in text
    # the linked dossier's postal address
    assert "Yann LE GOFF 4 rue du Château 29200 Brest" in text
    # the site's hours without a phone nor an e-mail: still « contactez votre accueil »
    settle(data_dir, phone="", email="")
    text = flat(pdf_text(DocumentService(store).render_contact_letter(entry, now=ISSUED).pdf))
    assert "Pour en parler, contactez votre accueil." in text


def test_the_contact_letter_reads_the_windows_entry_view(store: Store) -> None:
    entry = {"name": "KERJEAN Anne", "site": "BRE", "siret": None,
             "attempts": [{"outcome": "injoignable", "at": datetime(2026, 11, 30, 9,
                                                                    tzinfo=UTC)},
                          {"outcome": "injoignable", "at": "pas une date"}],
             "signals": []}
    text = flat(pdf_text(DocumentService(store).render_contact_letter(entry, now=ISSUED).pdf))
    assert "KERJEAN Anne" in text and "le 30 novembre 2026" in text
    assert "SIRET" not in text


def test_days_in_words() -> None:
    from datetime import date

    assert _days([]) == ""
    assert _days([date(2026, 11, 30), date(2026, 12, 2)]) == \
        "les 30\u00a0novembre et 2\u00a0décembre 2026"
    assert _days([date(2025, 12, 31), date(2026, 1, 2)]) == \
        "les 31\u00a0décembre 2025 et 2\u00a0janvier 2026"
