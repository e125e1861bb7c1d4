"""Telling people about errors: one function logs and shows; bugs get the crash dialog.

The log gets the untranslated text and the exception; the person gets plain Chinese:
what happened, whether anything is lost, what to do.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

log = logging.getLogger("outpost.messages")

LOG_FILE: Path | None = None  # set by desktop.app once logging is configured


def show_error(parent: QWidget | None, text: str, *, log_text: str, detail: str = "") -> None:
    """Log ``log_text`` (English, for the log) and show ``text`` (translated) to the person."""
    log.error("%s %s", log_text, detail)
    from PySide6.QtWidgets import QMessageBox  # its large enums load on first use

    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("Messages", "Outpost"),
        text,
        parent=parent,
    )
    if detail:
        box.setDetailedText(detail)
    box.exec()


def show_info(parent: QWidget | None, text: str) -> None:
    """Tell the person something that went as it should (logged as well)."""
    log.info("told: %s", text)
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("Messages", "Outpost"),
        text,
        parent=parent,
    )
    box.exec()


def environment_message(error: BaseException) -> str | None:
    """Plain words for faults of the machine rather than of Outpost, or None for a bug."""
    from casework.faults import is_storage_fault

    if is_storage_fault(error):
        return QCoreApplication.translate(
            "Messages",
            "The case store on this computer could not be written (the disk may be full or "
            "the file locked). Nothing already saved is lost. Free some disk space, close other "
            "copies of Outpost, then try again.",
        )
    if isinstance(error, OSError):
        return QCoreApplication.translate(
            "Messages",
            "A file could not be read or written: %1. Nothing already saved is lost. "
            "Check the disk and try again.",
        ).replace("%1", str(error))
    return None


def already_running() -> str:
    """What to say when another copy of Outpost has this data folder open."""
    return QCoreApplication.translate(
        "Messages",
        "Outpost is already running with this data folder. Switch to the open window "
        "(it may be minimised); only one copy at a time can keep the cases safe.",
    )


def report(parent: QWidget | None, error: BaseException, doing: str) -> None:
    """Show any error raised by background work: the environment's in words, bugs as crashes."""
    if (text := environment_message(error)) is not None:
        show_error(parent, text, log_text=f"{doing}: {error!r}")
        return
    show_crash(type(error), error, error.__traceback__)


def show_crash(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """The crash dialog for a bug: says that saved data is safe and where the log is."""
    import traceback

    detail = "".join(traceback.format_exception(kind, error, tb))
    log.critical("unexpected error\n%s", detail)
    text = QCoreApplication.translate(
        "Messages",
        "Outpost met an unexpected error. Cases that were already saved are safe. "
        "Please restart Outpost and send the log file to your technical support: %1",
    ).replace("%1", str(LOG_FILE or "-"))
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Critical, QCoreApplication.translate("Messages", "Outpost"), text
    )
    box.setDetailedText(detail)
    box.exec()


def install_crash_handler() -> None:
    """Route uncaught exceptions (including those in Qt slots) to the crash dialog."""
    sys.excepthook = show_crash
