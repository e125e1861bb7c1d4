"""The case's documents on paper and as PDF: 调解协议书, 调解终止告知书, 卷宗.

casework.documents makes each document's HTML; here it is laid out on A4 with
QTextDocument in the bundled TrueType font (WenQuanYi Micro Hei), so the PDF embeds the
font and its text extracts as the characters written, and painted page by page on a
worker thread, to a PDF file or to the printer chosen in the print dialog.

Signals (PaintJob):
    progress(int, int): pages painted so far, and how many there are.
    finished(): every page is painted (and a PDF is in place).
    failed(object): painting stopped; carries the exception.

Signals (DocumentsButton):
    saved(str): a document was saved as PDF; carries the file's path.
    printed(): a document went to the printer.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QObject, QRectF, QRunnable, QSizeF, Qt, QThreadPool, Signal
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
)
from PySide6.QtWidgets import QMenu, QMessageBox, QProgressDialog, QToolButton, QWidget

from casework.documents import Document, DocumentKind, DocumentRefused, own_templates_dir
from desktop import messages

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from casework.casebook import Casebook
    from desktop.backend import Backend

log = logging.getLogger("outpost.documents")

Progress = Callable[[int, int], None]
BODY_POINTS = 12.0
LAYOUT_DPI = 96
FOOTER_LINES = 2.5  # room kept at the foot of each page for its number
# Official papers (GB/T 9704) leave wider margins at the top and the binding edge.
MARGINS_MM = QMarginsF(28.0, 25.0, 26.0, 22.0)  # left, top, right, bottom


class FontMissing(OSError):
    """The bundled document font could not be loaded: the installation is damaged."""


@functools.cache
def document_family() -> str:
    """Register the bundled font once; the family every document is set in."""
    import resources

    path = resources.document_font()
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    proportional = [f for f in families if "Mono" not in f]
    if not proportional:
        raise FontMissing(f"the document font {path} could not be loaded")
    return proportional[0]


def document_font(points: float = BODY_POINTS) -> QFont:
    """The bundled font at ``points``; hinting off so the PDF keeps its true shapes."""
    font = QFont(document_family())
    font.setPointSizeF(points)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def set_a4(device: QPagedPaintDevice) -> None:
    """A4 portrait with the margins of an official paper."""
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )


def paint(html: str, device: QPagedPaintDevice, on_page: Progress | None = None) -> int:
    """Lay ``html`` out on the device's pages and paint them; returns the page count.
    Several pages are numbered at the foot (第 1 页 共 3 页)."""
    grid = _layout_grid()
    scale = device.logicalDpiY() / LAYOUT_DPI
    width, body = device.width() / scale, device.height() / scale
    document = _laid_out(html, grid, width, body)
    if document.pageCount() > 1:  # numbered pages: keep room at the foot for the number
        body -= QFontMetricsF(document_font(), grid).height() * FOOTER_LINES
        document = _laid_out(html, grid, width, body)
    pages = document.pageCount()
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the page could not be opened for painting")
    try:
        painter.scale(scale, scale)
        for index in range(pages):
            if on_page is not None:
                on_page(index, pages)
            if index:
                device.newPage()
            _paint_page(painter, document, index, width, body)
            if pages > 1:
                _paint_footer(painter, device, f"第 {index + 1} 页 共 {pages} 页")
    finally:
        painter.end()
    if on_page is not None:
        on_page(pages, pages)
    return pages


def _keep_together(document: QTextDocument, page: float) -> None:
    """Start a new page rather than part what belongs together: a heading from what
    follows it, and a table shorter than a page (the signatures from the seal, a visit's
    record) from itself. In document order, since each break moves only what follows."""
    layout = document.documentLayout()
    tables: set[int] = set()
    block = document.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None and table.firstPosition() not in tables:
            tables.add(table.firstPosition())
            box = layout.frameBoundingRect(table)
            if box.height() < page and _page_of(box.top(), page) != _page_of(box.bottom(), page):
                _break_before(block.previous() if _is_heading(block.previous()) else table)
        elif table is None and _is_heading(block) and block.next().isValid():
            here, after = (layout.blockBoundingRect(b).top() for b in (block, block.next()))
            if _page_of(here, page) != _page_of(after, page):
                _break_before(block)
        block = block.next()


def _page_of(y: float, page: float) -> int:
    return int(y // page)


def _break_before(what: QTextBlock | QTextTable) -> None:
    if isinstance(what, QTextTable):
        table_shape = what.frameFormat()
        table_shape.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        what.setFrameFormat(table_shape)
        return
    shape = what.blockFormat()
    shape.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    QTextCursor(what).setBlockFormat(shape)


def _is_heading(block: QTextBlock) -> bool:
    """A single bold line: a section's title, which must not end a page alone."""
    return (
        block.isValid()
        and bool(block.text().strip())
        and block.layout().lineCount() == 1
        and block.charFormat().fontWeight() >= QFont.Weight.Bold
    )


