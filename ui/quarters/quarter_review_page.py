"""The quarter review screen ("Tổng hợp quý"): for the council, how every unit classified its
staff in a quarter against the district, a person's results across quarters, and the extra income.

The unit review is the screen's main view; it must stay fast on a whole district (20,000 staff),
so the other two tabs load only when first shown.
"""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget
from sqlite_utils import Database

from models.common.codes import HeadLevel
from models.common.dates import format_date
from models.common.errors import DomainError
from models.quarters.classifications import default_quarter
from models.quarters.quarter_review import LATE, MISSING, SUBMITTED, QuarterReview, quarter_review
from models.quarters.rules import percent
from models.common.text import fold

from ui.quarters.quarter_review_panels import IncomePanel, PersonPanel, UnitsReviewPanel
from ui.quarters.quarter_review_tables import LATE_COLOUR, MISSING_COLOUR, SHORT
from ui.kit.undo import UndoHistory
from ui.kit.widgets import ERROR_STYLE, LazyLoad
from ui.kit.layout import quarter_fields, screen_shortcut, tabbed_screen, text_label


class QuarterReviewPage(LazyLoad, QWidget):
    """Choose a quarter; read the units, a person, or the extra income in the tabs below."""

    changed = Signal()  # never emitted: the screen only reads (the main window connects every screen)
    open_unit = Signal(int, int, int)  # unit id, year, quarter: the user asks for that unit's entry screen

    def __init__(self, db: Database, db_path: Path, parent=None, undo: UndoHistory | None = None,
                 today: dt.date | None = None):
        super().__init__(parent)
        self.init_screen(db, db_path, undo)
        self.review: QuarterReview | None = None
        self.last_refresh_ms = 0.0
        year, quarter = default_quarter(db, today or dt.date.today())
        self._build_top(year, quarter)
        self.units = UnitsReviewPanel(db, db_path, self.undo)
        self.people = PersonPanel(db, db_path, self.undo)
        self.income = IncomePanel(db, db_path, self.quarter, self.undo)
        self.tabs = tabbed_screen(self, self.top, self.summary, [
            (self.units, "Theo đơn &vị"), (self.people, "Theo &cán bộ"), (self.income, "T&hu nhập tăng thêm")])
        self._show_council()
        self.units.opened.connect(lambda unit_id: self.open_unit.emit(unit_id, *self.quarter()))
        self.income.chosen.connect(self.show_person)
        screen_shortcut(self, "Làm mới", "F5", self.load)
        screen_shortcut(self, "In bảng tổng hợp", "Ctrl+P", self.print_district)
        self.reload()

    def _build_top(self, year: int, quarter: int) -> None:
        self.top = QHBoxLayout()
        year_caption, self.year, quarter_caption, self.quarter_combo = quarter_fields(year, quarter)
        for widget in (year_caption, self.year, quarter_caption, self.quarter_combo):
            self.top.addWidget(widget)
        self.top.addStretch(1)
        self.print_button = QPushButton()  # "In bảng tổng hợp toàn phường (PDF)...": the council's words
        self.print_button.setObjectName("print_district")
        self.print_button.setToolTip("Bảng tổng hợp kết quả đánh giá, phân loại của các đơn vị trong quý (Ctrl+P)")
        self.print_button.clicked.connect(self.print_district)
        self.top.addWidget(self.print_button)
        self.year.valueChanged.connect(lambda _v: self.load_quarter())
        self.quarter_combo.currentIndexChanged.connect(lambda _i: self.load_quarter())
        self.summary = text_label("summary", rich=True)

    # What the main window and the screenshots use: the table of the tab shown.
    @property
    def model(self):
        return self.tabs.currentWidget().model

    @property
    def table(self):
        return self.tabs.currentWidget().table

    def quarter(self) -> tuple[int, int]:
        return self.year.value(), self.quarter_combo.value()

    def set_quarter(self, year: int, quarter: int) -> None:
        """Show another quarter (one refresh, not one per field)."""
        self.year.blockSignals(True)
        self.year.setValue(year)
        self.year.blockSignals(False)
        self.quarter_combo.blockSignals(True)
        self.quarter_combo.set_value(quarter)
        self.quarter_combo.blockSignals(False)
        self.load_quarter()

    # Loading.

    def load(self) -> None:
        self.load_quarter()
        self.people.reload()  # people may have been added or moved

    def load_quarter(self) -> None:
        """The review of the chosen quarter into the unit tab and the summary; the income tab
        follows (at once if shown, else when next shown). Records how long it took."""
        started = time.perf_counter()
        year, quarter = self.quarter()
        try:
            review, error = quarter_review(self.db, year, quarter), ""
        except DomainError as e:
            review, error = None, str(e)
        self.review = review
        self.units.set_review(review)
        self._show_council()
        self._show_summary(review, error)
        self.income.reload()
        self.last_refresh_ms = (time.perf_counter() - started) * 1000

    def _show_council(self) -> None:
        self.print_button.setText(f"In bảng tổng hợp {self.units.council.everyone} (PDF)...")

    def _show_summary(self, review: QuarterReview | None, error: str) -> None:
        if review is None:
            self.summary.setText(f"<span style='{ERROR_STYLE}'>{error}. Thêm quy định ở màn hình "
                                 "“Quy định áp dụng”.</span>")
            return
        counts = review.status_counts()

        def chip(status: str, colour: str) -> str:
            text = f"{status} <b>{counts[status]}</b>"
            return f"<span style='background:{colour}'>&nbsp;{text}&nbsp;</span>" if counts[status] else text

        first = (f"<b>Quy định áp dụng:</b> {review.rule_set.name} &nbsp;·&nbsp; "
                 f"<b>Hạn nộp:</b> {format_date(review.deadline)} &nbsp;·&nbsp; "
                 f"Đã nộp <b>{counts[SUBMITTED]}</b> · {chip(LATE, LATE_COLOUR)} · {chip(MISSING, MISSING_COLOUR)}")
        shares = " · ".join(f"{SHORT[lv]} <b>{percent(review.district_share(lv))}</b>" for lv in HeadLevel)
        over = sum(1 for u in review.units if u.violations)
        second = (f"<b>{self.units.council.total_label}</b> ({review.district_classified:,} người đã xếp loại): ".replace(",", ".")
                  + (shares if review.district_classified else "chưa có kết quả")
                  + (f" &nbsp;·&nbsp; {over} đơn vị vượt giới hạn" if over else ""))
        self.summary.setText(f"{first}<br>{second}")

    def show_person(self, staff_id: int) -> None:
        """Open the person tab on ``staff_id``."""
        self.tabs.setCurrentWidget(self.people)
        self.people.show_person(staff_id)

    def print_district(self) -> None:
        """The district's "Bảng tổng hợp kết quả đánh giá, phân loại" for the quarter shown."""
        from ui.kit.pdf_export import ask_pdf_path, write_pdf

        year, quarter = self.quarter()
        everyone = self.units.council.everyone
        path = ask_pdf_path(self, f"In bảng tổng hợp xếp loại {everyone}",
                            f"xep-loai-{fold(everyone).replace(' ', '-')}-quy{quarter}-{year}.pdf")
        if not path:
            return

        def build(db):
            from models.quarters.classification_report import district_sheet_data
            from reports.classification import district_pdf

            return district_pdf(district_sheet_data(db, year, quarter, dt.date.today()))

        write_pdf(self, self.db_path, path, f"bảng tổng hợp xếp loại {everyone}", build)
