"""The paper a mediation committee keeps: 调解协议书, 调解终止告知书 and 卷宗, as HTML.

Each document is a Jinja2 template in resources/templates filled with one case's data.
A town adapts the wording by putting its own copy of a template in the data folder's
``templates`` folder; that copy then wins. A town's template that cannot be used (a
syntax error, a name that does not exist) is refused with what is wrong and where, and
the shipped one is used, so a bad edit never stops a committee printing its papers.
The documents are Chinese whatever the interface language: they are legal papers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import logging
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from casework.identity import display_phone
from casework.rows import CaseDetail, EventRow, PartyRow, StepRow, VisitRow

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

log = logging.getLogger("outpost.documents")

OWN_TEMPLATES = "templates"  # the town's own templates, inside the data folder


class DocumentKind(enum.StrEnum):
    """The documents Outpost prints; the value names the template file."""

    AGREEMENT = "agreement"  # 调解协议书
    TERMINATION = "termination"  # 调解终止告知书
    CASE_FILE = "casefile"  # 卷宗

    @property
    def document_title(self) -> str:
        """The document's Chinese title, as on the paper."""
        return {"agreement": "调解协议书", "termination": "调解终止告知书"}.get(self, "卷宗")


class DocumentRefused(ValueError):
    """The case has not reached the point the document records; nothing is made."""

    def __init__(self, kind: DocumentKind, reason: str, english: str) -> None:
        super().__init__(english)
        self.kind = kind
        self.reason = reason  # "no_agreement" or "no_termination": the UI words it


@dataclasses.dataclass(frozen=True)
class TemplateProblem:
    """Why a town's own template was refused (the shipped one was used instead)."""

    file: str
    line: int | None
    message: str  # Jinja's own words, in English


@dataclasses.dataclass(frozen=True)
class Document:
    """A document of one case, ready to lay out."""

    kind: DocumentKind
    case_number: str
    html: str
    problems: tuple[TemplateProblem, ...] = ()

    @property
    def file_name(self) -> str:
        """What to call its PDF: the title and the case number."""
        return f"{self.kind.document_title}-{self.case_number}.pdf"


def own_templates_dir(data_dir: Path) -> Path:
    """Where a town puts the templates that replace the shipped ones."""
    return data_dir / OWN_TEMPLATES


def render(
    kind: DocumentKind,
    detail: CaseDetail,
    *,
    own_templates: Path | None = None,
    today: dt.date | None = None,
) -> Document:
    """The document ``kind`` of the case ``detail``. Raises DocumentRefused when the case
    has no agreement (or termination) to record."""
    import resources

    context = _context(kind, detail, today or dt.date.today())
    name, shipped = f"{kind.value}.html", resources.templates_dir()
    problems: list[TemplateProblem] = []
    if own_templates is not None and own_templates.is_dir():
        try:
            html = _environment(own_templates, shipped).get_template(name).render(context)
            return Document(kind, detail.number, html)
        except Exception as error:  # anything wrong in a town's copy: fall back, say so
            problems.append(_problem(error, name))
            log.warning("own template %s refused: %s", problems[-1].file, error)
    html = _environment(shipped).get_template(name).render(context)
    return Document(kind, detail.number, html, tuple(problems))


def agreement_html(detail: CaseDetail, **options: Any) -> str:
    """调解协议书 (People's Mediation Law art. 28–29)."""
    return render(DocumentKind.AGREEMENT, detail, **options).html


def termination_html(detail: CaseDetail, **options: Any) -> str:
    """调解终止告知书: why mediation ended, and the parties' other legal routes (art. 26)."""
    return render(DocumentKind.TERMINATION, detail, **options).html


def casefile_html(detail: CaseDetail, **options: Any) -> str:
    """卷宗: the whole case, for archiving."""
    return render(DocumentKind.CASE_FILE, detail, **options).html


# --- templates ----------------------------------------------------------------------------


def _environment(*folders: Path) -> SandboxedEnvironment:
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    # Sandboxed: a template is a file a clerk edits, not code we vouch for. Strict: a
    # misspelt name is an error the clerk hears about, not a blank on a legal paper.
    env = SandboxedEnvironment(
        loader=FileSystemLoader([str(f) for f in folders], encoding="utf-8"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        cn_date=cn_date, cn_upper_date=cn_upper_date, cn_number=cn_number, multiline=multiline,
        paragraphs=paragraphs, pad=pad,
    )  # fmt: skip
    return env


def _problem(error: Exception, name: str) -> TemplateProblem:
    from jinja2 import TemplateSyntaxError

    if isinstance(error, TemplateSyntaxError):
        return TemplateProblem(error.filename or name, error.lineno, error.message or str(error))
    # Jinja rewrites the traceback so that template frames name the file and its line.
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".html")]
    where = frames[-1] if frames else None
    return TemplateProblem(
        where.filename if where else name, where.lineno if where else None, str(error)
    )


