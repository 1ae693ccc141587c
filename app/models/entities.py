"""Tables of the local store: sites, workstations, dossiers and their parts, audit log, outbox.

Identity and profile live on the dossier row (one worker per dossier): a worker coming back opens
a new dossier, and duplicates are found with ``repository.find_duplicates``.

Children (answers, consents, orientations, printed documents) point at the dossier's integer
``pk``; the dossier's UUID ``id`` is what travels (export, outbox, audit log, central store).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.forms.codes import (
    APPOINTMENT_KINDS,
    APPOINTMENT_MODES,
    APPOINTMENT_STATUSES,
    CHANNELS,
    CONSENT_MODES,
    DOSSIER_STATUSES,
    ORIENTATION_OUTCOMES,
    ORIENTATION_STATUSES,
    PRINT_KINDS,
)
from app.models.base import Base, UTCDateTime


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class SiteRow(Base):
    """A reception site, copied from ``resources/sites/sites.toml`` at every start."""

    __tablename__ = "sites"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(Text)  # lines joined with "\n"
    postal_code: Mapped[str] = mapped_column(String(5))
    commune: Mapped[str] = mapped_column(String(100))
    departement: Mapped[str] = mapped_column(String(3))

    workstations: Mapped[list[Workstation]] = relationship(back_populates="site")


class Workstation(Base):
    """A workstation of a site; exactly one row of the local store has ``is_local`` set."""

    __tablename__ = "workstations"
    __table_args__ = (UniqueConstraint("site_code", "code"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_code: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    code: Mapped[str] = mapped_column(String(2))
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The local workstation's identity on a central store (app.sync.workstation, migration
    # 0005): the random id it registered with, that store, the identity nonce it holds, the
    # next one while a round's proof is unconfirmed, and when the registration was confirmed
    # (None: asked, answer not heard yet).
    identity: Mapped[str | None] = mapped_column(String(36))
    identity_server: Mapped[str | None] = mapped_column(String(300))
    nonce: Mapped[str | None] = mapped_column(String(128))
    next_nonce: Mapped[str | None] = mapped_column(String(128))
    registered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    site: Mapped[SiteRow] = relationship(back_populates="workstations")


class NumberSequence(Base):
    """Last dossier sequence number used per (site, workstation, year)."""

    __tablename__ = "number_sequences"

    site_code: Mapped[str] = mapped_column(String(3), primary_key=True)
    workstation_code: Mapped[str] = mapped_column(String(2), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


class Dossier(Base):
    """A worker's dossier: identity, profile, workflow state, and its parts."""

    __tablename__ = "dossiers"
    __table_args__ = (
        CheckConstraint(_one_of("channel", CHANNELS), name="channel"),
        CheckConstraint(_one_of("status", DOSSIER_STATUSES), name="status"),
        CheckConstraint("revision >= 1", name="revision"),
        Index("ix_dossiers_urgent_updated_at", "urgent", "updated_at"),
        Index("ix_dossiers_name_key_date_naissance", "name_key", "date_naissance"),
        # The window's list filters, each walked in result order (search_rowid).
        Index("ix_dossiers_status_search_rowid", "status", "search_rowid"),
        Index("ix_dossiers_site_code_search_rowid", "site_code", "search_rowid"),
        Index("ix_dossiers_created_at", "created_at"),
        # « Mes dossiers » (migration 0006)
        Index("ix_dossiers_agent_search_rowid", "agent", "search_rowid"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    site_code: Mapped[str] = mapped_column(String(3))
    workstation_code: Mapped[str] = mapped_column(String(2))
    channel: Mapped[str] = mapped_column(String(20))
    questionnaire: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    urgent: Mapped[bool] = mapped_column(Boolean)
    revision: Mapped[int] = mapped_column(Integer)
    agent: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    # identity
    nom: Mapped[str] = mapped_column(String(100))
    prenom: Mapped[str] = mapped_column(String(100))
    nom_naissance: Mapped[str | None] = mapped_column(String(100))
    date_naissance: Mapped[date | None] = mapped_column(Date)
    nir: Mapped[str | None] = mapped_column(String(15), index=True)
    siret: Mapped[str | None] = mapped_column(String(14), index=True)
    telephone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    adresse: Mapped[str | None] = mapped_column(Text)
    code_postal: Mapped[str | None] = mapped_column(String(5))
    commune: Mapped[str | None] = mapped_column(String(100))

    # profile
    statut: Mapped[str | None] = mapped_column(String(30))
    debut_activite: Mapped[date | None] = mapped_column(Date)
    foyer: Mapped[int | None] = mapped_column(Integer)
    activite_principale: Mapped[bool | None] = mapped_column(Boolean)
    departement: Mapped[str | None] = mapped_column(String(3))

    # derived, maintained by the repository: see app.models.normalize
    name_key: Mapped[str] = mapped_column(String(210))
    search_rowid: Mapped[int] = mapped_column(Integer, unique=True)

    # sync with the central store, maintained by app.sync (migration 0003): the last revision
    # the store confirmed (None: never) and the state shown to the agent, one of SYNC_STATES.
    server_revision: Mapped[int | None] = mapped_column(Integer)
    sync_state: Mapped[str] = mapped_column(String(12), server_default="local")

    answers: Mapped[list[Answer]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", order_by="Answer.question_id"
    )
    consents: Mapped[list[Consent]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", order_by="Consent.organisme"
    )
    orientations: Mapped[list[Orientation]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", order_by="Orientation.organisme"
    )
    printed: Mapped[list[PrintedDocument]] = relationship(
        back_populates="dossier",
        cascade="all, delete-orphan",
        order_by="(PrintedDocument.printed_at, PrintedDocument.pk)",
    )
    appointments: Mapped[list[Appointment]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan",
        order_by="(Appointment.at, Appointment.id)",
    )

    # Optimistic concurrency: an UPDATE only applies to the revision that was read.
    __mapper_args__ = {"version_id_col": revision, "version_id_generator": False}

    def __repr__(self) -> str:
        return f"<Dossier {self.number} rev {self.revision}>"


class Answer(Base):
    """One answer to one question of the dossier's questionnaire."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("dossier_pk", "question_id"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_pk: Mapped[int] = mapped_column(ForeignKey("dossiers.pk", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(8))
    code: Mapped[str] = mapped_column(String(40))
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime())
    agent: Mapped[str] = mapped_column(String(100))

    dossier: Mapped[Dossier] = relationship(back_populates="answers")


class Consent(Base):
    """The worker's consent (or refusal) to share the dossier with one organisme.

    One row per (dossier, organisme), updated in place when consent is given again; a
    revocation only sets ``revoked_at``/``revoked_by`` and the row stays. The full history of
    every consent act is in the audit log.
    """

    __tablename__ = "consents"
    __table_args__ = (
        UniqueConstraint("dossier_pk", "organisme"),
        CheckConstraint(_one_of("mode", CONSENT_MODES), name="mode"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_pk: Mapped[int] = mapped_column(ForeignKey("dossiers.pk", ondelete="CASCADE"))
    organisme: Mapped[str] = mapped_column(String(30))
    given: Mapped[bool] = mapped_column(Boolean)
    mode: Mapped[str] = mapped_column(String(20))
    text_version: Mapped[str] = mapped_column(String(40))
    text_hash: Mapped[str] = mapped_column(String(64))
    agent: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_by: Mapped[str | None] = mapped_column(String(100))

    dossier: Mapped[Dossier] = relationship(back_populates="consents")

    @property
    def active(self) -> bool:
        """Consent given and not revoked."""
        return self.given and self.revoked_at is None


class Orientation(Base):
    """The dossier's orientation to one organisme and how far the organisme got."""

    __tablename__ = "orientations"
    __table_args__ = (
        UniqueConstraint("dossier_pk", "organisme"),
        CheckConstraint(_one_of("status", ORIENTATION_STATUSES), name="status"),
        CheckConstraint(
            f"outcome IS NULL OR {_one_of('outcome', ORIENTATION_OUTCOMES)}", name="outcome"
        ),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_pk: Mapped[int] = mapped_column(ForeignKey("dossiers.pk", ondelete="CASCADE"))
    organisme: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # When the central store confirmed a version of the dossier this organisme can read (the
    # orientation with its consent); set by app.sync, kept across imports (migration 0006).
    transmitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The counter's note for the partner (issue 16, migration 0011); the partner writes ``note``.
    counter_note: Mapped[str | None] = mapped_column(Text)

    dossier: Mapped[Dossier] = relationship(back_populates="orientations")


class PrintedDocument(Base):
    """A document printed for the dossier (which text, when, by whom)."""

    __tablename__ = "printed_documents"
    __table_args__ = (CheckConstraint(_one_of("kind", PRINT_KINDS), name="kind"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_pk: Mapped[int] = mapped_column(
        ForeignKey("dossiers.pk", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    organisme: Mapped[str | None] = mapped_column(String(30))
    printed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    agent: Mapped[str] = mapped_column(String(100))
    content_hash: Mapped[str] = mapped_column(String(64))
    # JSON: the processing-time figures the document showed (organisme → figure,
    # app.forms.figures.freeze), so a reprint of the same content says the same; NULL for a
    # document about no organisme (the consent form) and for prints recorded before.
    figures: Mapped[str | None] = mapped_column(Text, nullable=True)

    dossier: Mapped[Dossier] = relationship(back_populates="printed")


class AuditLog(Base):
    """Append-only journal of every change (who, when, what), each row chained to the one
    before it by its hash (app.models.audit_chain fills ``seq``, ``prev_hash``, ``row_hash``
    when the row is flushed)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    agent: Mapped[str] = mapped_column(String(100))
    dossier_id: Mapped[str | None] = mapped_column(String(36), index=True)
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text)  # JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))


class AuditChainHead(Base):
    """One row: how many rows the history's chain holds and the last one's hash."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rows: Mapped[int] = mapped_column(Integer)
    head_hash: Mapped[str] = mapped_column(String(64))


class Outbox(Base):
    """Changes waiting to be pushed to the central store, written with the change itself."""

    __tablename__ = "outbox"
    # AUTOINCREMENT: an id is never reused, even after sent rows are purged, so the sync
    # client can remember "pushed up to id N".
    __table_args__ = (
        # The unsent rows only, by dossier (migration 0012): a page's sync states read its own
        # dossiers' entries (app.sync.ledger.sync_states), not every unsent row.
        Index("ix_outbox_unsent_dossier_id", "dossier_id", "revision",
              sqlite_where=text("sent_at IS NULL")),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[str] = mapped_column(String(36), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    payload: Mapped[str] = mapped_column(Text)  # JSON: the dossier's export dict
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)


SYNC_STATES = ("local", "sending", "synced", "conflict", "quarantined")


class SyncConflict(Base):
    """Two versions of a dossier the agent has to reconcile: this workstation's and the store's.

    Open while ``resolved_at`` is null; at most one open conflict per dossier (app.sync).
    """

    __tablename__ = "sync_conflicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[str] = mapped_column(String(36), index=True)
    local_payload: Mapped[str] = mapped_column(Text)  # JSON export dict
    server_payload: Mapped[str | None] = mapped_column(Text)  # JSON export dict
    # The common ancestor (the store's version the local change started from), when known.
    base_payload: Mapped[str | None] = mapped_column(Text)
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SyncBase(Base):
    """The last version of the central store this workstation holds of a dossier: the base a
    local change started from, for the three-way merge (app.sync.merge)."""

    __tablename__ = "sync_bases"

    dossier_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)  # JSON export dict


class SyncQuarantine(Base):
    """A revision the store refused, with its reason in plain words; open while not cleared."""

    __tablename__ = "sync_quarantine"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[str] = mapped_column(String(36), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    cleared_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SyncCursor(Base):
    """Where the last pull from one central store stopped (its change sequence number)."""

    __tablename__ = "sync_cursor"

    server: Mapped[str] = mapped_column(String(300), primary_key=True)
    cursor: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Erasure(Base):
    """A dossier erased here (at the person's request, by the central store's tombstone, or by
    retention): its random id, when, why — no number, no personal data (migration 0008).

    It keeps a pulled older version from bringing the dossier back (app.sync).
    """

    __tablename__ = "erasures"

    dossier_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    erased_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # demande_personne | erreur_saisie | doublon | retention_anonymise | retention_delete
    reason: Mapped[str] = mapped_column(String(30))
    origin: Mapped[str] = mapped_column(String(20))  # here | store | retention


class Appointment(Base):
    """A call-back of the counter (``rappel``, no organisme) or an appointment a partner set
    (``rendez_vous``, its organisme) on a dossier (issue 16, migration 0011): the export's
    ``rendez_vous`` items. ``id`` is the item's UUID, the same on every workstation and on the
    central store."""

    __tablename__ = "appointments"
    __table_args__ = (
        UniqueConstraint("dossier_pk", "id"),
        CheckConstraint(_one_of("kind", APPOINTMENT_KINDS), name="kind"),
        CheckConstraint(_one_of("mode", APPOINTMENT_MODES), name="mode"),
        CheckConstraint(_one_of("status", APPOINTMENT_STATUSES), name="status"),
        # The agenda: the appointments of a day, in time order.
        Index("ix_appointments_at", "at"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_pk: Mapped[int] = mapped_column(ForeignKey("dossiers.pk", ondelete="CASCADE"),
                                            index=True)
    id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(20))
    organisme: Mapped[str | None] = mapped_column(String(30))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    duration: Mapped[int] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(String(20))
    place: Mapped[str] = mapped_column(String(200), default="")
    bring: Mapped[str] = mapped_column(Text, default="")
    by_name: Mapped[str] = mapped_column(String(100), default="")  # « by »: who calls, receives
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    agent: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str | None] = mapped_column(Text)

    dossier: Mapped[Dossier] = relationship(back_populates="appointments")
