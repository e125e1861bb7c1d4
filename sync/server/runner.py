"""Serving the app: in the foreground (the command line) or on a background thread
(tests and benchmarks, on a free loopback port)."""

from __future__ import annotations

import dataclasses
import socket
import threading
import time
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from sync.server.settings import ServerSettings

START_TIMEOUT_S = 10.0


@dataclasses.dataclass(frozen=True)
class Tls:
    """The server's own certificate and key (PEM files), for HTTPS without a proxy."""

    certfile: Path
    keyfile: Path

    @classmethod
    def of(cls, settings: ServerSettings) -> Tls | None:
        """The certificate and key the settings name, if they name them."""
        if settings.ssl_certfile is None or settings.ssl_keyfile is None:
            return None
        return cls(settings.ssl_certfile, settings.ssl_keyfile)

    def missing(self) -> list[Path]:
        """The files that are not there (uvicorn would stop with a traceback)."""
        return [path for path in (self.certfile, self.keyfile) if not path.is_file()]


def config(
    app: FastAPI,
    *,
    host: str,
    port: int,
    log_level: str = "info",
    tls: Tls | None = None,
    forwarded_allow_ips: str = "127.0.0.1",
) -> uvicorn.Config:
    """Uvicorn's settings for the server."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        # Answers are compressed by the app; uvicorn adds no "server" banner.
        server_header=False,
        timeout_keep_alive=30,
        ssl_certfile=str(tls.certfile) if tls else None,
        ssl_keyfile=str(tls.keyfile) if tls else None,
        # Behind a reverse proxy the client address comes from its X-Forwarded-For, but
        # only from the proxies named here: anyone else could write that header.
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
    )


def serve(
    app: FastAPI,
    *,
    host: str,
    port: int,
    tls: Tls | None = None,
    forwarded_allow_ips: str = "127.0.0.1",
) -> None:
    """Serve until interrupted."""
    settings = config(app, host=host, port=port, tls=tls, forwarded_allow_ips=forwarded_allow_ips)
    uvicorn.Server(settings).run()


class BackgroundServer:
    """The app served on a thread, on a port chosen by the OS (or the one given)."""

    def __init__(
        self, app: FastAPI, *, host: str = "127.0.0.1", port: int = 0, tls: Tls | None = None
    ) -> None:
        # IPPROTO_TCP named outright: asyncio turns Nagle off only on sockets that say so,
        # and with Nagle on every small answer waits 40 ms for a delayed ACK.
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, port))
        self.host, self.port = self._socket.getsockname()[:2]
        self.tls = tls
        self._server = uvicorn.Server(
            config(app, host=host, port=self.port, log_level="warning", tls=tls)
        )
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    @property
    def url(self) -> str:
        """The base URL, e.g. http://127.0.0.1:40123."""
        return f"{'https' if self.tls else 'http'}://{self.host}:{self.port}"

    def start(self) -> BackgroundServer:
        """Start serving; returns once the server accepts connections."""
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Finish the requests in flight and stop."""
        self._server.should_exit = True
        self._thread.join(timeout=START_TIMEOUT_S)
        self._socket.close()

    def __enter__(self) -> BackgroundServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
