"""The shipped sites file and its validation."""

from __future__ import annotations

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
    assert all(s.address and s.postal_code.startswith(s.departement) for s in sites.values())


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
        (('address = ["Urssaf Bretagne", "1 rue X"]', "address = []"), "address"),
    ],
)
def test_invalid_site_is_refused(change: tuple[str, str], message: str) -> None:
    with pytest.raises(SitesFileError, match=message):
        parse_sites(GOOD.replace(*change))


def test_duplicate_code_is_refused() -> None:
    assert list(parse_sites(GOOD)) == ["REN"]
    with pytest.raises(SitesFileError, match="duplicate code 'REN'"):
        parse_sites(GOOD + GOOD)
