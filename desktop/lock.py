"""Locking the app: the idle watch, and the curtains that hide what windows show.

The idle watch sees every key press and mouse action of the application (an event
filter on the QApplication) and, after a time without any, emits ``idle``: the main
window then locks. Its clock is injectable, so a test advances time instead of waiting.

A curtain is an opaque child laid over the whole of a window: while the app is locked,
every other window that is open (a case form, a visit form, a question) keeps its state
but shows nothing, and the lock screen on top takes all input.

Signals (IdleWatch):
    idle(): no input for the set time; emitted once until ``start`` is called again.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

Clock = Callable[[], float]  # seconds, monotonic

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.InputMethod,
    }
)
TICK_MS = 5_000  # how often the watch looks at the clock


class IdleWatch(QObject):
    """Emits ``idle`` after ``minutes`` without keyboard or mouse input anywhere in the app."""

    idle = Signal()

    def __init__(
        self,
        minutes: int,
        parent: QObject | None = None,
        *,
        clock: Clock = time.monotonic,
        tick_ms: int | None = None,
    ) -> None:
        super().__init__(parent)
        from PySide6.QtCore import QTimer

        self._clock = clock
        self._limit = minutes * 60.0
        self._last_input = clock()
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms or TICK_MS)
        self._timer.timeout.connect(self.check)

    @property
    def minutes(self) -> int:
        """The set time without input before ``idle``."""
        return round(self._limit / 60)

    def set_minutes(self, minutes: int) -> None:
        """A new idle time (the setting changed); counts from the last input."""
        self._limit = minutes * 60.0

    def start(self) -> None:
        """Watch from now (after a login or an unlock)."""
        self._last_input = self._clock()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)  # never twice
            app.installEventFilter(self)
        self._timer.start()

    def stop(self) -> None:
        """Stop watching (the app is locked, or closing)."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def check(self) -> None:
        """Emit ``idle`` (and stop) if the time without input has run out."""
        if self._limit > 0 and self._clock() - self._last_input >= self._limit:
            self.stop()
            self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self._last_input = self._clock()
        return False


CURTAIN_NAME = "lockCurtain"


class Curtain(QWidget):
    """An opaque cover over all of one window, kept to its size; says the app is locked."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName(CURTAIN_NAME)
        self.setAutoFillBackground(True)
        label = QLabel(self.tr("Outpost is locked"), self)
        from PySide6.QtCore import Qt

        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(label)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
            self.raise_()
        elif event.type() == QEvent.Type.ChildAdded:
            self.raise_()  # a widget added later must not show above the curtain
        return False

    def lift(self) -> None:
        """Take the curtain away."""
        parent = self.parentWidget()
        if parent is not None:
            parent.removeEventFilter(self)
        self.hide()
        self.deleteLater()


def draw_curtains(keep: QWidget | None = None) -> list[Curtain]:
    """Cover every visible top-level window except ``keep`` (and the main window, whose
    pages are hidden another way); returns the curtains to lift on unlock."""
    from PySide6.QtCore import Qt

    passing = (Qt.WindowType.Popup, Qt.WindowType.ToolTip)  # menus and tips: no records
    curtains = []
    for window in QApplication.topLevelWidgets():
        if window is keep or not window.isVisible() or window.inherits("QMainWindow"):
            continue
        if window.windowType() in passing:
            continue
        curtains.append(Curtain(window))
    return curtains
