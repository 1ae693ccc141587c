"""Identity checks for a worker's dossier. They return codes, never sentences.

Each ``check_*`` function takes the raw value typed by an agent (or read from an import) and
returns ``None`` when it is acceptable, or an :class:`IssueCode`. ``normalize_*`` functions give
the canonical stored form. :func:`validate_identity` checks a whole form, including the rules that
involve several fields (the NIR against the birth date, the activity start against the birth).
The interface turns codes into French messages; the command line uses :data:`ALLOWED_EN`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import ModuleType

NAME_MAX = 80
ADDRESS_MAX = 200
OLDEST_AGE = 120
YOUNGEST_TI_AGE = 16

_NAME_RE = re.compile(r"^[^\W\d_]+(?:[ '’\-][^\W\d_]+)*$")
_EMAIL_RE = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$"
)
_POSTAL_RE = re.compile(r"^(?:0[1-9]|[1-8]\d|9[0-5]|97|98)\d{3}$")
_DOM_PREFIXES = ("262", "269", "508", "590", "594", "596", "681", "687", "689")


class IssueCode(StrEnum):
    REQUIRED = "required"
    TOO_LONG = "too_long"
    INVALID_CHARACTERS = "invalid_characters"
    INVALID_FORMAT = "invalid_format"
    INVALID_LENGTH = "invalid_length"
    INVALID_CHECKSUM = "invalid_checksum"
    BIRTH_MISMATCH = "birth_mismatch"
    INVALID_DATE = "invalid_date"
    IN_FUTURE = "in_future"
    TOO_OLD = "too_old"
    TOO_YOUNG = "too_young"
    BEFORE_BIRTH = "before_birth"


@dataclass(frozen=True)
class Issue:
    field: str
    code: IssueCode


IDENTITY_FIELDS = ("nom", "prenom", "nom_naissance", "date_naissance", "nir", "siret",
                   "telephone", "email", "adresse", "code_postal", "commune", "debut_activite")
REQUIRED_FIELDS = ("nom", "prenom")
# The identity a dossier's record holds (the start of activity is in its profile).
RECORD_IDENTITY_FIELDS = tuple(f for f in IDENTITY_FIELDS if f != "debut_activite")

# What each field allows, in English, for the command line's one-line messages.
ALLOWED_EN: dict[str, str] = {
    "nom": f"letters, spaces, hyphens and apostrophes, at most {NAME_MAX} characters",
    "prenom": f"letters, spaces, hyphens and apostrophes, at most {NAME_MAX} characters",
    "nom_naissance": f"letters, spaces, hyphens and apostrophes, at most {NAME_MAX} characters",
    "commune": f"letters, spaces, hyphens and apostrophes, at most {NAME_MAX} characters",
    "date_naissance": f"a date YYYY-MM-DD in the past, at most {OLDEST_AGE} years ago and at least "
                      f"{YOUNGEST_TI_AGE} years ago",
    "debut_activite": "a date YYYY-MM-DD, not in the future and not before the birth date",
    "nir": "a 15-character social security number (NIR) with its 2-digit key, matching the "
           "birth date",
    "siret": "a 14-digit SIRET with a valid check digit",
    "telephone": "a French phone number: 10 digits starting with 0, or +33 and 9 digits",
    "email": "an e-mail address such as nom@exemple.fr",
    "adresse": f"at most {ADDRESS_MAX} characters",
    "code_postal": "a 5-digit French postal code",
}


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def normalize_name(value: str) -> str:
    """Trimmed, inner spaces collapsed, Unicode composed (NFC), apostrophes kept as typed."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def check_name(value: object, *, required: bool = False) -> IssueCode | None:
    text = normalize_name(_text(value))
    if not text:
        return IssueCode.REQUIRED if required else None
    if len(text) > NAME_MAX:
        return IssueCode.TOO_LONG
    if not _NAME_RE.match(text):
        return IssueCode.INVALID_CHARACTERS
    return None


