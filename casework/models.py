"""The local store's tables as SQLAlchemy 2 typed mappings.

Current-state tables (cases, parties) are what screens read; ``case_events`` is the
append-only log that every change writes in the same transaction, and the outbox
lists the events the town server has not yet acknowledged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Stores naive UTC, hands back aware UTC: SQLite has no time zones."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    """Declarative base of the local store."""


class OrgUnit(Base):
    """A district, town, village or grid."""

    __tablename__ = "org_units"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(16))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("org_units.code"))


class Worker(Base):
    """A person who records and handles cases on this laptop."""

    __tablename__ = "workers"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    org_unit_code: Mapped[str] = mapped_column(ForeignKey("org_units.code"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # The account: a login name and an argon2id hash (PHC string), made by the town
    # administrator and synced down ("server"), or made on this laptop ("local").
    login: Mapped[str | None] = mapped_column(String(50), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    origin: Mapped[str] = mapped_column(String(8), default="local")
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    password_changed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # The worker changed the password here and the town server has not yet taken it.
    password_pending: Mapped[bool] = mapped_column(Boolean, default=False)


class Device(Base):
    """This laptop: the author of its events, with its sequence counter and clock."""

    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    org_unit_code: Mapped[str] = mapped_column(ForeignKey("org_units.code"))
    current_worker_id: Mapped[str | None] = mapped_column(ForeignKey("workers.id"))
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_hlc: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # The link of this device's last event in its hash chain (casework.chain); "" before
    # the first chained event.
    chain_head: Mapped[str] = mapped_column(String(64), default="")
    # The lowest running number of this laptop's next case number: raised after the
    # store is restored from a copy, so a new case never takes a number the laptop gave
    # before the damage (the town holds those cases and sends them back).
    number_floor: Mapped[int] = mapped_column(Integer, default=0)


class Case(Base):
    """The current state of a dispute case, recomputable from its events."""

    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    org_unit_code: Mapped[str] = mapped_column(ForeignKey("org_units.code"))
    dispute_type: Mapped[str] = mapped_column(String(32))
    facts: Mapped[str] = mapped_column(Text)
    claims: Mapped[str] = mapped_column(Text, default="")
    priority: Mapped[str] = mapped_column(String(16))
    level: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[str] = mapped_column(ForeignKey("workers.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # The checklist versions the case was taken in under (None: recorded before them).
    items_version: Mapped[str | None] = mapped_column(String(20))
    intake_version: Mapped[str | None] = mapped_column(String(20))
    process_version: Mapped[str | None] = mapped_column(String(20))
    # The SLA clock: the item's deadline counted from the day the case was received.
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    # 分级分类匹配: the tier the items catalogue or the intake proposes, when above ``level``.
    proposed_level: Mapped[str | None] = mapped_column(String(16))
    # When the intake allowed it and the case was accepted 受理 (None: never accepted).
    accepted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())

    parties: Mapped[list[Party]] = relationship(
        back_populates="case", order_by="Party.position", cascade="all, delete-orphan"
    )

    __table_args__ = (
        Index("ix_cases_created_at", "created_at"),
        Index("ix_cases_status", "status"),
    )


class Party(Base):
    """A person or organisation on one side of a case."""

    __tablename__ = "parties"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(50))
    id_number: Mapped[str] = mapped_column(String(18), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(200), default="")

    case: Mapped[Case] = relationship(back_populates="parties")


# The kinds of event read by kind, as SQL: a query's WHERE clause repeats the text so that
# SQLite takes the partial index that holds just them.
ESCALATION_KINDS = "type >= 'escalation.' AND type < 'escalation/'"
DIRECTORY_KIND = "type = 'directory.entry_set'"


class CaseEvent(Base):
    """One immutable change to a case: the audit trail and the unit of sync."""

    __tablename__ = "case_events"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # None for a visit logged without a case (a patrol that found nothing to record).
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"), index=True)
    device_id: Mapped[str] = mapped_column(String(36))
    device_seq: Mapped[int] = mapped_column(Integer)
    hlc: Mapped[str] = mapped_column(String(32))
    author_id: Mapped[str] = mapped_column(String(36))
    author_name: Mapped[str] = mapped_column(String(50))
    type: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    schema_version: Mapped[int] = mapped_column(Integer)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # The link of the authoring device's previous event (casework.chain): "" where its
    # chain starts, None for events made before the chain existed.
    prev_hash: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ux_case_events_device_seq", "device_id", "device_seq", unique=True),
        # Escalation acts and the directory are read by kind; they are few among the
        # events, so the indexes hold only them and cost ordinary events nothing.
        Index("ix_case_events_escalation", "type", sqlite_where=text(ESCALATION_KINDS)),
        Index("ix_case_events_directory", "type", sqlite_where=text(DIRECTORY_KIND)),
    )


class OutboxEntry(Base):
    """An event waiting for the town server's answer; dropped only after that answer."""

    __tablename__ = "outbox"

    event_id: Mapped[str] = mapped_column(ForeignKey("case_events.id"), primary_key=True)
    enqueued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class IntakeAnswer(Base):
    """The current answer to one intake question of a case (each answer is also an event)."""

    __tablename__ = "intake_answers"

    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    question: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class ProcessStep(Base):
    """One step of a case's process checklist: its due date and what was recorded."""

    __tablename__ = "process_steps"

    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    step: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[dt.date] = mapped_column(Date)
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # The fields recorded for the step; a repeatable step (mediation) has one per session.
    entries: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    __table_args__ = (Index("ix_process_steps_due_on", "due_on"),)


