"""The server's settings, declared once: flags and ``OUTPOST_SERVER_*`` variables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import URL, make_url

DATABASE_NAME = "outpost-server.sqlite3"


def _default_data_dir() -> Path:
    import platformdirs  # deferred: only the default path needs it

    return Path(platformdirs.user_data_dir("outpost-server", appauthor=False))


class ServerSettings(BaseSettings):
    """Everything a town server is told; each field is also ``OUTPOST_SERVER_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="OUTPOST_SERVER_", frozen=True)

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        title="Data folder: the SQLite store (by default) and the attachments",
    )
    database_url: str | None = Field(
        default=None,
        title="SQLAlchemy URL of the store, e.g. postgresql+psycopg://user@host/outpost;"
        " empty means the SQLite file in the data folder",
    )
    training: bool = Field(
        default=False,
        title="A training server: accepts the sandbox's devices and events (production refuses)",
    )
    enrollment_hours: float = Field(
        default=24.0, gt=0, title="How long a one-time enrollment code stays valid, in hours"
    )
    host: str = Field(default="127.0.0.1", title="Address `serve` listens on")
    port: int = Field(default=8765, ge=0, le=65535, title="Port `serve` listens on")
    ssl_certfile: Path | None = Field(
        default=None,
        title="HTTPS without a proxy: the server's certificate (PEM, with any intermediates)",
    )
    ssl_keyfile: Path | None = Field(
        default=None, title="HTTPS without a proxy: the certificate's private key (PEM)"
    )
    forwarded_allow_ips: str = Field(
        default="127.0.0.1",
        title="Comma-separated addresses of reverse proxies whose X-Forwarded-For is believed"
        " (the per-address enrollment limit then sees the laptop's address, not the proxy's)",
    )
    # A sync session is a burst of requests (about 70 for 10,000 events) then silence;
    # the burst absorbs it, the steady rate stops a runaway or stolen laptop.
    device_requests_per_minute: float = Field(
        default=600, ge=0, title="Requests a device may make per minute, sustained (0: no limit)"
    )
    device_burst: int = Field(
        default=120, ge=1, title="Requests a device may make at once before the rate applies"
    )
    # Enrollment needs no token: the limit per address is what stops guessing codes.
    enroll_attempts_per_minute: float = Field(
        default=10, ge=0, title="Enrollment attempts per client address per minute (0: no limit)"
    )
    enroll_burst: int = Field(
        default=10, ge=1, title="Enrollment attempts an address may make at once"
    )

    @model_validator(mode="after")
    def _both_tls_files(self) -> ServerSettings:
        if (self.ssl_certfile is None) != (self.ssl_keyfile is None):
            raise ValueError("HTTPS needs both ssl_certfile and ssl_keyfile, or neither")
        return self

    def store_url(self) -> URL:
        """The database URL in force: the setting, or the SQLite file in the data folder."""
        if self.database_url:
            return make_url(self.database_url)
        # Built, not parsed: a folder name with '%' or '#' stays what it is.
        return URL.create("sqlite", database=str(self.data_dir / DATABASE_NAME))

    def attachments_dir(self) -> Path:
        """Where attachment files are kept, one per sha256."""
        return self.data_dir / "attachments"

    def enrollment_lifetime(self) -> dt.timedelta:
        """The default validity of an enrollment code."""
        return dt.timedelta(hours=self.enrollment_hours)
