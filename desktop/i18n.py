"""Loading translations: Outpost's own .qm and Qt's qtbase for the chosen language."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

import resources

log = logging.getLogger("outpost.i18n")

SOURCE_LANGUAGE = "en"  # strings in the code are English; zh_CN is the default UI language


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install translators for ``language``; returns those loaded (ours first)."""
    QLocale.setDefault(QLocale(language))
    if language == SOURCE_LANGUAGE:
        return []
    loaded: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(f"outpost_{language}", str(resources.translations_dir())):
        app.installTranslator(ours)
        loaded.append(ours)
    else:
        log.error("translation outpost_%s not found in %s", language, resources.translations_dir())
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        loaded.append(qt)
    else:
        log.warning("Qt's own qtbase_%s not found in %s", language, qt_dir)
    return loaded


def names(translators: list[QTranslator]) -> list[str]:
    """The catalogue names (e.g. outpost_zh_CN) of loaded translators."""
    return [Path(t.filePath()).stem for t in translators]


def uninstall(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Remove translators installed by ``install`` and go back to the source language's
    locale (tests switch languages: dates and month names follow the locale)."""
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(QLocale(SOURCE_LANGUAGE))
