"""Retention durations as data, and the pure decision of what they select (issue 13).

The durations ship in ``resources/retention.toml``; a deployment overrides any of them with a
file of the same shape (:func:`load_rules` merges it over the shipped one, rule by rule). The
central store applies them with ``accueil-ti admin retention`` (app.server.erasure), each
workstation at start and after every sync round (app.models.erasure), both through
:func:`select_due`: given the same dossiers and the same ``now`` it selects the same ones, which
is what lets ``--dry-run`` list exactly what the real run then does.

Rules (a new kind is one more entry of :data:`KINDS` and a table in the file):

- ``closed_dossier``: a dossier with status ``clos``, counted from its last change (closing it
  is its last change; any later change starts the count again) — anonymised by default;
- ``draft``: a dossier with status ``brouillon`` untouched for the duration — deleted;
- ``signal``: a signal that led to nothing (issue 16). Signals do not exist yet: the rule is
  read and checked, and reported as not applicable.

Anonymise: the personal data goes (the dossier, its revisions, consents, orientations notes),
the anonymous facts kept for statistics stay. Delete: nothing stays but the audit row.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

SHIPPED = Path(__file__).resolve().parent.parent.parent / "resources" / "retention.toml"
ENV_VAR = "ACCUEIL_TI_RETENTION"
FILENAME = "retention.toml"  # a deployment's file in the data folder

ACTIONS = ("anonymise", "delete")
# kind -> the dossier status it applies to (None: not a dossier; not applicable yet)
KINDS: dict[str, str | None] = {"closed_dossier": "clos", "draft": "brouillon", "signal": None}
NOT_APPLICABLE = {"signal": "signals do not exist yet (issue 16); nothing to do"}
LABELS = {"closed_dossier": "closed dossiers", "draft": "drafts", "signal": "signals"}


class RetentionError(ValueError):
    """A retention file that cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class Rule:
    """One retention rule: what it applies to, what it does, after how long."""

    kind: str
    action: str
    months: int = 0
    days: int = 0

    def limit(self, now: datetime) -> datetime:
        """Dossiers whose last change is at or before this moment are due."""
        return add_months(now, -self.months) - timedelta(days=self.days)

    def duration(self) -> str:
        """« 24 months », « 90 days »."""
        parts = [f"{self.months} months"] if self.months else []
        parts += [f"{self.days} days"] if self.days or not parts else []
        return " ".join(parts)


@dataclass(frozen=True)
class Candidate:
    """What the rules look at of one dossier: no personal data."""

    id: str
    number: str
    status: str
    updated_at: datetime


@dataclass(frozen=True)
class Due:
    """One dossier a rule selects, and what is done to it."""

    kind: str
    action: str
    id: str
    number: str

    def line(self) -> str:
        """The line ``admin retention`` prints for it (the same in dry run and real run)."""
        return f"{self.action} {self.kind} {self.id} {self.number}"


