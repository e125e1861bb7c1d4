"""Draw the README's picture of a mediation agreement 调解协议书: its first page as PNG.

Run from the repository root, after ``./dev test`` or ``./dev run`` has set up the .venv::

    .venv/bin/python docs/documents_screenshot.py

It takes a sample neighbour dispute in a scratch data folder through its checklists to
an agreement, saves the agreement as PDF exactly as the case page's 文书 button does
(the bundled font, A4), and turns the first page into ``agreement.png`` next to this
file with poppler's ``pdftoppm -png -r 80`` (Debian: poppler-utils). No screen is
needed: Qt runs offscreen.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads: no screen needed

from PySide6.QtGui import QGuiApplication

import resources
from casework.casebook import Casebook, open_casebook
from casework.documents import DocumentKind, own_templates_dir, render
from casework.drafts import CaseDraft, PartyDraft
from casework.intake import clean_answers
from casework.saved_drafts import WizardDraft
from desktop.documents import save_pdf

HERE = Path(__file__).resolve().parent
VILLAGE = "320509003001"  # 七都镇开弦弓村 in the sample org tree

# Made-up people; only the ID numbers' check digits are right (GB 11643).
DISPUTE = CaseDraft(
    dispute_type="neighbour",
    facts="李秀英家空调外机排水管正对张建国家院子，常年滴水，张建国晾晒的衣物多次被污损。",
    claims="要求改接排水管，并赔偿衣物损失500元。",
    parties=[
        PartyDraft("张建国", "applicant", "320509197803053511", "13812345678",
                   "七都镇开弦弓村12组3号"),
        PartyDraft("李秀英", "respondent", "320509196208170428", "13962345678",
                   "七都镇开弦弓村12组5号"),
    ],
)  # fmt: skip
FINDINGS = "经现场查看，情况属实。"
SESSION = "在村委会调解室面对面调解。调解员释法说理，双方各自让步，同意改接排水管并适当赔偿。"
TERMS = (
    "一、李秀英自费将空调外机排水管改接至自家院内下水口。\n"
    "二、李秀英一次性赔偿张建国衣物损失人民币300元，张建国放弃其他请求。"
)


def _agreed_case(book: Casebook) -> str:
    case_id = book.take_in(WizardDraft(DISPUTE, clean_answers(book.checklists.intake)))
    book.complete_step(case_id, "investigate", {"findings": FINDINGS})
    held_on = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    book.complete_step(case_id, "mediate", {"held_on": held_on, "record": SESSION})
    book.complete_step(case_id, "agreement",
                       {"terms": TERMS, "performance_deadline": "2026-12-10"})  # fmt: skip
    return case_id


def main() -> int:
    """Write docs/agreement.png; returns the exit status."""
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing: install poppler-utils", file=sys.stderr)
        return 1
    app = QGuiApplication(sys.argv)  # noqa: F841  (Qt's fonts need an application)
    with tempfile.TemporaryDirectory(prefix="outpost-documents-") as scratch:
        data = Path(scratch) / "data"
        book = open_casebook(data, resources.sample_org_tree())
        try:
            book.set_up(worker_name="王芳", org_unit_code=VILLAGE)
            detail = book.case_detail(_agreed_case(book))
        finally:
            book.close()
        made = render(DocumentKind.AGREEMENT, detail, own_templates=own_templates_dir(data))
        pdf = Path(scratch) / made.file_name
        save_pdf(made.html, pdf, title=made.kind.document_title)
        stem = Path(scratch) / "page"
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1",
                        "-singlefile", str(pdf), str(stem)], check=True)  # fmt: skip
        shutil.copyfile(stem.with_suffix(".png"), HERE / "agreement.png")
    print(HERE / "agreement.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
