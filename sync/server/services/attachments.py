"""Attachments addressed by sha256: chunks appended in order, checked when whole."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import threading
from pathlib import Path
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sync.protocol import AttachmentStatus, ErrorCode
from sync.server.errors import ApiError, bad_request
from sync.server.models import Attachment


class AttachmentFiles:
    """The files under the data folder, and each upload's running hash (so a chunk
    costs its own bytes, not a re-read of the whole file)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._running: dict[str, tuple[int, Any]] = {}  # sha256 → (bytes hashed, hasher)

    def final(self, sha256: str) -> Path:
        """Where a complete, checked file lives."""
        return self.folder / sha256[:2] / sha256

    def _partial(self, sha256: str) -> Path:
        return self.folder / sha256[:2] / f"{sha256}.part"

    def size(self, sha256: str) -> int:
        """How many bytes of an unfinished upload are on disk."""
        path = self._partial(sha256)
        return path.stat().st_size if path.exists() else 0

    def append(self, sha256: str, held: int, chunk: bytes) -> str:
        """Write ``chunk`` after the first ``held`` bytes; the hex digest of them all."""
        path = self._partial(sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "ab") as handle:
            # A crash after a write but before its commit leaves bytes the store never
            # counted: they are cut off here and sent again.
            handle.truncate(held)
            handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        with self._lock:
            hashed, hasher = self._running.pop(sha256, (-1, None))
        if hashed != held or hasher is None:
            hasher = hashlib.sha256()
            with open(path, "rb") as handle:
                hasher.update(handle.read(held))
        hasher.update(chunk)
        with self._lock:
            self._running[sha256] = (held + len(chunk), hasher.copy())
        return str(hasher.hexdigest())

    def finish(self, sha256: str) -> None:
        """The upload checked out: keep it under its final name."""
        with self._lock:
            self._running.pop(sha256, None)
        os.replace(self._partial(sha256), self.final(sha256))

    def discard(self, sha256: str) -> None:
        """Throw an upload away (its bytes did not hash to its name)."""
        with self._lock:
            self._running.pop(sha256, None)
        self._partial(sha256).unlink(missing_ok=True)


@dataclasses.dataclass(frozen=True)
class Appended:
    """What an append left: the status, or a mismatch to report once committed."""

    status: AttachmentStatus
    hash_mismatch: bool = False

    def answer(self) -> AttachmentStatus:
        """The status, or the 422 for a file whose bytes hashed to something else."""
        if self.hash_mismatch:
            raise ApiError(
                422,
                ErrorCode.HASH_MISMATCH,
                "The uploaded bytes do not hash to the attachment's sha256; "
                "what was received is discarded, send the file again from the start.",
            )
        return self.status


def _status(row: Attachment | None, sha256: str) -> AttachmentStatus:
    if row is None:
        return AttachmentStatus(sha256=sha256, received=0, complete=False)
    return AttachmentStatus(sha256=sha256, received=row.received, complete=row.complete)


def status(session: Session, sha256: str) -> AttachmentStatus:
    """How much of the file the server holds (nothing, for one it never heard of)."""
    return _status(session.get(Attachment, sha256), sha256)


def _locked_row(session: Session, sha256: str, device_id: str) -> Attachment:
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    values = {
        "sha256": sha256,
        "received": 0,
        "complete": False,
        "device_id": device_id,
        "started_at": dt.datetime.now(dt.UTC),
    }
    session.execute(dialect.insert(Attachment).values(values).on_conflict_do_nothing())
    row = session.get(Attachment, sha256, with_for_update=True, populate_existing=True)
    assert row is not None
    return row


def append(
    session: Session,
    files: AttachmentFiles,
    *,
    sha256: str,
    offset: int,
    chunk: bytes,
    total: int | None,
    device_id: str,
) -> Appended:
    """Append a chunk at ``offset`` (which must be what is held); the caller commits."""
    row = _locked_row(session, sha256, device_id)
    if row.complete:  # a retry of the last chunk whose answer was lost
        return Appended(_status(row, sha256))
    row.received = min(row.received, files.size(sha256))  # a file lost under the store
    if offset != row.received:
        raise ApiError(
            409,
            ErrorCode.OFFSET_MISMATCH,
            f"The server holds {row.received} bytes of this file; send from there.",
            {"received": row.received},
        )
    if total is not None and offset + len(chunk) > total:
        raise bad_request("The chunk goes past the file's declared total size.", total=total)
    digest = files.append(sha256, row.received, chunk)
    row.received += len(chunk)
    row.device_id = device_id
    if digest == sha256:
        files.finish(sha256)
        row.complete, row.completed_at = True, dt.datetime.now(dt.UTC)
    elif total is not None and row.received >= total:
        files.discard(sha256)
        session.delete(row)
        return Appended(AttachmentStatus(sha256=sha256, received=0, complete=False), True)
    return Appended(_status(row, sha256))
