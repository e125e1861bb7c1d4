"""Starting Outpost: arguments, logging, translations, the main window, ``--check``.

The window is shown before the database layer is imported; the store opens and
migrates on the background writer while the first frame is painted.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from casework.paths import data_dir, logs_dir
from desktop import i18n, instance, messages, options
from desktop.backend import Backend
from desktop.firstpaint import FirstPaint
from desktop.mainwindow import MainWindow

if TYPE_CHECKING:
    from casework.provisioning import Provisioning

log = logging.getLogger("outpost")

# Set to make start-up print "shown" and "filled" markers and quit: used by ``python -m
# bench startup``. A value "login:password" answers the login as a worker would (the
# benchmark's store is encrypted, as every store is).
STARTUP_PROBE_ENV = "OUTPOST_STARTUP_PROBE"


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line of ``outpost``."""
    parser = argparse.ArgumentParser(prog="outpost", description="Outpost (前哨解纷)")
    parser.add_argument(
        "--data-dir", help="folder of the case store and settings (default: per-user data dir, "
        "or $OUTPOST_DATA_DIR)"
    )  # fmt: skip
    parser.add_argument("--language", choices=sorted(options.LANGUAGE.choices or {}))
    parser.add_argument(
        "--training", action="store_true",
        help="training mode (培训模式): a sandbox profile of sample cases, in a folder of "
        "its own, that can never reach a production server",
    )  # fmt: skip
    parser.add_argument(
        "--provision", metavar="FILE",
        help="a trainer's provisioning file (town server, CA certificate, unit); default: "
        "provisioning.toml or .json beside the program or in the data folder",
    )  # fmt: skip
    parser.add_argument(
        "--check", action="store_true",
        help="start everything headless, print a one-line report and exit (0 = healthy)",
    )  # fmt: skip
    return parser.parse_args(argv)


def set_up_logging(directory: Path) -> Path:
    """A rotating log file in the data directory; returns its path."""
    import logging.handlers

    path = logs_dir(directory) / "outpost.log"
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)  # start-up noise
    return path


def make_app(argv: list[str]) -> QApplication:
    """The one QApplication, named so Qt's own paths are Outpost's."""
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Outpost")
    app.setOrganizationName("Outpost")
    return app


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``outpost`` command."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.check:
        from desktop.check import run_check

        return run_check(args)
    directory = data_dir(args.data_dir)
    app = make_app(sys.argv[:1])
    i18n.install(app, args.language or options.Options(directory).get(options.LANGUAGE))
    messages.install_crash_handler()
    try:
        provisioning = read_provisioning(args.provision, directory)
    except ValueError as refused:
        messages.show_error(None, provisioning_refused(refused), log_text=str(refused))
        return 1
    training = args.training or (provisioning is not None and provisioning.training)
    if training:
        from casework.training import profile_dir

        directory = profile_dir(directory)
    settings = options.Options(directory)
    lock = instance.acquire(directory)
    if lock is None:
        messages.show_error(None, messages.already_running(), log_text="data folder in use")
        return 1

    backend = Backend(directory, on_error=lambda e: messages.report(None, e, "background work"))
    window = MainWindow(backend, settings, training=training, provisioning=provisioning)
    if os.environ.get(STARTUP_PROBE_ENV):
        _probe(window.first_paint, window)
    # Once the first frame is up: the log file, then the login and the store.
    window.first_paint.painted.connect(lambda: _after_first_paint(directory, window))
    window.show()
    return app.exec()


def read_provisioning(given: str | None, directory: Path) -> Provisioning | None:
    """The trainer's provisioning file, if there is one; raises provisioning.Refused."""
    from casework import provisioning

    found = provisioning.find(given, directory)
    return provisioning.load(found) if found is not None else None


def provisioning_refused(error: ValueError) -> str:
    """What the worker sees when the provisioning file cannot be used."""
    from PySide6.QtCore import QCoreApplication

    reason = getattr(error, "reason", str(error))
    return QCoreApplication.translate(
        "App",
        "The provisioning file prepared for this laptop cannot be used (%1). Nothing was "
        "changed. Please ask the trainer for a corrected file.",
    ).replace("%1", reason)


def _after_first_paint(directory: Path, window: MainWindow) -> None:
    messages.LOG_FILE = set_up_logging(directory)
    log.info("Outpost started with data in %s", directory)
    window.start()  # the key state's questions (login…), then the store opens


def _probe(first_paint: FirstPaint, window: MainWindow) -> None:
    """Report the first frame and the first rows on stdout, then quit (for the benchmark)."""
    first_paint.painted.connect(lambda: print("shown", flush=True))

    def filled(count: int) -> None:
        if count > 0:
            print("filled", flush=True)
            window.close()

    window.cases.model.loaded.connect(filled)
    login, _, password = os.environ.get(STARTUP_PROBE_ENV, "").partition(":")
    if password:
        _answer_login(window, login, password)


def _answer_login(window: MainWindow, login: str, password: str) -> None:
    from PySide6.QtCore import QTimer

    timer = QTimer(window)

    def look() -> None:
        from desktop.login import LoginDialog  # not before the first paint

        dialog = window.gate.dialog if window.gate is not None else None
        if isinstance(dialog, LoginDialog) and dialog.isVisible():
            timer.stop()
            # The deliberate key derivation lies between these two markers.
            dialog.admitted.connect(lambda _opened: print("unlocked", flush=True))
            dialog.choose(login)
            dialog.password.setText(password)
            print("login", flush=True)
            dialog.login_button.click()

    timer.timeout.connect(look)
    timer.start(5)
