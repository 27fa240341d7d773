"""The statistics screen ("Thống kê"): a year, or the years from one to another; the charts (painted in the
window from the same numbers as the PDF's) and the tables behind them; the PDF and the xlsx of the command
``report statistics``."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSpinBox, QTableWidget, QTableWidgetItem, QTabWidget,
    QVBoxLayout, QWidget,
)
from sqlite_utils import Database

from models.analysis.statistics import Statistics, compute_statistics, tables
from models.common.text import money

from ui.awards.chart_view import ChartView
from models.awards.register import latest_year

from ui.kit import messages
from ui.kit.layout import year_spin
from ui.kit.widgets import LazyLoad


def award_year_spin(value: int) -> QSpinBox:
    spin = year_spin(value)
    spin.setMinimum(1945)  # the register holds awards from 1945 on
    return spin


class StatisticsPage(LazyLoad, QWidget):
    changed = Signal()  # never emitted: the screen only reads

    def __init__(self, db: Database, db_path: Path, parent=None, undo=None):
        super().__init__(parent)
        self.init_screen(db, db_path, undo)
        last = latest_year(db, dt.date.today().year)
        self.year = award_year_spin(last)
        self.year.setObjectName("year")
        self.from_year = award_year_spin(max(last - 4, 1945))
        self.from_year.setObjectName("from_year")
        self.year.valueChanged.connect(self.reload)
        self.from_year.valueChanged.connect(self.reload)
        pdf = QPushButton("In PDF...")
        pdf.clicked.connect(self.save_pdf)
        xlsx = QPushButton("Xuất Excel...")
        xlsx.clicked.connect(self.save_xlsx)
        top = QHBoxLayout()
        for caption, widget in (("Năm &thống kê:", self.year), ("So sánh từ &năm:", self.from_year)):
            label = QLabel(caption)
            label.setBuddy(widget)
            top.addWidget(label)
            top.addWidget(widget)
            top.addSpacing(12)
        top.addStretch(1)
        top.addWidget(pdf)
        top.addWidget(xlsx)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.tabs = QTabWidget()
        self.charts_box = QWidget()
        self.grid = QGridLayout(self.charts_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.charts_box)
        self.tabs.addTab(scroll, "Biểu đồ")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.stats: Statistics | None = None
        self.reload()

    def load(self) -> None:
        year, first = self.year.value(), min(self.from_year.value(), self.year.value())
        self.stats = compute_statistics(self.db, year, first, dt.date.today())
        s = self.stats
        self.summary.setText(f"Năm {year}: {money(s.total)} lượt khen thưởng, tổng tiền thưởng {money(s.bonus)} đồng.")
        while self.grid.count():
            self.grid.takeAt(0).widget().deleteLater()
        self.chart_views = [ChartView(c) for c in s.charts()]
        for i, view in enumerate(self.chart_views):
            self.grid.addWidget(view, i // 2, i % 2)
        while self.tabs.count() > 1:
            self.tabs.removeTab(1)
        self.tables = []
        for heading, columns, rows in tables(s):
            table = QTableWidget(len(rows), len(columns))
            table.setHorizontalHeaderLabels(columns)
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.verticalHeader().hide()
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    text = money(value) if isinstance(value, int) and abs(value) >= 10_000 else str(value)
                    table.setItem(r, c, QTableWidgetItem(text))
            table.resizeColumnsToContents()
            self.tables.append(table)
            self.tabs.addTab(table, heading.split(" theo ")[-1].capitalize() if " theo " in heading else "Xếp loại quý")

    def save_pdf(self) -> None:
        from ui.kit.pdf_export import ask_pdf_path, write_pdf

        year, first = self.year.value(), min(self.from_year.value(), self.year.value())
        path = ask_pdf_path(self, "Lưu thống kê PDF", f"thong-ke-{first}-{year}.pdf")
        if path:
            write_pdf(self, self.db_path, path, "thống kê", lambda db: _statistics_pdf(db, year, first))

    def save_xlsx(self) -> None:
        from ui.kit.tasks import write_xlsx

        year, first = self.year.value(), min(self.from_year.value(), self.year.value())
        written = write_xlsx(self, self.db_path, "Xuất số liệu thống kê", f"thong-ke-{first}-{year}.xlsx",
                             "Đang xuất số liệu thống kê...", lambda db, path: _statistics_xlsx(db, year, first, path),
                             "Không xuất được")
        if written is not None:
            messages.inform(self, "Đã xuất", f"Đã xuất số liệu thống kê ra tệp:\n{written[0]}")


def _statistics_pdf(db, year: int, first: int) -> bytes:
    from models.store.settings import council_names
    from reports.statistics import render_statistics

    return render_statistics(compute_statistics(db, year, first, dt.date.today()), council_names(db), dt.date.today())


def _statistics_xlsx(db, year: int, first: int, path) -> int:
    from reports.statistics import write_statistics_xlsx

    return write_statistics_xlsx(compute_statistics(db, year, first, dt.date.today()), path)
