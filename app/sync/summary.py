"""What one sync round did: the summary the round returns to the window and the command line."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.models import erasure
from app.sync.ledger import PartnerUpdate


@dataclass
class RoundSummary:
    """What one sync round did, and what is still not in sync at its end.

    ``pending`` counts the dossiers not in sync after the round: unsent local changes, open
    conflicts and quarantined records. ``partner_updates``: the partners' follow-ups of
    dossiers already on this workstation that the pull applied.
    """

    pushed: int = 0
    duplicates: int = 0
    conflicts: int = 0
    quarantined: int = 0
    pulled: int = 0
    applied: int = 0
    pending: int = 0
    errors: list[str] = field(default_factory=list)
    partner_updates: list[PartnerUpdate] = field(default_factory=list)
    merged: int = 0
    # Workstation identity (app.sync.workstation): notices such as a code change, and the
    # draft-numbered dossiers renumbered this round (dossier id, old number, new number).
    notices: list[str] = field(default_factory=list)
    renumbered: list[tuple[str, str, str]] = field(default_factory=list)
    # Erasure (issue 13): dossiers erased here because the store erased them (its tombstone
    # pulled, or a push of them refused), erasure requests sent, retention done at round end.
    erased: int = 0
    erase_requests: int = 0
    retention: erasure.RetentionReport | None = None

    @property
    def in_sync(self) -> bool:
        """True when the round met no error and nothing is left to sync."""
        return not self.errors and self.pending == 0

    def line(self) -> str:
        """A one-line summary for the command line and the status bar."""
        text = (f"{self.pushed} pushed, {self.duplicates} already stored, {self.conflicts} "
                f"conflicts, {self.quarantined} quarantined, {self.pulled} pulled "
                f"({self.applied} applied), {self.pending} not in sync")
        if self.merged:
            text += f", {self.merged} merged by themselves"
        if self.renumbered:
            text += f", {len(self.renumbered)} renumbered"
        if self.erase_requests:
            text += f", {self.erase_requests} erasure requests sent"
        if self.erased:
            text += f", {self.erased} erased on the store and removed here"
        if self.retention is not None and self.retention.done:
            text += f"; {self.retention.line()}"
        if self.notices:
            text += "; " + "; ".join(self.notices)
        if self.errors:
            text += "; error: " + "; ".join(self.errors)
        return text
