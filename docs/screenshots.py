"""Take the README's screenshots from the real app, shown on a real (virtual) X screen.

Run from the repository root, after ``./dev test`` or ``./dev run`` has set up the .venv::

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python docs/screenshots.py

It records a dozen sample disputes in a scratch data directory (taken through their
checklists, one past its deadline), a patrol and a draft, starts Outpost the way
``outpost`` does (Simplified Chinese UI), and writes these pictures next to this file:

- ``main-window.png``: the main window with the case list, its search and filters;
- ``wizard-parties.png``: the new-case wizard's first step with one problem shown;
- ``wizard-intake.png``: its intake checklist, a refused consent blocking acceptance;
- ``case-parties.png``: a case's parties, their ID numbers and phones masked;
- ``case-page.png``: the page of one case on its process steps;
- ``worklist.png``: the workbench: steps, follow-ups, visits and deadlines due, drafts;
- ``visit-form.png``: the form of a follow-up visit with its satisfaction survey;
- ``sync-settings.png``: settings with the town server's address, certificate and
  enrollment, and the sync status in the status bar.

The pictures are grabbed from the X screen itself (not rendered offscreen), so they show
what a worker sees, fonts included; Chinese needs a CJK font such as fonts-noto-cjk.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

import resources
from casework.casebook import Casebook, open_casebook
from casework.drafts import CaseDraft, PartyDraft
from casework.intake import clean_answers
from casework.saved_drafts import WizardDraft
from casework.status import CaseStatus as S
from casework.visits import VisitDraft

HERE = Path(__file__).resolve().parent
POLL_MS = 50  # how often a wait looks at its condition
SETTLE_MS = 600  # time for the X server to show the last paint before a grab
TIMEOUT_MS = 20_000  # any wait longer than this is a failure

# The sample village: 七都镇开弦弓村 in the sample org tree.
WORKER = "王芳"
VILLAGE = "320509003001"
ADDRESS = "七都镇开弦弓村"

# The ID numbers below are made up; only their check digits are right (GB 11643).
# Each dispute: type, facts, claims, parties, and the status steps it went through.
Steps = list[tuple[S, str]]
DISPUTES: list[tuple[CaseDraft, Steps]] = [
    (
        CaseDraft(
            "housing_homestead",
            "张建国与李桂英两家宅基地相邻。李家翻建厨房时向东扩出约40厘米，压到张家滴水线，"
            "双方多次争吵，张家阻止施工。",
            "张建国要求李家拆除越界部分；李桂英称按老界址施工，要求张家不再阻挠。",
            [
                PartyDraft("张建国", "applicant", "320509196803120425", "13962512345",
                           ADDRESS + "五组18号"),
                PartyDraft("李桂英", "respondent", "320509197106093286", "15850187623",
                           ADDRESS + "五组19号"),
            ],
        ),
        [(S.ACCEPTED, "双方同意调解"), (S.IN_MEDIATION, "已现场丈量，调取1998年宅基地登记图")],
    ),
    (
        CaseDraft(
            "neighbour",
            "楼上住户空调外机冷凝水长期滴在楼下晾衣架上，双方口角升级。",
            "要求加装冷凝水管。",
            [
                PartyDraft("陈美华", "applicant", "", "13806217788", ADDRESS + "新村3幢201室"),
                PartyDraft("周志强", "respondent", "", "", ADDRESS + "新村3幢301室"),
            ],
        ),
        [],
    ),
    (
        CaseDraft(
            "marriage_family",
            "沈家三兄妹就八十岁母亲的赡养费分担和轮流照料产生分歧，母亲目前独居。",
            "母亲要求子女每月共支付赡养费1500元，并轮流照料。",
            [
                PartyDraft("沈阿宝", "applicant", "320509195901140839", "0512-63751234",
                           ADDRESS + "二组7号"),
                PartyDraft("沈建明", "respondent", "320509198411110577", "18914055126", ""),
                PartyDraft("沈丽娟", "respondent", "", "", ""),
            ],
        ),
        [(S.ACCEPTED, ""), (S.IN_MEDIATION, "")],
    ),
    (
        CaseDraft(
            "labour",
            "村内纺织厂拖欠6名工人三个月工资共计约8万元，老板称货款未回笼。",
            "工人要求一次性结清工资。",
            [
                PartyDraft("吴小兵", "applicant", "320509199009263713", "13771829056", ""),
                PartyDraft("七都某纺织有限公司", "respondent", "", "0512-63258890", ""),
            ],
        ),
        [(S.ESCALATED, "涉及多名工人和劳动监察，超出村级调处范围，上报镇矛调中心")],
    ),
    (
        CaseDraft(
            "traffic",
            "电动自行车与三轮车在村口路口相撞，电动车驾驶人左腿擦伤，车辆受损。",
            "要求赔偿医药费和修车费共2300元。",
            [
                PartyDraft("徐海燕", "applicant", "320509198807301820", "15190062347", ""),
                PartyDraft("钱国良", "respondent", "320509196504180954", "", ""),
            ],
        ),
        [
            (S.ACCEPTED, ""),
            (S.IN_MEDIATION, ""),
            (S.AGREEMENT, "钱国良一次性赔偿1800元"),
            (S.PERFORMING, ""),
            (S.FOLLOWED_UP, "已当场付清，双方满意"),
        ],
    ),
    (
        CaseDraft(
            "property_management",
            "小区物业停车收费标准上调，部分业主拒交物业费，物业停止其门禁卡。",
            "业主要求恢复门禁并公开收费依据。",
            [
                PartyDraft("顾文杰", "applicant", "", "13962512345", ""),
                PartyDraft("开弦弓物业服务站", "respondent", "", "", ""),
            ],
        ),
        [(S.ACCEPTED, "")],
    ),
    (
        CaseDraft(
            "damages",
            "邻居家散养的狗咬伤放学路过的小孩，已打狂犬疫苗。",
            "要求赔偿疫苗及误工费。",
            [
                PartyDraft("朱晓梅", "applicant", "320509198205072610", "", ""),
                PartyDraft("蒋福根", "respondent", "", "", ""),
            ],
        ),
        [(S.ACCEPTED, ""), (S.TERMINATED, "被申请人拒绝调解，已告知可向法院起诉")],
    ),
    (
        CaseDraft(
            "forest_land",
            "两户承包的桑园地界标石被移动，对约半亩地的归属有争议。",
            "按承包合同附图重新确定界址。",
            [
                PartyDraft("费小林", "applicant", "32050919750821153X", "", ""),
                PartyDraft("姚春生", "respondent", "", "", ""),
            ],
        ),
        [(S.ACCEPTED, "")],
    ),
    (
        CaseDraft(
            "environment",
            "村东生猪养殖户的粪污排入河道，周边住户反映夏季臭味严重。",
            "要求停止排污、整改。",
            [
                PartyDraft("褚家宝", "applicant", "", "", ""),
                PartyDraft("卫永福", "respondent", "", "", ""),
            ],
        ),
        [],
    ),
    (
        CaseDraft(
            "consumer",
            "在村小超市购买的食用油已过保质期，商家拒绝退换。",
            "退货并按规定赔偿。",
            [
                PartyDraft("杨丽", "applicant", "32050919930215214X", "", ""),
                PartyDraft("开弦弓便民超市", "respondent", "", "", ""),
            ],
        ),
        [
            (S.ACCEPTED, ""),
            (S.IN_MEDIATION, ""),
            (S.AGREEMENT, "退货退款并赔偿500元"),
            (S.PERFORMING, ""),
            (S.FOLLOWED_UP, ""),
            (S.ARCHIVED, ""),
        ],
    ),
    (
        CaseDraft(
            "contract",
            "村民将鱼塘转包给外村人，对方拖欠第二年承包费1.2万元。",
            "支付拖欠的承包费或解除合同。",
            [
                PartyDraft("孙明", "applicant", "320509197712030461", "", ""),
                PartyDraft("何建华", "respondent", "", "", ""),
            ],
        ),
        [],
    ),
    (
        CaseDraft(
            "expropriation",
            "道路拓宽征用部分承包地，村民对青苗补偿标准有异议。",
            "要求按实际种植品种重新评估补偿。",
            [
                PartyDraft("许大明", "applicant", "320509196210251366", "", ""),
                PartyDraft("七都镇交通建设项目部", "respondent", "", "", ""),
            ],
        ),
        [(S.ESCALATED, "涉及征地补偿政策，需镇里统筹")],
    ),
]  # fmt: skip

SHOWN_CASE = 0  # index in DISPUTES of the case whose page is photographed


def _take_to(book: Casebook, case_id: str, status: S, note: str, day: dt.date) -> None:
    """Take a case one status further the way a worker does: through its checklists."""
    text = note or "已办理。"
    if status is S.ACCEPTED:
        book.accept_case(case_id, clean_answers(book.checklists.intake))
    elif status is S.IN_MEDIATION:
        book.complete_step(case_id, "investigate", {"findings": text})
        book.complete_step(case_id, "mediate", {"held_on": day.isoformat(), "record": text})
    elif status is S.AGREEMENT:
        book.complete_step(case_id, "agreement",
                           {"terms": text, "performance_deadline": day.isoformat()})  # fmt: skip
    elif status is S.TERMINATED:
        book.complete_step(case_id, "termination",
                           {"reason": text, "other_routes_explained": "yes"})  # fmt: skip
    elif status is S.PERFORMING:
        book.complete_step(case_id, "performance", {"performance": "已按协议履行。"})
    elif status is S.FOLLOWED_UP:
        book.log_visit(VisitDraft(
            kind="follow_up", visited_on=day, case_id=case_id, place="当事人家中",
            people="网格员王芳、双方当事人", notes=text, attitude="satisfied",
            procedure="satisfied", effect="basically_satisfied",
        ))  # fmt: skip
    elif status is S.ARCHIVED:
        book.complete_step(case_id, "archive", {})
    else:
        book.change_status(case_id, status, note)


def record_sample_cases(data_dir: Path) -> list[str]:
    """Set the laptop up and record the sample disputes (the first one received forty
    days ago, so its deadline has passed), a patrol and a draft; returns the case ids."""
    book = open_casebook(data_dir, resources.sample_org_tree())
    try:
        book.set_up(worker_name=WORKER, org_unit_code=VILLAGE)
        ids = []
        now = dt.datetime.now(dt.UTC)
        for number, (draft, steps) in enumerate(DISPUTES):
            received = now - dt.timedelta(days=40 if number == 0 else len(DISPUTES) - number)
            case_id = book.record_case(draft, at=received)
            for status, note in steps:
                _take_to(book, case_id, status, note, received.astimezone().date())
            ids.append(case_id)
        book.log_visit(VisitDraft(
            kind="patrol", visited_on=dt.date.today() - dt.timedelta(days=7),
            place=ADDRESS + "河边鱼塘", people="网格员王芳",
            notes="鱼塘承包户反映上游养殖场排污，鱼苗死亡，情绪较大。",
            next_visit_on=dt.date.today(),
        ))  # fmt: skip
        partial = CaseDraft("neighbour", "楼上住户装修噪音扰民，", "", [
            PartyDraft("周丽娟", "applicant", "", "13815276420", ADDRESS + "二组5号"),
            PartyDraft("陈小兵", "respondent", "", "", ""),
        ])  # fmt: skip
        book.save_draft(WizardDraft(partial, step=1))
        return ids
    finally:
        book.close()


def grab(widget: QWidget, name: str) -> None:
    """Save what the X screen shows inside ``widget``'s window frame as docs/``name``."""
    screen = widget.screen()
    frame = widget.frameGeometry()
    picture = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
    path = HERE / name
    if not picture.save(str(path)):
        raise RuntimeError(f"could not write {path}")
    print(f"wrote {path} ({picture.width()}×{picture.height()})", flush=True)


