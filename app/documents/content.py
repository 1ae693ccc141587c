"""What a document tells its reader, as a key: the SHA-256 of the facts it prints, not of its
bytes.

A print is recorded under this key (``RenderedDocument.content_sha256``), so « has this letter's
content changed since it was sent? » is answered from what the partner was told — identity fields,
aids and their reasons, the answers and urgency it may see, its consent, the site and the agent —
and not from the layout: a new version of the application (its number is in every footer), a
wording or a font change does not make every letter already sent a « Version 2 ». The figures
Help! publishes (processing times) are not part of the key: they are information, not the
person's situation.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date
from typing import Any

from app.documents.snapshot import DossierSnapshot
from app.forms.disclosure import disclosure


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


def _site(snapshot: DossierSnapshot) -> Any:
    # The site's code and name only: its address, phone and hours are site settings recorded
    # later on the central store, and confirming them must not make every letter already sent
    # a « Version 2 ».
    site = snapshot.site
    if site is None:
        return None
    return [site.code, site.name]


def _letter(snapshot: DossierSnapshot, organisme: str) -> dict[str, Any]:
    seen = disclosure(snapshot.questionnaire, organisme, snapshot.aids,
                      lambda: snapshot.urgent_reasons)
    profile = dict(snapshot.profile)
    consent = snapshot.consent(organisme)
    own = [a for a in snapshot.aids if a.organisme == organisme]
    return {
        "identity": {f: getattr(snapshot.identity, f, None) or profile.get(f)
                     for f in seen.fields.identity},
        "profile": {f: profile.get(f) for f in seen.fields.profile},
        "aids": [[a.code, list(reasons)] for a, reasons in zip(own, seen.aid_reasons,
                                                                 strict=True)],
        "answers": seen.answers,
        "urgent": [snapshot.urgent, list(seen.urgent_reasons)],
        "consent": None if consent is None else [consent.given, consent.mode, consent.at,
                                                 consent.text_version, consent.revoked_at],
    }


def _summary(snapshot: DossierSnapshot) -> dict[str, Any]:
    return {
        # The summary and the consent form print the person's name only (blocks.header).
        "identity": snapshot.identity.full_name, "status": snapshot.status,
        "answers": snapshot.answers,
        "aids": snapshot.aids, "organismes": snapshot.organismes,
        "urgent": [snapshot.urgent, snapshot.urgent_reasons], "unanswered": snapshot.unanswered,
        "blocked": snapshot.blocked,
    }


def _consent(snapshot: DossierSnapshot) -> dict[str, Any]:
    return {"identity": snapshot.identity.full_name, "consents": snapshot.consents,
            "text": snapshot.consent_text.version, "date": snapshot.document_date,
            "deployment": snapshot.deployment}


def content_key(snapshot: DossierSnapshot, kind: str, organisme: str | None) -> str:
    """The SHA-256 (hex) of what the document of ``kind`` (a ``DocumentKind`` value) tells its
    reader."""
    facts: dict[str, Any] = {"kind": kind, "organisme": organisme, "number": snapshot.number,
                             "site": _site(snapshot), "agent": snapshot.agent,
                             "questionnaire": snapshot.questionnaire.version}
    if kind == "letter" and organisme is not None:
        facts.update(_letter(snapshot, organisme))
    elif kind == "summary":
        facts.update(_summary(snapshot))
    elif kind == "consent":
        facts.update(_consent(snapshot))
    else:
        facts["snapshot"] = snapshot.dossier_id
    text = json.dumps(_plain(facts), ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
