"""The ledger 台账: one row per case passing the case list's filters, as .xlsx or .csv.

Rows stream from one read of the store into the file (xlsxwriter's constant_memory mode
keeps one row in memory), so 100,000 cases stay small. The file is written beside the
target under a temporary name and renamed at the end: a cancelled or failed export
leaves nothing at the target path, and an older ledger there stays whole until the new
one is complete.

Headers and the words for codes are Chinese: the ledger is for Chinese clerks whatever
the interface language, and casework has no Qt translations.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import enum
import errno
import os
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casework import listing
from casework.domain import DisputeType, Level, Priority
from casework.masking import mask_text
from casework.rows import CaseFilter
from casework.status import OPEN_STATUSES, CaseStatus

if TYPE_CHECKING:
    from casework.casebook import Casebook

PROGRESS_EVERY = 500  # rows between progress reports (and chances to cancel)

Cell = str | dt.date | None
# (rows written, rows in all); returns False to stop the export.
Progress = Callable[[int, int], bool]


class LedgerKind(enum.StrEnum):
    """The file formats of a ledger."""

    XLSX = "xlsx"
    CSV = "csv"


class LedgerCancelled(Exception):
    """The export was stopped by its progress callback; nothing was written."""


class Fault(enum.StrEnum):
    """Why a ledger could not be written, in terms a clerk can act on."""

    FOLDER_MISSING = "folder_missing"  # e.g. a USB drive pulled out
    FOLDER_READ_ONLY = "folder_read_only"
    TARGET_IN_USE = "target_in_use"  # Windows: the old file is open in Excel or WPS
    DISK_FULL = "disk_full"


class LedgerNotWritten(Exception):
    """The ledger file could not be written; the cases are untouched."""

    def __init__(self, fault: Fault, path: Path, cause: OSError) -> None:
        super().__init__(f"ledger not written to {path}: {fault.value} ({cause})")
        self.fault = fault
        self.path = path


@dataclasses.dataclass(frozen=True)
class Column:
    """A column of the ledger: its Chinese header and width in Excel characters."""

    header: str
    width: float
    is_date: bool = False


COLUMNS = (
    Column("案件编号", 27),
    Column("登记日期", 12, is_date=True),
    Column("村（社区）", 14),
    Column("纠纷类型", 12),
    Column("当事人", 22),
    Column("简要案情", 40),
    Column("状态", 12),
    Column("优先级", 9),
    Column("处理层级", 10),
    Column("受理日期", 12, is_date=True),
    Column("办结日期", 12, is_date=True),
    Column("调解结果", 9),
    Column("期限", 12, is_date=True),
    Column("是否超期", 9),
    # The rest of the paper ledger's columns (DESIGN.md §7).
    Column("承办调解员", 10),
    Column("协议形式", 9),
    Column("履行情况", 24),
    Column("回访情况", 18),
    Column("备注", 16),
)

STATUS_ZH = {
    CaseStatus.REGISTERED: "已登记",
    CaseStatus.ACCEPTED: "已受理",
    CaseStatus.IN_MEDIATION: "调解中",
    CaseStatus.AGREEMENT: "达成调解协议",
    CaseStatus.TERMINATED: "调解终止",
    CaseStatus.PERFORMING: "履行中",
    CaseStatus.FOLLOWED_UP: "已回访",
    CaseStatus.ARCHIVED: "已归档",
    CaseStatus.ESCALATED: "已上报",
    CaseStatus.RETURNED: "已退回",
}
DISPUTE_TYPE_ZH = {
    DisputeType.MARRIAGE_FAMILY: "婚姻家庭",
    DisputeType.NEIGHBOUR: "邻里",
    DisputeType.HOUSING_HOMESTEAD: "房屋宅基地",
    DisputeType.CONTRACT: "合同",
    DisputeType.BUSINESS: "生产经营",
    DisputeType.DAMAGES: "损害赔偿",
    DisputeType.FOREST_LAND: "山林土地",
    DisputeType.EXPROPRIATION: "征地拆迁",
    DisputeType.ENVIRONMENT: "环境污染",
    DisputeType.LABOUR: "劳动争议",
    DisputeType.MEDICAL: "医疗",
    DisputeType.PROPERTY_MANAGEMENT: "物业",
    DisputeType.TRAFFIC: "道路交通事故",
    DisputeType.CONSUMER: "消费",
    DisputeType.OTHER: "其他",
}
PRIORITY_ZH = {Priority.ROUTINE: "小事快办", Priority.URGENT: "急事速办", Priority.HARD: "难事联办"}
LEVEL_ZH = {Level.VILLAGE: "村（社区）", Level.TOWN: "镇（街道）", Level.DISTRICT: "区"}
# The outcome step that ends a mediation (流程清单): its step code and the result in words.
RESULT_ZH = {"agreement": "成功", "termination": "不成功"}

# The closing date 办结日期 is when the first outcome step (agreement or termination) was
# recorded, as the 统计 page counts a case closed (casework.figures); an escalated case
# gets that step from the desk that closed it.
_ROWS = """
SELECT c.number, c.created_at, u.name, c.dispute_type,
       (SELECT group_concat(name, '、')
          FROM (SELECT name FROM parties WHERE case_id = c.id ORDER BY position)),
       c.facts, c.status, c.priority, c.level, c.accepted_at,
       o.step, o.done_at, c.due_on, w.name,
       (SELECT json_extract(entries, '$[#-1].performance') FROM process_steps
         WHERE case_id = c.id AND step = 'performance' AND json_array_length(entries) > 0),
       (SELECT v.visited_on || ' ' || coalesce(v.effect, '') FROM visits v
         WHERE v.case_id = c.id AND v.kind = 'follow_up' ORDER BY v.visited_on DESC LIMIT 1)
  FROM cases c
  LEFT JOIN workers w ON w.id = c.created_by
  LEFT JOIN org_units u ON u.code = c.org_unit_code
  LEFT JOIN process_steps o ON o.rowid = (
       SELECT rowid FROM process_steps
        WHERE case_id = c.id AND step IN ('agreement', 'termination') AND done_at IS NOT NULL
          AND json_array_length(entries) > 0  -- recorded, not settled as no longer needed
        ORDER BY done_at LIMIT 1)
 {where}
 ORDER BY c.created_at, c.id
