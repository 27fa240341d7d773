"""A person's or a unit's history ("Khen thưởng qua các năm"): every award and title by year, with the
quarterly levels, the yearly rating, the discipline and the criticism beside them (see
``models.analysis.history``). Opened from the staff and units screens (Ctrl+H)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

if TYPE_CHECKING:
    from models.analysis.history import YearLine

PERSON_COLUMNS = ["Năm", "Khen thưởng, danh hiệu", "Quý 1", "Quý 2", "Quý 3", "Quý 4", "Xếp loại năm", "Kỷ luật",
                  "Tiền thưởng"]
UNIT_COLUMNS = ["Năm", "Khen thưởng, danh hiệu", "Quý 1", "Quý 2", "Quý 3", "Quý 4", "Kỷ luật (thành viên)",
                "Phê bình", "Tiền thưởng"]


def history_cells(line: YearLine, collective: bool) -> list[str]:
    quarters = [line.quarter_text(q) for q in (1, 2, 3, 4)]
    middle = ["; ".join(line.discipline), "; ".join(line.criticism)] if collective else \
        [line.rating, "; ".join(line.discipline)]
    return [str(line.year), line.awards_text, *quarters, *middle, line.bonus_text]


class HistoryDialog(QDialog):
    """The history of ``staff_id`` or, with ``collective``, of the unit ``subject_id``."""

    def __init__(self, db, subject_id: int, heading: str, collective: bool = False, parent=None):
        from models.analysis.history import person_history, unit_history  # when opened: the window starts without it

        super().__init__(parent)
        self.setWindowTitle(f"Khen thưởng qua các năm - {heading}")
        lines = unit_history(db, subject_id) if collective else person_history(db, subject_id)
        columns = UNIT_COLUMNS if collective else PERSON_COLUMNS
        title = QLabel(f"<b>{heading}</b>" + ("" if lines else "<br>Chưa có khen thưởng, xếp loại hay kỷ luật nào."))
        title.setObjectName("history_heading")
        self.table = QTableWidget(len(lines), len(columns))
        self.table.setObjectName("award_history")
        self.table.setHorizontalHeaderLabels(columns)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for r, line in enumerate(lines):
            for c, text in enumerate(history_cells(line, collective)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c in (0, 2, 3, 4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                elif c == len(columns) - 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        widths = [50, 300, 95, 95, 95, 95, 150, 170, 95] if not collective else [50, 300, 110, 110, 110, 110, 140,
                                                                                   140, 95]
        for c, width in enumerate(widths):
            self.table.setColumnWidth(c, width)
        header.setStretchLastSection(True)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1230, 520)

    def rows(self) -> list[list[str]]:
        return [[self.table.item(r, c).text() for c in range(self.table.columnCount())]
                for r in range(self.table.rowCount())]
