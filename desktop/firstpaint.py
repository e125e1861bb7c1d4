"""Run work once a window has painted its first frame, not before.

Used to load the database layer only after the worker sees the window, and by the
start-up benchmark's probe.

Signals (FirstPaint):
    painted(): the window's first frame (children included) has been painted.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget


class FirstPaint(QObject):
    """Watches one window for its first paint event, then emits ``painted`` once."""

    painted = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            # Children paint in the same pass; a zero timer fires after the whole frame.
            QTimer.singleShot(0, self, self.painted.emit)
        return False
