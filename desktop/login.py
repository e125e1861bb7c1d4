"""Getting in: the login dialog (which is also the lock screen), the forms that set or
change a password, and what a worker is told when a password or the keys are refused.

The password check itself (argon2id, about 0.2 s) never runs on the GUI thread: each
dialog is given a ``Check`` that runs it on the backend's worker and calls back.

Signals (LoginDialog):
    admitted(object): the password was right; carries what the check returned (the
        vault's Unlocked before the store is open, a worker id on the lock screen).
    quit_requested(): the worker chose to leave Outpost instead.
Signals (ProtectDialog, ChangePasswordDialog):
    succeeded(object): the work succeeded; carries its result.
    quit_requested(): (ProtectDialog) the worker chose to leave Outpost instead.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casework.vault import (
    MIN_PASSWORD,
    KeyringDamaged,
    Login,
    LoginLocked,
    PasswordTooShort,
    UnknownLogin,
    WrongPassword,
)
from desktop.style import make_error, make_heading

log = logging.getLogger("outpost.login")

if TYPE_CHECKING:
    from casework.backups import Backup
    from casework.keystate import StartState
    from desktop.backend import Backend

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
# Runs a password check for (login, password) off the GUI thread, then calls one of the
# two callbacks on the GUI thread.
Check = Callable[[str, str, Done, Failed], None]
Clock = Callable[[], dt.datetime]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def local_time(moment: dt.datetime) -> str:
    """An aware moment as the laptop's local wall time, to the second."""
    return moment.astimezone().strftime("%H:%M:%S")


def wait_text(left: dt.timedelta) -> str:
    """A countdown as m:ss (at least 0:01 while any time is left)."""
    seconds = max(int(left.total_seconds() + 0.999), 0)
    return f"{seconds // 60}:{seconds % 60:02d}"


def refusal_text(error: BaseException, clock: Clock = _now) -> str | None:
    """What the worker is told when a login is refused, or None for an error that is no
    refusal (a bug, a disk fault: the caller reports it)."""
    if isinstance(error, WrongPassword):
        left = error.left  # a plain name: lupdate skips a count given as an attribute
        return QCoreApplication.translate(
            "Login",
            "Wrong password. After %n more wrong try(s) this login is locked for a while.",
            "",
            left,
        )
    if isinstance(error, LoginLocked):
        return (
            QCoreApplication.translate(
                "Login",
                "Too many wrong passwords: this login is locked until %1 (%2 left). "
                "Another worker can log in meanwhile.",
            )
            .replace("%1", local_time(error.until))
            .replace("%2", wait_text(error.until - clock()))
        )
    if isinstance(error, UnknownLogin):
        return QCoreApplication.translate(
            "Login",
            "There is no worker with this login name on this laptop. Check the name; an "
            "account made at the town server arrives with the next sync.",
        )
    if isinstance(error, KeyringDamaged):
        return QCoreApplication.translate(
            "Login",
            "The key file of this laptop (keys.json) is damaged, so no one can log in. "
            "Quit Outpost and ask technical support to put back a copy of it.",
        )
    if isinstance(error, PasswordTooShort):
        return short_password_text()
    return None


def training_hint() -> str:
    """What the login screen of a training profile says: the trainee's account (printed
    in the training handout; the sample data is invented, the habit of logging in is not)."""
    from casework.training import TRAINEE_LOGIN, TRAINEE_PASSWORD

    return (
        QCoreApplication.translate("Login", "Training profile: log in as %1 with the password %2.")
        .replace("%1", TRAINEE_LOGIN)
        .replace("%2", TRAINEE_PASSWORD)
    )


def short_password_text() -> str:
    """The rule for a new password, said when it is broken."""
    return QCoreApplication.translate(
        "Login", "The password needs at least %1 characters."
    ).replace("%1", str(MIN_PASSWORD))


