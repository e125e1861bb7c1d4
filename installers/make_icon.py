"""Draw Outpost's icon (installers/outpost.png and outpost.ico) with QPainter.

Run once and commit the images: ``python -m installers.make_icon``. Drawn rather than
designed so that anyone can change it without an image editor; the character is set in
the CJK font the app already ships, so it draws the same on any build machine.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZE = 256


def draw(size: int = SIZE) -> object:
    """A rounded teal square with 哨 (outpost) in white; returns a QImage."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter

    import resources

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    families = QFontDatabase.applicationFontFamilies(
        QFontDatabase.addApplicationFont(str(resources.document_font()))
    )
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#0f766e"))
    margin = size * 0.04
    box = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    painter.drawRoundedRect(box, size * 0.18, size * 0.18)
    font = QFont(families[0] if families else "")
    font.setPixelSize(int(size * 0.62))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "哨")
    painter.end()
    return image


def main() -> int:
    """Write outpost.png (Linux) and outpost.ico (Windows) beside this script."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage

    app = QGuiApplication(sys.argv[:1])  # fonts need a GUI application
    image = draw()
    assert isinstance(image, QImage)
    ok = image.save(str(HERE / "outpost.png")) and image.save(str(HERE / "outpost.ico"))
    del app
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
