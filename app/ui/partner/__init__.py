"""The partner inbox: the window of a ``partenaire`` agent (Urssaf, Assurance Maladie, service
social, Caf, Assurance retraite).

It lists the dossiers the central store shows the agent's organisme (oriented to it, with its
consent, urgent first), shows one dossier exactly as the store sends it, and sends the
organisme's follow-up (status, outcome, note) back to the counter. It needs no local store.

- :mod:`.model`: the list (:class:`PartnerInboxModel`) and its search and follow-up filter;
- :mod:`.detail`: the selected dossier in words (:class:`PartnerDossierView`);
- :mod:`.follow_up`: the follow-up form and the drafts typed in it (:class:`FollowUpForm`);
- :mod:`.window`: the window that puts them together, the agent's session and the requests
  (:class:`PartnerWindow`, :func:`saved_partner_window`, :func:`open_partner_space`).
"""

from __future__ import annotations

from app.ui.partner.detail import PartnerDossierView
from app.ui.partner.follow_up import Draft, FollowUpForm
from app.ui.partner.model import PartnerFilter, PartnerInboxModel
from app.ui.partner.window import (
    AUTO_REFRESH_MS,
    HttpFactory,
    PartnerSession,
    PartnerWindow,
    open_partner_space,
    saved_partner_window,
    saved_token,
)

__all__ = [
    "AUTO_REFRESH_MS",
    "Draft",
    "FollowUpForm",
    "HttpFactory",
    "PartnerDossierView",
    "PartnerFilter",
    "PartnerInboxModel",
    "PartnerSession",
    "PartnerWindow",
    "open_partner_space",
    "saved_partner_window",
    "saved_token",
]