class Visit(Base):
    """A patrol, home visit, appointment, joint consultation or follow-up 走访."""

    __tablename__ = "visits"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"), index=True)
    org_unit_code: Mapped[str] = mapped_column(ForeignKey("org_units.code"))
    kind: Mapped[str] = mapped_column(String(20))
    visited_on: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200), default="")
    people: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    next_visit_on: Mapped[dt.date | None] = mapped_column(Date)
    # The follow-up survey 回访满意度: attitude, procedure, effect (None on other kinds).
    attitude: Mapped[str | None] = mapped_column(String(20))
    procedure: Mapped[str | None] = mapped_column(String(20))
    effect: Mapped[str | None] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(ForeignKey("workers.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_visits_visited_on", "visited_on"),)


class Attachment(Base):
    """A file or photo of a case, kept in the data folder under its sha256."""

    __tablename__ = "attachments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    added_by: Mapped[str] = mapped_column(ForeignKey("workers.id"))
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    __table_args__ = (UniqueConstraint("case_id", "sha256", name="uq_attachments_case_sha256"),)


class Draft(Base):
    """A new case being taken in, saved at every step of the wizard (local, never synced)."""

    __tablename__ = "drafts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    step: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200), default="")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # Recorded as a case or discarded: kept so a late save cannot bring the draft back.
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class SearchText(Base):
    """A case's searchable text, indexed by the search_trigram and search_unigram FTS5
    tables (kept in step by triggers; see casework.search)."""

    __tablename__ = "search_text"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    body: Mapped[str] = mapped_column(Text)
    spaced: Mapped[str] = mapped_column(Text)


class SyncState(Base):
    """This laptop's enrollment with its town server and where its pulls stand (one row)."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_url: Mapped[str] = mapped_column(String(300))
    device_token: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    enrolled_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    last_sync_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str] = mapped_column(Text, default="")


class Pulled(Base):
    """An event received by pull, by the server's number: what the scope checksum counts."""

    __tablename__ = "pulled"

    server_seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36))


class SyncLogEntry(Base):
    """One sync session, as a person reads it: counts, outcome, what went wrong."""

    __tablename__ = "sync_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    pushed: Mapped[int] = mapped_column(Integer, default=0)
    acknowledged: Mapped[int] = mapped_column(Integer, default=0)
    pulled: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")


class CaseConflict(Base):
    """Two changes that cannot both stand (e.g. the village closes while the town
    accepts): both kept, the case shows the conflict until a person settles it."""

    __tablename__ = "case_conflicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    field: Mapped[str] = mapped_column(String(40))
    kept_value: Mapped[str] = mapped_column(Text)
    other_value: Mapped[str] = mapped_column(Text)
    kept_event_id: Mapped[str] = mapped_column(String(36))
    other_event_id: Mapped[str] = mapped_column(String(36))
    detected_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    settled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    settled_by: Mapped[str | None] = mapped_column(String(36))
    resolution: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        UniqueConstraint("kept_event_id", "other_event_id", name="uq_case_conflicts_events"),
    )


class Upload(Base):
    """An attachment file the town server holds whole (checked by its hash there)."""

    __tablename__ = "uploads"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
