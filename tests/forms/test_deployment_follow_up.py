"""The deployment file's ``[follow_up]`` table: after how many working days an orientation is
« sans nouvelle » (app.forms.deployment, read by app.forms.workdays.stale_working_days)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.forms import deployment
from app.forms.deployment import (
    DEFAULT_STALE_WORKING_DAYS,
    Contact,
    Deployment,
    DeploymentError,
    load_deployment,
    parse_deployment,
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "deployment.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_absent_the_setting_is_ten(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(deployment.ENV_VAR, raising=False)
    assert DEFAULT_STALE_WORKING_DAYS == 10
    assert load_deployment().stale_working_days == 10  # the embedded file says nothing
    assert parse_deployment({}, "deployment.toml").stale_working_days == 10
    assert parse_deployment({"follow_up": {}}, "deployment.toml").stale_working_days == 10
    # a Deployment built without it (as before the setting) keeps the default
    built = Deployment(controller=Contact(), dpo=Contact(), rights_how="", retention=(),
                       retention_source="", cnil_name="", cnil_website="", cnil_source="",
                       path="x")
    assert built.stale_working_days == 10


@pytest.mark.parametrize("days", [1, 5, 60])
def test_a_deployment_file_sets_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   days: int) -> None:
    path = write(tmp_path, f"[follow_up]\nstale_working_days = {days}\n")
    monkeypatch.setenv(deployment.ENV_VAR, str(path))
    facts = load_deployment()
    assert facts.stale_working_days == days
    assert facts.path == str(path)


@pytest.mark.parametrize("value", ["0", "61", "-3", '"dix"', '"5"', "true", "5.0", "[5]"])
def test_anything_but_a_whole_number_from_1_to_60_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    path = write(tmp_path, f"[follow_up]\nstale_working_days = {value}\n")
    monkeypatch.setenv(deployment.ENV_VAR, str(path))
    with pytest.raises(DeploymentError) as caught:
        load_deployment()
    message = str(caught.value)
    assert str(path) in message
    assert "follow_up.stale_working_days" in message
    assert "whole number of working days from 1 to 60" in message


def test_follow_up_must_be_a_table(tmp_path: Path) -> None:
    with pytest.raises(DeploymentError, match=r"deployment.toml: \[follow_up\] must be a table"):
        parse_deployment({"follow_up": 5}, "deployment.toml")


def test_the_embedded_file_documents_the_setting() -> None:
    text = deployment.DEFAULT_FILE.read_text(encoding="utf-8")
    assert "# [follow_up]\n# stale_working_days = 10\n" in text


def test_the_other_edges_of_the_deployment_file(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """What the documents' tests cover elsewhere, so that tests/forms covers the module alone:
    a contact's lines, a text field of the wrong type, <data dir>/deployment.toml."""
    dpo = Contact(name="DPO", address=("1 rue X",), email="dpo@example.org")
    assert dpo.configured and not Contact().configured
    assert dpo.lines() == ("DPO", "1 rue X", "Courriel : dpo@example.org")
    assert Contact(address=("1 rue X",)).lines() == ("1 rue X",)
    with pytest.raises(DeploymentError, match=r"deployment.toml: rights.how: must be text"):
        parse_deployment({"rights": {"how": 3}}, "deployment.toml")
    monkeypatch.delenv(deployment.ENV_VAR, raising=False)
    assert deployment.deployment_file(tmp_path) == deployment.DEFAULT_FILE  # none there
    local = write(tmp_path, "[follow_up]\nstale_working_days = 3\n")
    assert deployment.deployment_file(tmp_path) == local
    assert load_deployment(tmp_path).stale_working_days == 3
