"""Dates and times as the chosen locale writes them, always in local time."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QLocale


def short_date(value: dt.datetime) -> str:
    """The local calendar date of ``value`` (e.g. 2026/11/28)."""
    local = value.astimezone()
    return QLocale().toString(
        QDate(local.year, local.month, local.day), QLocale.FormatType.ShortFormat
    )


def short_datetime(value: dt.datetime) -> str:
    """Local date and time of ``value`` to the minute."""
    moment = QDateTime.fromMSecsSinceEpoch(int(value.timestamp() * 1000))
    return QLocale().toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat)


def plain_date(value: dt.date) -> str:
    """A calendar date (e.g. 2026/11/28)."""
    return QLocale().toString(
        QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat
    )


def deadline(due_on: dt.date | None, overdue: bool, today: dt.date | None = None) -> str:
    """The SLA clock in words: the deadline and the days left, or how late it is."""
    from PySide6.QtCore import QCoreApplication

    if due_on is None:
        return ""
    days = (due_on - (today or dt.date.today())).days
    if overdue:
        text = QCoreApplication.translate("Formatting", "%1 (%n day(s) overdue)", "", -days)
    elif days == 0:
        text = QCoreApplication.translate("Formatting", "%1 (due today)")
    elif days > 0:
        text = QCoreApplication.translate("Formatting", "%1 (%n day(s) left)", "", days)
    else:
        text = "%1"
    return text.replace("%1", plain_date(due_on))
