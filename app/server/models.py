"""Tables of the central store (server side; the workstation's local store is app.models).

The dossier itself is kept whole as its export dict (``payload``, JSON text), the shape
``accueil-ti export`` writes; the other tables denormalise what access checks, pull cursors and
partner queries need. Schema changes go through Alembic (``app/server/migrations``).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.db.types import NAMING_CONVENTION, UTCDateTime


class ServerBase(DeclarativeBase):
    """Declarative base of the central store (its own metadata, its own migrations)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Agent(ServerBase):
    """An account: a reception agent, a partner organisme's agent or an administrator."""

    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(120), unique=True)
    organisme: Mapped[str] = mapped_column(String(40))
    site: Mapped[str] = mapped_column(String(3))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set by an administrator (created or reset): the agent must choose their own at sign-in.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False,
                                                       server_default=false())


class Token(ServerBase):
    """A bearer token; only its SHA-256 is stored, never the token itself."""

    __tablename__ = "tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # When a request last used it (written at most once a minute): idle tokens expire.
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class LoginAttempt(ServerBase):
    """One login attempt, kept for rate limiting (failures per login and per client)."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_login_at", "login", "at"),
        Index("ix_login_attempts_client_at", "client", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    login: Mapped[str] = mapped_column(String(120))
    client: Mapped[str] = mapped_column(String(120))
    success: Mapped[bool] = mapped_column(Boolean)


class SyncCounter(ServerBase):
    """One row holding the last ``change_seq`` handed out.

    Incrementing it takes a row lock held until commit, so sequence numbers become visible in
    the order they were handed out and a pull cursor never skips a change still in flight.
    """

    __tablename__ = "sync_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class Dossier(ServerBase):
    """The current version of a dossier: its export dict and what queries need."""

    __tablename__ = "dossiers"
    # A workstation's registration reads the numbers of a site by prefix (app.server.
    # workstations); on PostgreSQL the number is indexed COLLATE "C" (migration 0014).
    __table_args__ = (Index("ix_dossiers_site_number", "site", "number"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    site: Mapped[str] = mapped_column(String(3), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    urgent: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(20))
    payload: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    change_seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    # The workstation (``BRE-02``) whose push stored this version; None for a partner's
    # follow-up or a client that did not say.
    last_writer: Mapped[str | None] = mapped_column(String(40), nullable=True)


class DossierRevision(ServerBase):
    """Every revision stored; the unique (dossier_id, revision) pair makes pushes idempotent."""

    __tablename__ = "dossier_revisions"
    __table_args__ = (UniqueConstraint("dossier_id", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id"))
    revision: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime())
    agent_login: Mapped[str] = mapped_column(String(120))


class Consent(ServerBase):
    """A dossier's consent for one organisme, denormalised from the payload."""

    __tablename__ = "consents"

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    organisme: Mapped[str] = mapped_column(String(40), primary_key=True)
    given: Mapped[bool] = mapped_column(Boolean)
    given_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Orientation(ServerBase):
    """A dossier's orientation to one organisme, with the partner's follow-up times.

    ``timed``: the closure was recorded by a later request than the transmission (a partner
    closing it, or a later push), so ``closed_at - transmitted_at`` is a processing time the
    store measured; an orientation pushed already closed is not (issue 14). The partial index
    serves the processing-time figures (``organisme``, ``closed_at`` of timed rows; on
    PostgreSQL it also holds ``transmitted_at``: the figures' grouped query reads the index
    alone, issue 18)."""

    __tablename__ = "orientations"
    __table_args__ = (Index("ix_orientations_timed_organisme_closed_at", "organisme", "closed_at",
                            postgresql_include=["transmitted_at"],
                            postgresql_where=text("timed"), sqlite_where=text("timed = 1")),)

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    organisme: Mapped[str] = mapped_column(String(40), primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str | None] = mapped_column(String(20), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    transmitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    timed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # issue 17: when the partner's status first reached contact_pris or later (store's clock).
    first_contact_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class AuditEntry(ServerBase):
    """Who did what to which dossier, when. Append-only: triggers refuse UPDATE and DELETE,
    and each row is chained to the one before it by its hash (app.server.audit, which alone
    inserts rows)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_agent_login_at", "agent_login", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The row's place in the chain: 1, 2, 3… without gaps (ids may skip on PostgreSQL).
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    agent_login: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    dossier_id: Mapped[uuid.UUID | None] = mapped_column(Uuid(), nullable=True, index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))


class AuditListed(ServerBase):
    """The dossiers a listing showed (issue 18): a partner's page of its list is one audit row
    (its detail names the numbers shown, under the chain's hash); these rows link it to each
    dossier, so that a dossier's accesses still show every listing it appeared in."""

    __tablename__ = "audit_listed"

    dossier_id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)


class AuditChainHead(ServerBase):
    """One row: how many audit rows the chain holds and the last one's hash, updated with
    every append (and locked by it, which serialises appends)."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rows: Mapped[int] = mapped_column(BigInteger)
    head_hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Workstation(ServerBase):
    """A registered workstation: the random id kept in its data folder, its site and code
    (``REN-02``), and the hash of its identity nonce, which rotates at every sync round.

    At most one live (not retired) workstation holds a (site, code); a restored or copied
    data folder shows itself by an outdated nonce and is registered again, with a new id and
    a free code (app.server.workstations).
    """

    __tablename__ = "workstations"
    __table_args__ = (
        Index("uq_workstations_site_code_live", "site", "code", unique=True,
              sqlite_where=text("NOT retired"), postgresql_where=text("NOT retired")),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    site: Mapped[str] = mapped_column(String(3))
    code: Mapped[str] = mapped_column(String(2))
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime())
    registered_by: Mapped[str] = mapped_column(String(120))
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # SHA-256 (hex) of the current identity nonce; the nonce itself stays on the workstation.
    nonce_hash: Mapped[str] = mapped_column(String(64))


class Tombstone(ServerBase):
    """What is left of an erased (or retention-removed) dossier: its random id, its site and
    when and why — no number, no personal data (migration 0005).

    Pulls hand it out in change order like a dossier version (``{"id", "erased": true}``), so
    every workstation of the site deletes its copy; a later push of that id is refused
    (``erased``): the tombstone always wins.
    """

    __tablename__ = "tombstones"

    dossier_id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    site: Mapped[str] = mapped_column(String(3), index=True)
    erased_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # demande_personne | erreur_saisie | doublon | retention_anonymise | retention_delete
    reason: Mapped[str] = mapped_column(String(30))
    change_seq: Mapped[int] = mapped_column(BigInteger, unique=True)


class AnonymousFact(ServerBase):
    """The anonymous facts of an erased or anonymised dossier, kept for the statistics: site,
    month, channel, answers (codes), aids (codes), outcome by organisme. No id, no number, no
    identity, no free text (migration 0005)."""

    __tablename__ = "anonymous_facts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site: Mapped[str] = mapped_column(String(3), index=True)
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM of the dossier's creation
    channel: Mapped[str] = mapped_column(String(20))
    questionnaire: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    urgent: Mapped[bool] = mapped_column(Boolean)
    answers: Mapped[str] = mapped_column(Text)  # JSON {question: code}
    aids: Mapped[str] = mapped_column(Text)  # JSON [aid code]
    outcomes: Mapped[str] = mapped_column(Text)  # JSON {organisme: {status, outcome}}
    source: Mapped[str] = mapped_column(String(20))  # erasure | retention


class SiteSettings(ServerBase):
    """The current settings of a reception site, recorded by an administrator: what documents
    print for it (postal address, phone, e-mail, opening hours). A site without a row has none
    yet: documents print its name and city only (migration 0007).

    Every version is also kept whole in ``site_settings_history`` (append-only)."""

    __tablename__ = "site_settings"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    address: Mapped[str] = mapped_column(Text)  # JSON list of 1 to 4 lines
    postal_code: Mapped[str] = mapped_column(String(5))
    commune: Mapped[str] = mapped_column(String(80))
    phone: Mapped[str] = mapped_column(String(30))
    email: Mapped[str] = mapped_column(String(254))
    hours: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by: Mapped[str] = mapped_column(String(120))


class PublishedFigures(ServerBase):
    """Figures the store publishes to every agent, as last computed (issue 18): ``body`` is the
    JSON answer, ``computed_at`` the store's time of its computation. Every process of the
    store reads and writes the same rows, so they serve the same answer until it is older
    than its lifetime (app.server.services.figures.CACHE_TTL) and one computes it again."""

    __tablename__ = "published_figures"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    body: Mapped[str] = mapped_column(Text)


class PartnerInboxRow(ServerBase):
    """A row of an organisme's inbox (issue 18, app.server.inbox): a dossier oriented to it with
    the worker's consent, as its list shows it (``name``: « NOM Prénom » as far as the organisme
    sees it), searched (``search``: number and the visible names, folded), filtered (follow-up,
    ``stale_from``) and ordered (urgent first: ``priority`` 0, then by number); ``aids``: the
    organisme's aids with the reasons it may read (JSON), computed when the dossier was
    written. Rewritten at every write of the dossier; the unique index on (organisme,
    priority, number) serves every page of the list from the last row of the previous one."""

    __tablename__ = "partner_inbox"
    __table_args__ = (Index("ix_partner_inbox_page", "organisme", "priority", "number",
                            unique=True),
                      Index("ix_partner_inbox_dossier_id", "dossier_id"))

    organisme: Mapped[str] = mapped_column(String(40), primary_key=True)
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    priority: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(40))
    revision: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text, default="")
    search: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str | None] = mapped_column(String(20), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    stale_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    aids: Mapped[str] = mapped_column(Text, default="[]")


class SiteSettingsVersion(ServerBase):
    """One version of a site's settings, as recorded (never updated nor deleted: triggers
    refuse it). The primary key (code, version) makes two administrators writing the same
    version at once collide instead of both winning."""

    __tablename__ = "site_settings_history"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    address: Mapped[str] = mapped_column(Text)
    postal_code: Mapped[str] = mapped_column(String(5))
    commune: Mapped[str] = mapped_column(String(80))
    phone: Mapped[str] = mapped_column(String(30))
    email: Mapped[str] = mapped_column(String(254))
    hours: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by: Mapped[str] = mapped_column(String(120))


# --------------------------------------------------------------------------- call list (issue 16)


class CallEntry(ServerBase):
    """One worker of one site's call list: the signals about them grouped by SIRET or NIR, the
    state their call attempts left (app.forms.calls.apply_attempt, replayed in time order) and
    the workstation that took it (the claim, granted only here: app.server.services.calls).

    ``change_seq`` comes from the shared change counter (``sync_counter``), like a dossier's, so
    ``GET /calls/changes`` hands entries out in the order their changes became visible."""

    __tablename__ = "call_entries"
    __table_args__ = (
        Index("ix_call_entries_site_change_seq", "site", "change_seq", unique=True),
        Index("ix_call_entries_dossier_id", "dossier_id"),  # issue 17: the « signal » channel
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    site: Mapped[str] = mapped_column(String(3))
    siret: Mapped[str | None] = mapped_column(String(14), nullable=True)
    nir: Mapped[str | None] = mapped_column(String(15), nullable=True)
    # The worker's dossier: matched on the workstation (a signal's dossier_id) or opened from
    # the entry (a link; then ``opened_at`` says when).
    dossier_id: Mapped[uuid.UUID | None] = mapped_column(Uuid(), nullable=True)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    status: Mapped[str] = mapped_column(String(20))
    score: Mapped[int] = mapped_column(Integer)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    oldest: Mapped[date] = mapped_column(Date)
    unanswered: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    callback_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    claimed_by: Mapped[str | None] = mapped_column(String(20), nullable=True)
    claimed_agent: Mapped[str | None] = mapped_column(String(120), nullable=True)
    claim_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    change_seq: Mapped[int] = mapped_column(BigInteger)


class CallSignal(ServerBase):
    """An alert about a worker (app.forms.calls.check_signal), in the entry it was grouped in.

    Its identity is (source, reference): the unique constraint makes pushes idempotent. The
    (site, siret) and (site, nir) indexes serve the grouping, which matches a new signal
    against every earlier signal of the site."""

    __tablename__ = "call_signals"
    __table_args__ = (
        UniqueConstraint("source", "reference"),
        Index("ix_call_signals_site_siret", "site", "siret"),
        Index("ix_call_signals_site_nir", "site", "nir"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    entry_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("call_entries.id"), index=True)
    site: Mapped[str] = mapped_column(String(3))
    source: Mapped[str] = mapped_column(String(40))
    reference: Mapped[str] = mapped_column(String(100))
    type: Mapped[str] = mapped_column(String(30))
    day: Mapped[date] = mapped_column("date", Date)  # the signal's ``date``
    siret: Mapped[str | None] = mapped_column(String(14), nullable=True)
    nir: Mapped[str | None] = mapped_column(String(15), nullable=True)
    nom: Mapped[str | None] = mapped_column(String(100), nullable=True)
    prenom: Mapped[str | None] = mapped_column(String(100), nullable=True)
    telephone: Mapped[str | None] = mapped_column(String(30), nullable=True)
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    code_postal: Mapped[str | None] = mapped_column(String(5), nullable=True)
    commune: Mapped[str | None] = mapped_column(String(100), nullable=True)
    montant_cents: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    commentaire: Mapped[str | None] = mapped_column(Text, nullable=True)
    dossier_id: Mapped[uuid.UUID | None] = mapped_column(Uuid(), nullable=True)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    agent: Mapped[str] = mapped_column(String(120))
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CallAttempt(ServerBase):
    """One call to an entry's worker (app.forms.calls.check_attempt); its id (the primary key)
    makes pushes idempotent. Recorded whenever its entry exists: the history is the truth."""

    __tablename__ = "call_attempts"

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    entry_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("call_entries.id"), index=True)
    site: Mapped[str] = mapped_column(String(3))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    agent: Mapped[str] = mapped_column(String(120))
    workstation: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(20))
    callback_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    note: Mapped[str] = mapped_column(Text)
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CallEntryAlias(ServerBase):
    """An entry id that now means another entry: an entry merged into an earlier one, or a
    workstation's own entry whose signals the store had already grouped elsewhere. Pushes and
    claims naming the alias land on ``entry_id``."""

    __tablename__ = "call_entry_aliases"

    alias_id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    entry_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("call_entries.id"), index=True)
    site: Mapped[str] = mapped_column(String(3))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


# ------------------------------------------------------------------ appointments (issue 16)


class Appointment(ServerBase):
    """A call-back of the counter or an appointment a partner set, denormalised from its
    dossier's payload (the ``rendez_vous`` items) at every write of the dossier, for the
    partners' agenda (``GET /partner/agenda``). The payload stays the truth."""

    __tablename__ = "appointments"
    __table_args__ = (
        Index("ix_appointments_organisme_at", "organisme", "at"),
        Index("ix_appointments_site_at", "site", "at"),
    )

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    site: Mapped[str] = mapped_column(String(3))
    kind: Mapped[str] = mapped_column(String(20))
    organisme: Mapped[str | None] = mapped_column(String(40), nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    duration: Mapped[int] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


# ------------------------------------------------------------------- statistics (issue 17)


class DossierFact(ServerBase):
    """What the statistics count of a stored dossier, rewritten from its payload at every
    write (app.server.services.stats): codes and its creation day in Europe/Paris, nothing
    that identifies anybody. Removed with the dossier on erasure."""

    __tablename__ = "dossier_facts"
    __table_args__ = (
        Index("ix_dossier_facts_created_day", "created_day"),
        Index("ix_dossier_facts_site_created_day", "site", "created_day"),
        Index("ix_dossier_facts_channel_created_day", "channel", "created_day"),
        Index("ix_dossier_facts_month_site", "month", "site"),
    )

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    site: Mapped[str] = mapped_column(String(3))
    created_day: Mapped[date] = mapped_column(Date)
    month: Mapped[str] = mapped_column(String(7))
    channel: Mapped[str] = mapped_column(String(20))
    urgent: Mapped[bool] = mapped_column(Boolean)


class DossierAnswer(ServerBase):
    """One answer (question, code) of a stored dossier, for the fragilities' figures."""

    __tablename__ = "dossier_answers"
    __table_args__ = (Index("ix_dossier_answers_question_code", "question", "code"),)

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    question: Mapped[str] = mapped_column(String(10), primary_key=True)
    code: Mapped[str] = mapped_column(String(40))


class DossierAid(ServerBase):
    """One aid app.forms.evaluation finds for a stored dossier (on its day of creation)."""

    __tablename__ = "dossier_aids"
    __table_args__ = (Index("ix_dossier_aids_aid", "aid"),)

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    aid: Mapped[str] = mapped_column(String(40), primary_key=True)
