"""The main window: navigation on the left, one page per area of work.

Before the store opens, ``start`` asks what the key state needs (desktop.login): a
login, a first run's account, a password for an older store. Once a worker is in, the
window locks itself after the idle time (desktop.lock) and on 锁定, and 切换用户 lets
another worker log in: the events recorded afterwards carry that worker's name.

Signals (MainWindow):
    ready(object): the store is open and the laptop set up; carries the Identity.
    worker_changed(object): another worker logged in (switch user); carries the Identity.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import messages, options
from desktop.backend import Backend
from desktop.caselist import CaseTableModel
from desktop.firstpaint import FirstPaint
from desktop.options import Options
from desktop.style import enlarge

if TYPE_CHECKING:  # built on first use, to keep them off the path to the first paint
    from pathlib import Path

    from casework.checklists import ChecklistError, Checklists
    from casework.domain import Role
    from casework.provisioning import Provisioning
    from casework.rows import Identity
    from casework.saved_drafts import WizardDraft
    from casework.vault import Login
    from desktop.casefilters import FilterBar
    from desktop.casepage import CasePage
    from desktop.desk import DeskPage
    from desktop.firstrun import FirstRunDialog, ProvisionedFirstRunDialog
    from desktop.ledgerexport import LedgerExport
    from desktop.lock import Clock, Curtain, IdleWatch
    from desktop.login import Clock as WallClock
    from desktop.login import Done, Failed, LoginDialog, StartGate
    from desktop.pages import SettingsPage
    from desktop.statistics import StatisticsPage
    from desktop.synccontrol import SyncController
    from desktop.training import TrainingBanner, WindowMarker
    from desktop.visits import VisitsPage
    from desktop.wizard import CaseWizard
    from desktop.worklist import WorklistPage

    _Page = TypeVar("_Page", WorklistPage, VisitsPage, StatisticsPage)


class CasesSection(QStackedWidget):
    """案件: the case list, and the page of the case chosen from it."""

    def __init__(self, backend: Backend, settings: Options, parent: QWidget | None = None):
        super().__init__(parent)
        self._backend = backend
        self.model = CaseTableModel(backend, settings.get(options.CASE_PAGE_SIZE), self)
        self.table = QTableView(self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(self._open_row)
        self._columns_fitted = False
        self.record_button = QPushButton(self.tr("Take in a dispute"), self)
        self.record_button.setEnabled(False)
        self.record_button.clicked.connect(lambda: self.record())
        self.count_label = QLabel(self.tr("Loading cases…"), self)
        # 台账: the cases the list shows now (its filters and search), to .xlsx or .csv.
        self.export_button = QPushButton(self.tr("Export ledger…"), self)
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(lambda: self.export_ledger())
        self._ledger: LedgerExport | None = None
        self.model.loaded.connect(self._show_count)
        self.filters: FilterBar | None = None  # built after the first frame
        list_page = QWidget(self)
        bar = QHBoxLayout()
        bar.addWidget(self.record_button)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addWidget(self.export_button)
        self._list_layout = QVBoxLayout(list_page)
        self._list_layout.addLayout(bar)
        self._list_layout.addWidget(self.table)
        self._case_page: CasePage | None = None
        self.open_form: CaseWizard | None = None
        self.checklists: Checklists | None = None  # known once the store has loaded them
        self.addWidget(list_page)
        backend.cases_changed.connect(lambda _id: self.model.reload())

    def attach_model(self) -> None:
        """Show the model in the table: once the window's first frame is up, since the
        header's first call into the (Python) model makes PySide6 build Qt's enums."""
        if self.table.model() is self.model:
            return
        from PySide6.QtCore import Qt

        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        # Parties take the spare width; the other columns fit their text once rows arrive.
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(100)  # sample, not all rows
        header.setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self._fit_columns()  # rows that arrived before the table showed them
        from desktop.casefilters import FilterBar

        self.filters = FilterBar(self)
        self.filters.changed.connect(self.model.set_filter)
        self._list_layout.insertWidget(1, self.filters)

    def _fit_columns(self) -> None:
        # Once, when there are rows to measure and the table shows them.
        if self._columns_fitted or self.table.model() is not self.model:
            return
        if self.model.rowCount():
            self._columns_fitted = True
            for column in (0, 1, 3, 4, 5, 6):
                self.table.resizeColumnToContents(column)

    @property
    def case_page(self) -> CasePage:
        """The page of one case, made the first time a case is opened."""
        if self._case_page is None:
            from desktop.casepage import CasePage

            self._case_page = CasePage(self._backend, self)
            self._case_page.back_requested.connect(lambda: self.setCurrentIndex(0))
            self.addWidget(self._case_page)
        return self._case_page

    def export_ledger(self, path: Path | None = None) -> LedgerExport:
        """Export the ledger of the cases the list shows (asks where, unless ``path``)."""
        if self._ledger is None:
            from desktop.ledgerexport import LedgerExport  # xlsxwriter off the start-up path

            self._ledger = LedgerExport(self._backend, self)
        self._ledger.start(self, self.filters.current() if self.filters else None, path)
        return self._ledger

    def _show_count(self, held: int) -> None:
        self._fit_columns()
        from casework.rows import CaseFilter

        narrowed = self.filters is not None and self.filters.current() != CaseFilter()
        if held == 0 and not narrowed:
            self.count_label.setText(self.tr("No cases yet. Use “Take in a dispute” to add one."))
        elif held == 0:
            self.count_label.setText(self.tr("No case matches the search and filters."))
        else:
            self.count_label.setText(self.tr("%n case(s) found", "", self.model.total))

    def _open_row(self, index: QModelIndex) -> None:
        self.open_case(self.model.case_id(index.row()))

    def open_case(self, case_id: str) -> None:
        """Show the page of one case."""
        self.case_page.show_case(case_id)
        self.setCurrentWidget(self.case_page)

    def record(self, draft: WizardDraft | None = None, draft_id: str | None = None) -> None:
        """Open the new-case wizard (on a saved draft, if given); its case opens once
        recorded. The wizard shows once the checklists are at hand."""
        if self.open_form is not None:
            self.open_form.raise_()
            return
        if self.checklists is None:
            self._backend.submit(
                lambda book: book.checklists,
                lambda lists: self._open_wizard(lists, draft, draft_id),
                self._checklists_missing,
            )
        else:
            self._open_wizard(self.checklists, draft, draft_id)

    def _open_wizard(
        self, checklists: Checklists, draft: WizardDraft | None, draft_id: str | None
    ) -> None:
        from PySide6.QtCore import Qt

        from desktop.wizard import CaseWizard

        self.checklists = checklists
        if self.open_form is not None:  # asked twice while the checklists were loading
            return
        wizard = CaseWizard(self._backend, checklists, self, draft, draft_id)
        wizard.recorded.connect(self.open_case)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.destroyed.connect(lambda: setattr(self, "open_form", None))
        self.open_form = wizard
        wizard.open()

    def _checklists_missing(self, error: BaseException) -> None:
        from casework.checklists import ChecklistsUnavailable
        from desktop import labels

        if not isinstance(error, ChecklistsUnavailable):
            messages.report(self, error, "loading the checklists")
            return
        messages.show_error(
            self,
            self.tr(
                "New cases cannot be taken in: the checklists cannot be used (%1). Cases "
                "already recorded are safe. Please have the checklist files corrected."
            ).replace("%1", "；".join(labels.checklist_error(e) for e in error.errors)),
            log_text=f"wizard not opened: {error}",
        )

    def resume_draft(self, draft_id: str) -> None:
        """Open the wizard on a saved draft, where the worker left it."""
        self._backend.submit(
            lambda book: book.load_draft(draft_id),
            lambda draft: self.record(draft, draft_id),
            self._draft_gone,
        )

    def _draft_gone(self, error: BaseException) -> None:
        if not isinstance(error, LookupError):
            messages.report(self, error, "opening a draft")
            return
        self._backend.drafts_changed.emit()  # whoever lists it lists it no more
        messages.show_error(
            self,
            self.tr("This draft is no longer there: it was recorded or discarded."),
            log_text=f"draft gone: {error}",
        )

    def record_from_visit(self, visit_id: str, notes: str) -> None:
        """Take in a dispute a patrol found: its notes as the facts, the case tied to it."""
        from casework.drafts import CaseDraft
        from casework.saved_drafts import WizardDraft

        self.record(WizardDraft(CaseDraft(facts=notes), visit_id=visit_id))


class MainWindow(QMainWindow):
    """工作台 / 案件 / 走访 / 上报 / 统计 / 设置."""

    ready = Signal(object)
    worker_changed = Signal(object)

    def __init__(
        self,
        backend: Backend,
        settings: Options,
        parent: QWidget | None = None,
        *,
        training: bool = False,
        provisioning: Provisioning | None = None,
        idle_clock: Clock = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self.gate: StartGate | None = None  # start-up's questions, while they are asked
        self.idle: IdleWatch | None = None  # once a worker logged in with a password
        self._idle_clock = idle_clock
        self.locked = False
        self.lock_dialog: LoginDialog | None = None
        self._curtains: list[Curtain] = []
        self._fresh = False  # the store was made at this start and is not set up yet
        self.identity: Identity | None = None
        self.first_run: FirstRunDialog | ProvisionedFirstRunDialog | None = None
        self.training = training  # a sandbox profile: banner, reset, never production
        self.provisioning = provisioning  # a trainer's file fixing the unit and server
        self.training_banner: TrainingBanner | None = None
        self._marker: WindowMarker | None = None
        self.checklist_problems: list[ChecklistError] | None = (
            None  # known once the checklists load
        )
        self.setWindowTitle(self.tr("Outpost — grassroots dispute resolution"))
        self.resize(1100, 700)
        self.nav = QListWidget(self)
        self.nav.setFixedWidth(150)
        enlarge(self.nav, 1.3)
        self.nav.setSpacing(6)
        self.stack = QStackedWidget(self)
        self.cases = CasesSection(backend, settings, self)
        self._settings = settings
        self._settings_page: SettingsPage | None = None
        self._settings_slot = QWidget(self)  # filled on first visit: not on the first frame
        self._worklist_slot = QWidget(self)
        self._visits_slot = QWidget(self)
        self._statistics_slot = QWidget(self)
        self._statistics: StatisticsPage | None = None
        self._desk_slot = QWidget(self)  # built once the role is known
        self.desk: DeskPage | None = None
        self._desk_role: Role | None = None  # known once a worker is in
        self._worklist: WorklistPage | None = None
        self._visits: VisitsPage | None = None
        self._add_pages()
        self.nav.currentRowChanged.connect(self._show_page)
        self.nav.setCurrentRow(1)
        central = QWidget(self)
        layout = QHBoxLayout()
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        if training:
            self._mark_training(outer)
        outer.addLayout(layout, 1)
        # Locked, the pages give way to an empty cover: no case data behind the lock screen.
        self.screens = QStackedWidget(self)
        self.screens.addWidget(central)
        self.lock_cover: QLabel | None = None  # made at the first lock, not on the first frame
        self.setCentralWidget(self.screens)
        self._add_account_menu()
        self.first_paint = FirstPaint(self)
        # After the frame, in the next turn of the event loop: the frame is not held back.
        self.first_paint.painted.connect(
            lambda: QTimer.singleShot(0, self, self.cases.attach_model)
        )
        self.who = QLabel(self)
        self.waiting = QLabel(self)
        self.statusBar().addWidget(self.who)
        self.statusBar().addPermanentWidget(self.waiting)

        self.sync: SyncController | None = None  # once the laptop is set up
        self.statusBar().showMessage(self.tr("Opening the case store…"))
        backend.opened.connect(self._opened)
        backend.open_failed.connect(self._open_failed)
        backend.cases_changed.connect(lambda _id: self._refresh_counts())

    def _add_account_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("Account"))
        self.switch_user_action = menu.addAction(self.tr("Switch user"))
        self.switch_user_action.triggered.connect(lambda: self.lock(switching=True))
        self.change_password_action = menu.addAction(self.tr("Change password…"))
        self.change_password_action.triggered.connect(lambda: self.change_password())
        self.lock_action = menu.addAction(self.tr("Lock"))
        self.lock_action.triggered.connect(lambda: self.lock())
        self._enable_accounts(False)

    def _enable_accounts(self, enabled: bool) -> None:
        for action in (self.switch_user_action, self.change_password_action, self.lock_action):
            action.setEnabled(enabled)

    def _add_pages(self) -> None:
        pages = [
            (self.tr("Workbench"), self._worklist_slot),
            (self.tr("Cases"), self.cases),
            (self.tr("Visits"), self._visits_slot),
            (self.tr("Escalation"), self._desk_slot),
            (self.tr("Statistics"), self._statistics_slot),
            (self.tr("Settings"), self._settings_slot),
        ]  # fmt: skip
        for title, page in pages:
            self.nav.addItem(title)
            self.stack.addWidget(page)

    @property
    def settings_page(self) -> SettingsPage:
        """The settings page, built the first time it is wanted."""
        if self._settings_page is None:
            from desktop.pages import SettingsPage

            page = SettingsPage(self._settings, str(self._backend.data_dir), self._settings_slot)
            page.idle_minutes_changed.connect(self._idle_minutes_changed)
            self._add_sync_settings(page)
            QVBoxLayout(self._settings_slot).addWidget(page)
            if self.identity is not None:
                page.show_identity(self.identity.worker_name, self.identity.org_unit_name)
            self._settings_page = page
        return self._settings_page

    @property
    def worklist(self) -> WorklistPage:
        """工作台, built the first time it is wanted."""
        if self._worklist is None:
            from desktop.worklist import WorklistPage

            page = WorklistPage(self._backend, self._worklist_slot)
            page.open_case.connect(self.open_case)
            page.resume_draft.connect(self.cases.resume_draft)
            self._worklist = self._fill_slot(self._worklist_slot, page)
        return self._worklist

    @property
    def visits(self) -> VisitsPage:
        """走访, built the first time it is wanted."""
        if self._visits is None:
            from desktop.visits import VisitsPage

            page = VisitsPage(self._backend, self._visits_slot)
            page.open_case.connect(self.open_case)
            page.case_requested.connect(self.cases.record_from_visit)
            self._visits = self._fill_slot(self._visits_slot, page)
        return self._visits

    def _set_up_desk(self, identity: Identity) -> None:
        # Each role sees the pages that fit it: a desk works from its inbox, a village
        # from its workbench and visits, and sees what it escalated. A village's page of
        # escalations is built when first shown: it loads the ORM, which would hold up
        # the first rows of the case list (as the other pages do, see _show_page).
        from casework.domain import Role

        role = identity.role
        self._desk_role = role
        desk_row = self.stack.indexOf(self._desk_slot)
        at_desk = role is not Role.VILLAGE
        if at_desk:
            self._build_desk()
        self.nav.item(desk_row).setText(self.tr("Inbox") if at_desk else self.tr("Escalation"))
        for slot in (self._worklist_slot, self._visits_slot):
            self.nav.setRowHidden(self.stack.indexOf(slot), at_desk)
        if at_desk:
            self.nav.setCurrentRow(desk_row)

    def _build_desk(self) -> None:
        from desktop.desk import DeskPage

        if self.desk is not None or self._desk_role is None:
            return
        self.desk = DeskPage(self._backend, self._desk_role, self._desk_slot)
        self.desk.open_case.connect(self.open_case)
        layout = QVBoxLayout(self._desk_slot)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.desk)

    @property
    def statistics(self) -> StatisticsPage:
        """统计, built the first time it is wanted (QtCharts loads then, not at start)."""
        if self._statistics is None:
            from desktop.statistics import StatisticsPage

            page = StatisticsPage(self._backend, self._statistics_slot)
            self._statistics = self._fill_slot(self._statistics_slot, page)
        return self._statistics

    def _fill_slot(self, slot: QWidget, page: _Page) -> _Page:
        layout = QVBoxLayout(slot)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page)
        if self.identity is not None:
            page.start()
        return page

    def open_case(self, case_id: str) -> None:
        """Show a case's page, from wherever it was chosen."""
        self.nav.setCurrentRow(1)
        self.cases.open_case(case_id)

    def _show_page(self, row: int) -> None:
        widget = self.stack.widget(row)
        if widget is self._settings_slot:
            _ = self.settings_page
        elif widget is self._worklist_slot:
            _ = self.worklist
        elif widget is self._visits_slot:
            _ = self.visits
        elif widget is self._statistics_slot:
            _ = self.statistics
        elif widget is self._desk_slot:
            self._build_desk()
        self.stack.setCurrentIndex(row)

    def _opened(self, identity: Identity | None) -> None:
        self._fresh = identity is None and self._backend.key is not None
        if identity is None and self.training:
            self._fill_training()
        elif identity is None and self.provisioning is not None:
            self._backend.submit(lambda book: book.villages(), self._ask_provisioned_first_run)
        elif identity is None:
            self._backend.submit(lambda book: book.villages(), self._ask_first_run)
        else:
            self._set_identity(identity)

    # -- training mode and provisioning -------------------------------------------------

    def _mark_training(self, outer: QVBoxLayout) -> None:
        from desktop import training

        self.setWindowTitle(training.title(self.windowTitle()))
        self.training_banner = training.TrainingBanner(self, with_reset=True)
        self.training_banner.reset_requested.connect(self.reset_training)
        outer.addWidget(self.training_banner)
        self._marker = training.WindowMarker(self)  # the strip on every dialog too

    def _fill_training(self) -> None:
        from casework import training

        unit = self.provisioning.org_unit_code if self.provisioning else training.VILLAGE
        self.statusBar().showMessage(self.tr("Preparing the training cases…"))
        self._backend.submit(
            lambda book: training.fill(book, org_unit_code=unit), self._set_identity
        )

    def reset_training(self) -> None:
        """Wipe the training profile's cases and fill it again (after the trainer's
        confirmation; only ever on a training profile)."""
        from casework import training

        if not self.training:
            return
        self.statusBar().showMessage(self.tr("Resetting the training data…"))
        self._backend.submit(lambda book: training.reset(book), self._training_reset)

    def _training_reset(self, _identity: Identity) -> None:
        self._backend.cases_changed.emit("")
        self._backend.drafts_changed.emit()
        self._refresh_counts()
        self.statusBar().showMessage(self.tr("Training data reset."), 5000)

    def _ask_provisioned_first_run(self, villages: list[tuple[str, str, str]]) -> None:
        from desktop.firstrun import ProvisionedFirstRunDialog

        assert self.provisioning is not None
        code = self.provisioning.org_unit_code
        names = {c: f"{t} {v}".strip() for c, v, t in villages}
        if code not in names:
            messages.show_error(
                self,
                self.tr(
                    "The provisioning file names the unit %1, which this version of Outpost "
                    "does not know. Choose the village by hand, and tell the trainer."
                ).replace("%1", code),
                log_text=f"provisioning: unknown unit {code}",
            )
            self._ask_first_run(villages)
            return
        self.first_run = ProvisionedFirstRunDialog(names[code], self.provisioning.server_url, self)
        self.first_run.finished.connect(self._provisioned_first_run_done)
        self.first_run.quit_requested.connect(self.close)
        self.first_run.open()

    def _provisioned_first_run_done(self, result: int) -> None:
        from desktop.firstrun import ProvisionedFirstRunDialog

        dialog, self.first_run = self.first_run, None
        if not isinstance(dialog, ProvisionedFirstRunDialog) or self.provisioning is None:
            return
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            return
        provisioning, name, code = self.provisioning, dialog.worker_name(), dialog.enrollment_code()
        login, password = dialog.login_name(), dialog.password()
        options.apply_provisioning(self._settings, provisioning, self._backend.data_dir)

        def set_up_and_enroll(identity: Identity) -> None:
            self._set_identity(identity)
            if code and self.sync is not None:
                self.sync.enroll(provisioning.server_url, code)

        self._backend.submit(
            lambda book: book.set_up(worker_name=name, org_unit_code=provisioning.org_unit_code,
                                     login=login, password=password),
            set_up_and_enroll,
        )  # fmt: skip

    def _ask_first_run(self, villages: list[tuple[str, str, str]]) -> None:
        from desktop.firstrun import FirstRunDialog

        self.first_run = FirstRunDialog(villages, self)
        self.first_run.finished.connect(self._first_run_done)
        self.first_run.quit_requested.connect(self.close)
        self.first_run.open()

    def _first_run_done(self, result: int) -> None:
        from desktop.firstrun import FirstRunDialog

        dialog, self.first_run = self.first_run, None
        if not isinstance(dialog, FirstRunDialog):
            return
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            return
        name, code = dialog.worker_name(), dialog.village_code()
        login, password = dialog.login_name(), dialog.password()
        self._backend.submit(
            lambda book: book.set_up(worker_name=name, org_unit_code=code, login=login,
                                     password=password),
            self._set_identity,
        )  # fmt: skip

    def _set_identity(self, identity: Identity) -> None:
        self._fresh = False
        self._show_worker(identity)
        self.statusBar().clearMessage()
        self.cases.record_button.setEnabled(True)
        self.cases.export_button.setEnabled(True)
        self._set_up_desk(identity)
        self.cases.model.loaded.connect(self._warm_up_once)
        self.cases.model.start()
        self._start_sync()
        for page in (self._worklist, self._visits, self._statistics):
            if page is not None:
                page.start()
        self._refresh_counts()
        if self._backend.key is not None:  # a worker logged in with a password
            self._start_idle_watch()
        self.ready.emit(identity)

    def _show_worker(self, identity: Identity) -> None:
        self.identity = identity
        self.who.setText(
            self.tr("%1 · %2")
            .replace("%1", identity.worker_name)
            .replace("%2", identity.org_unit_name)
        )
        if self._settings_page is not None:
            self._settings_page.show_identity(identity.worker_name, identity.org_unit_name)

    def _warm_up_once(self) -> None:
        # Once the first rows are on screen, load the ORM for the first save. Not sooner:
        # the import would compete with painting those rows for the interpreter.
        self.cases.model.loaded.disconnect(self._warm_up_once)
        self._backend.submit(lambda book: book.warm_up(), self._checklists_loaded)

    def _checklists_loaded(self, result: tuple[list[ChecklistError], bool]) -> None:
        from desktop import labels

        refused, usable = result
        self.checklist_problems = refused
        if not refused:
            return
        if usable:
            text = self.tr(
                "A checklist file has a mistake and was not used; Outpost goes on with the "
                "last good version of it, so work can continue. Please tell the person who "
                "edited the checklists:\n%1"
            )
        else:
            text = self.tr(
                "A checklist file has a mistake and there is no earlier good version of it, "
                "so the checklists cannot be used and new cases cannot go through intake. "
                "Cases already recorded are safe. Please have the checklist corrected:\n%1"
            )
        messages.show_error(
            self,
            text.replace("%1", "\n".join(labels.checklist_error(e) for e in refused)),
            log_text=f"checklist refused (usable: {usable}): " + "; ".join(map(str, refused)),
        )

    def _start_sync(self) -> None:
        # Built once the store is open and the laptop set up: not on the first frame.
        from desktop.synccontrol import SyncController
        from desktop.syncpanel import SyncIndicator

        if self.sync is not None:
            return
        self.sync = SyncController(
            self._backend.data_dir, self._settings, self, training=self.training,
            key=self._backend.key,
        )  # fmt: skip
        self.sync_indicator = SyncIndicator(self)
        self.statusBar().addPermanentWidget(self.sync_indicator)
        self.sync.status_changed.connect(self.sync_indicator.show_status)
        self.sync.progress.connect(self.sync_indicator.show_progress)
        self.sync_indicator.sync_requested.connect(self.sync.sync_now)
        self.sync.synced.connect(self._synced)
        self.sync.failed.connect(self._sync_failed)
        if self._settings_page is not None:
            self._add_sync_settings(self._settings_page)
        self.sync.start()

    def _add_sync_settings(self, page: SettingsPage) -> None:
        if self.sync is None:
            return  # added once sync starts
        from desktop.syncpanel import SyncSettings

        section = SyncSettings(self._settings, page)
        page.add_section(section)
        sync = self.sync
        section.enroll_requested.connect(sync.enroll)
        sync.enrolled.connect(
            lambda unit: section.show_result(
                self.tr("Enrolled for %1. The first sync starts now.").replace("%1", unit), True
            )
        )
        sync.failed.connect(lambda text: section.show_result(text, False))
        sync.log_read.connect(section.show_log)
        sync.read_log()
        self.sync_settings = section

    def _synced(self, report: object) -> None:
        # What came down may touch any case: the screens that show cases reload.
        self._backend.cases_changed.emit("")
        self.statusBar().showMessage(self.tr("Sync finished."), 5000)

    def _sync_failed(self, text: str) -> None:
        self._refresh_counts()
        self.statusBar().showMessage(text, 15000)

    def _refresh_counts(self) -> None:
        self._backend.submit(lambda book: book.counts(), self._show_counts)

    def _show_counts(self, counts: tuple[int, int]) -> None:
        cases, waiting = counts
        self.waiting.setText(
            self.tr("%1 cases · %2 changes waiting to sync")
            .replace("%1", str(cases))
            .replace("%2", str(waiting))
        )

    def _open_failed(self, error: BaseException) -> None:
        from desktop.login import rescue

        rescued = rescue(self, self._backend, error)  # a damaged store, a key that does not fit
        if rescued is True:
            return  # opening again from the backup
        if rescued is None:
            self._explain_open_failure(error)
        self.close()

    def _explain_open_failure(self, error: BaseException) -> None:
        from casework.migrate import MigrationFailed, StoreTooNew

        if isinstance(error, StoreTooNew):
            text = self.tr(
                "This case store was made by a newer version of Outpost than the one "
                "installed, so it cannot be opened here. Nothing in it was changed. Please "
                "install the newest version of Outpost."
            )
            messages.show_error(self, text, log_text=str(error))
        elif isinstance(error, MigrationFailed):
            text = self.tr(
                "Outpost could not update its case store to this version. Your cases are safe: "
                "the store was put back exactly as it was before the update (a copy is kept at "
                "%1). Please go back to the previous version of Outpost and contact technical "
                "support with the log file."
            ).replace("%1", str(error.backup or "-"))
            messages.show_error(self, text, log_text=str(error))
        else:
            messages.report(self, error, "opening the case store")

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        visit = self._visits.open_form if self._visits is not None else None
        if visit is not None and visit.isVisible():
            if visit.saving or not visit.may_close():
                event.ignore()  # being stored, or the worker keeps what was typed
                return
            visit.done(QDialog.DialogCode.Rejected)
        form = self.cases.open_form
        if form is not None and form.isVisible():
            if form.saving:
                self.statusBar().showMessage(self.tr("Saving the case; close again when done."))
                event.ignore()
                return
            form.keep_and_close()  # a draft, on the workbench at the next start
        if self.idle is not None:
            self.idle.stop()
        if self.sync is not None:
            self.sync.shutdown()
        if self._marker is not None:
            self._marker.remove()
        self._backend.shutdown()  # runs the queued draft save before the store closes
        if self._fresh:
            # Made at this start with a key sealed for no one: kept aside, never opened
            # again, so that the next start is a first run rather than an unopenable store.
            from casework.keystate import set_aside

            set_aside(self._backend.data_dir)
        super().closeEvent(event)

    # -- start-up, locking and switching workers ----------------------------------------

    def start(self, *, clock: WallClock | None = None) -> None:
        """Open the store as ``outpost`` does, through the questions the key state asks
        (desktop.login); a training profile too, with its trainee's account. ``clock``:
        the keyring's clock, for tests of the lock after wrong passwords."""
        from desktop.login import StartGate

        if clock is not None:
            self.gate = StartGate(self._backend, self, clock=clock, training=self.training)
        else:
            self.gate = StartGate(self._backend, self, training=self.training)
        self.gate.quit_requested.connect(self.close)
        self.gate.start()

    def _start_idle_watch(self) -> None:
        from desktop.lock import IdleWatch

        if self.idle is None:
            self.idle = IdleWatch(self._idle_minutes(), self, clock=self._idle_clock)
            self.idle.idle.connect(lambda: self.lock())
        self._enable_accounts(True)
        self.idle.start()

    def _idle_minutes(self) -> int:
        low, high = options.IDLE_LOCK_RANGE
        return max(low, min(high, int(self._settings.get(options.IDLE_LOCK_MINUTES))))

    def _idle_minutes_changed(self, _minutes: int) -> None:
        if self.idle is not None:
            self.idle.set_minutes(self._idle_minutes())

    def lock(self, *, switching: bool = False) -> None:
        """Hide every record and ask for a password (idle time, 锁定); ``switching``: for
        another worker (切换用户). Only once a worker logged in with a password."""
        if self.locked or self.identity is None or self._backend.key is None:
            return
        from desktop.lock import draw_curtains

        self.locked = True
        if self.idle is not None:
            self.idle.stop()
        # Files opened for viewing were decrypted to a private folder: gone while locked.
        self._backend.submit(lambda book: book.forget_plain_copies())
        self.screens.setCurrentWidget(self._cover())
        self.menuBar().setEnabled(False)
        self._curtains = draw_curtains()
        worker_id = self.identity.worker_id
        directory = self._backend.data_dir

        def logins() -> list[Login]:
            from casework.vault import Keyring

            return Keyring.load(directory).logins()

        self._backend.call(logins, lambda found: self._ask_unlock(found, worker_id, switching))

    def _cover(self) -> QLabel:
        if self.lock_cover is None:
            from PySide6.QtCore import Qt

            self.lock_cover = QLabel(self.tr("Outpost is locked"), self)
            self.lock_cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
            enlarge(self.lock_cover, 1.6)
            self.screens.addWidget(self.lock_cover)
        return self.lock_cover

    def _ask_unlock(self, logins: list[Login], worker_id: str, switching: bool) -> None:
        from PySide6.QtCore import Qt

        from desktop.login import LoginDialog, training_hint

        current = next((found.login for found in logins if found.worker_id == worker_id), "")
        hint = training_hint() if self.training else ""
        dialog = LoginDialog(logins, self._check_password, self, current=current, hint=hint)
        if switching:
            dialog.switch_user()
        # Above every other window (a form left open is covered): it alone takes input.
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.admitted.connect(self._unlocked)
        dialog.quit_requested.connect(self.close)
        self.lock_dialog = dialog
        dialog.open()

    def _check_password(self, login: str, password: str, done: Done, failed: Failed) -> None:
        self._backend.submit(lambda book: book.check_password(login, password), done, failed)

    def _unlocked(self, worker_id: str) -> None:
        dialog, self.lock_dialog = self.lock_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        for curtain in self._curtains:
            curtain.lift()
        self._curtains = []
        self.screens.setCurrentIndex(0)
        self.menuBar().setEnabled(True)
        self.locked = False
        if self.identity is not None and worker_id != self.identity.worker_id:
            self._backend.submit(lambda book: book.log_in(worker_id), self._switched)
        if self.idle is not None:
            self.idle.start()

    def _switched(self, identity: Identity) -> None:
        self._show_worker(identity)
        self.statusBar().showMessage(
            self.tr("%1 is now working on this laptop.").replace("%1", identity.worker_name),
            8000,
        )
        self.worker_changed.emit(identity)

    def change_password(self) -> None:
        """修改密码 for the worker logged in."""
        if self.identity is None or self._backend.key is None:
            return
        from desktop.login import ChangePasswordDialog

        def change(old: str, new: str, done: Done, failed: Failed) -> None:
            self._backend.submit(lambda book: book.change_password(old, new), done, failed)

        dialog = ChangePasswordDialog(change, self)
        dialog.succeeded.connect(
            lambda _none: self.statusBar().showMessage(self.tr("Password changed."), 8000)
        )
        dialog.finished.connect(dialog.deleteLater)
        self.password_dialog = dialog
        dialog.open()
