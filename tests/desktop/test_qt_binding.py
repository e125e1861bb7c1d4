"""The installed Qt binding keeps Python's reference counts: a binding that drops a
reference on each call would abort a long-running app on Python 3.11."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QCheckBox, QWidget
from pytestqt.qtbot import QtBot


def test_calls_and_signals_leave_none_true_and_false_alone(qtbot: QtBot) -> None:
    widget, box = QWidget(), QCheckBox()
    qtbot.addWidget(widget)
    qtbot.addWidget(box)
    box.toggled.connect(lambda on: None)
    before = [sys.getrefcount(x) for x in (None, True, False)]
    for _ in range(200):
        widget.setEnabled(True)  # a C++ method returning void
        box.setChecked(not box.isChecked())  # a signal with a bool, to a Python slot
    after = [sys.getrefcount(x) for x in (None, True, False)]
    # Other threads may take or drop a few references meanwhile; 200 lost ones are a bug.
    assert all(b - a < 50 for b, a in zip(before, after, strict=True)), (before, after)