def _stdnum_nir() -> ModuleType:
    """python-stdnum's NIR module, imported at the first check: stdnum's import also loads
    ``pydoc`` and ``ssl`` (about 20 ms), which neither the command line's parser nor the window's
    first page need (issue 18)."""
    from stdnum.fr import nir

    return nir


def _stdnum_siret() -> ModuleType:
    """python-stdnum's SIRET module, imported at the first check (see :func:`_stdnum_nir`)."""
    from stdnum.fr import siret

    return siret


def fold(value: str) -> str:
    """Accent- and case-insensitive form, for comparing and searching names."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize_nir(value: str) -> str:
    return str(_stdnum_nir().compact(value)).upper()


def check_nir(value: object, birth: date | None = None) -> IssueCode | None:
    text = _text(value).strip()
    if not text:
        return None
    from stdnum.exceptions import InvalidChecksum, ValidationError

    stdnum_nir = _stdnum_nir()
    compact = str(stdnum_nir.compact(text)).upper()
    if len(compact) != 15 and re.fullmatch(r"[0-9AB]+", compact):
        return IssueCode.INVALID_LENGTH
    try:
        number = str(stdnum_nir.validate(compact))
    except InvalidChecksum:
        return IssueCode.INVALID_CHECKSUM
    except ValidationError:
        return IssueCode.INVALID_FORMAT
    if number[0] not in "1278":
        return IssueCode.INVALID_FORMAT
    if birth is not None:
        month = int(number[3:5])
        # Months 20 and above mark an unknown birth month; the year is still recorded.
        if int(number[1:3]) != birth.year % 100 or (1 <= month <= 12 and month != birth.month):
            return IssueCode.BIRTH_MISMATCH
    return None


def normalize_siret(value: str) -> str:
    return str(_stdnum_siret().compact(value))


def check_siret(value: object) -> IssueCode | None:
    text = _text(value).strip()
    if not text:
        return None
    from stdnum.exceptions import ValidationError

    stdnum_siret = _stdnum_siret()
    compact = str(stdnum_siret.compact(text))
    if not compact.isdigit():
        return IssueCode.INVALID_FORMAT
    if len(compact) != 14:
        return IssueCode.INVALID_LENGTH
    try:
        stdnum_siret.validate(compact)
    except ValidationError:
        return IssueCode.INVALID_CHECKSUM
    return None


def normalize_phone(value: str) -> str:
    """National form ``06 12 34 56 78`` for metropolitan numbers, ``+262 …`` kept otherwise."""
    digits = re.sub(r"[\s.\-()]", "", value)
    if digits.startswith("0033"):
        digits = "+33" + digits[4:]
    if digits.startswith("+33"):
        digits = "0" + digits[3:]
    if digits.startswith("0") and len(digits) == 10:
        return " ".join(digits[i:i + 2] for i in range(0, 10, 2))
    return digits


def check_phone(value: object) -> IssueCode | None:
    text = _text(value).strip()
    if not text:
        return None
    digits = re.sub(r"[\s.\-()]", "", text)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if re.fullmatch(r"0[1-9]\d{8}", digits) or re.fullmatch(r"\+33[1-9]\d{8}", digits):
        return None
    if digits.startswith("+") and digits[1:4] in _DOM_PREFIXES and re.fullmatch(r"\d{9}",
                                                                                   digits[4:]):
        return None
    return IssueCode.INVALID_FORMAT


def check_email(value: object) -> IssueCode | None:
    text = _text(value).strip()
    if not text:
        return None
    if len(text) > 254 or not _EMAIL_RE.match(text) or ".." in text:
        return IssueCode.INVALID_FORMAT
    return None


def check_postal_code(value: object) -> IssueCode | None:
    text = _text(value).strip()
    if not text:
        return None
    return None if _POSTAL_RE.match(text) else IssueCode.INVALID_FORMAT


def check_address(value: object) -> IssueCode | None:
    return IssueCode.TOO_LONG if len(_text(value).strip()) > ADDRESS_MAX else None


def parse_date(value: object) -> date | None:
    """A date from an ISO string or a ``date``; ``None`` when absent or not a date."""
    if isinstance(value, date):
        return value
    text = _text(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def check_birth_date(value: object, today: date) -> IssueCode | None:
    if value is None or value == "":
        return None
    birth = parse_date(value)
    if birth is None:
        return IssueCode.INVALID_DATE
    if birth > today:
        return IssueCode.IN_FUTURE
    if birth < _years_before(today, OLDEST_AGE):
        return IssueCode.TOO_OLD
    if birth > _years_before(today, YOUNGEST_TI_AGE):
        return IssueCode.TOO_YOUNG
    return None


def check_activity_start(value: object, today: date, birth: date | None) -> IssueCode | None:
    if value is None or value == "":
        return None
    start = parse_date(value)
    if start is None:
        return IssueCode.INVALID_DATE
    if start > today:
        return IssueCode.IN_FUTURE
    if birth is not None and start < birth:
        return IssueCode.BEFORE_BIRTH
    return None


def _field_checks(data: Mapping[str, object],
                  today: date) -> dict[str, Callable[[object], IssueCode | None]]:
    """The check of each identity field, bound to the fields it depends on: the NIR and the
    activity start are checked against the birth date when that date is valid."""
    birth_code = check_birth_date(data.get("date_naissance"), today)
    birth = parse_date(data.get("date_naissance")) if birth_code is None else None
    return {
        "nom": lambda value: check_name(value, required=True),
        "prenom": lambda value: check_name(value, required=True),
        "nom_naissance": check_name,
        "date_naissance": lambda value: birth_code,
        "nir": lambda value: check_nir(value, birth),
        "siret": check_siret,
        "telephone": check_phone,
        "email": check_email,
        "adresse": check_address,
        "code_postal": check_postal_code,
        "commune": check_name,
        "debut_activite": lambda value: check_activity_start(value, today, birth),
    }


def check_field(name: str, data: Mapping[str, object], today: date) -> IssueCode | None:
    """The issue of one identity field, read with the fields it depends on. The live form and
    :func:`validate_identity` share these checks, so a field is judged the same way everywhere."""
    return _field_checks(data, today)[name](data.get(name))


def validate_identity(data: Mapping[str, object], *, today: date) -> list[Issue]:
    """Every issue of an identity form, field by field, in the form's order."""
    checks = _field_checks(data, today)
    return [Issue(name, code) for name in IDENTITY_FIELDS
            if (code := checks[name](data.get(name))) is not None]


