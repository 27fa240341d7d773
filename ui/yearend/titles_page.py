"""The yearly titles screen ("Danh hiệu cuối năm"): for a year with classifications, one tab per
title (Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động tiên tiến, Tập thể lao động
xuất sắc) with everyone considered, every condition, the cap of Chiến sĩ thi đua cơ sở, and the
lists' adjustments, approval and PDFs. The title rule sets are edited from here too.

The screen computes the proposals once for the four tabs; each tab then keeps its own list up
to date after its own changes.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget
from sqlite_utils import Database

from models.quarters.classifications import classification_rows, classified_years
from models.common.codes import TitleCode
from models.common.dates import format_date
from models.common.errors import DomainError
from models.yearend.title_lists import money
from models.yearend.titles import TitleProposals, title_proposals

from ui.yearend.titles_data import SHORT_TITLES, decimal_text
from ui.yearend.titles_panel import TitleListPanel
from ui.kit.undo import UndoHistory
from ui.kit.widgets import ERROR_STYLE, ChoiceCombo, LazyLoad, screen_shortcut

TAB_TITLES = {TitleCode.LDTT: "&Lao động tiên tiến", TitleCode.CSTDCS: "C&hiến sĩ thi đua cơ sở",
              TitleCode.TTLDTT: "Tập thể lao động tiên tiế&n", TitleCode.TTLDXS: "Tập thể lao động xuất sắ&c"}
NO_YEAR = "Chưa có kết quả xếp loại quý nào: nhập ở màn hình “Xếp loại quý”, rồi xét danh hiệu cuối năm tại đây."


class TitlesPage(LazyLoad, QWidget):
    """Choose a year; read and settle the four title lists in the tabs below."""

    changed = Signal()

    def __init__(self, db: Database, db_path: Path, parent=None, undo: UndoHistory | None = None,
                 today: dt.date | None = None):
        super().__init__(parent)
        self.lazy = False  # the main window sets it: a hidden screen then reloads when next shown
        self._stale = False
        self.db = db
        self.db_path = Path(db_path)
        self.undo = undo if undo is not None else UndoHistory(self)
        self.today = today or dt.date.today()
        self.proposals: TitleProposals | None = None
        self._build_top()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.panels = {title: TitleListPanel(db, self.db_path, title, self.undo) for title in TitleCode}
        for title, panel in self.panels.items():
            panel.layout().setContentsMargins(6, 6, 6, 4)
            panel.changed.connect(self._panel_changed)
            panel.proposals_changed.connect(self.refresh)
            self.tabs.addTab(panel, TAB_TITLES[title])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.top)
        layout.addWidget(self.info)
        layout.addWidget(self.tabs, 1)
        screen_shortcut(self, "Làm mới", "F5", self.load)
        self.reload()

    def _build_top(self) -> None:
        self.top = QHBoxLayout()
        self.top.setContentsMargins(9, 6, 9, 0)
        caption = QLabel("Nă&m:")
        self.year_combo = ChoiceCombo([])
        self.year_combo.setObjectName("year_combo")
        self.year_combo.setMinimumContentsLength(6)
        caption.setBuddy(self.year_combo)
        self.year_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.rules_button = QPushButton("&Quy định danh hiệu...")
        self.rules_button.setObjectName("rules_button")
        self.rules_button.setToolTip("Xem, sửa các quy định xét danh hiệu thi đua: điều kiện, tỷ lệ, tiền thưởng "
                                     "(Ctrl+K)")
        self.rules_button.setShortcut(QKeySequence("Ctrl+K"))
        self.rules_button.clicked.connect(self.edit_rules)
        self.top.addWidget(caption)
        self.top.addWidget(self.year_combo)
        self.top.addStretch(1)
        self.top.addWidget(self.rules_button)
        self.info = QLabel()
        self.info.setObjectName("rules_info")
        self.info.setWordWrap(True)
        self.info.setContentsMargins(9, 2, 9, 2)

    # What the main window and the screenshots use: the table of the tab shown.
    @property
    def panel(self) -> TitleListPanel:
        return self.tabs.currentWidget()

    @property
    def model(self):
        return self.panel.model

    @property
    def table(self):
        return self.panel.table

    def year(self) -> int | None:
        return self.year_combo.value()

    def show_list(self, title: TitleCode) -> TitleListPanel:
        self.tabs.setCurrentWidget(self.panels[title])
        return self.panels[title]

    def set_year(self, year: int) -> None:
        self.year_combo.set_value(year)

    # Loading.

    def load(self) -> None:
        """The years again (keeping the one chosen; the newest at first), then the four lists."""
        current = self.year_combo.value()
        years = classified_years(self.db)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in years:
            self.year_combo.add_choice(str(year), year)
        index = self.year_combo.findData(current) if current is not None else -1
        self.year_combo.setCurrentIndex(index if index >= 0 else (0 if years else -1))
        self.year_combo.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Compute the chosen year's proposals (once) and show them in the four tabs."""
        year = self.year()
        proposals, error = None, ""
        if year is not None:
            try:
                proposals = self._compute(year)
            except DomainError as e:
                error = str(e)
        self.proposals = proposals
        for panel in self.panels.values():
            panel.show_year(year, self.today, proposals, error)
        self._show_info(year, proposals, error)
        self._show_tab_counts()

    # A district of several thousand people takes a second or two: the window stays responsive
    # behind a progress dialog while a worker computes on its own connection.
    WORKER_FROM_ROWS = 12_000  # classification rows of the year: about 3,000 people

    def _compute(self, year: int) -> TitleProposals:
        if classification_rows(self.db, year) < self.WORKER_FROM_ROWS or not self.isVisible():
            return title_proposals(self.db, year)
        from models.store.db import connect

        from ui.kit.pdf_export import database_path
        from ui.kit.tasks import run_with_progress

        path = database_path(self.db)

        def work(_progress):
            own = connect(path)
            try:
                return title_proposals(own, year)
            finally:
                own.close()

        return run_with_progress(self, f"Đang xét danh hiệu năm {year}...", work)

    def _show_info(self, year: int | None, p: TitleProposals | None, error: str) -> None:
        if year is None:
            self.info.setText(NO_YEAR)
        elif error:
            self.info.setText(f"<span style='{ERROR_STYLE}'>{error}</span> Bấm “Quy định danh hiệu...” để thêm.")
        else:
            r = p.rules
            bonus = " · ".join(f"{SHORT_TITLES[t]} {decimal_text(r.bonus[t])}" for t in TitleCode)
            salary = (f"lương cơ sở ngày 31/12/{year}: {money(p.base_salary)} đ" if p.base_salary
                      else f"chưa có lương cơ sở ngày {format_date(dt.date(year, 12, 31))} (không tính tiền thưởng)")
            self.info.setText(f"Quy định: {r.name} (áp dụng từ năm {r.from_year})  ·  Tiền thưởng (lần lương cơ sở): "
                              f"{bonus}; {salary}")

    def _show_tab_counts(self) -> None:
        for i, (title, panel) in enumerate(self.panels.items()):
            listed = sum(1 for r in panel.rows if r.in_list)
            mark = " ✔" if panel.approval is not None else ""
            self.tabs.setTabText(i, f"{TAB_TITLES[title]} ({listed}){mark}" if panel.rows else TAB_TITLES[title])

    def _panel_changed(self) -> None:
        self._show_tab_counts()
        self.changed.emit()

    # The rule sets.
    def edit_rules(self) -> None:
        """The title rule sets; the lists are computed again when one changed."""
        from ui.yearend.title_rules_dialog import TitleRulesDialog

        dialog = TitleRulesDialog(self.db, self.undo, year=self.year(), parent=self)
        dialog.exec()
        if dialog.modified:
            self.refresh()
            self.changed.emit()
