"""The settings page.

Signals (SettingsPage):
    idle_minutes_changed(int): the worker set another idle time before the app locks.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from desktop import options
from desktop.options import Options
from desktop.style import make_heading


class SettingsPage(QWidget):
    """Language, the idle lock, and the facts of this installation (worker, village, data
    folder)."""

    idle_minutes_changed = Signal(int)

    def __init__(self, settings: Options, data_dir: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        heading = make_heading(QLabel(self.tr("Settings"), self))
        self.language = QComboBox(self)
        for value, label in (options.LANGUAGE.choices or {}).items():
            self.language.addItem(label, value)
        self.language.setCurrentIndex(self.language.findData(settings.get(options.LANGUAGE)))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.idle_minutes = QSpinBox(self)
        self.idle_minutes.setRange(*options.IDLE_LOCK_RANGE)
        self.idle_minutes.setValue(settings.get(options.IDLE_LOCK_MINUTES))
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.valueChanged.connect(self._idle_minutes_chosen)
        self.worker = QLabel("-", self)
        self.village = QLabel("-", self)
        folder = QLabel(data_dir, self)
        from PySide6.QtCore import Qt  # this page is built on first visit

        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice = QLabel(self)
        self.notice.hide()
        form = QFormLayout()
        form.addRow(
            QCoreApplication.translate("Options", str(options.LANGUAGE.title)), self.language
        )
        form.addRow(
            QCoreApplication.translate("Options", str(options.IDLE_LOCK_MINUTES.title)),
            self.idle_minutes,
        )
        form.addRow(self.tr("Grid worker"), self.worker)
        form.addRow(self.tr("Village / community"), self.village)
        form.addRow(self.tr("Data folder"), folder)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(heading)
        self._layout.addLayout(form)
        self._layout.addWidget(self.notice)
        self._layout.addStretch(1)

    def add_section(self, section: QWidget) -> None:
        """Add a group of settings below the general ones (e.g. the town server)."""
        self._layout.insertWidget(self._layout.count() - 2, section)

    def show_identity(self, worker: str, village: str) -> None:
        """Fill in who and where, once known."""
        self.worker.setText(worker)
        self.village.setText(village)

    def _idle_minutes_chosen(self, minutes: int) -> None:
        self._settings.set(options.IDLE_LOCK_MINUTES, minutes)
        self.idle_minutes_changed.emit(minutes)

    def _language_chosen(self) -> None:
        self._settings.set(options.LANGUAGE, str(self.language.currentData()))
        self.notice.setText(self.tr("The new language is used from the next start of Outpost."))
        self.notice.show()