def cn_date(value: dt.date | None) -> str:
    """2026年3月5日; a blank to fill in by hand when there is no date."""
    if value is None:
        return "____年__月__日"
    return f"{value.year}年{value.month}月{value.day}日"


_DIGITS = "〇一二三四五六七八九"


def _upper_number(number: int) -> str:
    if number < 10:
        return _DIGITS[number]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def cn_number(number: int) -> str:
    """三 for 3: counts in the text of a document (一式三份)."""
    return _upper_number(number) if 0 <= number < 100 else str(number)


def cn_upper_date(value: dt.date) -> str:
    """二〇二六年三月五日, as the date under a committee's seal is written."""
    year = "".join(_DIGITS[int(d)] for d in str(value.year))
    return f"{year}年{_upper_number(value.month)}月{_upper_number(value.day)}日"


def multiline(text: str) -> Markup:
    """Text as typed, its line breaks kept (escaped: it is the parties' words)."""
    return Markup("<br/>").join(escape(line) for line in text.strip().splitlines())


def paragraphs(text: str, kind: str = "body") -> Markup:
    """Text as typed, each of its lines a paragraph of class ``kind`` (indented)."""
    lines = [line for line in text.strip().splitlines() if line.strip()] or [""]
    return Markup("").join(Markup('<p class="{}">{}</p>').format(kind, line) for line in lines)


def pad(text: str, width: int = 8) -> Markup:
    """The text, or a line to write on by hand when it is empty."""
    return escape(text) if text else Markup("_" * width)


# --- the case, in the words of the paper --------------------------------------------------

ROLES = {"applicant": "申请人", "respondent": "被申请人"}
DISPUTE_TYPES = {
    "marriage_family": "婚姻家庭", "neighbour": "邻里", "housing_homestead": "房屋宅基地",
    "contract": "合同", "business": "生产经营", "damages": "损害赔偿", "forest_land": "山林土地",
    "expropriation": "征地拆迁", "environment": "环境污染", "labour": "劳动争议", "medical": "医疗",
    "property_management": "物业", "traffic": "道路交通事故", "consumer": "消费", "other": "其他",
}  # fmt: skip
STATUSES = {
    "registered": "已登记", "accepted": "已受理", "in_mediation": "调解中",
    "agreement": "达成调解协议", "terminated": "调解终止", "performing": "履行中",
    "followed_up": "已回访", "archived": "已归档", "escalated": "已上报", "returned": "已退回",
}  # fmt: skip
PRIORITIES = {
    "routine": "一般（小事快办）",
    "urgent": "紧急（急事速办）",
    "hard": "疑难（难事联办）",
}
LEVELS = {"village": "村（社区）", "town": "镇（街道）", "district": "区"}
VISIT_KINDS = {
    "patrol": "网格巡查", "home_visit": "上门听诊", "appointment": "预约接诊",
    "joint_consultation": "联合会诊", "follow_up": "回访",
}  # fmt: skip
SURVEY = {"attitude": "调处态度", "procedure": "调处规范", "effect": "调处效果"}
SATISFACTION = {"satisfied": "满意", "basically_satisfied": "基本满意", "unsatisfied": "不满意"}
ANSWERS = {
    "yes": "是", "no": "否", "all_agree": "各方均同意", "undecided": "尚未决定",
    "refused": "有当事人拒绝", "none": "无风险", "low": "风险较低",
    "high": "风险较高（可能激化）", "listed": "已列明", "none_yet": "暂无",
}  # fmt: skip
STEP_STATES = {"done": "已完成", "open": "未完成", "not_needed": "无需办理"}
EVENTS = {
    "case.recorded": "登记案件", "case.status_changed": "状态变更",
    "case.intake_answered": "填写受理清单", "case.intake_evaluated": "优先级或建议层级变更",
    "case.step_completed": "记录流程步骤", "case.attachment_added": "添加文件",
    "visit.logged": "记录走访", "visit.linked": "巡查关联本案", "case.conflict_settled": "处理冲突",
    "escalation.raised": "上报", "escalation.received": "上级签收",
    "escalation.accepted": "上级接单", "escalation.dispatched": "派单",
    "escalation.noted": "办理记录", "escalation.closed": "结单", "escalation.returned": "退回",
    "case.personal_data_shown": "查看当事人完整身份证号和电话",
}  # fmt: skip
ESCALATION_STATES = {
    "sent": "已上报，待签收", "received": "已签收，待接单", "accepted": "已接单",
    "dispatched": "已派单，办理中", "closed": "已结单", "returned": "已退回",
    "forwarded": "已上报区级",
}  # fmt: skip
URGENCIES = {"routine": "一般", "urgent": "紧急"}