def spaced_nir(value: str | None) -> str | None:
    """``1 63 05 29 019 005 75``: the grouping agents read out on the phone (a value that is
    not a valid NIR is shown as it is)."""
    stdnum_nir = _stdnum_nir()
    return str(stdnum_nir.format(value)) if value and stdnum_nir.is_valid(value) else value


def spaced_siret(value: str | None) -> str | None:
    """``732 829 320 00074``: SIREN then NIC, as printed on Kbis extracts (a value that is not
    a valid SIRET is shown as it is)."""
    stdnum_siret = _stdnum_siret()
    return str(stdnum_siret.format(value)) if value and stdnum_siret.is_valid(value) else value


def normalize_identity(data: Mapping[str, object]) -> dict[str, str]:
    """The stored form of a valid identity: trimmed names, compact NIR/SIRET, national phone."""
    out: dict[str, str] = {}
    for key in IDENTITY_FIELDS:
        value = data.get(key)
        if isinstance(value, date):
            out[key] = value.isoformat()
            continue
        text = _text(value).strip()
        if not text:
            continue
        if key in ("nom", "prenom", "nom_naissance", "commune"):
            text = normalize_name(text)
        elif key == "nir":
            text = normalize_nir(text)
        elif key == "siret":
            text = normalize_siret(text)
        elif key == "telephone":
            text = normalize_phone(text)
        elif key == "email":
            local, _, domain = text.rpartition("@")
            text = f"{local}@{domain.lower()}"
        out[key] = text
    return out
