"""A workstation's pull gets a stub of the versions it stored itself (``X-Workstation``): it
holds that content already. Every other version — another workstation's, a partner's
follow-up, or any version for a client that does not say which workstation it is — comes
whole."""

from __future__ import annotations

from typing import Any

import pytest

from tests.server.conftest import Server, make_record


def pull(server: Server, headers: dict[str, str], workstation: str | None = None,
         since: int = 0) -> dict[str, Any]:
    if workstation is not None:
        headers = {**headers, "X-Workstation": workstation}
    response = server.client.get("/sync/pull", headers=headers, params={"since": since})
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_own_versions_come_back_as_stubs_and_others_whole(server: Server) -> None:
    bre = server.login("bre")
    first, second = make_record(1, oriented=("urssaf",)), make_record(2)
    mine = {**bre, "X-Workstation": "BRE-02"}
    assert [r["status"] for r in server.push(mine, first)] == ["accepted"]
    assert [r["status"] for r in server.push({**bre, "X-Workstation": "BRE-03"}, second)] == [
        "accepted"]

    changes = {c["id"]: c for c in pull(server, bre, "BRE-02")["changes"]}
    assert changes[first["id"]] == {"id": first["id"], "revision": 1, "own": True}
    assert changes[second["id"]]["answers"] == second["answers"]  # another workstation's
    for other in ("BRE-03", None):  # the other workstation, and a client that does not say
        whole = {c["id"]: c for c in pull(server, bre, other)["changes"]}
        assert whole[first["id"]]["answers"] == first["answers"]

    # A partner's follow-up is pulled whole by the workstation that stored the dossier.
    cursor = pull(server, bre, "BRE-02")["cursor"]
    answer = server.client.post(f"/partner/dossiers/{first['id']}/orientation",
                                headers=server.login("p_urssaf"), json={"status": "recue"})
    assert answer.status_code == 200, answer.text
    [followed] = pull(server, bre, "BRE-02", since=cursor)["changes"]
    assert followed["revision"] == 2 and "own" not in followed
    assert followed["orientations"][0]["status"] == "recue"

    # The workstation's next version, from PUT as well as from a batch, is its own again.
    edited = dict(followed, revision=3, urgent=True)
    put = server.client.put(f"/dossiers/{first['id']}", headers=mine,
                            json={"base_revision": 2, "dossier": edited})
    assert put.status_code == 200, put.text
    cursor_after = pull(server, bre, "BRE-02", since=cursor)
    assert cursor_after["changes"] == [{"id": first["id"], "revision": 3, "own": True}]


@pytest.mark.parametrize("value", ["bre-02", "BRE_02", "BRE-", "BREST-02", "BRE-123456789"])
def test_a_malformed_workstation_header_is_refused_with_its_name(server: Server,
                                                                 value: str) -> None:
    response = server.client.get("/sync/pull", headers={**server.login("bre"),
                                                         "X-Workstation": value})
    assert response.status_code == 422
    assert "x-workstation" in response.text.lower()
