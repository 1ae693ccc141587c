"""A document whose content changed since it was printed carries « Version N — remplace … »
in the top margin of every page; its content hash stays the unmarked original's."""

from __future__ import annotations

from datetime import date

import pytest

from app.documents import DocumentError, DocumentKind, NewVersion, build_snapshot, render
from app.models.sites import Site
from tests.documents import records
from tests.documents.conftest import flat, pdf_text


@pytest.mark.parametrize("kind,organisme,replaced", [
    (DocumentKind.LETTER, "urssaf", "la lettre"),
    (DocumentKind.SUMMARY, None, "la synthèse"),
    (DocumentKind.CONSENT, None, "le formulaire"),
])
def test_a_new_version_says_so_on_every_page_and_keeps_the_content_hash(
        kind: DocumentKind, organisme: str | None, replaced: str,
        sites: dict[str, Site]) -> None:
    record = records.baker()
    snapshot = build_snapshot(record, site=sites.get(record["site"]))
    original = render(snapshot, kind, organisme)
    version = render(snapshot, kind, organisme,
                     new_version=NewVersion(2, date(2026, 3, 12)))
    assert version.content_sha256 == original.content_sha256 != version.sha256
    assert version.pages == original.pages
    text = flat(pdf_text(version.pdf))
    assert text.count(f"Version 2 — remplace {replaced} du 12/03/2026") == version.pages
    assert "Duplicata" not in text and "Version 2" not in pdf_text(original.pdf)
    again = render(snapshot, kind, organisme, new_version=NewVersion(2, date(2026, 3, 12)))
    assert again.pdf == version.pdf  # reproducible, like the duplicate
    duplicate = render(snapshot, kind, organisme, duplicate_of=date(2026, 3, 12))
    assert duplicate.content_sha256 == original.content_sha256


def test_a_print_is_a_duplicate_or_a_new_version_not_both(sites: dict[str, Site]) -> None:
    record = records.baker()
    snapshot = build_snapshot(record, site=sites.get(record["site"]))
    with pytest.raises(DocumentError, match="not both"):
        render(snapshot, DocumentKind.LETTER, "urssaf", duplicate_of=date(2026, 3, 2),
               new_version=NewVersion(2, date(2026, 3, 2)))


def test_a_letter_keeps_its_content_when_another_organisme_s_consent_changes(
        sites: dict[str, Site]) -> None:
    """A letter is dated by its own organisme's consent: the Caf consent withdrawn a week later
    changes the Caf's documents, not the Urssaf letter already sent (no « Version 2 » for it)."""
    record = records.baker()
    site = sites.get(record["site"])
    before = render(build_snapshot(record, site=site), DocumentKind.LETTER, "urssaf")
    assert "le 22 novembre 2026" in flat(pdf_text(before.pdf))
    later = records.baker()
    later["consents"] = [records.consent("urssaf"),
                         records.consent("caf", revoked_at="2026-11-29T09:00:00+01:00"),
                         records.consent("assurance_retraite")]
    snapshot = build_snapshot(later, site=site)
    assert snapshot.document_date == date(2026, 11, 29)
    after = render(snapshot, DocumentKind.LETTER, "urssaf")
    assert after.content_sha256 == before.content_sha256


def test_the_content_key_ignores_the_layout_and_follows_what_the_reader_is_told(
        sites: dict[str, Site], monkeypatch: pytest.MonkeyPatch) -> None:
    """A new version of the application (its number is in every footer) changes the bytes, not
    the content: a letter already sent is not a « Version 2 » after an upgrade. A changed phone
    number is content for the partner who prints it, not for one who does not receive it."""
    import sys

    render_module = sys.modules["app.documents.render"]

    record = records.baker()
    site = sites.get(record["site"])
    before = render(build_snapshot(record, site=site), DocumentKind.LETTER, "urssaf")
    monkeypatch.setattr(render_module, "__version__", "9.9.9")
    upgraded = render(build_snapshot(record, site=site), DocumentKind.LETTER, "urssaf")
    assert upgraded.sha256 != before.sha256
    assert upgraded.content_sha256 == before.content_sha256
    changed = records.baker()
    changed["identity"]["email"] = "yann.legoff@exemple.fr"
    snapshot = build_snapshot(changed, site=site)
    assert render(snapshot, DocumentKind.LETTER, "urssaf").content_sha256 != \
        before.content_sha256  # the Urssaf letter prints the e-mail
    caf = build_snapshot(records.baker(), site=site)
    assert render(snapshot, DocumentKind.LETTER, "caf").content_sha256 == \
        render(caf, DocumentKind.LETTER, "caf").content_sha256  # the Caf's does not