class LoginDialog(QDialog):
    """登录: a worker chosen from the laptop's logins (or typed), and their password.

    As the lock screen (``current`` given), the worker who was working is preselected
    and the list is closed until 切换用户 opens it for another worker.
    """

    admitted = Signal(object)
    quit_requested = Signal()

    def __init__(
        self,
        logins: list[Login],
        check: Check,
        parent: QWidget | None = None,
        *,
        current: str | None = None,
        clock: Clock = _now,
        hint: str = "",
    ) -> None:
        super().__init__(parent)
        self._check = check
        self._clock = clock
        self._logins = {login.login: login for login in logins}
        self._locked_until: dt.datetime | None = None
        self.locking = current is not None
        self.setWindowTitle(self.tr("Outpost is locked") if self.locking else self.tr("Log in"))
        self.setModal(True)
        self.heading = make_heading(QLabel(self._heading_text(), self))
        self.intro = QLabel(self._intro_text() + (f"\n\n{hint}" if hint else ""), self)
        self.intro.setWordWrap(True)
        self.login = QComboBox(self)
        self.login.setEditable(True)  # a login name may be typed as well as chosen
        self.login.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for login in logins:
            shown = self.tr("%1 (%2)").replace("%1", login.name).replace("%2", login.login)
            self.login.addItem(shown, login.login)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.error = make_error(QLabel(self))
        self.error.hide()
        buttons = QDialogButtonBox(self)
        self.login_button = buttons.addButton(
            self.tr("Log in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.login_button.setDefault(True)
        self.switch_button = QPushButton(self.tr("Switch user"), self)
        self.switch_button.clicked.connect(self.switch_user)
        buttons.addButton(self.switch_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.switch_button.setVisible(self.locking)  # the lock screen's (after addButton)
        self.quit_button = buttons.addButton(
            self.tr("Quit Outpost"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.quit_requested)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._show_lock)
        self.login.currentIndexChanged.connect(self._login_changed)
        self.login.editTextChanged.connect(lambda _text: self._login_changed())
        form = QFormLayout()
        form.addRow(self.tr("Worker"), self.login)
        form.addRow(self.tr("Password"), self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        if current is not None:
            self.choose(current)
            self.login.setEnabled(False)
        self._login_changed()
        self.password.setFocus()

    def _heading_text(self) -> str:
        return self.tr("Locked") if self.locking else self.tr("Log in to Outpost")

    def _intro_text(self) -> str:
        if self.locking:
            return self.tr(
                "Outpost is locked so that no one else can read the records. Enter the "
                "password to go on, or let another worker log in."
            )
        return self.tr(
            "Choose your name, or type your login name, and enter your password. Logging in "
            "works without a network."
        )

    def choose(self, login: str) -> None:
        """Preselect a worker by login name (typed as is if not in the list)."""
        index = self.login.findData(login)
        if index >= 0:
            self.login.setCurrentIndex(index)
        else:
            self.login.setEditText(login)

    def chosen_login(self) -> str:
        """The login name chosen in the list, or as typed."""
        index = self.login.currentIndex()
        if index >= 0 and self.login.currentText() == self.login.itemText(index):
            return str(self.login.itemData(index))
        return self.login.currentText().strip()

    def switch_user(self) -> None:
        """Let another worker log in (the lock screen's 切换用户)."""
        self.login.setEnabled(True)
        self.login.setEditText("")
        self.password.clear()
        self.error.hide()
        self.login.setFocus()

    def try_login(self) -> None:
        """Check the password in the background; the button shows that it is busy."""
        login, password = self.chosen_login(), self.password.text()
        if not login:
            self._say(self.tr("Please choose your name or type your login name."))
        elif not password:
            self._say(self.tr("Please enter your password."))
        elif self._locked_until is None:
            self._busy(True)
            self._check(login, password, self._admitted, self._refused)

    def _busy(self, busy: bool) -> None:
        self.login_button.setEnabled(not busy)
        self.login_button.setText(self.tr("Checking…") if busy else self.tr("Log in"))
        self.password.setEnabled(not busy)

    def _admitted(self, result: Any) -> None:
        self._busy(False)
        self.password.clear()
        self.error.hide()
        self.admitted.emit(result)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self._busy(False)
        self.password.clear()
        self.password.setFocus()
        if isinstance(error, LoginLocked):
            self._lock(error.until)
            return
        text = refusal_text(error, self._clock)
        if text is None:
            from desktop import messages

            messages.report(self, error, "checking a password")
            return
        self._say(text)

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _login_changed(self) -> None:
        known = self._logins.get(self.chosen_login())
        self._lock(known.locked_until if known is not None else None)

    def _lock(self, until: dt.datetime | None) -> None:
        self._locked_until = until
        if until is None:
            self._countdown.stop()
            self.login_button.setEnabled(True)
            self.error.hide()
            return
        # The vault says so again at the next try; the count-down only spares a futile one.
        known = self._logins.get(self.chosen_login())
        if known is not None:
            self._logins[known.login] = Login(known.worker_id, known.login, known.name, until)
        self._countdown.start()
        self._show_lock()

    def _show_lock(self) -> None:
        until = self._locked_until
        if until is None or until <= self._clock():
            self._lock(None)
            return
        self.login_button.setEnabled(False)
        self._say(refusal_text(LoginLocked(until), self._clock) or "")

    def reject(self) -> None:
        """Esc does not skip the login: nothing can be shown without it."""


class NewPassword:
    """The rows of a form that set a login name and a password typed twice."""

    def __init__(self, form: QFormLayout, parent: QWidget) -> None:
        self.login = QLineEdit(parent)
        self.login.setPlaceholderText(
            QCoreApplication.translate("Login", "Letters and digits, e.g. wangfang")
        )
        self.password = QLineEdit(parent)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            QCoreApplication.translate("Login", "At least %1 characters").replace(
                "%1", str(MIN_PASSWORD)
            )
        )
        self.again = QLineEdit(parent)
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(QCoreApplication.translate("Login", "Login name"), self.login)
        form.addRow(QCoreApplication.translate("Login", "Password"), self.password)
        form.addRow(QCoreApplication.translate("Login", "Password again"), self.again)

    def problem(self) -> str | None:
        """What is wrong with what was typed, or None."""
        login = self.login.text().strip()
        if not login:
            return QCoreApplication.translate("Login", "Please choose a login name.")
        if any(ch.isspace() for ch in login):
            return QCoreApplication.translate("Login", "A login name has no spaces.")
        if len(self.password.text()) < MIN_PASSWORD:
            return short_password_text()
        if self.password.text() != self.again.text():
            return QCoreApplication.translate(
                "Login", "The two passwords differ. Please type the same password twice."
            )
        return None

    def values(self) -> tuple[str, str]:
        """(login name, password) as typed (the name trimmed)."""
        return self.login.text().strip(), self.password.text()


class _PasswordForm(QDialog):
    """A small dialog that runs a check in the background on OK and says what failed."""

    succeeded = Signal(object)

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.form = QFormLayout()
        self.error = make_error(QLabel(self))
        self.error.hide()
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            self._ok_text(), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)

    def _ok_text(self) -> str:
        return QCoreApplication.translate("Login", "OK")

    def _lay_out(self, intro: QLabel) -> None:
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _problem(self) -> str | None:
        raise NotImplementedError

    def _start(self, done: Done, failed: Failed) -> None:
        raise NotImplementedError

    def accept(self) -> None:
        """Run the work once what was typed is complete; close when it succeeded."""
        if (problem := self._problem()) is not None:
            self._say(problem)
            return
        self.ok_button.setEnabled(False)
        self._start(self._succeeded, self._failed)

    def _succeeded(self, result: Any) -> None:
        self.ok_button.setEnabled(True)
        self.succeeded.emit(result)
        super().accept()

    def _failed(self, error: BaseException) -> None:
        self.ok_button.setEnabled(True)
        text = self._refusal(error)
        if text is None:
            from desktop import messages

            messages.report(self, error, type(self).__name__)
            return
        self._say(text)

    def _refusal(self, error: BaseException) -> str | None:
        return refusal_text(error)

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


# Runs the work of a password form off the GUI thread (login and password as typed).
Protect = Callable[[str, str, Done, Failed], None]
Change = Callable[[str, str, Done, Failed], None]


class ProtectDialog(_PasswordForm):
    """A store made by an older Outpost: its worker sets a login and a password, and the
    store is encrypted with a key that the password opens."""

    quit_requested = Signal()

    def __init__(self, worker_name: str, protect: Protect, parent: QWidget | None = None):
        super().__init__(parent)
        self._protect = protect
        self.setWindowTitle(self.tr("Protect the records with a password"))
        self.intro = intro = QLabel(
            self.tr(
                "This version of Outpost protects the records on this laptop with a password: "
                "the case store is encrypted, and Outpost asks for a login at every start. "
                "%1, choose your login name and password. Keep the password safe: without "
                "it the records cannot be opened."
            ).replace("%1", worker_name),
            self,
        )
        self.fields = NewPassword(self.form, self)
        quit_button = self.buttons.addButton(
            self.tr("Quit Outpost"), QDialogButtonBox.ButtonRole.RejectRole
        )
        quit_button.clicked.connect(self.quit_requested)
        self._lay_out(intro)

    def _ok_text(self) -> str:
        return self.tr("Protect and open")

    def _problem(self) -> str | None:
        return self.fields.problem()

    def _start(self, done: Done, failed: Failed) -> None:
        self.ok_button.setText(self.tr("Encrypting the records…"))
        login, password = self.fields.values()
        self._protect(login, password, done, failed)

    def _failed(self, error: BaseException) -> None:
        self.ok_button.setText(self._ok_text())
        super()._failed(error)

    def reject(self) -> None:
        """Esc does not skip it: the store is opened only once it is protected."""


class ChangePasswordDialog(_PasswordForm):
    """修改密码: the current password, then the new one twice."""

    def __init__(self, change: Change, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._change = change
        self.setWindowTitle(self.tr("Change password"))
        intro = QLabel(
            self.tr(
                "Your new password opens Outpost on this laptop from now on. The town server "
                "takes it at the next sync."
            ),
            self,
        )
        self.old = QLineEdit(self)
        self.old.setEchoMode(QLineEdit.EchoMode.Password)
        self.new = QLineEdit(self)
        self.new.setEchoMode(QLineEdit.EchoMode.Password)
        self.new.setPlaceholderText(
            self.tr("At least %1 characters").replace("%1", str(MIN_PASSWORD))
        )
        self.again = QLineEdit(self)
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(self.tr("Current password"), self.old)
        self.form.addRow(self.tr("New password"), self.new)
        self.form.addRow(self.tr("New password again"), self.again)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.clicked.connect(self.reject)
        self._lay_out(intro)

    def _problem(self) -> str | None:
        if not self.old.text():
            return self.tr("Please enter your current password.")
        if len(self.new.text()) < MIN_PASSWORD:
            return short_password_text()
        if self.new.text() != self.again.text():
            return self.tr("The two new passwords differ. Please type the same one twice.")
        return None

    def _start(self, done: Done, failed: Failed) -> None:
        self._change(self.old.text(), self.new.text(), done, failed)

    def _refusal(self, error: BaseException) -> str | None:
        if isinstance(error, WrongPassword):
            return self.tr("The current password is wrong. Nothing was changed.")
        return super()._refusal(error)


# -- start-up: what the data folder's key state asks for ------------------------------------


class StartGate(QObject):
    """Before the store opens: the key state decides (casework.keystate). LOGIN asks for a
    login; NEW opens a new store with a fresh key (the first run then sets the account);
    PROTECT asks the worker of an older, plain store for a login and password and
    encrypts it; UNOPENABLE and DAMAGED_KEYRING say what happened and offer to set the
    store aside and start afresh. Then the backend opens the store with the key.

    Signals:
        quit_requested(): the worker chose to leave Outpost instead.
    """

    quit_requested = Signal()

    def __init__(
        self, backend: Backend, window: QWidget, *, clock: Clock = _now, training: bool = False
    ) -> None:
        super().__init__(window)
        self._backend = backend
        self._training = training  # a training profile: its login screen names the account
        self._window = window
        self._clock = clock
        self.state: StartState | None = None
        self.dialog: LoginDialog | ProtectDialog | None = None  # the one asking now

    @property
    def data_dir(self) -> Path:
        """The data folder whose store is to open."""
        return self._backend.data_dir

    def start(self) -> None:
        """Read the key state in the background, then ask what it needs."""
        self._backend.call(lambda: _inspect(self.data_dir, self._clock), self._inspected)

    def _inspected(self, found: tuple[StartState, list[Login], tuple[str, str] | None]) -> None:
        from casework.keystate import StartState

        self.state, logins, plain = found
        if self.state is StartState.LOGIN:
            self._ask_login(logins)
        elif self.state is StartState.NEW:
            self.open_new()
        elif self.state is StartState.PROTECT and plain is not None:
            self._ask_protect(*plain)
        else:
            self._explain_unopenable(self.state)

    def open_new(self) -> None:
        """A new store, made with a fresh key (sealed for the worker the first run sets)."""
        from casework.keystate import fresh_key

        self._backend.open(fresh_key())

    def _ask_login(self, logins: list[Login]) -> None:
        hint = training_hint() if self._training else ""
        dialog = LoginDialog(logins, self._unlock, self._window, clock=self._clock, hint=hint)
        dialog.admitted.connect(lambda opened: self._backend.open(opened.key, opened.worker_id))
        self._show(dialog)

    def _unlock(self, login: str, password: str, done: Done, failed: Failed) -> None:
        # keys.json is read afresh: it counts wrong passwords, and a lock must hold.
        from casework.vault import Keyring

        directory, clock = self.data_dir, self._clock
        self._backend.call(lambda: Keyring.load(directory, clock).unlock(login, password),
                           done, failed)  # fmt: skip

    def _ask_protect(self, worker_id: str, name: str) -> None:
        def protect(login: str, password: str, done: Done, failed: Failed) -> None:
            from casework import keystate

            directory = self.data_dir
            self._backend.call(
                lambda: keystate.protect(directory, worker_id, login, password), done, failed
            )

        dialog = ProtectDialog(name, protect, self._window)
        dialog.succeeded.connect(lambda opened: self._backend.open(opened.key, opened.worker_id))
        self._show(dialog)

    def _show(self, dialog: LoginDialog | ProtectDialog) -> None:
        self.dialog = dialog
        dialog.quit_requested.connect(self.quit_requested)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()

    def _explain_unopenable(self, state: StartState) -> None:
        from PySide6.QtWidgets import QMessageBox

        from casework.keystate import StartState

        if state is StartState.DAMAGED_KEYRING:
            what = self.tr(
                "The key file of this laptop (keys.json) is damaged. The case store is "
                "encrypted and can only be opened with that file, so nothing can be opened now."
            )
        else:
            what = self.tr(
                "The key file of this laptop (keys.json) is missing. The case store is "
                "encrypted and can only be opened with that file, so nothing can be opened now."
            )
        text = (
            what
            + "\n\n"
            + self.tr(
                "If there is a copy of keys.json (for example in a backup of the data folder "
                "%1), quit, put it back in that folder and start Outpost again. Otherwise set the "
                "store aside and start afresh with an empty store: the old store is kept, not "
                "deleted, and the cases already sent to the town server come back once this "
                "laptop is enrolled again."
            ).replace("%1", str(self.data_dir))
        )
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("The records cannot be opened"),
                          text, parent=self._window)  # fmt: skip
        afresh = box.addButton(self.tr("Set aside and start afresh"),
                               QMessageBox.ButtonRole.DestructiveRole)  # fmt: skip
        box.addButton(self.tr("Quit Outpost"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not afresh:
            self.quit_requested.emit()
            return
        directory = self.data_dir
        self._backend.call(lambda: _start_afresh(directory), self._set_aside)

    def _set_aside(self, where: Path) -> None:
        from desktop import messages

        messages.show_info(
            self._window,
            self.tr(
                "The old store was set aside at %1. Outpost now starts with an empty store."
            ).replace("%1", str(where)),
        )
        self.open_new()


def _inspect(
    data_dir: Path, clock: Clock
) -> tuple[StartState, list[Login], tuple[str, str] | None]:
    """The key state, the logins (LOGIN) or the worker of a plain store (PROTECT)."""
    from casework import keystate
    from casework.vault import Keyring

    state = keystate.start_state(data_dir)
    if state is keystate.StartState.LOGIN:
        return state, Keyring.load(data_dir, clock).logins(), None
    if state is keystate.StartState.PROTECT:
        return state, [], keystate.plain_worker(data_dir)
    return state, [], None


def _start_afresh(data_dir: Path) -> Path:
    """Set an unopenable store aside, and a damaged keys.json with it."""
    from casework import keystate

    return keystate.set_aside(data_dir)


# -- a store that does not open ---------------------------------------------------------------


def rescue(window: QWidget, backend: Backend, error: BaseException) -> bool | None:
    """Say why the store did not open when it is damaged or the key does not fit; offer
    the newest good backup of a damaged one and, on yes, put it in place and open again.

    Returns True when the store is opening again, False when the worker was told and
    nothing more can be done (the caller closes), None for other errors (the caller
    reports them)."""
    from casework.backups import StoreDamaged
    from casework.cipher import WrongKey
    from desktop import messages

    if isinstance(error, WrongKey):
        text = QCoreApplication.translate(
            "Login",
            "The password was right, but the key it opened does not fit the case store on "
            "this laptop (keys.json may come from another laptop). Nothing was changed. "
            "Please contact technical support.",
        )
    elif isinstance(error, StoreDamaged) and not error.backups:
        text = QCoreApplication.translate(
            "Login",
            "The case store on this laptop is damaged (the file is cut short or corrupted) "
            "and there is no backup of it to put back. Nothing was changed. Please contact "
            "technical support; the cases already sent to the town server are safe there.",
        )
    elif isinstance(error, StoreDamaged):
        log.error("store damaged: %s", error)
        return _offer_backup(window, backend, error.backups[0])
    else:
        return None
    messages.show_error(window, text, log_text=str(error))
    return False


def _offer_backup(window: QWidget, backend: Backend, newest: Backup) -> bool:
    from PySide6.QtWidgets import QMessageBox

    from casework import backups
    from desktop.formatting import short_datetime

    text = QCoreApplication.translate(
        "Login",
        "The case store on this laptop is damaged (the file is cut short or corrupted) and "
        "cannot be opened.\n\nThe newest good backup was taken on %1. Put it back? Work done "
        "after that time which was not yet sent to the town server is not in the backup. "
        "The damaged file is kept aside, not deleted.",
    ).replace("%1", short_datetime(newest.taken_at))
    title = QCoreApplication.translate("Login", "The case store is damaged")
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=window)
    restore = box.addButton(
        QCoreApplication.translate("Login", "Put the backup back"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.addButton(
        QCoreApplication.translate("Login", "Quit Outpost"), QMessageBox.ButtonRole.RejectRole
    )
    box.exec()
    if box.clickedButton() is not restore:
        return False
    directory = backend.data_dir
    backend.call(lambda: backups.restore(directory, newest), lambda _aside: backend.reopen())
    return True
