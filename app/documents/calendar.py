"""An appointment or call-back as a calendar file (``.ics``, RFC 5545), with ``icalendar``.

One VEVENT whose UID is the appointment's id (so a calendar that imports a moved appointment
again updates it instead of adding a second one), its start and end in French local time
(``TZID=Europe/Paris``, with the zone's VTIMEZONE), a summary, the place and a description: the
dossier number, the mode, who receives or calls, what to bring. Never the NIR, the SIRET nor
any answer: a calendar is shared and synced far beyond the counter. Plain data in, bytes out;
the same appointment always gives the same bytes (DTSTAMP is its last change).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from app.documents.snapshot import DocumentError
from app.documents.text import clean

LOCAL_TZ = ZoneInfo("Europe/Paris")
PRODID = "-//Accueil TI//Dispositif Help !//FR"
MODE_WORDS = {"telephone": "par téléphone", "agence": "en agence", "visio": "en visioconférence"}
STATUS = {"propose": "TENTATIVE", "fixe": "CONFIRMED", "fait": "CONFIRMED",
          "annule": "CANCELLED"}
STATUS_WORDS = {"propose": "proposé", "fixe": "fixé", "fait": "fait", "annule": "annulé"}


def _moment(item: Mapping[str, Any], key: str) -> datetime:
    value = item.get(key)
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None or moment.utcoffset() is None:
        raise DocumentError(f"{key}: {value!r} is not allowed; expected an ISO 8601 date and "
                            "time with its UTC offset")
    return moment


def appointment_ics(appointment: Mapping[str, Any], dossier_number: str, label: str) -> bytes:
    """The ``.ics`` of one ``rendez_vous`` item of a dossier. ``label``: whom the appointment
    is with, as the documents name it (« Urssaf », « l’accueil commun de Brest »)."""
    start = _moment(appointment, "at").astimezone(LOCAL_TZ)
    duration = appointment.get("duration")
    minutes = duration if isinstance(duration, int) and not isinstance(duration, bool) else 30
    end = start + timedelta(minutes=max(1, minutes))
    stamp = _moment(appointment, "updated_at") if appointment.get("updated_at") else start
    uid = clean(appointment.get("id"), 64)
    if not uid:
        raise DocumentError("id: missing; expected the appointment's UUID")
    who = clean(label, 120)
    number = clean(dossier_number, 40)
    rappel = appointment.get("kind") == "rappel"
    mode = str(appointment.get("mode") or "")
    # imported when an appointment is exported (about 40 ms the window's start-up does not need)
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", (f"Rappel téléphonique — {who}" if rappel
                          else f"Rendez-vous {who}") + " (Help !)")
    place = clean(appointment.get("place"), 200)
    if place:
        event.add("location", place)
    lines = [f"Dossier {number}" if number else "",
             ("Rendez-vous " + MODE_WORDS[mode]) if mode in MODE_WORDS and not rappel else "",
             (("Appel de : " if rappel else "Avec : ") + clean(appointment.get("by"), 100))
             if clean(appointment.get("by"), 100) else "",
             ("À apporter : " + clean(appointment.get("bring"), 500))
             if clean(appointment.get("bring"), 500) else "",
             ("Statut : " + STATUS_WORDS[str(appointment.get("status"))])
             if appointment.get("status") in STATUS_WORDS else ""]
    event.add("description", "\n".join(line for line in lines if line))
    status = STATUS.get(str(appointment.get("status")))
    if status:
        event.add("status", status)
    calendar.add_component(event)
    # The zone's rules around the appointment only (a few lines, not half a century's).
    calendar.add_missing_timezones(first_date=date(max(1, start.year - 1), 1, 1),
                                   last_date=date(min(9999, end.year + 2), 1, 1))
    return bytes(calendar.to_ical())
