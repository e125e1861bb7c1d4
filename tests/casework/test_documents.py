"""The documents' HTML: the statutory content, refusals, and a town's own templates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from pathlib import Path

import pytest

from casework.casebook import Casebook
from casework.documents import (
    DocumentKind,
    DocumentRefused,
    agreement_html,
    casefile_html,
    cn_upper_date,
    render,
    termination_html,
)
from casework.drafts import PartyDraft
from casework.intake import clean_answers
from casework.saved_drafts import WizardDraft
from tests.conftest import ID_PLAIN, neighbour_dispute

TERMS = (
    "一、李秀英于2026年12月20日前将空调外机移至东侧墙面。\n二、李秀英赔偿张建国损失人民币300元。"
)
REASON = "被申请人明确表示不再接受调解。"


def _text(page: str) -> str:
    """What the reader sees: tags dropped, entities read, whitespace closed up."""
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", page)))


def _taken_in(book: Casebook, draft: WizardDraft | None = None) -> str:
    lists = book.checklists
    return book.take_in(draft or WizardDraft(neighbour_dispute(), clean_answers(lists.intake)))


def _agreed(book: Casebook, case_id: str | None = None, terms: str = TERMS) -> str:
    case_id = case_id or _taken_in(book)
    book.complete_step(case_id, "investigate", {"findings": "已查看现场，空调外机确实滴水。"})
    book.complete_step(case_id, "mediate", {"held_on": "2026-11-20", "record": "双方面对面协商。"})
    book.complete_step(case_id, "agreement",
                       {"terms": terms, "performance_deadline": "2026-12-20"})  # fmt: skip
    return case_id


def test_the_agreement_holds_the_parties_terms_and_what_the_law_asks(casebook: Casebook) -> None:
    detail = casebook.case_detail(_agreed(casebook))
    text = _text(agreement_html(detail))
    assert "调解协议书" in text and f"编号：{detail.number}" in text
    for party in ("申请人：张建国", "被申请人：李秀英", "住开弦弓村12组3号", "11010519491231002X"):
        assert party in text
    assert TERMS.replace("\n", "") in text
    assert "于2026年12月20日前履行完毕" in text
    assert "邻居家空调外机滴水到院子里" in text and "已查看现场" in text  # facts, findings
    assert "要求移走空调外机并赔偿损失500元" in text  # the matters in dispute
    assert "申请人张建国（签名或按指印）" in text and "人民调解员（签名）" in text
    assert "开弦弓村人民调解委员会（印章）" in text
    assert "本协议一式三份，当事人各执一份，人民调解委员会留存一份" in text


def test_each_party_adds_a_copy(casebook: Casebook) -> None:
    draft = neighbour_dispute()
    third = PartyDraft("王大明", "respondent", ID_PLAIN, "13912345678", "开弦弓村 12 组 7 号")
    draft = dataclasses.replace(draft, parties=[*draft.parties, third])
    case_id = _taken_in(casebook, WizardDraft(draft, clean_answers(casebook.checklists.intake)))
    _agreed(casebook, case_id, "各自修缮。")
    text = _text(agreement_html(casebook.case_detail(case_id)))
    assert "本协议一式四份" in text and "王大明，男，1985年3月12日出生" in text


def test_what_the_parties_typed_is_printed_not_read_as_markup(casebook: Casebook) -> None:
    case_id = _agreed(casebook, terms="<b>赔偿</b> 300 元 & 道歉")
    page = agreement_html(casebook.case_detail(case_id))
    assert "&lt;b&gt;赔偿&lt;/b&gt; 300 元 &amp; 道歉" in page and "<b>赔偿" not in page


def test_no_agreement_without_an_agreement_step(casebook: Casebook) -> None:
    detail = casebook.case_detail(_taken_in(casebook))
    with pytest.raises(DocumentRefused) as refused:
        agreement_html(detail)
    assert refused.value.reason == "no_agreement"
    with pytest.raises(DocumentRefused) as refused:
        termination_html(detail)
    assert refused.value.reason == "no_termination"


def test_the_termination_notice_gives_the_reason_and_the_other_routes(
    casebook: Casebook,
) -> None:
    case_id = _taken_in(casebook)
    casebook.complete_step(case_id, "termination",
                           {"reason": REASON, "other_routes_explained": "yes"})  # fmt: skip
    detail = casebook.case_detail(case_id)
    text = _text(termination_html(detail))
    assert "调解终止告知书" in text and "张建国、李秀英：" in text
    assert f"终止调解的原因：{REASON}" in text
    for route in ("申请仲裁", "请求有关行政机关处理", "向有管辖权的人民法院提起诉讼"):
        assert route in text
    with pytest.raises(DocumentRefused):
        agreement_html(detail)


def test_the_case_file_holds_the_whole_case_in_filing_order(casebook: Casebook) -> None:
    detail = casebook.case_detail(_agreed(casebook))
    text = _text(casefile_html(detail, today=dt.date(2026, 12, 30)))
    order = ["人民调解卷宗", "卷内目录", "一、调解申请", "二、受理登记", "三、调查核实记录",
             "四、调解记录", "五、调解协议", "六、履行情况", "七、回访记录", "八、走访记录",
             "九、上报与反馈", "十、案件历史", "十一、结案说明"]  # fmt: skip
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert "各方当事人是否同意调解各方均同意" in text  # an intake answer, in words
    assert "第一次调解（2026年11月20日）双方面对面协商。" in text
    assert "状态变更：调解中→达成调解协议" in text  # the history
    assert "立卷日期2026年12月30日" in text


def test_a_towns_own_template_wins(casebook: Casebook, tmp_path: Path) -> None:
    own = tmp_path / "templates"
    own.mkdir()
    (own / "agreement.html").write_text(
        '{% extends "base.html" %}{% block content %}<p>七都镇调解协议 {{ case.number }}</p>'
        "{% endblock %}",
        encoding="utf-8",
    )
    detail = casebook.case_detail(_agreed(casebook))
    made = render(DocumentKind.AGREEMENT, detail, own_templates=own)
    assert f"七都镇调解协议 {detail.number}" in made.html and not made.problems
    # The documents the town did not copy are still the shipped ones.
    assert "人民调解卷宗" in render(DocumentKind.CASE_FILE, detail, own_templates=own).html


@pytest.mark.parametrize(
    ("source", "line", "fault"),
    [
        ("<p>第一行</p>\n{% if case.number %}<p>没有结束</p>\n", 2, "endif"),
        ("<p>第一行</p>\n<p>{{ case.numbr }}</p>\n", 2, "numbr"),
    ],
    ids=["syntax error", "unknown name"],
)
def test_a_broken_template_is_refused_with_its_fault_and_the_shipped_one_used(
    casebook: Casebook, tmp_path: Path, source: str, line: int, fault: str
) -> None:
    own = tmp_path / "templates"
    own.mkdir()
    (own / "agreement.html").write_text(source, encoding="utf-8")
    detail = casebook.case_detail(_agreed(casebook))
    made = render(DocumentKind.AGREEMENT, detail, own_templates=own)
    assert "本协议一式三份" in _text(made.html)  # the shipped agreement, whole
    [problem] = made.problems
    assert Path(problem.file) == own / "agreement.html"
    assert problem.line == line and fault in problem.message


def test_dates_under_the_seal_are_written_in_chinese_numerals() -> None:
    assert cn_upper_date(dt.date(2026, 3, 5)) == "二〇二六年三月五日"
    assert cn_upper_date(dt.date(2026, 11, 20)) == "二〇二六年十一月二十日"
    assert cn_upper_date(dt.date(2030, 10, 31)) == "二〇三〇年十月三十一日"
