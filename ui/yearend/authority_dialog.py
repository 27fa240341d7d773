"""Who decides each title or award ("Thẩm quyền quyết định"), from a year on: the deciding level, the
decider as the lists name them, the decision's issuing body and its number's symbol. Defaults follow the
law in force (``models.yearend.authority``); what is saved here applies from the year chosen."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout,
)
from sqlite_utils import Database

from models.common.codes import LABELS
from models.common.errors import ValidationError
from models.yearend.authority import AWARDS, COUNCIL, HIGHER, LOCAL, Authority, authority_table, set_authorities

from ui.kit.widgets import ERROR_STYLE

LEVEL_TEXTS = {LOCAL: "Chủ tịch UBND cùng cấp", COUNCIL: "Chủ tịch Hội đồng", HIGHER: "Cấp trên (chỉ đề nghị)"}
COLUMNS = ("Danh hiệu, hình thức", "Cấp quyết định", "Người quyết định (in trên danh sách)",
           "Cơ quan ban hành quyết định", "Ký hiệu", "Căn cứ pháp lý")


def award_label(award: str) -> str:
    return next((text for code, text in LABELS.items() if code.value == award), award)


class AuthorityDialog(QDialog):
    def __init__(self, db: Database, year: int, parent=None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Thẩm quyền quyết định khen thưởng")
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.year.valueChanged.connect(lambda _v: self.fill())
        self.table = QTableWidget(len(AWARDS), len(COLUMNS))
        self.table.setObjectName("authorities")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Áp dụng từ năm:"))
        top.addWidget(self.year)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton("Lưu")
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.save_and_close)
        close = QPushButton("Đóng")
        close.clicked.connect(self.reject)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel("Hội đồng chỉ tham mưu; Chủ tịch Ủy ban nhân dân quyết định (Luật Thi đua, khen "
                                "thưởng 2022, Điều 80). Danh hiệu do cấp trên quyết định: danh sách không ghi tiền "
                                "thưởng."))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.fill()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.resize(1320, 380)

    def fill(self) -> None:
        for row, a in enumerate(authority_table(self.db, self.year.value())):
            name = QTableWidgetItem(award_label(a.award))
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, name)
            level = QComboBox()
            for code, text in LEVEL_TEXTS.items():
                level.addItem(text, code)
            level.setCurrentIndex(list(LEVEL_TEXTS).index(a.level))
            self.table.setCellWidget(row, 1, level)
            for col, value in enumerate((a.decider, a.body, a.symbol, a.legal_basis), 2):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(5, 260)

    def values(self) -> list[Authority]:
        year = self.year.value()
        rows = []
        for row, award in enumerate(AWARDS):
            text = [self.table.item(row, col).text() for col in range(2, 6)]
            rows.append(Authority(award, year, self.table.cellWidget(row, 1).currentData(), text[0], text[1], text[2],
                                  "CHỦ TỊCH", text[3]))
        return rows

    def save(self) -> bool:
        """Every row from the year chosen, in one transaction; nothing written when one is wrong."""
        try:
            set_authorities(self.db, self.values())
        except ValidationError as e:
            self.error.setText("\n".join(f"{award_label(key.split('.')[0])}: {message}"
                                         for key, message in e.errors.items()))
            return False
        self.error.setText("")
        return True

    def save_and_close(self) -> None:
        if self.save():
            self.accept()


__all__ = ["AuthorityDialog"]
