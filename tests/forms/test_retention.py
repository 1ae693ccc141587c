"""Retention durations as data (issue 13): the shipped rules, a deployment's override, the
refusals naming the field, and the pure selection."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.forms.retention import (
    Candidate,
    RetentionError,
    add_months,
    deployment_file,
    load_rules,
    select_due,
    summary_line,
)

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def test_shipped_rules() -> None:
    rules = load_rules()
    assert {k: (r.action, r.months, r.days) for k, r in rules.items()} == {
        "closed_dossier": ("anonymise", 24, 0), "draft": ("delete", 0, 90),
        "signal": ("delete", 12, 0)}


def test_a_deployment_overrides_some_rules(tmp_path: Path) -> None:
    path = tmp_path / "retention.toml"
    path.write_text('[draft]\naction = "delete"\ndays = 30\n', "utf-8")
    assert deployment_file({}, tmp_path) == path
    assert deployment_file({"ACCUEIL_TI_RETENTION": str(path)}, None) == path
    assert deployment_file({}, tmp_path / "nowhere") is None
    rules = load_rules(path)
    assert (rules["draft"].days, rules["closed_dossier"].months) == (30, 24)


@pytest.mark.parametrize(("text", "message"), [
    ('[drafts]\naction = "delete"\ndays = 3\n', "[drafts] is not a retention rule"),
    ('[draft]\naction = "shred"\ndays = 3\n', "draft.action 'shred' is not allowed"),
    ('[draft]\naction = "delete"\ndays = -1\n', "draft.days -1 is not allowed"),
    ('[draft]\naction = "delete"\n', "draft has no duration"),
    ('[draft]\naction = "delete"\nweeks = 2\n', "draft.weeks is not allowed"),
    ("[draft", "is not valid TOML"),
])
def test_a_bad_file_is_refused_naming_the_field(tmp_path: Path, text: str,
                                                message: str) -> None:
    path = tmp_path / "retention.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(RetentionError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_rules(path)
    with pytest.raises(RetentionError, match="is not a file"):
        deployment_file({"ACCUEIL_TI_RETENTION": str(tmp_path / "missing.toml")}, None)


def test_add_months_clamps_the_day() -> None:
    assert add_months(datetime(2026, 3, 31), -1) == datetime(2026, 2, 28)
    assert add_months(datetime(2024, 2, 29), -24) == datetime(2022, 2, 28)
    assert add_months(datetime(2026, 1, 15), -13) == datetime(2024, 12, 15)


def test_select_due_is_pure_and_ordered() -> None:
    rules = load_rules()
    candidates = [
        Candidate("b", "TI-BRE-01-2024-000002", "clos", datetime(2024, 12, 4, 12, 0, tzinfo=UTC)),
        Candidate("a", "TI-BRE-01-2024-000001", "clos", datetime(2024, 12, 4, 12, 1, tzinfo=UTC)),
        Candidate("c", "TI-BRE-01-2026-000003", "brouillon",
                  datetime(2026, 9, 5, 12, 1, tzinfo=UTC)),
        Candidate("d", "TI-BRE-01-2026-000004", "brouillon",
                  datetime(2026, 9, 4, 12, 0, tzinfo=UTC)),
        Candidate("e", "TI-BRE-01-2020-000005", "oriente", datetime(2020, 1, 1, tzinfo=UTC)),
    ]
    due = select_due(rules, candidates, NOW)
    assert [(d.kind, d.id) for d in due] == [("closed_dossier", "b"), ("draft", "d")]
    assert select_due(rules, reversed(candidates), NOW) == due
    assert summary_line(rules, due, dry_run=True).startswith(
        "would anonymise 1 closed dossiers (24 months after the last change); would delete 1 "
        "drafts (90 days after the last change); signals: signals do not exist yet")
