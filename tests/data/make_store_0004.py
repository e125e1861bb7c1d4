"""Make ``store-0004.sqlite3`` and ``server-0004.sqlite3`` with an EARLIER Outpost.

Run from a copy of revision 060592a (local schema 0004_sync, server schema 0001_initial),
never from the current tree; see README in this folder:

    git archive 060592a | tar -x -C /tmp/old
    cd /tmp/old && /work/main/.venv/bin/python /work/main/tests/data/make_store_0004.py OUT

A laptop of 开弦弓村 is set up and enrolled with that revision's town server; three
disputes are recorded and synced; then, offline, two more disputes, a step and a visit
are recorded, so their events wait in the outbox.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

import resources
from casework.casebook import open_casebook
from casework.drafts import CaseDraft, PartyDraft
from casework.intake import clean_answers
from casework.saved_drafts import WizardDraft
from casework.visits import VisitDraft
from sync import session as sync_session
from sync.client import TownServer
from sync.server.settings import ServerSettings
from tests.server.harness import RunningServer

VILLAGE = "320509003001"  # 开弦弓村, 七都镇

DISPUTES = [
    ("neighbour", "邻居家空调外机滴水到院子里，多次协商未果。", "张建国", "李秀英"),
    ("housing_homestead", "两家宅基地相邻，翻建时向东扩出四十厘米。", "沈桂英", "周志强"),
    ("labour", "外来务工人员被拖欠三个月工资共一万二千元。", "陆海燕", "费永康"),
    ("marriage_family", "夫妻因赡养老人费用分担发生争吵，女方回娘家已两个月。", "姚丽娟", "钱伟"),
    ("contract", "承包鱼塘合同到期后，对方拒绝退还押金两万元。", "顾春生", "蒋阿宝"),
]


def draft(kind: str, facts: str, applicant: str, respondent: str) -> CaseDraft:
    """A dispute as a grid worker types it."""
    return CaseDraft(
        dispute_type=kind,
        facts=facts,
        claims="要求对方赔礼道歉并赔偿损失。",
        parties=[
            PartyDraft(applicant, "applicant", "320509198503121230", "13812345678",
                       "七都镇开弦弓村12组3号"),
            PartyDraft(respondent, "respondent", "", "0512-63981234", "七都镇开弦弓村12组5号"),
        ],
    )  # fmt: skip


def flat_copy(source: Path, target: Path) -> None:
    """One self-contained file (WAL folded in), compacted."""
    target.unlink(missing_ok=True)
    with sqlite3.connect(source) as connection:
        connection.execute("VACUUM INTO ?", (str(target),))
    with sqlite3.connect(target) as copy:
        copy.execute("PRAGMA journal_mode=DELETE")


def main(out: Path) -> None:
    """Record the cases, sync the first ones, copy both stores to ``out``."""
    work = Path(tempfile.mkdtemp(prefix="outpost-0004-"))
    server = RunningServer(ServerSettings(data_dir=work / "server"))
    server.import_sample_tree()
    server.start()
    book = open_casebook(work / "laptop", resources.sample_org_tree())
    book.set_up(worker_name="王芳", org_unit_code=VILLAGE)
    lists = book.checklists
    link = TownServer(server.url)
    try:
        sync_session.enroll(book, link, server.enrollment_code(VILLAGE))
        taken = [
            book.take_in(WizardDraft(draft(*d), clean_answers(lists.intake))) for d in DISPUTES[:3]
        ]
        book.complete_step(taken[0], "investigate", {"findings": "已走访双方，查看现场并拍照。"})
        sync_session.synchronise(book, link)
        # Offline from here: these wait in the outbox.
        later = [
            book.take_in(WizardDraft(draft(*d), clean_answers(lists.intake))) for d in DISPUTES[3:]
        ]
        book.record_case(draft("other", "两户因共用水井的使用时间发生口角。", "徐建国", "孙敏"))
        book.complete_step(taken[1], "investigate", {"findings": "已查看宅基地现场，量取尺寸。"})
        book.log_visit(
            VisitDraft(kind="home_visit", visited_on=dt.date.today(), case_id=later[0],
                       place="当事人家中", people="网格员、当事人", notes="上门听取双方意见。")
        )  # fmt: skip
        print("cases, waiting:", book.counts())
    finally:
        link.close()
        book.close()
        server.stop()
    out.mkdir(parents=True, exist_ok=True)
    flat_copy(work / "laptop" / "outpost.sqlite3", out / "store-0004.sqlite3")
    flat_copy(next((work / "server").glob("*.sqlite3")), out / "server-0004.sqlite3")
    shutil.rmtree(work)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