def _word(table: dict[str, str], code: str) -> str:
    return table.get(code, code)  # a code of a newer release is printed as it is


def _local(moment: dt.datetime) -> dt.datetime:
    return (moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment).astimezone()


def _party(party: PartyRow) -> dict[str, Any]:
    # Unmasked, unlike lists and exports (casework.masking): the agreement is the
    # parties' own paper and the law asks for their identity details on it.
    sex, born = _from_id_number(party.id_number)
    return {
        "role": _word(ROLES, party.role), "role_code": party.role, "name": party.name,
        "sex": sex, "birth_date": born, "id_number": party.id_number,
        "phone": display_phone(party.phone), "address": party.address,
    }  # fmt: skip


def _from_id_number(number: str) -> tuple[str, dt.date | None]:
    # The 17th digit is odd for a man; digits 7–14 are the date of birth (GB 11643).
    if len(number) != 18 or not number[:17].isdigit():
        return "", None
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "", None
    return ("男" if int(number[16]) % 2 else "女"), born


def _case(detail: CaseDetail) -> dict[str, Any]:
    return {
        "number": detail.number, "village": detail.org_unit_name,
        "dispute_type": _word(DISPUTE_TYPES, detail.dispute_type), "facts": detail.facts,
        "claims": detail.claims, "priority": _word(PRIORITIES, detail.priority),
        "level": _word(LEVELS, detail.level), "status": _word(STATUSES, detail.status),
        "received_on": _local(detail.created_at).date(), "due_on": detail.due_on,
    }  # fmt: skip


def _step(detail: CaseDetail, code: str) -> StepRow | None:
    return next((s for s in detail.steps if s.code == code), None)


def _entries(detail: CaseDetail, code: str) -> list[dict[str, str]]:
    step = _step(detail, code)
    return [e for e in step.entries if e] if step else []


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _recorded(detail: CaseDetail, step: str, outcome: str) -> EventRow | None:
    """The event that recorded ``step``: its own, or the higher level's 结单 with that
    outcome (a closure enters the case's outcome step)."""
    found = None
    for event in detail.history:
        own = event.type == "case.step_completed" and event.payload.get("step") == step
        closed = event.type == "escalation.closed" and event.payload.get("outcome") == outcome
        if own or closed:
            found = event
    return found


def _agreement(detail: CaseDetail, today: dt.date) -> dict[str, Any] | None:
    entries = _entries(detail, "agreement")
    if not entries:
        return None
    last, event = entries[-1], _recorded(detail, "agreement", "agreement")
    return {
        "terms": last.get("terms", ""),
        "performance_deadline": _iso_date(last.get("performance_deadline", "")),
        "agreed_on": _local(event.recorded_at).date() if event else today,
        "mediator": event.author_name if event else "",
    }


def _termination(detail: CaseDetail, today: dt.date) -> dict[str, Any] | None:
    entries = _entries(detail, "termination")
    if not entries:
        return None
    last, event = entries[-1], _recorded(detail, "termination", "terminated")
    return {
        "reason": last.get("reason", ""),
        "other_routes_explained": last.get("other_routes_explained") == "yes",
        "ended_on": _local(event.recorded_at).date() if event else today,
        "mediator": event.author_name if event else "",
    }


def _value(kind: str, value: str) -> str:
    if kind == "date" and (day := _iso_date(value)):
        return cn_date(day)
    if kind == "confirm":
        return "是" if value == "yes" else "否"
    return value


def _steps(detail: CaseDetail) -> list[dict[str, Any]]:
    rows = []
    for step in detail.steps:
        kinds = {f.code: (f.label, f.kind) for f in step.fields}
        entries = [
            [(kinds.get(code, (code, "text"))[0], _value(kinds.get(code, ("", "text"))[1], v))
             for code, v in entry.items()]
            for entry in step.entries if entry
        ]  # fmt: skip
        rows.append({"code": step.code, "name": step.name, "due_on": step.due_on,
                     "state": _word(STEP_STATES, step.state), "entries": entries})  # fmt: skip
    return rows