"""


def _local_date(stored: str | None) -> dt.date | None:
    # Times are stored as naive UTC text; a clerk's ledger shows the local calendar day.
    if stored is None:
        return None
    return dt.datetime.fromisoformat(stored).replace(tzinfo=dt.UTC).astimezone().date()


def _cells(row: tuple[Any, ...], today: dt.date) -> tuple[Cell, ...]:
    """One case's row of the ledger, codes in Chinese words (unknown codes as they are).

    Free text (facts, performance, remarks) has its ID numbers and phones masked: a
    ledger leaves the laptop, and workers type numbers into what parties said."""
    number, created, village, kind, parties, facts, status, priority, level = row[:9]
    accepted, outcome, closed, due, handler, performance, follow_up = row[9:]
    due_on = dt.date.fromisoformat(due) if due else None
    overdue = due_on is not None and due_on < today and status in OPEN_STATUSES
    return (
        number, _local_date(created), village or "", DISPUTE_TYPE_ZH.get(kind, kind),
        parties or "", mask_text(facts), STATUS_ZH.get(status, status),
        PRIORITY_ZH.get(priority, priority), LEVEL_ZH.get(level, level),
        _local_date(accepted), _local_date(closed),
        RESULT_ZH.get(outcome, "") if outcome else "", due_on, "是" if overdue else "否",
        handler or "", "书面" if outcome == "agreement" else "", mask_text(performance or ""),
        _follow_up(follow_up), "",
    )  # fmt: skip


# A follow-up visit's survey answer on the effect of the mediation (调处效果), in words.
EFFECT_ZH = {"satisfied": "满意", "basically_satisfied": "基本满意", "unsatisfied": "不满意"}


def _follow_up(found: str | None) -> str:
    # "<date> <effect>" of the latest follow-up visit (回访), as the paper ledger notes it.
    if not found:
        return ""
    day, _, effect = found.partition(" ")
    return f"{day} 回访，{EFFECT_ZH.get(effect, effect)}" if effect else f"{day} 回访"


def ledger_rows(
    connection: sqlite3.Connection, narrow: CaseFilter, today: dt.date
) -> tuple[int, Iterator[tuple[Cell, ...]]]:
    """How many cases pass ``narrow``, and their ledger rows oldest first, read as they
    are written out. Call inside a read transaction so the count and rows agree."""
    where, params = listing.narrowing(connection, narrow, today)
    total = int(connection.execute(f"SELECT count(*) FROM cases c {where}", params).fetchone()[0])
    cursor = connection.execute(_ROWS.format(where=where), params)
    return total, (_cells(row, today) for row in cursor)


# --- writing a file -------------------------------------------------------------------


def _part_path(path: Path) -> Path:
    # Hidden, beside the target (same disk, so the final rename is atomic), never reused.
    return path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.part")


# Out of space, or of the user's quota (not named on every system).
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _fault(error: OSError, *, renaming: bool) -> Fault | None:
    # On Windows a file open in Excel or WPS refuses the rename with a sharing violation,
    # which Python raises as PermissionError.
    if error.errno in _FULL:
        return Fault.DISK_FULL
    if isinstance(error, FileNotFoundError) and not renaming:
        return Fault.FOLDER_MISSING
    if isinstance(error, PermissionError) or error.errno == errno.EROFS:
        return Fault.TARGET_IN_USE if renaming else Fault.FOLDER_READ_ONLY
    return None


@contextlib.contextmanager
def _named(error_path: Path, *, renaming: bool = False) -> Iterator[None]:
    """Turn the file system's refusals into LedgerNotWritten a clerk can act on."""
    try:
        yield
    except OSError as error:
        fault = _fault(error, renaming=renaming)
        if fault is None:
            raise
        raise LedgerNotWritten(fault, error_path, error) from error