def add_months(moment: datetime, months: int) -> datetime:
    """``moment`` moved by whole calendar months (the day clamped to the month's length)."""
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    lengths = (31, 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
               31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    return moment.replace(year=year, month=month, day=min(moment.day, lengths[month - 1]))


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise RetentionError(f"retention: {path} cannot be read ({exc.strerror or exc}); "
                             "expected a TOML file of retention rules") from None
    except tomllib.TOMLDecodeError as exc:
        raise RetentionError(f"retention: {path} is not valid TOML ({exc}); expected a TOML "
                             "file of retention rules") from None


def _rule(kind: str, table: Any, where: str) -> Rule:
    if not isinstance(table, Mapping):
        raise RetentionError(f"{where}: {kind} is not a table; expected [{kind}] with action "
                             "and months or days")
    unknown = set(table) - {"action", "months", "days"}
    if unknown:
        raise RetentionError(f"{where}: {kind}.{sorted(unknown)[0]} is not allowed; expected "
                             "action, months, days")
    action = table.get("action")
    if action not in ACTIONS:
        raise RetentionError(f"{where}: {kind}.action {action!r} is not allowed; expected one "
                             f"of {', '.join(ACTIONS)}")
    values = {}
    for name in ("months", "days"):
        value = table.get(name, 0)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 1200:
            raise RetentionError(f"{where}: {kind}.{name} {value!r} is not allowed; expected a "
                                 "whole number from 0 to 1200")
        values[name] = value
    if not values["months"] and not values["days"]:
        raise RetentionError(f"{where}: {kind} has no duration; expected months or days above 0")
    return Rule(kind, str(action), values["months"], values["days"])


def parse_rules(data: Mapping[str, Any], where: str,
                base: Mapping[str, Rule] | None = None) -> dict[str, Rule]:
    """The rules of a parsed file, over ``base`` (a rule the file leaves out keeps base's)."""
    rules = dict(base or {})
    for kind, table in data.items():
        if kind not in KINDS:
            raise RetentionError(f"{where}: [{kind}] is not a retention rule; expected one of "
                                 f"{', '.join(KINDS)}")
        rules[kind] = _rule(kind, table, where)
    missing = [k for k in KINDS if k not in rules]
    if missing:
        raise RetentionError(f"{where}: no rule for {', '.join(missing)}")
    return rules


def load_rules(override: Path | None = None) -> dict[str, Rule]:
    """The shipped rules, with ``override``'s (when given and present) over them."""
    rules = parse_rules(_read(SHIPPED), str(SHIPPED))
    if override is not None and override.is_file():
        rules = parse_rules(_read(override), str(override), rules)
    return rules


def deployment_file(environ: Mapping[str, str], data_dir: Path | None) -> Path | None:
    """The deployment's retention file: ``ACCUEIL_TI_RETENTION`` when set (it must exist),
    else ``retention.toml`` of the data folder when there is one, else None."""
    given = environ.get(ENV_VAR)
    if given:
        path = Path(given)
        if not path.is_file():
            raise RetentionError(f"{ENV_VAR}: {given} is not a file; expected a TOML file of "
                                 "retention rules")
        return path
    if data_dir is not None and (Path(data_dir) / FILENAME).is_file():
        return Path(data_dir) / FILENAME
    return None


def rules_by_status(rules: Mapping[str, Rule]) -> dict[str, Rule]:
    """The rules that apply to dossiers, by the dossier status they look at."""
    return {status: rules[kind] for kind, status in KINDS.items()
            if status is not None and kind in rules}


def status_limits(rules: Mapping[str, Rule], now: datetime) -> dict[str, datetime]:
    """By dossier status, the last change at or before which a dossier is due at ``now``: the
    stores select their candidates with it, so they never read the dossiers that are not due."""
    return {status: rule.limit(now) for status, rule in rules_by_status(rules).items()}


def select_due(rules: Mapping[str, Rule], candidates: Iterable[Candidate],
               now: datetime) -> list[Due]:
    """The dossiers the rules select at ``now``, by kind then number: pure, so the same
    dossiers and the same ``now`` always give the same list."""
    by_status = rules_by_status(rules)
    limits = status_limits(rules, now)
    due = [Due(by_status[c.status].kind, by_status[c.status].action, c.id, c.number)
           for c in candidates
           if c.status in limits and c.updated_at <= limits[c.status]]
    order = list(KINDS)
    return sorted(due, key=lambda d: (order.index(d.kind), d.number, d.id))


def summary_line(rules: Mapping[str, Rule], due: Iterable[Due], *, dry_run: bool) -> str:
    """« would anonymise 2 closed dossiers (24 months), would delete 0 drafts (90 days);
    signals: not applicable … » — one line, by kind, with counts."""
    items = list(due)
    parts = []
    for kind, rule in rules.items():
        if kind in NOT_APPLICABLE:
            parts.append(f"{LABELS[kind]}: {NOT_APPLICABLE[kind]}")
            continue
        count = sum(1 for d in items if d.kind == kind)
        verb = {"anonymise": "anonymise" if dry_run else "anonymised",
                "delete": "delete" if dry_run else "deleted"}[rule.action]
        parts.append(f"{'would ' if dry_run else ''}{verb} {count} {LABELS[kind]} "
                     f"({rule.duration()} after the last change)")
    return "; ".join(parts)