def _visit(visit: VisitRow) -> dict[str, Any]:
    return {
        "kind": _word(VISIT_KINDS, visit.kind), "kind_code": visit.kind,
        "visited_on": visit.visited_on, "place": visit.place, "people": visit.people,
        "notes": visit.notes, "outcome": visit.outcome, "next_visit_on": visit.next_visit_on,
        "survey": [(_word(SURVEY, k), _word(SATISFACTION, v)) for k, v in visit.survey.items()],
        "comment": visit.comment, "recorded_by": visit.recorded_by,
    }  # fmt: skip


def _intake(detail: CaseDetail) -> list[dict[str, str]]:
    if detail.intake is None:
        return []
    return [{"question": q.text, "answer": _word(ANSWERS, q.value) if q.value else "未填写",
             "note": q.note} for q in detail.intake.questions]  # fmt: skip


def _escalations(detail: CaseDetail) -> list[dict[str, Any]]:
    def unit(code: str) -> str:
        return detail.unit_names.get(code, code)

    return [{
        "to_unit": unit(e.to_unit), "from_unit": unit(e.from_unit), "reason": e.reason,
        "tried": e.tried, "urgency": _word(URGENCIES, e.urgency), "raised_by": e.raised_by,
        "raised_at": _local(e.raised_at), "state": _word(ESCALATION_STATES, e.state),
        "outcome": _word(STATUSES, e.outcome) if e.outcome else "",
        "acts": [{"at": _local(a.at), "by": a.by, "unit": unit(a.unit),
                  "what": _word(EVENTS, a.kind), "text": a.text} for a in e.acts],
    } for e in detail.escalations]  # fmt: skip


def _history(detail: CaseDetail) -> list[dict[str, Any]]:
    questions = {q.code: q.text for q in detail.intake.questions} if detail.intake else {}
    steps = {s.code: s.name for s in detail.steps}
    return [{"at": _local(e.recorded_at), "by": e.author_name,
             "what": _describe(e, questions, steps)} for e in detail.history]  # fmt: skip


def _describe(event: EventRow, questions: dict[str, str], steps: dict[str, str]) -> str:
    p, what = event.payload, _word(EVENTS, event.type)
    details: dict[str, Callable[[], str]] = {
        "case.status_changed": lambda: (
            f"{_word(STATUSES, str(p.get('from')))} → "
            f"{_word(STATUSES, str(p.get('to')))}" + (f"（{p['note']}）" if p.get("note") else "")
        ),
        "case.intake_answered": lambda: (
            f"{questions.get(str(p.get('question')), p.get('question'))}"
            f"：{_word(ANSWERS, str(p.get('value')))}"
        ),
        "case.step_completed": lambda: steps.get(str(p.get("step")), str(p.get("step"))),
        "case.attachment_added": lambda: str(p.get("file_name", "")),
        "visit.logged": lambda: _word(VISIT_KINDS, str(p.get("kind"))),
    }
    detail = details.get(event.type)
    return f"{what}：{detail()}" if detail else what


def _committee(detail: CaseDetail) -> str:
    return f"{detail.org_unit_name}人民调解委员会"


def _context(kind: DocumentKind, detail: CaseDetail, today: dt.date) -> dict[str, Any]:
    agreement, termination = _agreement(detail, today), _termination(detail, today)
    if kind is DocumentKind.AGREEMENT and agreement is None:
        raise DocumentRefused(kind, "no_agreement", f"case {detail.number} has no agreement")
    if kind is DocumentKind.TERMINATION and termination is None:
        raise DocumentRefused(kind, "no_termination", f"case {detail.number} was not terminated")
    parties = [_party(p) for p in detail.parties]
    return {
        "title": kind.document_title, "today": today, "committee": _committee(detail),
        "case": _case(detail), "parties": parties, "copies": len(parties) + 1,
        "agreement": agreement, "termination": termination,
        "findings": [e.get("findings", "") for e in _entries(detail, "investigate")],
        "sessions": [{"held_on": _iso_date(e.get("held_on", "")), "record": e.get("record", "")}
                     for e in _entries(detail, "mediate")],
        "intake": _intake(detail), "steps": _steps(detail),
        "visits": [_visit(v) for v in sorted(detail.visits, key=lambda v: v.visited_on)],
        "escalations": _escalations(detail), "history": _history(detail),
    }  # fmt: skip
