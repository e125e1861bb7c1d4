"""Training mode 培训模式: a sandbox profile of its own, filled with realistic sample
disputes (Chinese names, valid ID numbers and phones, every dispute type, statuses from
just registered to archived), and a reset that wipes and refills it.

The cases are recorded through the casework services, so a trainee sees exactly what the
app itself writes. Nothing here can reach production: the profile's folder is apart from
the real one, and its device enrolls and pushes marked as training (which a production
server refuses).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import TYPE_CHECKING

from stdnum.cn import ric

from casework.domain import DisputeType, PartyRole
from casework.drafts import CaseDraft, PartyDraft

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from casework.casebook import Casebook
    from casework.checklists import Checklists, Step
    from casework.rows import Identity

PROFILE_FOLDER = "training"
VILLAGE = "320509003001"  # 开弦弓村, 七都镇: the sample org tree's village
TRAINEE = "培训学员"
# The training profile is encrypted like any store, and opened by this account; its
# login and password are printed in the training handout and shown on the login screen
# of a training profile (the sample data is invented, the habit of logging in is not).
TRAINEE_LOGIN = "peixun"
TRAINEE_PASSWORD = "peixun2026"
CASES = 60
SEED = 20261128

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡沈姚钱顾陆费褚卫"
)
GIVEN = "建国秀英桂英志强丽娟伟芳敏静磊洋勇军杰娜涛明超霞平刚福根小兵海燕美华阿宝永康晓梅春生"
MOBILE = ["35", "36", "37", "38", "39", "50", "51", "52", "58", "59", "86", "87", "88", "89"]
PLACES = ["开弦弓村", "庙港社区", "吴溇村", "七都镇"]
FACTS = {
    DisputeType.MARRIAGE_FAMILY: "夫妻因赡养老人费用分担发生争吵，女方回娘家已两个月。",
    DisputeType.NEIGHBOUR: "邻居家空调外机滴水到院子里，多次协商未果。",
    DisputeType.HOUSING_HOMESTEAD: "两家宅基地相邻，翻建时向东扩出约四十厘米，双方争执。",
    DisputeType.CONTRACT: "承包鱼塘合同到期后，对方拒绝退还押金两万元。",
    DisputeType.BUSINESS: "纺织作坊拖欠原料款，供货方多次催讨无果。",
    DisputeType.DAMAGES: "电动车倒车时撞坏邻居院墙，对赔偿金额有分歧。",
    DisputeType.FOREST_LAND: "承包田边界不清，两户对一条田埂的归属有争议。",
    DisputeType.EXPROPRIATION: "征地补偿款分配中，外嫁女是否享有份额产生争议。",
    DisputeType.ENVIRONMENT: "养殖场夜间排放异味，周边住户要求整改。",
    DisputeType.LABOUR: "外来务工人员被拖欠三个月工资共一万二千元。",
    DisputeType.MEDICAL: "村民在卫生院输液后出现过敏反应，家属要求赔偿。",
    DisputeType.PROPERTY_MANAGEMENT: "小区物业费上涨，部分业主拒交并与物业发生冲突。",
    DisputeType.TRAFFIC: "三轮车与电动自行车在村道相撞，双方对责任认定有异议。",
    DisputeType.CONSUMER: "网购农机质量不合格，商家拒绝退货。",
    DisputeType.OTHER: "两户因共用水井的使用时间发生口角。",
}
_TEXT = {
    "findings": "已走访双方及周边群众，查看现场并拍照，事实基本清楚。",
    "record": "组织双方面对面协商，释法明理，双方情绪趋于平稳。",
    "terms": "被申请人于十五日内赔偿申请人损失并赔礼道歉，双方不再就此事争执。",
    "reason": "双方分歧较大，经多次调解未能达成一致。",
    "performance": "已按协议履行完毕。",
}
# What a reset empties: everything recorded or synced; the org tree, the worker and the
# device stay, so the trainee goes on as the same person on the same laptop.
_WIPED = (
    "case_conflicts", "uploads", "pulled", "sync_log", "sync_state", "drafts", "search_text",
    "attachments", "visits", "process_steps", "intake_answers", "outbox", "case_events",
    "parties", "cases",
)  # fmt: skip
_GUARD = "case_events_no_delete"


def profile_dir(base: Path) -> Path:
    """The training profile's own data folder inside the real one's (created if missing):
    its own database, settings and logs; a reset never reaches outside it."""
    path = base / PROFILE_FOLDER
    path.mkdir(parents=True, exist_ok=True)
    return path


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _id_number(rng: random.Random) -> str:
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 50))
    body = f"320509{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + str(ric.calc_check_digit(body + "0"))  # it reads the first 17 digits


def _party(rng: random.Random, role: PartyRole) -> PartyDraft:
    return PartyDraft(
        name=_name(rng),
        role=role.value,
        id_number=_id_number(rng) if rng.random() < 0.7 else "",
        phone=f"1{rng.choice(MOBILE)}{rng.randrange(10**8):08d}" if rng.random() < 0.9 else "",
        address=f"七都镇{rng.choice(PLACES)}{rng.randrange(1, 20)}组{rng.randrange(1, 80)}号",
    )


def draft(rng: random.Random, kind: DisputeType | None = None) -> CaseDraft:
    """One plausible dispute as a grid worker would type it (of ``kind``, or any)."""
    kind = kind or rng.choice(list(DisputeType))
    return CaseDraft(
        dispute_type=kind.value,
        facts=FACTS[kind],
        claims="要求对方赔礼道歉并赔偿损失。",
        parties=[_party(rng, PartyRole.APPLICANT), _party(rng, PartyRole.RESPONDENT)],
    )


def _fields(step: Step, day: dt.date) -> dict[str, str]:
    return {
        f.code: day.isoformat() if f.kind == "date" else "yes" if f.kind == "confirm"
        else _TEXT.get(f.code, "已办理。")
        for f in step.field
    }  # fmt: skip


def _path(rng: random.Random) -> list[str]:
    """The process steps a case really went through, cut off where work stands today."""
    path = ["investigate", "mediate"] + ["mediate"] * (rng.random() < 0.3)
    path += ["agreement", "performance"] if rng.random() < 0.8 else ["termination"]
    path += ["follow_up", "archive"]
    cut = len(path) if rng.random() < 0.6 else rng.randrange(len(path))
    return path[:cut]


def _take_in(session: Session, case_id: str, rng: random.Random, lists: Checklists,
             at: dt.datetime) -> bool:  # fmt: skip
    """Answer the intake as a worker would; True when the case was accepted."""
    from casework import escalation, handling, services
    from casework.intake import Answer, clean_answers
    from casework.status import CaseStatus

    answers = clean_answers(lists.intake)
    roll = rng.random()
    if roll < 0.04:
        answers["consent"] = Answer("refused")
    elif roll < 0.07:
        answers["risk"] = Answer("high")
    outcome = handling.answer_intake(session, case_id, answers, lists, at=at)
    if not outcome.acceptable:
        services.change_status(session, case_id, CaseStatus.TERMINATED, at=at,
                               note="当事人明确拒绝调解，已告知其他救济途径")  # fmt: skip
        return False
    if outcome.propose_escalation and rng.random() < 0.6:
        escalation.escalate(session, case_id, reason="超出村级调处范围，报镇矛调中心",
                            urgency=escalation.Urgency.ROUTINE, tried="", checklists=lists,
                            at=at)  # fmt: skip
        return False
    services.change_status(session, case_id, CaseStatus.ACCEPTED, at=at, checklists=lists)
    return True


def _follow_up(session: Session, case_id: str, rng: random.Random, lists: Checklists,
               day: dt.date, at: dt.datetime) -> None:  # fmt: skip
    from casework import visits
    from casework.visits import Satisfaction, VisitDraft, VisitKind

    answers = [s.value for s in Satisfaction]
    weights = (0.8, 0.15, 0.05)
    visit = VisitDraft(
        kind=VisitKind.FOLLOW_UP.value, visited_on=day, case_id=case_id,
        place="当事人家中", people="网格员、当事人", notes="回访当事人，协议履行情况良好。",
        attitude=rng.choices(answers, weights)[0], procedure=rng.choices(answers, weights)[0],
        effect=rng.choices(answers, weights)[0],
    )  # fmt: skip
    visits.log_visit(session, visit, checklists=lists, at=at)


def record_one(session: Session, rng: random.Random, lists: Checklists, at: dt.datetime,
               end: dt.datetime, kind: DisputeType | None = None) -> str:  # fmt: skip
    """Record one dispute received at ``at`` and take it as far as its path goes."""
    from casework import handling, services

    case_id = services.record_case(session, draft(rng, kind), at=at, checklists=lists)
    if rng.random() < 0.08:  # just registered: intake still to do
        return case_id
    if not _take_in(session, case_id, rng, lists, at):
        return case_id
    for number, code in enumerate(_path(rng), start=1):
        when = min(at + dt.timedelta(days=2 * number), end)
        day = when.astimezone().date()
        if code == "follow_up":
            _follow_up(session, case_id, rng, lists, day, when)
        else:
            fields = _fields(lists.process.find(code), day)
            handling.complete_step(session, case_id, code, fields, lists, at=when)
    return case_id


def record_sample(session: Session, lists: Checklists, count: int, *, seed: int,
                  days: int = 365, now: dt.datetime | None = None) -> None:  # fmt: skip
    """``count`` disputes received over the last ``days``: the first fifteen one of each
    type, the rest of any; recent ones are still under way, as in a real village."""
    rng = random.Random(seed)
    end = now or dt.datetime.now(dt.UTC)
    start = end - dt.timedelta(days=days)
    kinds = list(DisputeType)
    moments = sorted(start + (end - start) * rng.random() for _ in range(count))
    for number, at in enumerate(moments):
        kind = kinds[number] if number < len(kinds) else None
        record_one(session, rng, lists, at, end, kind)


def fill(book: Casebook, *, org_unit_code: str = VILLAGE, worker_name: str = TRAINEE,
         count: int = CASES, seed: int = SEED) -> Identity:  # fmt: skip
    """Set a new training profile up (if it is not) and fill it with sample cases."""
    who = book.identity()
    if who is None:
        sealed = book.key is not None
        who = book.set_up(
            worker_name=worker_name, org_unit_code=org_unit_code,
            login=TRAINEE_LOGIN if sealed else None,
            password=TRAINEE_PASSWORD if sealed else None,
        )  # fmt: skip
    lists = book.checklists
    with book.store.unit_of_work() as session:
        record_sample(session, lists, count, seed=seed)
    return who


class NotTraining(RuntimeError):
    """A reset was asked of a store outside a training profile: refused, nothing done."""


def wipe(session: Session) -> None:
    """Empty the training store of every case, visit, draft and sync record.

    The event log refuses deletes by a trigger (it is the audit trail); the sandbox's
    log is no audit trail, so the trigger is lifted for the wipe and put back in the
    same transaction.
    """
    from sqlalchemy import text

    guard = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"
    kept = session.execute(text(guard), {"name": _GUARD}).one()
    session.execute(text(f"DROP TRIGGER {kept.name}"))
    for table in _WIPED:
        session.execute(text(f"DELETE FROM {table}"))
    session.execute(text(kept.sql))


def reset(book: Casebook, *, count: int = CASES, seed: int = SEED) -> Identity:
    """The trainer's reset: wipe the training store and fill it again, in one transaction
    (an interrupted reset leaves the old sample data, never half of it).

    Raises NotTraining for a store that is not in a training profile's folder.
    """
    if book.path.parent.name != PROFILE_FOLDER:
        raise NotTraining(f"{book.path} is not a training store")
    who = book.identity()
    if who is None:
        return fill(book, count=count, seed=seed)
    lists = book.checklists
    with book.store.unit_of_work() as session:
        wipe(session)
        record_sample(session, lists, count, seed=seed)
    return who
