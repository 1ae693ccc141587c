"""The consent texts, versioned like the questionnaire. A consent record keeps the version and the
SHA-256 of the exact text the worker agreed to, so it can be proven later which text it was."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.forms.deployment import Contact, Deployment
from app.forms.disclosure import field_policy
from app.forms.questionnaire import Organisme, Questionnaire

CONSENTS_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "consents"


class ConsentTextError(ValueError):
    """No consent text of that version ships with this application."""


@dataclass(frozen=True)
class ConsentText:
    version: str
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def title(self) -> str:
        return self.text.splitlines()[0].lstrip("# ").strip()

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The body, paragraph by paragraph, without the title and version lines."""
        blocks = [b.strip() for b in self.text.split("\n\n")]
        return tuple(b for b in blocks[2:] if b)

    @property
    def templated(self) -> bool:
        """Whether the text has places (``{{dpo}}``…) filled from the deployment's facts."""
        return bool(_PLACE.search(self.text))


@cache
def load_consent_text(version: str) -> ConsentText:
    path = CONSENTS_DIR / f"{version}.md"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in CONSENTS_DIR.glob("*.md")))
        raise ConsentTextError(f"{version}: unknown consent text; available: {known}")
    return ConsentText(version, path.read_text(encoding="utf-8"))


# A notice's places, each on a line of its own, filled from the deployment's facts (from
# consentement-v2 on). The hash is the versioned text's, places unfilled: it proves which notice
# was agreed to; the deployment's facts printed with it are settings, kept out of the text.
_PLACE = re.compile(r"\{\{(\w+)\}\}")
NOT_CONFIGURED = ("Information non renseignée dans la configuration de ce poste : demandez-la à "
                  "l’agent qui vous reçoit.")


def _first_lower(text: str) -> str:
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _contact(contact: Contact) -> str:
    """The contact in one sentence: « Name, address line, …, courriel : x@y. »."""
    lines = [line.replace("Courriel :", "courriel :") for line in contact.lines()]
    return ", ".join(lines) + "." if lines else NOT_CONFIGURED


_IDENTITY_WORDS = {
    "nom": "nom", "prenom": "prénom", "nom_naissance": "nom de naissance",
    "date_naissance": "date de naissance", "nir": "numéro de sécurité sociale",
    "siret": "numéro SIRET", "telephone": "téléphone", "email": "adresse électronique",
    "adresse": "adresse postale", "code_postal": "adresse postale", "commune": "adresse postale",
}


def recipient_line(questionnaire: Questionnaire, organisme: Organisme) -> str:
    """What one recipient receives: the identity and profile fields of its disclosure policy
    (:func:`app.forms.disclosure.field_policy`) and the answers that ground its own aids;
    without a policy, what its role calls for, in general words."""
    head = f"{organisme.short_name} — {_first_lower(organisme.role)}. Reçoit"
    policy = field_policy(questionnaire, organisme.code)
    if not policy.identity:
        return (f"{head} : votre identité, vos coordonnées et vos réponses utiles à l’étude de "
                "ses aides")
    words: list[str] = []
    for name in policy.identity:
        word = _IDENTITY_WORDS.get(name, name)
        if word not in words:
            words.append(word)
    labels = {p.field: p.label for p in questionnaire.profile}
    words += [_first_lower(labels.get(name, name)) for name in policy.profile
              if name not in policy.identity]
    return (f"{head} : {', '.join(words)}, et vos réponses au questionnaire qui fondent ses "
            "aides")


def _places(deployment: Deployment, questionnaire: Questionnaire) -> dict[str, str]:
    recipients = [f"- {recipient_line(questionnaire, o)} ;" for o in questionnaire.organismes]
    if recipients:
        recipients[-1] = recipients[-1][:-2] + "."
    retention = ([f"- {line}" for line in deployment.retention] if deployment.retention
                 else [NOT_CONFIGURED])
    cnil = deployment.cnil_name or "Commission nationale de l’informatique et des libertés (CNIL)"
    website = f" : {deployment.cnil_website}" if deployment.cnil_website else ""
    return {
        "responsable": _contact(deployment.controller),
        "destinataires": "\n".join(recipients),
        "conservation": "\n".join(retention),
        "exercice": deployment.rights_how,
        "dpo": _contact(deployment.dpo),
        "cnil": ("Si vous estimez, après vous être adressé à l’organisme, que vos droits ne sont "
                 f"pas respectés, vous pouvez adresser une réclamation à la {cnil}{website}."),
    }


def filled_text(text: ConsentText, deployment: Deployment,
                questionnaire: Questionnaire) -> str:
    """The notice as the person reads it: its places filled from the deployment's facts and the
    questionnaire's organismes (a text without places is returned as it is). An empty place
    (nothing configured, e.g. no extra way to exercise one's rights) leaves no empty line."""
    if not text.templated:
        return text.text
    places = _places(deployment, questionnaire)
    blocks = []
    for block in text.text.split("\n\n"):
        match = _PLACE.fullmatch(block.strip())
        if match is None:
            blocks.append(block)
        elif value := places.get(match.group(1), ""):
            blocks.append(value)
    return "\n\n".join(blocks)


def notice_blocks(markdown: str) -> tuple[tuple[str, str], ...]:
    """The body of a (filled) notice as blocks, without the title and version lines: ``("h",
    heading)``, ``("p", paragraph)`` or ``("li", list item)``, in order."""
    out: list[tuple[str, str]] = []
    blocks = [b.strip() for b in markdown.split("\n\n")]
    for block in (b for b in blocks[2:] if b):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if block.startswith("## "):
            out.append(("h", block[3:].strip()))
        elif all(line.startswith("- ") for line in lines):
            out += [("li", line[2:].strip()) for line in lines]
        else:
            out.append(("p", block))
    return tuple(out)
