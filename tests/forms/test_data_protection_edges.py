"""The refusals and fall-backs of the deployment facts, the retention rules and the notice's
recipient lines (issue 13): each names the file or key and what is allowed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from app.forms import deployment, retention
from app.forms.consent import _first_lower, recipient_line
from app.forms.questionnaire import load_questionnaire


def test_a_deployment_file_of_the_wrong_shape_is_named(tmp_path: Path) -> None:
    with pytest.raises(deployment.DeploymentError, match=r"\[controller\] must be a table"):
        deployment.parse_deployment({"controller": "Caisse"}, "deployment.toml")
    with pytest.raises(deployment.DeploymentError, match="must be a list of text lines"):
        deployment.parse_deployment({"retention": {"lines": "24 mois"}}, "deployment.toml")


def test_a_broken_or_unreadable_deployment_file_is_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "deployment.toml"
    broken.write_text("[controller\nname = ", encoding="utf-8")
    monkeypatch.setenv(deployment.ENV_VAR, str(broken))
    with pytest.raises(deployment.DeploymentError, match="not valid TOML"):
        deployment.load_deployment()
    folder = tmp_path / "a-folder.toml"
    folder.mkdir()
    with pytest.raises(deployment.DeploymentError, match="cannot be read"):
        deployment._load_file(folder, 0)  # noqa: SLF001 - a file that exists but cannot be read


def test_a_broken_retention_override_is_a_deployment_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(deployment.ENV_VAR, raising=False)
    (tmp_path / retention.FILENAME).write_text("[draft]\naction = 'brûler'\n", encoding="utf-8")
    with pytest.raises(deployment.DeploymentError, match=r"retention: .*draft.action"):
        deployment.load_deployment(tmp_path)


def test_retention_rules_refuse_what_is_not_a_rule(tmp_path: Path) -> None:
    with pytest.raises(retention.RetentionError, match="draft is not a table"):
        retention.parse_rules({"draft": 90}, "retention.toml")
    with pytest.raises(retention.RetentionError, match="no rule for closed_dossier, signal"):
        retention.parse_rules({"draft": {"action": "delete", "days": 90}}, "retention.toml")
    folder = tmp_path / "dir.toml"
    folder.mkdir()
    with pytest.raises(retention.RetentionError, match="cannot be read"):
        retention._read(folder)  # noqa: SLF001 - a path that exists but cannot be read


def test_recipient_lines_without_a_policy_and_names_kept_in_capitals() -> None:
    questionnaire = load_questionnaire()
    organisme = questionnaire.organisme("caf")
    bare = dataclasses.replace(organisme, identity_fields=(), profile_fields=())
    patched = dataclasses.replace(questionnaire, organismes=tuple(
        bare if o.code == "caf" else o for o in questionnaire.organismes))
    line = recipient_line(patched, bare)
    assert "votre identité, vos coordonnées et vos réponses utiles" in line
    assert _first_lower("CPAM du Finistère") == "CPAM du Finistère"
    assert _first_lower("Versement des aides") == "versement des aides"
