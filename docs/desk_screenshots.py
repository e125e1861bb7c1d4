"""Pictures of the escalation loop for the README, made through the real parts.

A town server runs on loopback (sample org tree and directory imported); a village
laptop takes in disputes and escalates three of them, the town desk syncs, takes one on,
dispatches it, records a joint consultation and closes it, and takes a second; the
village syncs again. Then the app is shown twice, in Chinese:

- ``town-inbox.png``: the town desk's inbox, the closed escalation chosen, its story below;
- ``village-feedback.png``: the village's case page on the town's feedback.

Run: ``xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python docs/desk_screenshots.py``
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import resources  # noqa: E402
from casework.casebook import Casebook, open_casebook  # noqa: E402
from casework.drafts import CaseDraft, PartyDraft  # noqa: E402
from casework.intake import clean_answers  # noqa: E402
from casework.saved_drafts import WizardDraft  # noqa: E402

VILLAGE, TOWN = "320509003001", "320509003"  # 开弦弓村, 七都镇
SETTLE_MS = 700

DISPUTES = [
    ("forest_land", "两户因宅基地旁自留地界址发生争执，多次协商未果。", "沈国强", "沈国华",
     "界址需镇自然资源所依确权图认定", "urgent"),
    ("environment", "上游养殖场排污致鱼塘鱼苗死亡，多户要求赔偿。", "周建明", "七都某养殖场",
     "涉及企业与多户村民，需镇里协调环保部门", "routine"),
    ("labour", "村民在本地工地务工，工程结束后工钱被拖欠三个月。", "吴小平", "某建筑劳务队",
     "欠薪涉及外地劳务公司，村里无法联系", "routine"),
]  # fmt: skip


def _case(book: Casebook, kind: str, facts: str, applicant: str, respondent: str) -> str:
    draft = CaseDraft(kind, facts, "", [
        PartyDraft(applicant, "applicant", "", "13815276420", "七都镇开弦弓村三组"),
        PartyDraft(respondent, "respondent", "", "", "七都镇开弦弓村"),
    ])  # fmt: skip
    return book.take_in(WizardDraft(draft, clean_answers(book.checklists.intake)))


def prepare(scratch: Path) -> tuple[Path, Path, str]:
    """The village's and the town's data folders after the loop; the case to show."""
    from sync import session as sync_session
    from sync.client import TownServer
    from sync.server.app import create_app
    from sync.server.runner import BackgroundServer
    from sync.server.runtime import Runtime
    from sync.server.services import devices, directory, orgunits
    from sync.server.settings import ServerSettings

    settings = ServerSettings(data_dir=scratch / "server")
    runtime = Runtime.open(settings)
    with runtime.store.unit_of_work() as session:
        orgunits.import_tree(session, csv_path=resources.sample_org_tree(), actor="docs")
        directory.import_csv(session, resources.sample_directory(), actor="docs")
    books = {}
    with BackgroundServer(create_app(settings, runtime)) as server:
        for name, unit, worker in (("village", VILLAGE, "王芳"), ("town", TOWN, "陈主任")):
            book = open_casebook(scratch / name, resources.sample_org_tree())
            book.set_up(worker_name=worker, org_unit_code=unit)
            with runtime.store.unit_of_work() as session:
                code = devices.issue_code(
                    session, org_unit_code=unit, lifetime=dt.timedelta(hours=1), actor="docs"
                ).code
            client = TownServer(server.url)
            sync_session.enroll(book, client, code)
            books[name] = (book, client)
        village, town = books["village"][0], books["town"][0]
        sent = []
        for kind, facts, applicant, respondent, reason, urgency in DISPUTES:
            case_id = _case(village, kind, facts, applicant, respondent)
            sent.append((case_id, village.escalate(case_id, reason=reason, urgency=urgency,
                                                   tried="组织双方协商两次")))  # fmt: skip

        def sync_all() -> None:
            for book, client in books.values():
                sync_session.synchronise(book, client)

        sync_all()
        (case_id, first), (_, second) = sent[0], sent[1]
        office = next(e for e in town.directory() if e.name == "七都镇自然资源所")
        town.accept_escalation(first)
        town.dispatch_escalation(first, office, "五个工作日内完成界址认定")
        town.note_escalation(first, "联合会诊：界址以1998年确权图为准，双方当场认可",
                             ["双方当事人", "七都镇自然资源所", "七都镇司法所"])  # fmt: skip
        town.close_escalation(first, "agreement", "双方认可确权图界址，签订调解协议，互不追究")
        town.accept_escalation(second)
        sync_all()
        sync_all()
        for book, client in books.values():
            client.close()
            book.close()
    runtime.close()
    return scratch / "village", scratch / "town", case_id


def main() -> int:
    """Make the pictures; returns the exit code."""
    if not os.environ.get("DISPLAY"):
        print("no X display: run this under xvfb-run", file=sys.stderr)
        return 2
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from docs.screenshots import grab

    with tempfile.TemporaryDirectory(prefix="outpost-desk-shots-") as scratch:
        village_dir, town_dir, case_id = prepare(Path(scratch))
        from desktop import i18n
        from desktop.app import make_app
        from desktop.backend import Backend
        from desktop.mainwindow import MainWindow
        from desktop.options import Options

        app = make_app(sys.argv[:1])
        i18n.install(app, "zh_CN")
        failure: list[str] = []

        def show(data_dir: Path) -> MainWindow:
            def background_failed(error: BaseException) -> None:
                failure.append(f"background work: {error!r}")
                app.quit()

            backend = Backend(data_dir, on_error=background_failed)
            window = MainWindow(backend, Options(data_dir))
            window.resize(1200, 760)
            window.show()
            backend.open()
            return window

        def wait(ready, then, tries: int = 100) -> None:  # type: ignore[no-untyped-def]
            if ready():
                QTimer.singleShot(SETTLE_MS, then)
            elif tries == 0:
                failure.append(getattr(then, "__name__", "step"))
                app.quit()
            else:
                QTimer.singleShot(100, lambda: wait(ready, then, tries - 1))

        town = show(town_dir)

        def inbox() -> None:
            desk = town.desk
            assert desk is not None
            shown = [desk.model.escalation(n) for n in range(desk.model.rowCount())]
            desk.choose(next(e.id for e in shown if e.case_id == case_id))
            QTimer.singleShot(SETTLE_MS, shoot_inbox)

        def shoot_inbox() -> None:
            grab(town, "town-inbox.png")
            town.close()
            village = show(village_dir)

            def page_ready() -> bool:
                page = village.cases._case_page
                return page is not None and page.detail is not None

            def on_feedback() -> None:
                page = village.cases.case_page
                page.tabs.setCurrentWidget(page.escalation_view)
                QTimer.singleShot(SETTLE_MS, lambda: (grab(village, "village-feedback.png"),
                                                      village.close(), app.quit()))  # fmt: skip

            def open_it() -> None:
                village.open_case(case_id)
                wait(page_ready, on_feedback)

            wait(lambda: village.identity is not None, open_it)

        wait(lambda: town.desk is not None and town.desk.model.rowCount() == 3, inbox)
        app.exec()
        if failure:
            print(f"gave up waiting at {failure}", file=sys.stderr)
            return 1
        return 0


if __name__ == "__main__":
    sys.exit(main())