def _counted(
    rows: Iterator[tuple[Cell, ...]], total: int, progress: Progress
) -> Iterator[tuple[Cell, ...]]:
    """``rows`` passed through, reporting every PROGRESS_EVERY; stops when told to."""
    if not progress(0, total):
        raise LedgerCancelled
    for done, row in enumerate(rows, start=1):
        yield row
        if done % PROGRESS_EVERY == 0 and not progress(done, total):
            raise LedgerCancelled


def _inert(text: str) -> str:
    # A cell starting like a formula would be run by Excel when the CSV opens.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _write_csv(part: Path, rows: Iterator[tuple[Cell, ...]]) -> int:
    written = 0
    # utf-8-sig: the byte-order mark is how Excel knows the file is UTF-8 (else GBK).
    with part.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow([c.header for c in COLUMNS])
        for row in rows:
            writer.writerow(
                ["" if v is None else v.isoformat() if isinstance(v, dt.date) else _inert(v)
                 for v in row]
            )  # fmt: skip
            written += 1
    return written


def _write_xlsx(part: Path, rows: Iterator[tuple[Cell, ...]], title: str) -> int:
    from xlsxwriter.exceptions import FileCreateError  # type: ignore[import-untyped]

    try:
        return _fill_xlsx(part, rows, title)
    except FileCreateError as error:  # the OSError of writing the file, wrapped
        raise error.args[0] from None


# Text stays text: no formulas or links made from what a party said.
_XLSX_OPTIONS = {"constant_memory": True, "strings_to_formulas": False,
                 "strings_to_urls": False, "strings_to_numbers": False}  # fmt: skip


def _fill_xlsx(part: Path, rows: Iterator[tuple[Cell, ...]], title: str) -> int:
    import xlsxwriter  # type: ignore[import-untyped] # loads only when a ledger is exported

    with tempfile.TemporaryDirectory(prefix="outpost-ledger-", ignore_cleanup_errors=True) as tmp:
        book = xlsxwriter.Workbook(str(part), {**_XLSX_OPTIONS, "tmpdir": tmp})
        try:
            book.set_properties({"title": title})
            sheet, day = _sheet(book)
            written = _xlsx_rows(sheet, rows, day)
            sheet.autofilter(0, 0, written, len(COLUMNS) - 1)
        finally:
            book.close()  # also on cancel: releases its temporary files; the part goes
    return written


def _sheet(book: Any) -> tuple[Any, Any]:
    """The ledger's sheet with its header frozen and its columns sized; the date format."""
    sheet = book.add_worksheet("台账")
    bold = book.add_format({"bold": True, "bg_color": "#DDE5EE", "border": 1})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    for index, column in enumerate(COLUMNS):
        sheet.set_column(index, index, column.width, day if column.is_date else None)
        sheet.write_string(0, index, column.header, bold)
    sheet.freeze_panes(1, 0)
    return sheet, day


def _xlsx_rows(sheet: Any, rows: Iterator[tuple[Cell, ...]], day: Any) -> int:
    # constant_memory: rows go out in order, one at a time; empty cells are left blank.
    written = 0
    for written, row in enumerate(rows, start=1):
        for index, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(written, index, value, day)
            elif value:
                sheet.write_string(written, index, value)
    return written


def write_ledger(
    connection: sqlite3.Connection,
    narrow: CaseFilter,
    path: Path,
    kind: LedgerKind,
    progress: Progress,
    today: dt.date | None = None,
) -> int:
    """Write the ledger of the cases passing ``narrow`` to ``path``; returns how many.

    Raises LedgerCancelled when ``progress`` returns False, LedgerNotWritten when the
    folder or file refuses; either way nothing is left at ``path`` that was not there.
    """
    today = today or dt.date.today()
    part = _part_path(path)
    with _named(path.parent):  # a missing or read-only folder is known before any work
        part.open("xb").close()
    connection.execute("BEGIN")  # one snapshot: the count and the rows agree
    try:
        total, rows = ledger_rows(connection, narrow, today)
        counted = _counted(rows, total, progress)
        with _named(path.parent):
            if kind is LedgerKind.CSV:
                written = _write_csv(part, counted)
            else:
                written = _write_xlsx(part, counted, f"台账 {today.isoformat()}")
        with _named(path, renaming=True):
            os.replace(part, path)
    finally:
        connection.rollback()
        with contextlib.suppress(OSError):  # gone once renamed; else not worth a second error
            part.unlink(missing_ok=True)
    progress(written, written)
    return written


def export_ledger(
    book: Casebook,
    narrow: CaseFilter,
    path: Path,
    kind: LedgerKind | str,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> int:
    """The ledger of ``book``'s cases passing ``narrow``, written to ``path`` (see
    write_ledger). Reads on a connection of its own, so the case list's stays free."""
    connection = listing.connect_reader(book.path, book.key)  # an encrypted store's key
    try:
        return write_ledger(
            connection, narrow, path, LedgerKind(kind), progress or (lambda _d, _t: True), today
        )
    finally:
        connection.close()
