"""A fault-injecting TCP proxy on loopback, between a sync client and the real server.

Each accepted connection is forwarded to the server; a Fault set on the proxy applies
to the next connections: cut the link after N bytes in either direction (before the
server has the whole request, or after it answered, the client never seeing the
answer), delay every chunk, or reset the connection at once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import socket
import struct
import threading
import time


@dataclasses.dataclass
class Fault:
    """What the proxy does to the next connections (all None: forward faithfully)."""

    cut_upstream_after: int | None = None  # bytes client → server, then both sides close
    cut_downstream_after: int | None = None  # bytes server → client, then both close
    delay_s: float = 0.0
    reset: bool = False
    connections: int = 1  # how many requests it applies to before clearing itself


class FaultyProxy:
    """Listens on 127.0.0.1:<port>, forwards to ``target``; ``fault`` injects faults."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.fault: Fault | None = None
        self.cut = 0  # how many connections were cut or reset
        self._lock = threading.Lock()
        self._closed = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        """The base URL a client uses to go through the proxy."""
        return f"http://127.0.0.1:{self.port}"

    def inject(self, fault: Fault) -> None:
        """Apply ``fault`` to the next connections."""
        with self._lock:
            self.fault = fault

    def _take_fault(self) -> Fault | None:
        with self._lock:
            fault = self.fault
            if fault is not None:
                fault.connections -= 1
                if fault.connections <= 0:
                    self.fault = None
            return fault

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            server = socket.create_connection(self.target)
        except OSError:
            client.close()
            return
        link = _Link(self, client, server)
        threading.Thread(target=link.pump_up, daemon=True).start()
        link.pump_down()

    def close(self) -> None:
        """Stop accepting."""
        self._closed = True
        self._listener.close()


class _Link:
    """One proxied connection. A fault is taken when a request starts on it (a kept-alive
    connection carries several requests), and then applies to that exchange."""

    def __init__(self, proxy: FaultyProxy, client: socket.socket, server: socket.socket):
        self.proxy, self.client, self.server = proxy, client, server
        self.fault: Fault | None = None
        self.up = self.down = 0
        self.done = threading.Event()

    def pump_up(self) -> None:
        try:
            while not self.done.is_set():
                chunk = self.client.recv(65536)
                if not chunk:
                    break
                if self.fault is None:
                    self.fault = self.proxy._take_fault()
                    self.up = self.down = 0
                    if self.fault is not None and self.fault.reset:
                        self._reset()
                        return
                if not self._forward(chunk, self.server, "up"):
                    break
        except OSError:
            pass
        finally:
            self._close()

    def pump_down(self) -> None:
        try:
            while not self.done.is_set():
                chunk = self.server.recv(65536)
                if not chunk:
                    break
                if not self._forward(chunk, self.client, "down"):
                    break
        except OSError:
            pass
        finally:
            self._close()

    def _forward(self, chunk: bytes, sink: socket.socket, way: str) -> bool:
        fault = self.fault
        limit = None
        if fault is not None:
            limit = fault.cut_upstream_after if way == "up" else fault.cut_downstream_after
            if fault.delay_s:
                time.sleep(fault.delay_s)  # the proxy's injected latency, not a test wait
        sent = self.up if way == "up" else self.down
        if limit is not None and sent + len(chunk) > limit:
            sink.sendall(chunk[: max(0, limit - sent)])
            self.proxy.cut += 1
            return False
        sink.sendall(chunk)
        if way == "up":
            self.up += len(chunk)
        else:
            self.down += len(chunk)
        return True

    def _reset(self) -> None:
        linger = struct.pack("ii", 1, 0)  # on, 0 s: close() sends RST, not FIN
        self.client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
        self.proxy.cut += 1
        self._close()

    def _close(self) -> None:
        self.done.set()
        for end in (self.client, self.server):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()