def _paint_footer(painter: QPainter, device: QPagedPaintDevice, text: str) -> None:
    # In the device's own units, so the font's points are the printer's points.
    painter.save()
    painter.resetTransform()
    painter.setFont(document_font(9.0))
    height = painter.fontMetrics().height() * FOOTER_LINES
    painter.drawText(QRectF(0.0, device.height() - height, device.width(), height),
                     Qt.AlignmentFlag.AlignCenter, text)  # fmt: skip
    painter.restore()


def _laid_out(html: str, grid: QImage, width: float, height: float) -> QTextDocument:
    """``html`` laid out in pages of ``width`` by ``height`` on ``grid``, which must
    outlive the document."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(grid)
    document.setUseDesignMetrics(True)  # fractional advances: even spacing on paper
    document.setDefaultFont(document_font())
    document.setDocumentMargin(0)
    document.setHtml(html)
    document.setPageSize(QSizeF(width, height))
    _keep_together(document, height)
    return document


def _layout_grid() -> QImage:
    # Text is laid out on a 96 dpi grid whatever the printer: a px in a template is then
    # 1/96 inch, as in a browser, and the PDF and the printed page come out the same.
    grid = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_metre = round(LAYOUT_DPI / 0.0254)
    grid.setDotsPerMeterX(dots_per_metre)
    grid.setDotsPerMeterY(dots_per_metre)
    return grid


def _paint_page(
    painter: QPainter, document: QTextDocument, index: int, width: float, body: float
) -> None:
    painter.save()
    painter.translate(0.0, -index * body)
    document.drawContents(painter, QRectF(0.0, index * body, width, body))
    painter.restore()


def save_pdf(html: str, path: Path, on_page: Progress | None = None, title: str = "") -> int:
    """Write ``html`` as an A4 PDF at ``path``; returns the page count. The file appears
    whole or not at all: it is written beside and moved into place."""
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(b"")  # an unwritable folder fails here, in plain OSError words
    try:
        writer = QPdfWriter(str(partial))
        writer.setTitle(title)
        writer.setCreator("Outpost 前哨解纷")
        set_a4(writer)
        pages = paint(html, writer, on_page)
        del writer  # closes the file
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return pages


def new_printer() -> QPrinter:
    """A printer set up as the PDFs are: A4, the same margins, full resolution."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    set_a4(printer)
    return printer


def print_document(parent: QWidget | None, html: str, title: str = "") -> bool:
    """Ask for a printer (the print dialog) and print ``html`` on it, here and now.
    Returns False when the dialog was cancelled. The case page prints in the
    background instead (DocumentsButton)."""
    printer = ask_printer(parent, title)
    if printer is None:
        return False
    paint(html, printer)
    return True


