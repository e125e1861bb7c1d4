"""Attachments: files and photos of a case, kept in the data folder by content hash.

The same file added twice is stored once; the name a worker gave it is kept with the
case. A file too large or of a type a case file should not hold (an executable, an
archive) is refused with the reason, before anything is copied.

With the laptop's database key, each stored file is encrypted (AES-GCM, a key derived
from the database key for files alone); its name stays the sha256 of the plain content,
which the server checks on upload. Files stored before encryption are read as they are
until ``seal_folder`` encrypts them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import os
import secrets
import uuid
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import events
from casework.events import EventType
from casework.models import Attachment, Case
from casework.vault import sealer

MAX_BYTES = 20 * 1024 * 1024  # a phone photo or a scanned agreement; not a video archive
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


SEALED = b"OPA1"  # the first bytes of an encrypted file: magic, then a 12-byte nonce
_NONCE = 12


def _file_cipher(key: bytes) -> AESGCM:
    return sealer(key, b"attachments")


def _seal(content: bytes, sha256: str, key: bytes) -> bytes:
    nonce = secrets.token_bytes(_NONCE)
    # The hash is bound in: a sealed file renamed to another hash does not open.
    return SEALED + nonce + _file_cipher(key).encrypt(nonce, content, sha256.encode())


def read_file(folder: Path, sha256: str, key: bytes | None) -> bytes:
    """The plain content of a stored file (raises OSError if missing, ValueError if the
    key does not open it)."""
    data = path_of(folder, sha256).read_bytes()
    if not data.startswith(SEALED):
        return data
    if key is None:
        raise ValueError("the attachment is encrypted and no key was given")
    nonce, body = data[len(SEALED) : len(SEALED) + _NONCE], data[len(SEALED) + _NONCE :]
    try:
        return _file_cipher(key).decrypt(nonce, body, sha256.encode())
    except InvalidTag as exc:
        raise ValueError(f"attachment {sha256[:12]} does not open with this key") from exc


def _write_whole(target: Path, content: bytes) -> None:
    staging = target.with_name(f".incoming-{uuid.uuid4().hex}")
    try:
        with staging.open("wb") as writer:
            writer.write(content)
            writer.flush()
            os.fsync(writer.fileno())
        os.replace(staging, target)  # whole or not at all
    finally:
        staging.unlink(missing_ok=True)


def seal_folder(folder: Path, key: bytes) -> int:
    """Encrypt every file still stored plain (a store made before encryption)."""
    sealed = 0
    for path in folder.glob("??/*"):
        with path.open("rb") as file:
            if file.read(len(SEALED)) == SEALED:
                continue
        _write_whole(path, _seal(path.read_bytes(), path.name, key))
        sealed += 1
    return sealed


def store_file(folder: Path, source: Path, key: bytes | None = None) -> StoredFile:
    """Copy ``source`` into ``folder`` under its sha256 (once), encrypted with ``key``;
    raises AttachmentRefused. Read whole: files are at most MAX_BYTES."""
    try:
        size = source.stat().st_size
        if size == 0:
            raise AttachmentRefused(Refusal.EMPTY)
        if size > MAX_BYTES:
            raise AttachmentRefused(Refusal.TOO_LARGE, f"{size} bytes")
        media_type = _media_type(source)
        content = source.read_bytes()
        sha256 = hashlib.sha256(content).hexdigest()
        target = path_of(folder, sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        # Whole or not at all; the same bytes if it was there.
        _write_whole(target, content if key is None else _seal(content, sha256, key))
    except OSError as exc:
        raise AttachmentRefused(Refusal.UNREADABLE, str(exc)) from exc
    return StoredFile(sha256, len(content), media_type, source.name[:255])


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
