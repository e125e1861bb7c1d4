"""``outpost --check``: start every part headless, report in one line, exit 0 if healthy.

Installers and CI run it against a built bundle; it must fail loudly, with the reason,
when any part (store, migrations, translations, the main window) does not come up.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path


def _check(args: argparse.Namespace, directory: Path) -> str:
    import resources
    from casework.casebook import open_casebook
    from casework.paths import database_path
    from desktop import i18n, instance, options
    from desktop.app import make_app
    from desktop.backend import Backend
    from desktop.mainwindow import MainWindow

    app = make_app(["outpost"])
    lock = instance.acquire(directory)
    if lock is None:
        raise RuntimeError(f"another Outpost is using the data folder {directory}")
    settings = options.Options(directory)
    language = args.language or settings.get(options.LANGUAGE)
    loaded = i18n.names(i18n.install(app, language))
    if language != i18n.SOURCE_LANGUAGE and f"outpost_{language}" not in loaded:
        raise RuntimeError(f"translation outpost_{language} is missing")
    book = open_casebook(directory, resources.sample_org_tree())
    try:
        cases, waiting = book.counts()
        revision = book.migration.after
        refused = book.load_checklists()  # raises when a file is bad with no good copy
        if refused:
            raise RuntimeError("checklist refused: " + "; ".join(map(str, refused)))
    finally:
        book.close()
    window = MainWindow(Backend(directory, on_error=lambda e: None), settings)
    window.deleteLater()
    lock.unlock()
    return (
        f"outpost check ok: store {database_path(directory)} at revision {revision}, "
        f"{cases} cases, {waiting} events waiting to sync, checklists good, translations "
        f"{'+'.join(loaded) or 'source (en)'}, main window built"
    )


def run_check(args: argparse.Namespace) -> int:
    """Run the check; prints one line, returns the exit code."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from casework.paths import data_dir

    try:
        if args.data_dir or os.environ.get("OUTPOST_DATA_DIR"):
            print(_check(args, data_dir(args.data_dir)))
        else:
            # Without a chosen folder, check in a scratch one: a check must not create
            # or upgrade the worker's real store behind their back.
            with tempfile.TemporaryDirectory(prefix="outpost-check-") as scratch:
                print(_check(args, data_dir(scratch)))
    except Exception as exc:
        print(f"outpost check FAILED: {type(exc).__name__}: {exc}")
        return 1
    return 0
