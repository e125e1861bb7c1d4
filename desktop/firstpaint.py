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

    # A window started minimised or hidden never paints: go on after this long anyway.
    FALLBACK_MS = 3000

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._done = False
        window.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self, self._emit_once)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            # Children paint in the same pass; a zero timer fires after the whole frame.
            QTimer.singleShot(0, self, self._emit_once)
        return False

    def _emit_once(self) -> None:
        if not self._done:
            self._done = True
            self.painted.emit()
