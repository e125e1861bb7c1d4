"""The ledger 台账: the rows of the case list, as Excel, WPS and LibreOffice read them."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

import resources
from bench import bulkdata
from casework import ledger
from casework.casebook import Casebook, open_casebook
from casework.domain import DisputeType, Level, Priority
from casework.intake import clean_answers
from casework.ledger import COLUMNS, Fault, LedgerCancelled, LedgerNotWritten
from casework.rows import CaseFilter, CasePage, CaseRow, CaseSort
from casework.status import CaseStatus
from tests.conftest import ID_WITH_X, neighbour_dispute

CASES = 1200  # more than two progress reports' worth of rows
HEADERS = [c.header for c in COLUMNS]


@pytest.fixture(scope="module")
def bulk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Casebook]:
    """A store of CASES cases in every status, opened as the app opens it."""
    folder = tmp_path_factory.mktemp("bulk")
    bulkdata.build(folder, CASES, seed=11)
    book = open_casebook(folder, resources.sample_org_tree())
    yield book
    book.close()


def _listed(book: Casebook, narrow: CaseFilter = CaseFilter()) -> list[CaseRow]:  # noqa: B008
    rows, total = book.case_page(CasePage(0, 10 * CASES, CaseSort.CREATED_AT, False), narrow)
    assert len(rows) == total
    return rows


def _expected(row: CaseRow) -> dict[str, object]:
    """What the ledger must say of a case the list shows (the columns both have)."""
    return {
        "案件编号": row.number,
        "登记日期": row.created_at.astimezone().date(),
        "当事人": row.parties,
        "纠纷类型": ledger.DISPUTE_TYPE_ZH[DisputeType(row.dispute_type)],
        "状态": ledger.STATUS_ZH[CaseStatus(row.status)],
        "优先级": ledger.PRIORITY_ZH[Priority(row.priority)],
        "期限": row.due_on,
        "是否超期": "是" if row.overdue else "否",
    }


def _xlsx_rows(path: Path) -> list[dict[str, object]]:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    lines = list(sheet.iter_rows(values_only=True))
    assert list(lines[0]) == HEADERS
    return [
        {h: v.date() if isinstance(v, dt.datetime) else ("" if v is None else v)
         for h, v in zip(HEADERS, line, strict=True)}
        for line in lines[1:]
    ]  # fmt: skip


def _csv_rows(path: Path) -> list[dict[str, str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    with path.open(encoding="utf-8-sig", newline="") as file:
        lines = list(csv.reader(file))
    assert lines[0] == HEADERS
    return [dict(zip(HEADERS, line, strict=True)) for line in lines[1:]]


def _as_text(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value or "")


def test_the_xlsx_holds_the_case_list_oldest_first_with_real_dates(
    bulk: Casebook, tmp_path: Path
) -> None:
    path = tmp_path / "台账.xlsx"
    reports: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        reports.append((done, total))
        return True

    written = ledger.export_ledger(bulk, CaseFilter(), path, "xlsx", progress)
    listed = _listed(bulk)
    rows = _xlsx_rows(path)
    assert written == len(rows) == CASES
    assert [{h: r[h] for h in _expected(listed[0])} for r in rows] == [_expected(r) for r in listed]
    assert {r["村（社区）"] for r in rows} == {"开弦弓村"}
    assert {r["处理层级"] for r in rows} <= set(ledger.LEVEL_ZH.values())
    assert reports[0] == (0, CASES) and reports[-1] == (CASES, CASES)
    assert (500, CASES) in reports and (1000, CASES) in reports
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert sheet.freeze_panes == "A2"  # the header stays up while scrolling
    assert sheet.auto_filter.ref == f"A1:S{CASES + 1}"
    assert sheet["B2"].is_date and sheet["B2"].number_format == "yyyy-mm-dd"
    assert sheet.column_dimensions["F"].width > sheet.column_dimensions["B"].width > 10


def test_a_case_mediated_to_an_agreement_shows_when_and_how_it_ended(
    casebook: Casebook, tmp_path: Path
) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    casebook.accept_case(case_id, clean_answers(casebook.checklists.intake))
    casebook.complete_step(case_id, "investigate", {"findings": "已查看现场"})
    casebook.complete_step(case_id, "mediate", {"held_on": "2026-11-20", "record": "第一次"})
    terms = {"terms": "赔偿 500 元", "performance_deadline": "2026-12-01"}
    casebook.complete_step(case_id, "agreement", terms)
    open_case = casebook.record_case(neighbour_dispute("两户因共用水井的使用时间发生口角。"))
    ledger.export_ledger(casebook, CaseFilter(), tmp_path / "l.xlsx", "xlsx")
    ended, still_open = _xlsx_rows(tmp_path / "l.xlsx")
    today = dt.date.today()
    assert ended["受理日期"] == ended["办结日期"] == today
    assert (ended["调解结果"], ended["状态"]) == ("成功", "达成调解协议")
    assert ended["当事人"] == "张建国、李秀英" and str(ended["简要案情"]).startswith("邻居家空调")
    assert (ended["处理层级"], ended["村（社区）"]) == ("村（社区）", "开弦弓村")
    assert (still_open["受理日期"], still_open["办结日期"], still_open["调解结果"]) == ("", "", "")
    assert casebook.case_detail(open_case).number == still_open["案件编号"]
    assert (ended["承办调解员"], ended["协议形式"]) == ("王芳", "书面")


def test_a_terminated_case_is_not_a_success_and_the_paper_columns_are_filled(
    casebook: Casebook, tmp_path: Path
) -> None:
    from casework.visits import VisitDraft

    ended = casebook.record_case(neighbour_dispute())
    casebook.accept_case(ended, clean_answers(casebook.checklists.intake))
    ending = {"reason": "一方拒绝继续调解", "other_routes_explained": "yes"}
    casebook.complete_step(ended, "termination", ending)
    done = casebook.record_case(neighbour_dispute("两户因共用水井的使用时间发生口角。"))
    casebook.accept_case(done, clean_answers(casebook.checklists.intake))
    for step, fields in (
        ("investigate", {"findings": "已查看"}),
        ("mediate", {"held_on": "2026-11-20", "record": "第一次"}),
        ("agreement", {"terms": "轮流使用", "performance_deadline": "2026-12-01"}),
        ("performance", {"performance": "已按协议轮流使用"}),
    ):
        casebook.complete_step(done, step, fields)
    casebook.log_visit(VisitDraft(
        kind="follow_up", visited_on=dt.date(2026, 11, 25), case_id=done, place="家中",
        people="双方", notes="回访", attitude="satisfied", procedure="satisfied",
        effect="basically_satisfied",
    ))  # fmt: skip
    ledger.export_ledger(casebook, CaseFilter(), tmp_path / "l.xlsx", "xlsx")
    terminated, agreed = _xlsx_rows(tmp_path / "l.xlsx")
    assert (terminated["调解结果"], terminated["协议形式"]) == ("不成功", "")
    assert (agreed["调解结果"], agreed["协议形式"]) == ("成功", "书面")
    assert agreed["履行情况"] == "已按协议轮流使用"
    assert agreed["回访情况"] == "2026-11-25 回访，基本满意"
    assert agreed["备注"] == ""


def test_the_csv_holds_the_same_rows_in_utf8_with_a_bom(bulk: Casebook, tmp_path: Path) -> None:
    ledger.export_ledger(bulk, CaseFilter(), tmp_path / "l.xlsx", "xlsx")
    written = ledger.export_ledger(bulk, CaseFilter(), tmp_path / "l.csv", "csv")
    from_xlsx = [{h: _as_text(v) for h, v in r.items()} for r in _xlsx_rows(tmp_path / "l.xlsx")]
    assert written == CASES
    assert _csv_rows(tmp_path / "l.csv") == from_xlsx


def test_the_case_list_filters_and_search_narrow_the_ledger(bulk: Casebook, tmp_path: Path) -> None:
    received_to = _listed(bulk)[CASES // 2].created_at.astimezone().date()
    for narrow in (
        CaseFilter(text="王", statuses=("archived",)),
        CaseFilter(dispute_types=("neighbour", "contract"), priorities=("routine",)),
        CaseFilter(overdue=True),
        CaseFilter(levels=(Level.VILLAGE,), received_to=received_to),
        CaseFilter(text="欧阳修远"),  # nobody: a ledger of its header alone
    ):
        path = tmp_path / "l.csv"
        written = ledger.export_ledger(bulk, narrow, path, "csv")
        numbers = [r["案件编号"] for r in _csv_rows(path)]
        assert numbers == [r.number for r in _listed(bulk, narrow)], narrow
        assert written == len(numbers) and (written == 0) == (narrow.text == "欧阳修远")


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_cancelling_leaves_the_old_ledger_and_no_stray_file(
    bulk: Casebook, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / f"台账.{kind}"
    path.write_text("last month's ledger", encoding="utf-8")
    with pytest.raises(LedgerCancelled):
        ledger.export_ledger(bulk, CaseFilter(), path, kind, lambda done, _total: done < 500)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    assert path.read_text(encoding="utf-8") == "last month's ledger"


def test_a_missing_folder_is_named_before_any_work(casebook: Casebook, tmp_path: Path) -> None:
    target = tmp_path / "U盘" / "台账.xlsx"  # the USB drive was pulled out
    before = list(tmp_path.iterdir())
    with pytest.raises(LedgerNotWritten) as refused:
        ledger.export_ledger(casebook, CaseFilter(), target, "xlsx", lambda *_: pytest.fail())
    assert refused.value.fault is Fault.FOLDER_MISSING and refused.value.path == target.parent
    assert list(tmp_path.iterdir()) == before


def test_text_that_looks_like_a_formula_stays_text(casebook: Casebook, tmp_path: Path) -> None:
    casebook.record_case(neighbour_dispute('=HYPERLINK("http://x") 对方说要赔 500 元'))
    ledger.export_ledger(casebook, CaseFilter(), tmp_path / "l.xlsx", "xlsx")
    ledger.export_ledger(casebook, CaseFilter(), tmp_path / "l.csv", "csv")
    sheet = openpyxl.load_workbook(tmp_path / "l.xlsx").active
    assert sheet is not None
    assert sheet["F2"].data_type == "s" and sheet["F2"].value.startswith("=HYPERLINK")
    assert _csv_rows(tmp_path / "l.csv")[0]["简要案情"].startswith("'=HYPERLINK")


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_id_numbers_and_phones_typed_into_free_text_leave_masked(
    casebook: Casebook, tmp_path: Path, kind: str
) -> None:
    facts = f"张建国（身份证{ID_WITH_X}，电话138 1234 5678）称邻居2026-11-28起多次滴水，索赔500元。"
    case_id = casebook.record_case(neighbour_dispute(facts))
    casebook.accept_case(case_id, clean_answers(casebook.checklists.intake))
    for step, fields in (
        ("investigate", {"findings": "已查看"}),
        ("mediate", {"held_on": "2026-11-20", "record": "第一次"}),
        ("agreement", {"terms": "赔偿 500 元", "performance_deadline": "2026-12-01"}),
        ("performance", {"performance": "已付清，收款人电话0512-63981234"}),
    ):
        casebook.complete_step(case_id, step, fields)
    path = tmp_path / f"l.{kind}"
    ledger.export_ledger(casebook, CaseFilter(), path, kind)
    [row] = _xlsx_rows(path) if kind == "xlsx" else _csv_rows(path)
    assert row["简要案情"] == (
        "张建国（身份证110***********002X，电话138 **** 5678）"
        "称邻居2026-11-28起多次滴水，索赔500元。"
    )
    assert row["履行情况"] == "已付清，收款人电话0512-****1234"
    assert row["案件编号"] == casebook.case_detail(case_id).number  # numbers that stay
    whole = path.read_bytes() if kind == "csv" else _xml_of(path)
    for secret in (ID_WITH_X, "1234 5678", "13812345678", "63981234"):
        assert secret.encode() not in whole


def _xml_of(path: Path) -> bytes:
    """Everything a workbook holds, unpacked: its sheets and shared strings."""
    import zipfile

    with zipfile.ZipFile(path) as book:
        return b"".join(book.read(name) for name in book.namelist())


def test_every_code_has_its_chinese_word() -> None:
    for enum_type, words in (
        (CaseStatus, ledger.STATUS_ZH), (DisputeType, ledger.DISPUTE_TYPE_ZH),
        (Priority, ledger.PRIORITY_ZH), (Level, ledger.LEVEL_ZH),
    ):  # fmt: skip
        assert set(words) == set(enum_type), enum_type
        assert len(set(words.values())) == len(words)


def test_libreoffice_reads_the_same_rows(bulk: Casebook, tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    ledger.export_ledger(bulk, CaseFilter(text="王"), path, "xlsx")
    ledger.export_ledger(bulk, CaseFilter(text="王"), tmp_path / "ours.csv", "csv")
    out = tmp_path / "converted"
    profile = (tmp_path / "lo-profile").as_uri()  # its own: parallel runs do not clash
    # 44,34,76: comma, double quotes, UTF-8; dates come out as the cells format them.
    command = ["libreoffice", f"-env:UserInstallation={profile}", "--headless",
               "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(out),
               str(path)]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    with (out / "台账.csv").open(encoding="utf-8", newline="") as file:
        seen = list(csv.reader(file))
    ours = _csv_rows(tmp_path / "ours.csv")
    assert seen[0] == HEADERS and len(ours) > 100
    assert [dict(zip(HEADERS, line, strict=True)) for line in seen[1:]] == ours
