"""The versioned consent text: its hash proves which text a worker agreed to."""

from __future__ import annotations

import hashlib

import pytest

from app.forms.consent import CONSENTS_DIR, ConsentTextError, load_consent_text
from app.forms.questionnaire import load_questionnaire


def test_the_questionnaire_names_a_shipped_consent_text() -> None:
    assert load_questionnaire().consent_text == "consentement-v2"  # new consents (issue 13)


def test_v1_still_ships_for_the_dossiers_that_consented_under_it() -> None:
    text = load_consent_text("consentement-v1")
    assert text.version == "consentement-v1"
    assert text.title.startswith("Consentement à l’échange d’informations")
    raw = (CONSENTS_DIR / "consentement-v1.md").read_bytes()
    assert text.sha256 == hashlib.sha256(raw).hexdigest()
    assert len(text.paragraphs) >= 4
    assert all("Version consentement-v1" not in p and not p.startswith("#")
               for p in text.paragraphs)
    assert any("retirer votre accord" in p for p in text.paragraphs)


def test_unknown_version() -> None:
    with pytest.raises(ConsentTextError, match="consentement-v9: unknown consent text; "
                                               "available: consentement-v1, "
                                               "consentement-v2"):
        load_consent_text("consentement-v9")
