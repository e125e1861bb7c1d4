"""What a running server holds: its settings, store, clock and attachment files."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from sync.server.clock import ServerClock
from sync.server.models import ServerState
from sync.server.services.attachments import AttachmentFiles
from sync.server.settings import ServerSettings
from sync.server.store import ServerStore


@dataclasses.dataclass(frozen=True)
class Runtime:
    """The server's open resources, made once at start and handed to every request."""

    settings: ServerSettings
    store: ServerStore
    clock: ServerClock
    files: AttachmentFiles

    @classmethod
    def open(cls, settings: ServerSettings) -> Runtime:
        """Open the store, migrate it to the newest revision, and set the clock."""
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        store = ServerStore(settings.store_url())
        store.migrate()
        with store.reading() as session:
            last = session.scalar(select(ServerState.last_hlc).where(ServerState.id == 1))
        files = AttachmentFiles(settings.attachments_dir())
        return cls(settings, store, ServerClock(last or ""), files)

    def close(self) -> None:
        """Release the store's connections."""
        self.store.close()
