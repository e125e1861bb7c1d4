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
