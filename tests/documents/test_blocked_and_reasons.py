"""The summary names aids blocked by an empty profile field and prints only positive reasons."""

from __future__ import annotations

from app.documents import DocumentKind, build_snapshot, render
from app.documents.wording import and_words, plural
from app.models.sites import Site
from tests.documents import records
from tests.documents.conftest import flat, pdf_text


def summary_text(record: dict, sites: dict[str, Site]) -> str:
    snapshot = build_snapshot(record, site=sites.get(record["site"]))
    return flat(pdf_text(render(snapshot, DocumentKind.SUMMARY, None).pdf))


def test_missing_start_of_activity_is_named_on_the_summary(sites: dict[str, Site]) -> None:
    record = records.baker()
    del record["profile"]["debut_activite"]
    snapshot = build_snapshot(record, site=sites.get(record["site"]))
    assert [b.code for b in snapshot.blocked] == ["ACED", "AFE_CPSTI"]
    text = summary_text(record, sites)
    assert "Informations à compléter" in text
    assert ("Aide aux cotisants en difficulté (ACED) et Aide financière exceptionnelle du CPSTI "
            "(AFE) ne peuvent pas encore être examinées : date de début d’activité manquante."
            in text)


def test_a_complete_profile_prints_no_such_block(sites: dict[str, Site]) -> None:
    assert "Informations à compléter" not in summary_text(records.baker(), sites)


def test_the_emergency_aid_does_not_print_retraite_non(sites: dict[str, Site]) -> None:
    record = records.baker()
    record["answers"].update({"Q03": "catastrophe", "Q11": "non"})
    snapshot = build_snapshot(record, site=sites.get(record["site"]))
    entry = next(a for a in snapshot.aids if a.code == "AIDE_URGENCE")
    assert entry.reasons == ("Q03=catastrophe", "activite_principale=true")
    text = summary_text(record, sites)
    assert "Envisagez-vous de prendre votre retraite" not in text


def test_french_plural_helpers() -> None:
    assert plural(0, "aide", "aides") == "aide"
    assert plural(1, "aide", "aides") == "aide"
    assert plural(2, "aide", "aides") == "aides"
    assert and_words([]) == ""
    assert and_words(["A"]) == "A"
    assert and_words(["A", "B", "C"]) == "A, B et C"
