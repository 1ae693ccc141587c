"""Site settings reach the workstations: a sync round keeps the store's ``GET /sites`` answer
beside the local store, and the documents print the site's address from it — before any is
recorded, the site's name and city only; offline, the last settings read."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from app.document_service import DocumentService
from app.documents import DocumentKind
from app.models.database import Store
from app.server.sites import set_site
from app.sync.client import SyncClient
from app.sync.figures import FETCH_INTERVAL
from app.sync.site_settings import site_settings_path
from tests.documents.conftest import flat, pdf_text
from tests.server.conftest import Server
from tests.sync.conftest import MakeClient, bearer, new_dossier, wrapped
from tests.sync.test_figures import Unreachable

BRE = {"address": ["Urssaf Bretagne", "Accueil commun TI", "1 rue de l’Exemple"],
       "postal_code": "29200", "commune": "Brest", "phone": "0298000000",
       "email": "accueil.ti.brest@example.fr", "hours": "du lundi au vendredi, de 9 h à 12 h"}


def printed(store: Store, dossier_id: str, kind: DocumentKind,
            organisme: str | None = None) -> str:
    return flat(pdf_text(DocumentService(store).render(dossier_id, kind, organisme).pdf))


def test_a_round_brings_the_settings_and_documents_print_them(
        store: Store, central: Server, make_client: MakeClient) -> None:
    assert store.path is not None
    dossier_id = new_dossier(store, consents={"urssaf": True})
    assert make_client(store).run_round().in_sync
    kept = json.loads(site_settings_path(store.path.parent).read_text(encoding="utf-8"))
    assert {s["code"]: s["version"] for s in kept["published"]["sites"]}["BRE"] == 0

    before = printed(store, dossier_id, DocumentKind.SUMMARY)
    assert "Accueil commun des travailleurs indépendants de Brest" in before
    assert "de Brest Brest" not in before  # the title names the city: not printed again
    assert "1 rue de l’Exemple" not in before and "29200" not in before
    letter_before = printed(store, dossier_id, DocumentKind.LETTER, "urssaf")
    assert "Accueil commun des travailleurs indépendants de Brest" in letter_before
    assert "1 rue de l’Exemple" not in letter_before

    set_site(central.app.state.engine, "BRE", BRE, "admin")
    # the next round reads them again once FETCH_INTERVAL has passed (issue 18)
    later = SyncClient(store, central.client, token=bearer(central),
                       clock=lambda: datetime.now(UTC) + FETCH_INTERVAL)
    assert later.run_round().in_sync
    after = printed(store, dossier_id, DocumentKind.SUMMARY)
    assert ("Accueil commun des travailleurs indépendants de Brest Urssaf Bretagne, "
            "Accueil commun TI, 1 rue de l’Exemple, 29200 Brest") in after
    letter_after = printed(store, dossier_id, DocumentKind.LETTER, "urssaf")
    assert "1 rue de l’Exemple" in letter_after and "29200 Brest" in letter_after

    # Offline: the round fails, the documents still print the settings last read.
    offline = SyncClient(store, wrapped(central, lambda inner: Unreachable()),
                         token=bearer(central), max_retries=0)
    assert not offline.run_round().in_sync
    assert "1 rue de l’Exemple" in printed(store, dossier_id, DocumentKind.SUMMARY)


def test_an_unreadable_settings_file_prints_name_and_city(store: Store) -> None:
    assert store.path is not None
    dossier_id = new_dossier(store)
    site_settings_path(store.path.parent).write_text("{not json", encoding="utf-8")
    text = printed(store, dossier_id, DocumentKind.SUMMARY)
    assert "Accueil commun des travailleurs indépendants de Brest" in text  # names the city
    assert "Urssaf Bretagne" not in text and "29200" not in text