class Shoot:
    """Drives the app through the three screens; every wait runs on the event loop."""

    def __init__(self, app: QApplication, data_dir: Path, case_ids: list[str]) -> None:
        from desktop import i18n
        from desktop.backend import Backend
        from desktop.mainwindow import MainWindow
        from desktop.options import Options

        self.app = app
        self.case_ids = case_ids
        self.failure: str | None = None
        i18n.install(app, "zh_CN")
        self.backend = Backend(data_dir, on_error=lambda e: self.fail(f"background work: {e!r}"))
        self.window = MainWindow(self.backend, Options(data_dir))
        self.window.move(0, 0)
        self.window.show()
        QTimer.singleShot(0, self.backend.open)
        self.wait_for(lambda: self.window.cases.model.rowCount() == len(case_ids), self.shoot_main)

    def wait_for(self, ready: Callable[[], bool], then: Callable[[], None]) -> None:
        """Call ``then`` once ``ready()`` holds and the screen has settled; fail on timeout."""
        waited = 0

        def poll() -> None:
            nonlocal waited
            if self.failure is not None:
                return
            if ready():
                QTimer.singleShot(SETTLE_MS, lambda: self.step(then))
            elif waited >= TIMEOUT_MS:
                self.fail(f"timed out waiting before {then.__name__}")
            else:
                waited += POLL_MS
                QTimer.singleShot(POLL_MS, poll)

        poll()

    def step(self, action: Callable[[], None]) -> None:
        """Run one step of the tour; an exception ends the run as a failure."""
        try:
            action()
        except Exception as exc:
            self.fail(f"{action.__name__}: {exc!r}")

    def fail(self, why: str) -> None:
        """Stop with an error (the exit code becomes 1)."""
        if self.failure is None:
            self.failure = why
            print(f"screenshots FAILED: {why}", file=sys.stderr, flush=True)
            self.finish()

    def shoot_main(self) -> None:
        """The filled case list; then the wizard, with a mistyped ID number."""
        grab(self.window, "main-window.png")
        self.window.cases.record()
        self.wait_for(lambda: self.window.cases.open_form is not None, self.wizard_parties)

    def wizard_parties(self) -> None:
        """Step 1 with one problem shown beside its field; then step 3, the intake."""
        wizard = self.window.cases.open_form
        assert wizard is not None
        self.wizard = wizard
        first, second = wizard.parties
        first.name.setText("钱秀英")
        first.id_number.setText("320509197103150421")  # one digit mistyped: the check fails
        first.phone.setText("13913576240")
        first.address.setText(ADDRESS + "三组12号")
        second.name.setText("钱永康")
        second.address.setText(ADDRESS + "三组14号")
        wizard.next()
        self.wait_for(lambda: first.fields["id_number"].error.isVisible(), self.wizard_intake)

    def wizard_intake(self) -> None:
        """Step 3: a homestead dispute, answers given, a party refusing mediation."""
        grab(self.wizard, "wizard-parties.png")
        self.wizard.parties[0].id_number.setText("320509197103150425")
        self.wizard.next()
        step = self.wizard.dispute_step
        step.dispute_type.setCurrentIndex(step.dispute_type.findData("housing_homestead"))
        step.facts.setPlainText(
            "两家共用的出村小路被钱永康堆放建材堵住一半，农用车无法通过，双方争吵。"
        )
        self.wizard.next()
        answers = {"identities_verified": "yes", "consent": "refused", "other_proceedings": "no",
                   "risk": "low", "evidence": "none_yet", "rights_explained": "yes"}  # fmt: skip
        for code, value in answers.items():
            self.wizard.intake_step.rows[code].choose(value)
        self.wait_for(lambda: self.wizard.intake_step.blocks.isVisible(), self.case_page_open)

    def case_page_open(self) -> None:
        """The intake with its block; then close the wizard (kept as a draft), open a case."""
        grab(self.wizard, "wizard-intake.png")
        self.wizard.keep_and_close()
        self.window.open_case(self.case_ids[SHOWN_CASE])
        page = self.window.cases.case_page
        self.wait_for(
            lambda: page.detail is not None and page.detail.id == self.case_ids[SHOWN_CASE],
            self.case_page,
        )

    def case_page(self) -> None:
        """The case page on its parties (masked), then on its process steps."""
        page = self.window.cases.case_page
        page.tabs.setCurrentIndex(0)
        QTimer.singleShot(SETTLE_MS, lambda: self.step(self.shoot_parties))

    def shoot_parties(self) -> None:
        grab(self.window, "case-parties.png")
        page = self.window.cases.case_page
        page.tabs.setCurrentWidget(page.steps)
        QTimer.singleShot(SETTLE_MS, lambda: self.step(self.shoot_case_page))

    def shoot_case_page(self) -> None:
        grab(self.window, "case-page.png")
        self.window.nav.setCurrentRow(0)
        worklist = self.window.worklist
        self.wait_for(lambda: worklist.tree.topLevelItemCount() > 0, self.shoot_worklist)

    def shoot_worklist(self) -> None:
        """The workbench; then the visits page."""
        grab(self.window, "worklist.png")
        self.window.nav.setCurrentRow(2)
        visits = self.window.visits
        self.wait_for(lambda: visits.model.rowCount() > 0, self.shoot_visits)

    def shoot_visits(self) -> None:
        """The visits page and a follow-up form with its survey; then quit."""
        self.visit_form = self.window.visits.log_visit(kind="follow_up")
        self.wait_for(lambda: self.visit_form.isVisible(), self.shoot_visit_form)

    def shoot_visit_form(self) -> None:
        grab(self.window.visits.open_form or self.window, "visit-form.png")
        self.visit_form.done(0)
        self.window.nav.setCurrentRow(5)
        self.wait_for(lambda: hasattr(self.window, "sync_settings"), self.shoot_settings)

    def shoot_settings(self) -> None:
        """Settings with the town server section, the address filled in; then quit."""
        section = self.window.sync_settings
        section.address.setText("https://tjzx.qidu.example.cn:8765")
        section.code.setText("72T7-WGFG-ZTPK")
        QTimer.singleShot(SETTLE_MS, lambda: self.step(self.shoot_settings_now))

    def shoot_settings_now(self) -> None:
        grab(self.window, "sync-settings.png")
        self.finish()

    def finish(self) -> None:
        """Close the window (which shuts the backend down) and leave the event loop."""
        self.window.close()
        self.app.quit()


def main() -> int:
    """Record the sample cases, run the app, take the pictures; returns the exit code."""
    if not os.environ.get("DISPLAY"):
        print("no X display: run this under xvfb-run (see the module docstring)", file=sys.stderr)
        return 2
    os.environ["QT_QPA_PLATFORM"] = "xcb"  # a real window on the X screen, not offscreen
    with tempfile.TemporaryDirectory(prefix="outpost-screenshots-") as scratch:
        data_dir = Path(scratch)
        case_ids = record_sample_cases(data_dir)
        from desktop.app import make_app

        app = make_app(sys.argv[:1])
        shoot = Shoot(app, data_dir, case_ids)
        app.exec()
        return 1 if shoot.failure else 0


if __name__ == "__main__":
    sys.exit(main())
