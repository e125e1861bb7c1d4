"""Training mode 培训模式 on screen: a red strip no one can miss on every top-level
window, and the trainer's reset.

The main window carries the strip (with the reset button) above its pages; every other
top-level window (the wizard, the visit form, the step dialog, message boxes…) gets one
pinned to its top by ``WindowMarker`` as it is shown, and its title says so too.

Signals (TrainingBanner):
    reset_requested(): the trainer confirmed the reset.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

BANNER_NAME = "trainingBanner"
_STYLE = (
    "QFrame#trainingBanner { background: #c62828; }"
    "QFrame#trainingBanner QLabel { color: white; font-weight: bold; }"
)


class TrainingBanner(QFrame):
    """The red strip: 培训模式 — 数据不会上报; with a reset button on the main window."""

    reset_requested = Signal()

    def __init__(self, parent: QWidget, *, with_reset: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName(BANNER_NAME)
        self.setStyleSheet(_STYLE)
        self.setAutoFillBackground(True)
        self.label = QLabel(self.tr("Training mode — data is never reported"), self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.label.setFont(font)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        self.reset_button: QPushButton | None = None
        if with_reset:
            self.reset_button = QPushButton(self.tr("Reset training data…"), self)
            self.reset_button.clicked.connect(self._confirm_reset)
            layout.addWidget(self.reset_button)

    def _confirm_reset(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Reset training data"),
            self.tr(
                "Delete every case, visit and draft of this training profile and fill it "
                "again with the sample cases? Real cases are not touched: they are kept "
                "apart from training."
            ),
            QMessageBox.StandardButton.Reset | QMessageBox.StandardButton.Cancel,
            self.window(),
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _result: self._answered(box))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _answered(self, box: QMessageBox) -> None:
        if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Reset:
            self.reset_requested.emit()


def title(text: str) -> str:
    """A window title that says training first."""
    mark = QApplication.translate("Training", "[Training]")
    return text if text.startswith(mark) else f"{mark} {text}"


def banner_of(window: QWidget) -> TrainingBanner | None:
    """The window's training strip, if it has one."""
    return window.findChild(TrainingBanner, BANNER_NAME)


class WindowMarker(QObject):
    """Pins a training strip to the top of every dialog shown while it is installed
    (an application-wide event filter, installed only in training mode)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def remove(self) -> None:
        """Stop marking new windows."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.Show, QEvent.Type.Resize):
            return False
        if isinstance(watched, QDialog) and watched.isWindow():
            _pin(watched)
        return False


def _pin(dialog: QDialog) -> None:
    banner = banner_of(dialog)
    if banner is None:
        banner = TrainingBanner(dialog)
        height = banner.sizeHint().height()
        margins = dialog.contentsMargins()
        # The dialog's own layout works in the rect below the strip.
        dialog.setContentsMargins(margins.left(), margins.top() + height, margins.right(),
                                  margins.bottom())  # fmt: skip
        dialog.setWindowTitle(title(dialog.windowTitle()))
        dialog.windowTitleChanged.connect(lambda text: _retitle(dialog, text))
    banner.setGeometry(0, 0, dialog.width(), banner.sizeHint().height())
    banner.raise_()
    banner.show()


def _retitle(window: QWidget, text: str) -> None:
    if text != title(text):
        window.setWindowTitle(title(text))
