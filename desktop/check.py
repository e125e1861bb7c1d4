"""``outpost --check``: start every part headless, report in one line, exit 0 if healthy.

Installers and CI run it against a built bundle; it must fail loudly, with the reason,
when any part (store, migrations, translations, the main window) does not come up.

The store is encrypted and opens only with a worker's password, which a check has not.
On a new laptop the store is made and migrated in place without a key (it holds nothing
but the org tree, and the first start encrypts it; an encrypted one left behind with a
key sealed for no one could never be opened), and encryption is tried on a scratch store;
a laptop with keys is reported as locked, its store not opened; a store of an older
release, not yet encrypted, is opened and migrated in place, as before.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path


def _check_store(directory: Path) -> str:
    """Open, migrate and read the store as the key state allows; what was found."""
    from casework import keystate
    from casework.paths import database_path
    from casework.vault import Keyring

    state = keystate.start_state(directory)
    if state is keystate.StartState.NEW:
        found = _open_and_read(directory, None)
        with tempfile.TemporaryDirectory(prefix="outpost-check-store-") as scratch:
            _open_and_read(Path(scratch), keystate.fresh_key())  # SQLCipher works
        return f"new laptop, store {database_path(directory)} at revision {found}, encryption ok"
    if state is keystate.StartState.PROTECT:
        found = _open_and_read(directory, None)
        return f"store {database_path(directory)} (not yet encrypted) at revision {found}"
    if state is keystate.StartState.LOGIN:
        logins = len(Keyring.load(directory).logins())
        return (
            f"store {database_path(directory)} encrypted and locked ({logins} worker(s) can "
            f"log in; not opened without a password)"
        )
    raise RuntimeError(
        f"the store {database_path(directory)} cannot be opened ({state.value}): it is not a "
        f"plain SQLite file and keys.json is missing or damaged"
    )


def _open_and_read(directory: Path, key: bytes | None) -> str:
    import resources
    from casework.casebook import open_casebook

    book = open_casebook(directory, resources.sample_org_tree(), key=key)
    try:
        cases, waiting = book.counts()
        revision = book.migration.after
        refused = book.load_checklists()  # raises when a file is bad with no good copy
        if refused:
            raise RuntimeError("checklist refused: " + "; ".join(map(str, refused)))
    finally:
        book.close()
    return f"{revision}, {cases} cases, {waiting} events waiting to sync, checklists good"


def _check(args: argparse.Namespace, directory: Path) -> str:
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
    store = _check_store(directory)
    window = MainWindow(Backend(directory, on_error=lambda e: None), settings)
    window.deleteLater()
    lock.unlock()
    return (
        f"outpost check ok: {store}, translations {'+'.join(loaded) or 'source (en)'}, "
        f"main window built"
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
