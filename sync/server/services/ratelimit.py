"""Rate limits: a token bucket per key (a device id, or a client address for enrollment).

Each key holds up to ``burst`` tokens and earns ``per_minute / 60`` a second; a request
takes one. A sync session is a short burst (tens of requests) and then silence, which a
bucket serves at full speed, while a runaway loop or a stolen token is slowed to the
steady rate. The buckets live in the server process: a restart forgives everyone, and
several server processes would each keep their own (a town runs one).
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable

from sync.server.settings import ServerSettings

# Buckets are dropped once full again (they then hold nothing a new one would not), but
# only when this many are held, so the sweep stays rare.
SWEEP_ABOVE = 10_000


@dataclasses.dataclass
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    """Token buckets by key; thread-safe (sync routes run on a thread pool)."""

    def __init__(
        self, *, per_minute: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.per_second = per_minute / 60.0
        self.burst = float(burst)
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    @property
    def unlimited(self) -> bool:
        """A rate of 0 means no limit at all (a test server, a benchmark)."""
        return self.per_second <= 0

    def take(self, key: str) -> float:
        """Take a token for ``key``: 0.0 if granted, else the seconds until one is earned."""
        if self.unlimited:
            return 0.0
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(key) or _Bucket(self.burst, now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) * self.per_second)
            bucket.at = now
            self._buckets[key] = bucket
            granted = bucket.tokens >= 1.0
            if granted:
                bucket.tokens -= 1.0
            if len(self._buckets) > SWEEP_ABOVE:
                self._sweep(now)
        return 0.0 if granted else (1.0 - bucket.tokens) / self.per_second

    def _sweep(self, now: float) -> None:
        full = [
            key
            for key, b in self._buckets.items()
            if b.tokens + (now - b.at) * self.per_second >= self.burst
        ]
        for key in full:
            del self._buckets[key]


@dataclasses.dataclass(frozen=True)
class Limits:
    """The server's limiters: per device on authenticated routes, per address on enroll."""

    device: RateLimiter
    enroll: RateLimiter

    @classmethod
    def for_settings(cls, settings: ServerSettings) -> Limits:
        """The limiters the settings ask for."""
        return cls(
            RateLimiter(
                per_minute=settings.device_requests_per_minute, burst=settings.device_burst
            ),
            RateLimiter(
                per_minute=settings.enroll_attempts_per_minute, burst=settings.enroll_burst
            ),
        )
