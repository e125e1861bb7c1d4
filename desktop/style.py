"""Small visual helpers: headings and error text, set by font and palette.

Fonts and palettes rather than style sheets: a style sheet swaps in Qt's slower
style-sheet style for the widget, which shows on start-up time.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

ERROR_COLOUR = QColor("#b3261e")


def make_heading(label: QLabel) -> QLabel:
    """A page title: bold and larger than body text."""
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.6)
    label.setFont(font)
    return label


def make_error(label: QLabel) -> QLabel:
    """Text that says what is wrong, in red, wrapping under its field."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOUR)
    label.setPalette(palette)
    label.setWordWrap(True)
    return label


def enlarge(widget: QWidget, factor: float) -> None:
    """Scale a widget's font, e.g. the navigation list, for reading at arm's length."""
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    widget.setFont(font)


OVERDUE_COLOUR = QColor("#fbe3e1")  # a light red behind an overdue case's row


def overdue_brush() -> QBrush:
    """The background of a row whose deadline has passed."""
    return QBrush(OVERDUE_COLOUR)
