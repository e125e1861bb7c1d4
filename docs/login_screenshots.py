"""Pictures of the login dialog and the lock screen for the README, from the real app.

A protected village laptop is made in a scratch folder (encrypted store, two workers:
王芳 made at first run, 李强 synced from the town), Outpost starts on it as ``outpost``
does, in Chinese, and these are written next to this file:

- ``login.png``: the login at start, after one wrong password (tries left shown);
- ``locked.png``: the lock screen over the main window, whose pages are hidden.

Run: ``xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python docs/login_screenshots.py``

``--out DIR``: where to write the pictures (default: this folder).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

VILLAGE = "320509003001"  # 七都镇开弦弓村 in the sample org tree
WANG = ("王芳", "wangfang", "kaixiangong-1")
LI = ("李强", "liqiang", "qidu-town-22")
POLL_MS = 50
SETTLE_MS = 600  # time for the X server to show the last paint before a grab
TIMEOUT_MS = 30_000


def prepare(data_dir: Path) -> None:
    """A protected laptop: an encrypted store, 王芳 and 李强 can log in, two cases."""
    import resources
    from casework.accounts import ServerAccount
    from casework.casebook import open_casebook
    from casework.drafts import CaseDraft, PartyDraft
    from casework.keystate import fresh_key
    from casework.vault import hash_password

    book = open_casebook(data_dir, resources.sample_org_tree(), key=fresh_key())
    book.set_up(worker_name=WANG[0], org_unit_code=VILLAGE, login=WANG[1], password=WANG[2])
    town_made = ServerAccount(str(uuid.uuid4()), LI[1], LI[0], VILLAGE, hash_password(LI[2]),
                              False, dt.datetime.now(dt.UTC))  # fmt: skip
    book.take_accounts([town_made])
    party = PartyDraft("陈美华", "applicant", "", "13806217788", "开弦弓村")
    book.record_case(CaseDraft("neighbour", "楼上空调外机滴水到楼下晾衣架上。", "加装冷凝水管。",
                               [party]))  # fmt: skip
    book.close()


def wait_for(condition: Callable[[], bool], then: Callable[[], None], fail: Callable[[str], None],
             what: str, waited: int = 0) -> None:  # fmt: skip
    """Call ``then`` once ``condition`` holds (polled), or ``fail`` after TIMEOUT_MS."""
    if condition():
        QTimer.singleShot(SETTLE_MS, then)
    elif waited > TIMEOUT_MS:
        fail(f"timed out waiting for {what}")
    else:
        QTimer.singleShot(POLL_MS, lambda: wait_for(condition, then, fail, what, waited + POLL_MS))


def grab(window: QWidget, path: Path) -> None:
    """The screen where ``window`` is (frame included), with whatever is on top of it."""
    frame = window.frameGeometry()
    screen = QGuiApplication.primaryScreen()
    picture = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
    if not picture.save(str(path)):
        raise OSError(f"could not write {path}")
    print(f"wrote {path} ({picture.width()}×{picture.height()})", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Make the pictures; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        print("no X display: run this under xvfb-run", file=sys.stderr)
        return 2
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    with tempfile.TemporaryDirectory(prefix="outpost-login-shot-") as scratch:
        data_dir = Path(scratch)
        prepare(data_dir)
        return _shoot(data_dir, args.out)


def _shoot(data_dir: Path, out: Path) -> int:
    from desktop import i18n, options
    from desktop.app import make_app
    from desktop.backend import Backend
    from desktop.mainwindow import MainWindow

    app = make_app(sys.argv[:1])
    i18n.install(app, "zh_CN")
    failure: list[str] = []

    def fail(reason: str) -> None:
        failure.append(reason)
        app.quit()

    backend = Backend(data_dir, on_error=lambda error: fail(f"background work: {error!r}"))
    window = MainWindow(backend, options.Options(data_dir))
    window.resize(1100, 700)
    window.show()
    window.start()

    def dialog() -> object:
        return window.gate.dialog if window.gate is not None else None

    def wrong_password() -> None:
        login = dialog()
        login.choose(WANG[1])  # type: ignore[attr-defined]
        login.password.setText("wrong-password")  # type: ignore[attr-defined]
        login.try_login()  # type: ignore[attr-defined]
        wait_for(lambda: login.error.isVisible(), shoot_login, fail, "the refusal")  # type: ignore[attr-defined]

    def shoot_login() -> None:
        grab(window, out / "login.png")
        login = dialog()
        login.password.setText(WANG[2])  # type: ignore[attr-defined]
        login.try_login()  # type: ignore[attr-defined]
        wait_for(lambda: window.cases.model.rowCount() > 0, lock, fail, "the case list")

    def lock() -> None:
        window.lock()
        wait_for(lambda: window.lock_dialog is not None and window.lock_dialog.isVisible(),
                 shoot_locked, fail, "the lock screen")  # fmt: skip

    def shoot_locked() -> None:
        grab(window, out / "locked.png")
        app.quit()

    wait_for(lambda: dialog() is not None and dialog().isVisible(), wrong_password, fail,  # type: ignore[attr-defined]
             "the login dialog")  # fmt: skip
    QTimer.singleShot(4 * TIMEOUT_MS, lambda: fail("gave up"))
    app.exec()
    window.close()
    if failure:
        print(f"failed: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
