"""Attachments: files and photos of a case, kept in the data folder by content hash.

The same file added twice is stored once; the name a worker gave it is kept with the
case. A file too large or of a type a case file should not hold (an executable, an
archive) is refused with the reason, before anything is copied.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import os
import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import events
from casework.events import EventType
from casework.models import Attachment, Case

MAX_BYTES = 20 * 1024 * 1024  # a phone photo or a scanned agreement; not a video archive
_CHUNK = 1024 * 1024
# What a case file holds: photos, scans, documents, voice recordings, short videos.
ALLOWED_TYPES = frozenset({
    "image/jpeg", "image/png", "image/webp", "image/heic", "image/gif", "image/bmp",
    "image/tiff", "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/msword", "application/vnd.ms-excel",
    "application/vnd.oasis.opendocument.text",
    "audio/mpeg", "audio/mp4", "audio/amr", "audio/x-wav", "audio/aac", "video/mp4",
    "video/quicktime", "video/3gpp",
})  # fmt: skip


class Refusal(enum.StrEnum):
    """Why a file was not attached; the UI words each one."""

    UNREADABLE = "unreadable"
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    TYPE_NOT_ALLOWED = "type_not_allowed"


class AttachmentRefused(ValueError):
    """The file cannot be attached; ``reason`` says why."""

    def __init__(self, reason: Refusal, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason.value}: {detail}".rstrip(": "))


@dataclasses.dataclass(frozen=True)
class StoredFile:
    """A file copied into the attachment folder."""

    sha256: str
    size: int
    media_type: str
    file_name: str


def folder_of(data_dir: Path) -> Path:
    """Where the attachments of a data directory live."""
    return data_dir / "attachments"


def path_of(folder: Path, sha256: str) -> Path:
    """The stored copy of the file with that hash."""
    return folder / sha256[:2] / sha256


def _media_type(source: Path) -> str:
    import filetype  # reads the file's first bytes, never trusts its extension

    kind = filetype.guess(str(source))
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise AttachmentRefused(Refusal.TYPE_NOT_ALLOWED, kind.mime if kind else "unknown")
    return str(kind.mime)


def store_file(folder: Path, source: Path) -> StoredFile:
    """Copy ``source`` into ``folder`` under its sha256 (once); raises AttachmentRefused."""
    staging = folder / f".incoming-{uuid.uuid4().hex}"
    try:
        size = source.stat().st_size
        if size == 0:
            raise AttachmentRefused(Refusal.EMPTY)
        if size > MAX_BYTES:
            raise AttachmentRefused(Refusal.TOO_LARGE, f"{size} bytes")
        media_type = _media_type(source)
        folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with source.open("rb") as reader, staging.open("wb") as writer:
            while chunk := reader.read(_CHUNK):
                digest.update(chunk)
                writer.write(chunk)
            writer.flush()
            os.fsync(writer.fileno())
        sha256 = digest.hexdigest()
        target = path_of(folder, sha256)
        target.parent.mkdir(exist_ok=True)
        os.replace(staging, target)  # whole or not at all; same bytes if it was there
    except OSError as exc:
        staging.unlink(missing_ok=True)
        raise AttachmentRefused(Refusal.UNREADABLE, str(exc)) from exc
    return StoredFile(sha256, size, media_type, source.name[:255])


def add_attachment(session: Session, case_id: str, stored: StoredFile) -> str:
    """Attach a stored file to a case (once per case); returns the attachment id."""
    if session.get(Case, case_id) is None:
        raise LookupError(f"no case {case_id!r}")
    found = session.scalars(
        select(Attachment).where(Attachment.case_id == case_id, Attachment.sha256 == stored.sha256)
    ).first()
    if found is not None:
        return found.id
    who = events.current_identity(session)
    now = dt.datetime.now(dt.UTC)
    attachment = Attachment(
        id=str(uuid.uuid4()), case_id=case_id, sha256=stored.sha256,
        file_name=stored.file_name, media_type=stored.media_type, size=stored.size,
        added_by=who.worker_id, added_at=now,
    )  # fmt: skip
    session.add(attachment)
    events.append(
        session, case_id=case_id, type=EventType.ATTACHMENT_ADDED, at=now,
        payload=dataclasses.asdict(stored) | {"id": attachment.id},
    )  # fmt: skip
    return attachment.id
