"""A hybrid logical clock: orders a device's events even when its wall clock is wrong."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable


@dataclasses.dataclass(frozen=True, order=True)
class Timestamp:
    """A point on the hybrid clock: wall milliseconds, then a counter for ties."""

    wall_ms: int
    counter: int

    def encode(self) -> str:
        """A fixed-width string whose text order is the clock's order."""
        return f"{self.wall_ms:015d}.{self.counter:06d}"

    @classmethod
    def decode(cls, text: str) -> Timestamp:
        """Inverse of encode; raises ValueError on anything else."""
        wall, _, counter = text.partition(".")
        if not (wall.isdigit() and counter.isdigit()):
            raise ValueError(f"not a hybrid clock timestamp: {text!r}")
        return cls(int(wall), int(counter))


ZERO = Timestamp(0, 0)


def _wall_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    """Kulkarni et al.'s HLC: never goes backwards, tracks wall time when it can."""

    def __init__(self, last: Timestamp = ZERO, wall: Callable[[], int] = _wall_ms) -> None:
        self.last = last
        self._wall = wall

    def tick(self) -> Timestamp:
        """The timestamp of a new local event."""
        now = self._wall()
        if now > self.last.wall_ms:
            self.last = Timestamp(now, 0)
        else:
            self.last = Timestamp(self.last.wall_ms, self.last.counter + 1)
        return self.last

    def observe(self, remote: Timestamp) -> Timestamp:
        """Advance past a timestamp received from elsewhere (e.g. the server on pull)."""
        now = self._wall()
        wall = max(now, self.last.wall_ms, remote.wall_ms)
        if wall == self.last.wall_ms == remote.wall_ms:
            counter = max(self.last.counter, remote.counter) + 1
        elif wall == self.last.wall_ms:
            counter = self.last.counter + 1
        elif wall == remote.wall_ms:
            counter = remote.counter + 1
        else:
            counter = 0
        self.last = Timestamp(wall, counter)
        return self.last
