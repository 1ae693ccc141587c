"""The shipped sites file and its validation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.models.sites import SitesFileError, load_sites, parse_sites

GOOD = """
[[site]]
code = "REN"
name = "Rennes"
kind = "accueil"
address = ["Urssaf Bretagne", "1 rue X"]
postal_code = "35000"
commune = "Rennes"
departement = "35"
"""


def test_shipped_sites() -> None:
    sites = load_sites()
    assert list(sites) == ["REN", "PLE", "BRE", "QUI", "VAN", "TEL"]
    assert sites["PLE"].name == "Plérin"
    assert sites["PLE"].departement == "22"
    assert sites["BRE"].departement == sites["QUI"].departement == "29"
    assert sites["VAN"].departement == "56"
    assert sites["TEL"].kind == "telephone"
    assert sites["TEL"].name == "Plateforme téléphonique"
    assert all(s.kind == "accueil" for code, s in sites.items() if code != "TEL")
    assert all(s.postal_code.startswith(s.departement) for s in sites.values())
    # No address is shipped: each is a site setting recorded on the central store.
    assert all(s.address == () and not s.confirmed for s in sites.values())


def test_site_is_frozen() -> None:
    site = load_sites()["REN"]
    with pytest.raises(AttributeError):
        site.code = "XXX"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('code = "REN"', 'code = "Ren"'), "3 uppercase letters"),
        (('code = "REN"', 'code = "RENN"'), "3 uppercase letters"),
        (('kind = "accueil"', 'kind = "guichet"'), "kind"),
        (('postal_code = "35000"', 'postal_code = "350"'), "postal_code"),
        (('name = "Rennes"', 'name = ""'), "name"),
        (('address = ["Urssaf Bretagne", "1 rue X"]', 'address = [""]'), "address"),
        (('address = ["Urssaf Bretagne", "1 rue X"]', 'address = "1 rue X"'), "address"),
    ],
)
def test_invalid_site_is_refused(change: tuple[str, str], message: str) -> None:
    with pytest.raises(SitesFileError, match=message):
        parse_sites(GOOD.replace(*change))


def test_duplicate_code_is_refused() -> None:
    assert list(parse_sites(GOOD)) == ["REN"]
    with pytest.raises(SitesFileError, match="duplicate code 'REN'"):
        parse_sites(GOOD + GOOD)


def test_the_synced_settings_are_merged_and_bad_ones_ignored(tmp_path: Path) -> None:
    from app.models.sites import SETTINGS_FILE, synced_settings

    assert load_sites(data_dir=tmp_path)["BRE"].address == ()  # nothing synced yet
    assert synced_settings(tmp_path) is None
    entry = {"code": "BRE", "version": 3, "address": ["Urssaf Bretagne", "1 rue X"],
             "postal_code": "29200", "commune": "Brest", "phone": "3698", "email": "",
             "hours": "", "updated_at": "2026-12-01T10:00:00+00:00"}
    bad = {**entry, "code": "QUI", "phone": "12"}
    (tmp_path / SETTINGS_FILE).write_text(json.dumps(
        {"fetched_at": "x", "published": {"sites": [entry, bad, "junk"]}}), encoding="utf-8")
    sites = load_sites(data_dir=tmp_path)
    assert sites["BRE"].confirmed and sites["BRE"].address == ("Urssaf Bretagne", "1 rue X")
    assert sites["BRE"].version == 3 and sites["BRE"].phone == "3698"
    assert not sites["QUI"].confirmed  # an invalid entry is ignored
    assert load_sites()["BRE"].address == ()  # without data_dir: the shipped sites only
    for broken in ("{not json", "[1, 2]", json.dumps({"published": 4})):
        (tmp_path / SETTINGS_FILE).write_text(broken, encoding="utf-8")
        assert not load_sites(data_dir=tmp_path)["BRE"].confirmed
