"""The documents as PDF and on the printer: real cases, real files, read back by poppler."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from casework.casebook import Casebook
from casework.documents import DocumentKind, agreement_html, casefile_html
from casework.intake import clean_answers
from casework.saved_drafts import WizardDraft
from desktop.backend import Backend
from desktop.casepage import CasePage
from desktop.documents import new_printer, save_pdf
from tests.conftest import neighbour_dispute
from tests.desktop.conftest import answer_message_box

TERMS = (
    "一、李秀英于2026年12月20日前将空调外机移至东侧墙面。\n二、李秀英赔偿张建国损失人民币300元。"
)
REASON = "被申请人明确表示不再接受调解，双方分歧较大。"
PARTIES = ("张建国", "李秀英")


def _pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext extracts it, whitespace and line breaks closed up."""
    found = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    return re.sub(r"\s+", "", found.stdout)


def _embedded_fonts(path: Path) -> list[str]:
    """The fonts pdffonts lists as embedded in the PDF."""
    found = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = [line.split() for line in found.stdout.splitlines()[2:]]
    # name, type words…, encoding, emb, sub, uni, object, id
    return [row[0] for row in rows if len(row) >= 7 and row[-5] == "yes"]


def _on_writer(qtbot: QtBot, backend: Backend, work: Callable[[Casebook], Any]) -> Any:
    done: list[Any] = []
    backend.submit(work, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    return done[0]


def _taken_in(book: Casebook) -> str:
    return book.take_in(WizardDraft(neighbour_dispute(), clean_answers(book.checklists.intake)))


def _agreed(book: Casebook) -> str:
    case_id = _taken_in(book)
    book.complete_step(case_id, "investigate", {"findings": "已查看现场，空调外机确实滴水。"})
    book.complete_step(case_id, "mediate", {"held_on": "2026-11-20", "record": "双方面对面协商。"})
    book.complete_step(case_id, "agreement",
                       {"terms": TERMS, "performance_deadline": "2026-12-20"})  # fmt: skip
    return case_id


def _terminated(book: Casebook) -> str:
    case_id = _taken_in(book)
    book.complete_step(case_id, "termination",
                       {"reason": REASON, "other_routes_explained": "yes"})  # fmt: skip
    return case_id


def _page(qtbot: QtBot, backend: Backend, case_id: str) -> CasePage:
    page = CasePage(backend)
    qtbot.addWidget(page)
    page.show_case(case_id)
    qtbot.waitUntil(lambda: page.detail is not None, timeout=10_000)
    return page


def _saved(qtbot: QtBot, page: CasePage, kind: DocumentKind, path: Path) -> None:
    with qtbot.waitSignal(page.documents.saved, timeout=20_000) as saved:
        page.documents.save_pdf(kind, path)
    assert saved.args == [str(path)]
    notice = page.documents.notice
    assert notice is not None and str(path) in notice.text()
    notice.done(0)


@pytest.mark.parametrize(
    ("kind", "record", "wording"),
    [
        (DocumentKind.AGREEMENT, _agreed,
         [TERMS, "于2026年12月20日前履行完毕", "本协议一式三份，当事人各执一份，"
          "人民调解委员会留存一份", "开弦弓村人民调解委员会（印章）"]),
        (DocumentKind.TERMINATION, _terminated,
         [f"终止调解的原因：{REASON}", "可以依法向有管辖权的人民法院提起诉讼"]),
    ],
    ids=["agreement", "termination"],
)  # fmt: skip
def test_the_document_saved_from_the_case_page_reads_back_exactly(
    qtbot: QtBot,
    backend: Backend,
    tmp_path: Path,
    kind: DocumentKind,
    record: Callable[[Casebook], str],
    wording: list[str],
) -> None:
    case_id = _on_writer(qtbot, backend, record)
    page = _page(qtbot, backend, case_id)
    path = tmp_path / f"{kind.document_title}.pdf"
    _saved(qtbot, page, kind, path)
    text = _pdf_text(path)
    assert kind.document_title in text
    for expected in (*PARTIES, *wording):
        assert re.sub(r"\s+", "", expected) in text
    assert _embedded_fonts(path) == ["WenQuanYiMicroHei"]
    assert not list(tmp_path.glob("*.part"))  # nothing half-written left beside it


def test_the_printer_gets_the_same_pages(qtbot: QtBot, backend: Backend, tmp_path: Path) -> None:
    case_id = _on_writer(qtbot, backend, _agreed)
    page = _page(qtbot, backend, case_id)
    printer = new_printer()
    # The print dialog's choice, made here: a printer that prints to a file.
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(page.documents.printed, timeout=20_000):
        page.documents.print_on(DocumentKind.AGREEMENT, printer)
    printed = _pdf_text(tmp_path / "printed.pdf")
    _saved(qtbot, page, DocumentKind.AGREEMENT, tmp_path / "saved.pdf")
    assert printed == _pdf_text(tmp_path / "saved.pdf")
    assert re.sub(r"\s+", "", TERMS) in printed


def test_an_agreement_before_there_is_one_is_refused_in_words(
    qtbot: QtBot, backend: Backend, tmp_path: Path
) -> None:
    case_id = _on_writer(qtbot, backend, _taken_in)
    page = _page(qtbot, backend, case_id)
    shown = answer_message_box(qtbot, QMessageBox.StandardButton.Ok)
    page.documents.save_pdf(DocumentKind.AGREEMENT, tmp_path / "协议.pdf")
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown == [
        "No mediation agreement has been recorded for this case. Record the agreement step "
        "(its terms and deadline) first."
    ]
    assert not (tmp_path / "协议.pdf").exists()


def test_the_menu_offers_each_document_as_pdf_or_on_paper(qtbot: QtBot, backend: Backend) -> None:
    page = _page(qtbot, backend, _on_writer(qtbot, backend, _taken_in))
    menu = page.documents.menu()
    assert [a.text() for a in menu.actions()] == [
        "Mediation agreement", "Notice of terminated mediation", "Case file for the archive"
    ]  # fmt: skip
    for entry in menu.actions():
        assert [a.text() for a in entry.menu().actions()] == ["Save as PDF…", "Print…"]


def test_a_long_case_file_is_numbered_page_by_page(
    qtbot: QtBot, backend: Backend, tmp_path: Path
) -> None:
    def many_sessions(book: Casebook) -> str:
        case_id = _taken_in(book)
        book.complete_step(case_id, "investigate", {"findings": "已查看现场。"})
        for day in range(1, 29):
            record = f"第{day}次调解：双方各自陈述意见，调解员释法说理，约定下次再谈。" * 3
            book.complete_step(case_id, "mediate", {"held_on": f"2026-11-{day:02d}",
                                                    "record": record})  # fmt: skip
        return case_id

    case_id = _on_writer(qtbot, backend, many_sessions)
    detail = _on_writer(qtbot, backend, lambda book: book.case_detail(case_id))
    reported: list[tuple[int, int]] = []
    pages = save_pdf(casefile_html(detail), tmp_path / "卷宗.pdf",
                     lambda done, total: reported.append((done, total)))  # fmt: skip
    assert pages > 3 and reported == [(n, pages) for n in range(pages + 1)]
    text = _pdf_text(tmp_path / "卷宗.pdf")
    assert f"第1页共{pages}页" in text and f"第{pages}页共{pages}页" in text
    assert "第二十八次调解（2026年11月28日）" in text


def test_the_signatures_and_the_seal_are_never_parted_by_a_page_break(
    qtbot: QtBot, backend: Backend, tmp_path: Path
) -> None:
    detail = _on_writer(qtbot, backend, lambda book: book.case_detail(_agreed(book)))
    pdf, clause = tmp_path / "协议.pdf", "双方互谅互让，和睦相处，今后如有矛盾先行协商。"
    layouts = set()
    for lines in range(4, 16):  # longer and longer terms: the block meets the page's foot
        terms = "\n".join(f"{n}、{clause}" for n in range(1, lines + 1))
        steps = [dataclasses.replace(s, entries=[{**s.entries[0], "terms": terms}])
                 if s.code == "agreement" else s for s in detail.steps]  # fmt: skip
        save_pdf(agreement_html(dataclasses.replace(detail, steps=steps)), pdf)
        found = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                               capture_output=True, text=True, check=True)  # fmt: skip
        pages = [re.sub(r"\s+", "", page) for page in found.stdout.split("\f") if page.strip()]
        [signed] = [n for n, page in enumerate(pages) if "人民调解员（签名）" in page]
        for line in ("申请人张建国（签名或按指印）", "被申请人李秀英（签名或按指印）",
                     "开弦弓村人民调解委员会（印章）", "二〇二六年"):  # fmt: skip
            assert line in pages[signed], (lines, line)
        layouts.add((len(pages), pages[signed].startswith("申请人张建国（签名")))
    assert (2, True) in layouts  # the block did move whole to a page of its own
