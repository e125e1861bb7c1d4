"""The audit log of administrative actions, and the flaws found in devices' chains."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.models import AuditEntry


def record(
    session: Session,
    *,
    action: str,
    actor: str,
    detail: str = "",
    org_unit_code: str | None = None,
    device_id: str | None = None,
) -> None:
    """Add one line to the audit log, in the caller's transaction."""
    session.add(
        AuditEntry(
            at=dt.datetime.now(dt.UTC),
            action=action,
            actor=actor,
            org_unit_code=org_unit_code,
            device_id=device_id,
            detail=detail,
        )
    )


def entries(session: Session, *, limit: int = 100) -> list[AuditEntry]:
    """The newest entries first."""
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))
