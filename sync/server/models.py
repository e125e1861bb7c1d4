"""The server store's tables as SQLAlchemy 2 typed mappings.

``events`` is the log every device pushes into, numbered by ``server_seq``;
``server_state`` holds the committed watermark that pulls read up to.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from casework.models import UTCDateTime


class Base(DeclarativeBase):
    """Declarative base of the server store (its own, apart from the laptop's)."""


class ServerState(Base):
    """One row: the last ``server_seq`` handed out (and committed), and the clock."""

    __tablename__ = "server_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Updated under a row lock in each push transaction: commit order is seq order,
    # so everything at or below the committed value is visible to a pull.
    last_seq: Mapped[int] = mapped_column(BigInteger)
    last_hlc: Mapped[str] = mapped_column(String(32))


class OrgUnit(Base):
    """A district, town, village or grid, from the org tree CSV."""

    __tablename__ = "org_units"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(16))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("org_units.code"), index=True)


class Device(Base):
    """An enrolled laptop; its token is kept only as a sha256."""

    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    org_unit_code: Mapped[str] = mapped_column(ForeignKey("org_units.code"))
    role: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    training: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class EnrollmentCode(Base):
    """A one-time code an administrator handed out for one org unit."""

    __tablename__ = "enrollment_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    org_unit_code: Mapped[str] = mapped_column(ForeignKey("org_units.code"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    used_by_device: Mapped[str | None] = mapped_column(String(36))


class Event(Base):
    """One stored event, as pushed, numbered and stamped on arrival."""

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("device_id", "device_seq", name="uq_events_device_seq"),
        # A pull and its checksum read one unit's events by number: an index-only scan.
        Index("ix_events_unit_seq", "org_unit_code", "server_seq"),
    )

    server_seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    device_id: Mapped[str] = mapped_column(String(36))
    device_seq: Mapped[int] = mapped_column(BigInteger)
    hlc: Mapped[str] = mapped_column(String(32))
    case_id: Mapped[str | None] = mapped_column(String(36), index=True)
    org_unit_code: Mapped[str] = mapped_column(String(32))
    author_id: Mapped[str] = mapped_column(String(36))
    author_name: Mapped[str] = mapped_column(String(50))
    type: Mapped[str] = mapped_column(String(40))
    # JSON text exactly as hashed on arrival: a pull splices it into its answer unparsed.
    payload: Mapped[str] = mapped_column(Text)
    schema_version: Mapped[int] = mapped_column(Integer)
    # The ISO text the device sent (its offset kept), not a converted timestamp.
    recorded_at: Mapped[str] = mapped_column(String(40))
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    content_hash: Mapped[str] = mapped_column(String(64))
    # The device's hash chain (casework.chain): the link of the device's previous event
    # as the event carries it, and this event's own link. None for events of clients
    # older than the chain.
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    chain_hash: Mapped[str | None] = mapped_column(String(64))


class ChainBreak(Base):
    """A flaw found in a device's hash chain on push: a gap, an altered event, a restart."""

    __tablename__ = "chain_breaks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    event_id: Mapped[str] = mapped_column(String(36))
    device_seq: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(Text)
    found_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # A gap closes when the missing event arrives late and links up on both sides.
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class Account(Base):
    """A worker's account, made by the town administrator and synced to the unit's laptops.

    Only an argon2id hash of the password is kept (PHC string); laptops verify logins
    against it offline and wrap their database key for the worker with it."""

    __tablename__ = "accounts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    login: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(50))
    org_unit_code: Mapped[str] = mapped_column(ForeignKey("org_units.code"), index=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # When the password last changed (by the administrator or the worker on a laptop):
    # a laptop's offline change is taken only if newer.
    password_changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Conflict(Base):
    """A push that reused a stored event's id with other content: kept for a person."""

    __tablename__ = "conflicts"
    __table_args__ = (UniqueConstraint("event_id", "content_hash", name="uq_conflicts_content"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(36))
    content_hash: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text)  # the refused version, as JSON
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class AuditEntry(Base):
    """An administrative action: a code issued, a device enrolled or revoked, a tree import."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    action: Mapped[str] = mapped_column(String(30))
    actor: Mapped[str] = mapped_column(String(100))
    org_unit_code: Mapped[str | None] = mapped_column(String(32))
    device_id: Mapped[str | None] = mapped_column(String(36))
    detail: Mapped[str] = mapped_column(Text)


class Attachment(Base):
    """A file addressed by its sha256, received in chunks; complete once its hash checks."""

    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    received: Mapped[int] = mapped_column(BigInteger)
    complete: Mapped[bool] = mapped_column(Boolean)
    device_id: Mapped[str] = mapped_column(String(36))  # who sent the last chunk
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    completed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