def ask_printer(parent: QWidget | None, title: str) -> QPrinter | None:
    """The print dialog on an A4 printer; the printer chosen, or None when cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog

    printer = new_printer()
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return printer


class PaintJob(QObject):
    """One document being painted on the pool; lives on the GUI thread."""

    progress = Signal(int, int)
    finished = Signal()
    failed = Signal(object)


class _PaintRun(QRunnable):
    def __init__(self, work: Callable[[Progress], object], job: PaintJob) -> None:
        super().__init__()
        self._work, self._job = work, job

    def run(self) -> None:
        try:
            self._work(self._job.progress.emit)
        except Exception as error:
            self._job.failed.emit(error)
        else:
            self._job.finished.emit()


class DocumentsButton(QToolButton):
    """文书 on the case page: each document saved as PDF or printed, in the background."""

    saved = Signal(str)
    printed = Signal()

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self.case_id: str | None = None
        self.case_number = ""
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one document at a time: pages in order
        self.notice: QMessageBox | None = None
        self.setText(self.tr("Documents"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        for kind, name in self.names().items():
            submenu = menu.addMenu(name)
            save = submenu.addAction(self.tr("Save as PDF…"))
            save.triggered.connect(functools.partial(self.choose_pdf, kind))
            send = submenu.addAction(self.tr("Print…"))
            send.triggered.connect(functools.partial(self.choose_printer, kind))
        self.setMenu(menu)

    def names(self) -> dict[DocumentKind, str]:
        """The documents as the menu names them."""
        return {
            DocumentKind.AGREEMENT: self.tr("Mediation agreement"),
            DocumentKind.TERMINATION: self.tr("Notice of terminated mediation"),
            DocumentKind.CASE_FILE: self.tr("Case file for the archive"),
        }

    def set_case(self, case_id: str, number: str) -> None:
        """The case whose documents the menu makes."""
        self.case_id, self.case_number = case_id, number

    # -- what the menu does ----------------------------------------------------------------

    def choose_pdf(self, kind: DocumentKind) -> None:
        """Ask where to save, then save the document there as PDF."""
        from PySide6.QtCore import QStandardPaths
        from PySide6.QtWidgets import QFileDialog

        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = Path(folder) / f"{kind.document_title}-{self.case_number}.pdf"
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), str(suggested), self.tr("PDF files (*.pdf)")
        )
        if chosen:
            path = Path(chosen)
            self.save_pdf(kind, path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf"))

    def save_pdf(self, kind: DocumentKind, path: Path) -> None:
        """Make the document and save it as PDF at ``path``; ``saved`` follows."""

        def paint_it(document: Document) -> None:
            self._start(
                document,
                lambda report: save_pdf(document.html, path, report, document.kind.document_title),
                lambda: self._saved(path),
            )

        self._make(kind, paint_it)

    def choose_printer(self, kind: DocumentKind) -> None:
        """Make the document, ask for a printer (the print dialog), then print."""

        def ask(document: Document) -> None:
            printer = ask_printer(self, document.kind.document_title)
            if printer is not None:
                self._print_on(document, printer)

        self._make(kind, ask)

    def print_on(self, kind: DocumentKind, printer: QPrinter) -> None:
        """Make the document and print it on ``printer`` (as set in the print dialog)."""
        self._make(kind, lambda document: self._print_on(document, printer))

    def _print_on(self, document: Document, printer: QPrinter) -> None:
        self._start(document, lambda report: paint(document.html, printer, report),
                    self.printed.emit)  # fmt: skip

    # -- making and painting ---------------------------------------------------------------

    def _make(self, kind: DocumentKind, then: Callable[[Document], None]) -> None:
        if self.case_id is None:
            return
        case_id, own = self.case_id, own_templates_dir(self._backend.data_dir)

        def make(book: Casebook) -> Document:
            from casework.documents import render

            return render(kind, book.case_detail(case_id), own_templates=own)

        self._backend.submit(make, functools.partial(self._made, then), self._not_made)

    def _made(self, then: Callable[[Document], None], document: Document) -> None:
        for problem in document.problems:
            messages.show_error(self, self._template_refused(problem.file, problem.line,
                                                             problem.message),
                                log_text=f"own template refused: {problem}")  # fmt: skip
        then(document)

    def _template_refused(self, file: str, line: int | None, message: str) -> str:
        where = Path(file).name + (f" ({line})" if line else "")
        return (
            self.tr("Your own template %1 could not be used: %2. The template that comes "
                    "with Outpost was used instead; please correct your copy.")
            .replace("%1", where).replace("%2", message)
        )  # fmt: skip

    def _not_made(self, error: BaseException) -> None:
        if isinstance(error, DocumentRefused):
            text = {
                "no_agreement": self.tr(
                    "No mediation agreement has been recorded for this case. Record the "
                    "agreement step (its terms and deadline) first."
                ),
                "no_termination": self.tr(
                    "This case has no record of the mediation being terminated. Record the "
                    "termination step (the reason) first."
                ),
            }.get(error.reason, str(error))
            messages.show_error(self, text, log_text=str(error))
            return
        messages.report(self, error, "making a document")

    def _start(
        self, document: Document, work: Callable[[Progress], object], done: Callable[[], None]
    ) -> None:
        try:
            document_family()  # the font is registered here, on the GUI thread
        except FontMissing as error:
            messages.report(self, error, "loading the document font")
            return
        job = PaintJob(self)
        progress = self._progress_dialog(document.kind)
        job.progress.connect(functools.partial(self._show_progress, progress))
        job.finished.connect(done)
        job.finished.connect(functools.partial(self._finish, job, progress))
        job.failed.connect(functools.partial(self._failed, job, progress))
        self._pool.start(_PaintRun(work, job))

    def _progress_dialog(self, kind: DocumentKind) -> QProgressDialog:
        # Shown only if the document takes over a second (a long case file).
        name = self.names()[kind]
        dialog = QProgressDialog(self.tr("Laying out %1…").replace("%1", name), "", 0, 0, self)
        dialog.setCancelButton(None)  # no button: a page cannot be half painted
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(1000)
        return dialog

    def _show_progress(self, dialog: QProgressDialog, done: int, pages: int) -> None:
        dialog.setMaximum(pages)
        dialog.setValue(done)

    def _finish(self, job: PaintJob, dialog: QProgressDialog) -> None:
        job.deleteLater()
        dialog.close()
        dialog.deleteLater()

    def _failed(self, job: PaintJob, dialog: QProgressDialog, error: BaseException) -> None:
        self._finish(job, dialog)
        messages.report(self, error, "painting a document")

    def _saved(self, path: Path) -> None:
        log.info("document saved: %s", path)
        self.saved.emit(str(path))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Saved"),
                          self.tr("Saved as %1").replace("%1", str(path)), parent=self)  # fmt: skip
        opener = box.addButton(self.tr("Open"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        opener.clicked.connect(functools.partial(self._open, path))
        self.notice = box
        box.open()  # does not wait: the worker carries on

    def _open(self, path: Path) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
