"""Looking at a PDF before it leaves the program: a preview window (pages one under another, zoom),
printing (each page drawn at the printer's resolution) and saving the same bytes to a file.

Pages are rendered with PDFium (pypdfium2, loaded on first use) straight into QImages, and only
those on screen: a list of a hundred pages opens as fast as one of two. The PDF itself is built
by the caller's function on a worker thread with a progress dialog (``build_pdf``).
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import QAction, QColor, QImage, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


from ui.kit import messages
from ui.kit.pdf_export import build_pdf

SCREEN_DPI = 96
MAX_PRINT_DPI = 300  # enough for text; a 600 dpi A4 page would be a 140 MB image
ZOOMS = (0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
GAP = 14  # pixels around and between pages
CACHE_PAGES = 16


def open_pdf(pdf: bytes):
    import pypdfium2 as pdfium  # loaded when a preview or a print is first asked for

    return pdfium.PdfDocument(pdf)


def page_image(page, scale: float) -> QImage:
    """The page rendered at ``scale`` pixels per point, as a QImage that owns its pixels."""
    bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)  # RGBx, 4 bytes a pixel
    try:
        pixels = bytes(bitmap.buffer)
        return QImage(pixels, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888).copy()
    finally:
        bitmap.close()


class PagesView(QWidget):
    """Every page of the document one under another on a grey desk, drawn when in view."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.sizes = [document[i].get_size() for i in range(len(document))]  # in points
        self.zoom = 1.0
        self._cache: dict[int, QImage] = {}
        self._layout()

    def _pixels_per_point(self) -> float:
        return self.zoom * SCREEN_DPI / 72

    def _layout(self) -> None:
        k = self._pixels_per_point()
        self.rects: list[QRect] = []
        width = max((round(w * k) for w, _h in self.sizes), default=0) + 2 * GAP
        y = GAP
        for w, h in self.sizes:
            pw, ph = round(w * k), round(h * k)
            self.rects.append(QRect((width - pw) // 2, y, pw, ph))
            y += ph + GAP
        self.setFixedSize(width, max(y, 2 * GAP))

    def set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        self._cache.clear()
        self._layout()
        self.update()

    def page_at(self, y: int) -> int:
        """The index of the page shown at height ``y`` (the last one starting above it)."""
        index = 0
        for i, rect in enumerate(self.rects):
            if rect.top() - GAP <= y:
                index = i
        return index

    def image(self, index: int) -> QImage:
        if index not in self._cache:
            if len(self._cache) >= CACHE_PAGES:
                self._cache.pop(next(iter(self._cache)))
            ratio = self.devicePixelRatioF()
            image = page_image(self.document[index], self._pixels_per_point() * ratio)
            image.setDevicePixelRatio(ratio)
            self._cache[index] = image
        return self._cache[index]

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor("#8c9097"))
        for i, rect in enumerate(self.rects):
            if not rect.intersects(event.rect()):
                continue
            painter.fillRect(rect.translated(3, 3), QColor(0, 0, 0, 70))
            painter.drawImage(rect, self.image(i))
        painter.end()


class PdfPreviewDialog(QDialog):
    """Preview of PDF bytes with zoom, page count, print and save-as."""

    def __init__(self, pdf: bytes, title: str, file_name: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Xem trước: {title}")
        self.pdf, self.title, self.file_name = pdf, title, file_name
        self.document = open_pdf(pdf)
        self.pages = PagesView(self.document)
        self.pages.setObjectName("pages")
        self.scroll = QScrollArea()
        self.scroll.setObjectName("scroll")
        self.scroll.setWidget(self.pages)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setStyleSheet("QScrollArea { background: #8c9097; }")
        self.scroll.verticalScrollBar().valueChanged.connect(lambda _v: self._show_position())
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoom")
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.position = QLabel()
        self.position.setObjectName("position")
        bar = QHBoxLayout()
        self.zoom_out_button = self._button(bar, "Thu nhỏ", self.zoom_out, "Ctrl+-")
        bar.addWidget(self.zoom_label)
        self.zoom_in_button = self._button(bar, "Phóng to", self.zoom_in, "Ctrl++")
        self._button(bar, "Vừa chiều rộng", self.fit_width, "Ctrl+0", "Phóng trang vừa chiều rộng cửa sổ")
        bar.addSpacing(16)
        bar.addWidget(self.position)
        bar.addStretch(1)
        self.print_button = self._button(bar, "In...", self.print_pdf, "Ctrl+P")
        self.save_button = self._button(bar, "Lưu thành tệp...", self.save_as, "Ctrl+S")
        close = self._button(bar, "Đóng", self.reject)
        close.setAutoDefault(False)
        also_zoom_in = QAction(self)
        also_zoom_in.setShortcut(QKeySequence("Ctrl+="))  # the "+" key without Shift
        also_zoom_in.triggered.connect(self.zoom_in)
        self.addAction(also_zoom_in)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        self._zoom_index = ZOOMS.index(1.0)
        self._show_zoom()
        screen = QApplication.primaryScreen()
        height = screen.availableGeometry().height() - 80 if screen is not None else 900
        self.resize(self.pages.width() + 60, max(500, min(height, 1000)))

    def _button(self, bar: QHBoxLayout, text: str, slot, shortcut: str = "", tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        if shortcut:
            button.setShortcut(QKeySequence(shortcut))
            keys = button.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(f"{tip or text} ({keys})")
        bar.addWidget(button)
        return button

    @property
    def page_count(self) -> int:
        return len(self.document)

    # Zoom and position.
    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"{round(self.pages.zoom * 100)}%")
        self.zoom_out_button.setEnabled(self.pages.zoom > ZOOMS[0])
        self.zoom_in_button.setEnabled(self.pages.zoom < ZOOMS[-1])
        self._show_position()

    def set_zoom(self, zoom: float) -> None:
        bar = self.scroll.verticalScrollBar()
        share = bar.value() / max(self.pages.height(), 1)
        self.pages.set_zoom(zoom)
        bar.setValue(round(share * self.pages.height()))  # stay on the same page
        self._show_zoom()

    def zoom_in(self) -> None:
        self._zoom_index = next((i for i, z in enumerate(ZOOMS) if z > self.pages.zoom + 1e-6), len(ZOOMS) - 1)
        self.set_zoom(ZOOMS[self._zoom_index])

    def zoom_out(self) -> None:
        smaller = [i for i, z in enumerate(ZOOMS) if z < self.pages.zoom - 1e-6]
        self._zoom_index = smaller[-1] if smaller else 0
        self.set_zoom(ZOOMS[self._zoom_index])

    def fit_width(self) -> None:
        widest = max((w for w, _h in self.pages.sizes), default=595)
        room = self.scroll.viewport().width() - 2 * GAP - 4  # and the page's shadow
        self.set_zoom(max(ZOOMS[0], min(ZOOMS[-1], room / (widest * SCREEN_DPI / 72))))

    def _show_position(self) -> None:
        page = self.pages.page_at(self.scroll.verticalScrollBar().value() + self.scroll.viewport().height() // 3)
        self.position.setText(f"Trang {page + 1} / {self.page_count}")

    # Out.
    def save_as(self) -> bool:
        from models.store.output import write_atomically
        from ui.kit.pdf_export import ask_pdf_path

        path = ask_pdf_path(self, "Lưu thành tệp PDF", self.file_name)
        if not path:
            return False
        try:
            write_atomically(path, self.pdf)
        except OSError as e:
            messages.error(self, "Không lưu được", f"Không ghi được tệp “{path}”: {e.strerror or e}")
            return False
        messages.inform(self, "Đã lưu", f"Đã lưu {self.title} ra tệp:\n{path}")
        return True

    def print_pdf(self) -> bool:
        return print_document(self, self.document, self.title)

    def done(self, result: int) -> None:
        super().done(result)
        self.pages._cache.clear()
        self.document.close()


def ask_printer(parent: QWidget | None, pages: int, first_page_points: tuple[float, float]):
    """The printer the user chose in the print dialog (paper preset to the PDF's), or None.
    Tests replace it."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QSizeF(*first_page_points), QPageSize.Unit.Point, "",
                                  QPageSize.SizeMatchPolicy.FuzzyMatch))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("In")
    dialog.setMinMax(1, pages)
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def print_document(parent: QWidget | None, document, title: str) -> bool:
    """Ask for a printer, then print the document's pages (the range chosen, if any)."""
    sizes = [document[i].get_size() for i in range(len(document))]
    printer = ask_printer(parent, len(sizes), sizes[0] if sizes else (595.0, 842.0))
    if printer is None:
        return False
    printer.setDocName(title)
    first, last = printer.fromPage(), printer.toPage()
    wanted = range(first - 1, last) if first and last else range(len(sizes))
    progress = QProgressDialog(f"Đang in {title}...", "", 0, len(wanted), parent)
    progress.setWindowTitle("Đang in")
    progress.setCancelButton(None)
    progress.setMinimumDuration(300)
    try:
        printed = paint_pages(printer, document, wanted, lambda done: progress.setValue(done))
    finally:
        progress.close()
        progress.setParent(None)
    if not printed:
        messages.error(parent, "Không in được", "Không gửi được tài liệu tới máy in đã chọn.")
        return False
    return True


def paint_pages(printer, document, pages: range, progress: Callable[[int], None] = lambda _done: None) -> int:
    """Draw ``pages`` of the document on ``printer``, each rendered at the printer's resolution
    (at most MAX_PRINT_DPI) and fitted to the paper; landscape pages turn the paper. Returns the
    number of pages drawn (0 when the printer could not start)."""
    from PySide6.QtPrintSupport import QPrinter

    printer.setFullPage(True)  # the PDF carries its own margins
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    drawn = 0
    for n, index in enumerate(pages):
        page = document[index]
        w, h = page.get_size()
        orientation = QPageLayout.Orientation.Landscape if w > h else QPageLayout.Orientation.Portrait
        if n == 0:
            printer.setPageOrientation(orientation)
            if not painter.begin(printer):
                return 0
        else:
            printer.setPageOrientation(orientation)
            printer.newPage()
        target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        image = page_image(page, dpi / 72)
        size = QSizeF(image.size().toSizeF()).scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
        painter.drawImage(QRectF(target.topLeft(), size), image)
        drawn += 1
        progress(drawn)
    if drawn:
        painter.end()
    return drawn


__all__ = ["PdfPreviewDialog", "ask_printer", "build_pdf", "paint_pages", "print_document"]
