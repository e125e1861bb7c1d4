"""Realistic sample disputes for benchmarks: Chinese names, valid ID numbers and phones,
facts for every dispute type, dates over several years, each case taken through the
intake and process checklists as far as its (random) path goes.

Everything is recorded through the casework services, so the events, sequence numbers
and outbox rows are exactly what the app itself writes.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from sqlalchemy.orm import Session
from stdnum.cn import ric

import resources
from casework import handling, services, visits
from casework.casebook import Casebook, open_casebook
from casework.checklists import Checklists, Step
from casework.domain import DisputeType, PartyRole
from casework.drafts import CaseDraft, PartyDraft
from casework.intake import Answer, clean_answers
from casework.status import CaseStatus
from casework.visits import Satisfaction, VisitDraft, VisitKind

VILLAGE = "320509003001"  # 开弦弓村, 七都镇
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


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _id_number(rng: random.Random) -> str:
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 50))
    body = f"320509{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + ric.calc_check_digit(body + "0")  # it reads the first 17 of 18 digits


def _party(rng: random.Random, role: PartyRole) -> PartyDraft:
    return PartyDraft(
        name=_name(rng),
        role=role.value,
        id_number=_id_number(rng) if rng.random() < 0.7 else "",
        phone=f"1{rng.choice(MOBILE)}{rng.randrange(10**8):08d}" if rng.random() < 0.9 else "",
        address=f"七都镇{rng.choice(PLACES)}{rng.randrange(1, 20)}组{rng.randrange(1, 80)}号",
    )


def draft(rng: random.Random) -> CaseDraft:
    """One plausible dispute as a grid worker would type it."""
    kind = rng.choice(list(DisputeType))
    return CaseDraft(
        dispute_type=kind.value,
        facts=FACTS[kind],
        claims="要求对方赔礼道歉并赔偿损失。",
        parties=[_party(rng, PartyRole.APPLICANT), _party(rng, PartyRole.RESPONDENT)],
    )


_TEXT = {
    "findings": "已走访双方及周边群众，查看现场并拍照，事实基本清楚。",
    "record": "组织双方面对面协商，释法明理，双方情绪趋于平稳。",
    "terms": "被申请人于十五日内赔偿申请人损失并赔礼道歉，双方不再就此事争执。",
    "reason": "双方分歧较大，经多次调解未能达成一致。",
    "performance": "已按协议履行完毕。",
}


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
        services.change_status(session, case_id, CaseStatus.ESCALATED, at=at,
                               note="超出村级调处范围，报镇矛调中心")  # fmt: skip
        return False
    services.change_status(session, case_id, CaseStatus.ACCEPTED, at=at, checklists=lists)
    return True


def _follow_up(session: Session, case_id: str, rng: random.Random, lists: Checklists,
               day: dt.date, at: dt.datetime) -> None:  # fmt: skip
    answers = [s.value for s in Satisfaction]
    weights = (0.8, 0.15, 0.05)
    draft = VisitDraft(
        kind=VisitKind.FOLLOW_UP.value, visited_on=day, case_id=case_id,
        place="当事人家中", people="网格员、当事人", notes="回访当事人，协议履行情况良好。",
        attitude=rng.choices(answers, weights)[0], procedure=rng.choices(answers, weights)[0],
        effect=rng.choices(answers, weights)[0],
    )  # fmt: skip
    visits.log_visit(session, draft, checklists=lists, at=at)


def record_one(session: Session, rng: random.Random, lists: Checklists, at: dt.datetime,
               end: dt.datetime) -> str:  # fmt: skip
    """Record one dispute received at ``at`` and take it as far as its path goes."""
    case_id = services.record_case(session, draft(rng), at=at, checklists=lists)
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


def fill(directory: Path, count: int, *, seed: int = 7, batch: int = 500) -> Casebook:
    """A store in ``directory`` with ``count`` cases over the last three years; returns it open."""
    rng = random.Random(seed)
    book = open_casebook(directory, resources.sample_org_tree())
    if book.identity() is None:
        book.set_up(worker_name="王芳", org_unit_code=VILLAGE)
    lists = book.checklists
    end = dt.datetime.now(dt.UTC)
    start = end - dt.timedelta(days=3 * 365)
    moments = sorted(start + (end - start) * rng.random() for _ in range(count))
    for first in range(0, count, batch):
        with book.store.unit_of_work() as session:  # one transaction per batch: fast, whole
            for at in moments[first : first + batch]:
                record_one(session, rng, lists, at, end)
    return book
