"""The server's hybrid logical clock, shared by every request thread."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable

from casework.hlc import ZERO, HybridClock, Timestamp

log = logging.getLogger("outpost.server.clock")

# A device clock further ahead than this does not drag the server's clock (and through
# it every other device's) along; its events are stored all the same.
MAX_AHEAD_MS = 10 * 60 * 1000


def _wall_ms() -> int:
    return time.time_ns() // 1_000_000


class ServerClock:
    """An HLC that observes what devices push and stamps every answer."""

    def __init__(self, last: str = "") -> None:
        self._lock = threading.Lock()
        self._clock = HybridClock(_decode(last) or ZERO, wall=_wall_ms)

    def now(self) -> str:
        """A fresh timestamp for an answer, after everything observed so far."""
        with self._lock:
            return self._clock.tick().encode()

    def observe(self, hlc: str) -> bool:
        """Advance past a device's timestamp; False (and not advanced) if it is suspect."""
        remote = _decode(hlc)
        if remote is None:
            return False
        if remote.wall_ms > _wall_ms() + MAX_AHEAD_MS:
            return False
        with self._lock:
            self._clock.observe(remote)
        return True

    def observe_all(self, stamps: Iterable[str]) -> int:
        """Advance past the latest of a batch's timestamps (the clock only moves forward,
        so the latest is all that counts); returns how many are suspect, not observed."""
        limit = _wall_ms() + MAX_AHEAD_MS
        readable = [_decode(text) for text in stamps]
        good = [stamp for stamp in readable if stamp is not None and stamp.wall_ms <= limit]
        if good:
            with self._lock:
                self._clock.observe(max(good))
        return len(readable) - len(good)


def _decode(text: str) -> Timestamp | None:
    try:
        return Timestamp.decode(text)
    except ValueError:
        return None
