"""The facts of one deployment that documents print about the processing of personal data: who is
responsible for it, the data-protection officer, how to exercise one's rights, how long data is
kept, and the public facts about the CNIL.

They are settings, never wording of the application: the embedded default
(``resources/deployment.toml``) leaves every deployment fact empty, and documents print only what
is filled in. A deployment provides its own file, found in this order:

1. the file named by the environment variable ``ACCUEIL_TI_DEPLOYMENT``;
2. ``deployment.toml`` in the workstation's data dir (when the caller names the data dir);
3. the embedded default.

Retention durations are the rules the stores apply (``app/forms/retention.py``: the shipped
``resources/retention.toml``, or the deployment's own), in words; the deployment file's
``[retention]`` lines are printed after them (e.g. what partner organismes keep, and how long).

One table is a setting of the follow-up rather than a printed fact: ``[follow_up]``
``stale_working_days``, the number of working days without a partner action after which a
transmitted orientation is « sans nouvelle » (:func:`app.forms.workdays.stale_working_days`): a
whole number from 1 to 60, :data:`DEFAULT_STALE_WORKING_DAYS` (10) when the table or the key is
absent. The workstation and the central store each read it once per process, from the file named
by ``ACCUEIL_TI_DEPLOYMENT`` (else the embedded default): give both the same file, so that the
counter and the partners see the same orientations « sans nouvelle ».
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from app.forms import retention
from app.forms.retention import Rule

RESOURCES_DIR = Path(__file__).resolve().parent.parent.parent / "resources"
DEFAULT_FILE = RESOURCES_DIR / "deployment.toml"
ENV_VAR = "ACCUEIL_TI_DEPLOYMENT"
FILE_NAME = "deployment.toml"
# [follow_up] stale_working_days: its default and the whole numbers allowed
DEFAULT_STALE_WORKING_DAYS = 10
STALE_WORKING_DAYS_RANGE = range(1, 61)


class DeploymentError(ValueError):
    """The deployment file is malformed; the message names the file, the table and the field."""


@dataclass(frozen=True)
class Contact:
    """A name, a postal address (lines) and an e-mail, any of them possibly empty."""

    name: str = ""
    address: tuple[str, ...] = ()
    email: str = ""
    source: str = ""

    @property
    def configured(self) -> bool:
        return bool(self.name or self.address or self.email)

    def lines(self) -> tuple[str, ...]:
        """Name, address lines, then « Courriel : … », only what is filled in."""
        out = [self.name] if self.name else []
        out += list(self.address)
        if self.email:
            out.append(f"Courriel : {self.email}")
        return tuple(out)


@dataclass(frozen=True)
class Deployment:
    controller: Contact
    dpo: Contact
    rights_how: str
    retention: tuple[str, ...]
    retention_source: str
    cnil_name: str
    cnil_website: str
    cnil_source: str
    path: str  # the file the facts were read from
    # [follow_up]: working days without a partner action before « sans nouvelle »
    stale_working_days: int = DEFAULT_STALE_WORKING_DAYS


def _table(data: Mapping[str, Any], name: str, where: str) -> Mapping[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, Mapping):
        raise DeploymentError(f"{where}: [{name}] must be a table")
    return value


def _str(table: Mapping[str, Any], key: str, where: str) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise DeploymentError(f"{where}.{key}: must be text")
    return " ".join(value.split())


def _lines(table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DeploymentError(f"{where}.{key}: must be a list of text lines")
    return tuple(line for v in value if (line := " ".join(v.split())))


def _stale_working_days(data: Mapping[str, Any], where: str) -> int:
    value = _table(data, "follow_up", where).get("stale_working_days",
                                                 DEFAULT_STALE_WORKING_DAYS)
    allowed = STALE_WORKING_DAYS_RANGE
    # a TOML boolean is a Python int: true is not a number of days
    if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
        raise DeploymentError(f"{where}: follow_up.stale_working_days: {value!r} is not allowed; "
                              f"expected a whole number of working days from {allowed.start} "
                              f"to {allowed.stop - 1}")
    return value


def _contact(data: Mapping[str, Any], name: str, where: str) -> Contact:
    table = _table(data, name, where)
    at = f"{where}: {name}"
    return Contact(_str(table, "name", at), _lines(table, "address", at),
                   _str(table, "email", at), _str(table, "source", at))


def _duration(rule: Rule) -> str:
    parts = []
    if rule.months:
        parts.append(f"{rule.months} mois")
    if rule.days:
        parts.append(f"{rule.days} jour{'s' if rule.days > 1 else ''}")
    return " et ".join(parts)


def retention_lines(rules: Mapping[str, Rule]) -> tuple[str, ...]:
    """The retention rules that apply to dossiers, in words (a rule for something that does not
    exist yet, such as signals, is left out)."""
    lines = []
    closed, draft = rules.get("closed_dossier"), rules.get("draft")
    if closed is not None:
        what = ("il est anonymisé (vos données personnelles sont effacées ; seules restent des "
                "informations anonymes utilisées pour les statistiques)"
                if closed.action == "anonymise" else "il est supprimé")
        lines.append(f"Dossier clos : {_duration(closed)} après sa clôture, {what}.")
    if draft is not None:
        what = "supprimé" if draft.action == "delete" else "anonymisé"
        lines.append(f"Dossier resté inachevé (brouillon) : {what} après {_duration(draft)} sans "
                     "modification.")
    return tuple(lines)


def parse_deployment(data: Mapping[str, Any], where: str) -> Deployment:
    controller = _contact(data, "controller", where)
    dpo = _contact(data, "dpo", where)
    rights = _table(data, "rights", where)
    retention = _table(data, "retention", where)
    cnil = _table(data, "cnil", where)
    stale_working_days = _stale_working_days(data, where)
    lines = _lines(retention, "lines", f"{where}: retention")
    source = _str(retention, "source", f"{where}: retention")
    return Deployment(
        controller=controller, dpo=dpo,
        rights_how=_str(rights, "how", f"{where}: rights"),
        retention=lines, retention_source=source,
        cnil_name=_str(cnil, "name", f"{where}: cnil"),
        cnil_website=_str(cnil, "website", f"{where}: cnil"),
        cnil_source=_str(cnil, "source", f"{where}: cnil"),
        path=where, stale_working_days=stale_working_days,
    )


@cache
def _load_file(path: Path, mtime_ns: int) -> Deployment:
    del mtime_ns  # part of the cache key: an edited file is read again
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise DeploymentError(f"{path}: not valid TOML ({exc})") from exc
    except OSError as exc:
        raise DeploymentError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    base: dict[str, Any] = {}
    if path != DEFAULT_FILE:
        # Public facts (the CNIL) come from the embedded file unless the deployment restates them.
        with DEFAULT_FILE.open("rb") as fh:
            base = {"cnil": tomllib.load(fh).get("cnil", {})}
    return parse_deployment({**base, **data}, str(path))


def deployment_file(data_dir: Path | str | None = None) -> Path:
    """The file the deployment facts are read from (see the module docstring)."""
    named = os.environ.get(ENV_VAR, "").strip()
    if named:
        return Path(named)
    if data_dir is not None:
        local = Path(data_dir) / FILE_NAME
        if local.is_file():
            return local
    return DEFAULT_FILE


def load_deployment(data_dir: Path | str | None = None) -> Deployment:
    """The deployment facts (see the module docstring); :class:`DeploymentError` when the file
    is malformed or missing."""
    path = deployment_file(data_dir)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as exc:
        raise DeploymentError(f"{path}: cannot be read ({exc.strerror or exc}); set "
                              f"{ENV_VAR} to a deployment file or unset it") from exc
    facts = _load_file(path, mtime)
    try:
        override = retention.deployment_file(os.environ,
                                             None if data_dir is None else Path(data_dir))
        rules = retention.load_rules(override)
    except (retention.RetentionError, OSError) as exc:
        raise DeploymentError(f"retention: {exc}") from exc
    source = str(override or retention.SHIPPED)
    return replace(facts, retention=retention_lines(rules) + facts.retention,
                   retention_source="; ".join(s for s in (source, facts.retention_source) if s))
