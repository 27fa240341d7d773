"""The checklist of a new database's first steps, shown above the screens until they are done."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from models.store.first_steps import CAMPAIGN, COUNCIL, STAFF, UNITS, close_first_steps, first_steps, first_steps_pending

if TYPE_CHECKING:
    from sqlite_utils import Database

TEXTS = {
    COUNCIL: "1. Thông tin in trên văn bản (tên cơ quan, địa danh, người ký)",
    UNITS: "2. Danh sách đơn vị (từ tệp mẫu Excel hoặc thêm tay)",
    STAFF: "3. Danh sách cán bộ",
    CAMPAIGN: "4. Phong trào thi đua đầu tiên",
}
DONE, TODO = "☑", "☐"


class FirstStepsPanel(QFrame):
    """One row per step: its tick, its text and the buttons that do it. ``actions`` gives, by step,
    the (button text, slot) pairs; the panel hides itself when the database is set up or closed."""

    def __init__(self, db: Database, actions: dict[str, list[tuple[str, object]]], parent=None):
        super().__init__(parent)
        self.setObjectName("first_steps")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#first_steps { background: #f3f8ff; }")
        self.db = db
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 4, 8, 4)
        grid.setVerticalSpacing(2)
        title = QLabel("<b>Bắt đầu với cơ sở dữ liệu mới</b> — làm lần lượt các bước sau:")
        close = QToolButton()
        close.setText("Ẩn")
        close.setToolTip("Ẩn danh sách này (không hiện lại với cơ sở dữ liệu này)")
        close.clicked.connect(self.close_for_good)
        grid.addWidget(title, 0, 0, 1, 3)
        grid.addWidget(close, 0, 3, Qt.AlignmentFlag.AlignRight)
        self.ticks: dict[str, QLabel] = {}
        for row, (step, text) in enumerate(TEXTS.items()):
            column, line = divmod(row, 2)  # two columns of two steps: the panel stays low
            tick = QLabel()
            cell = QWidget()
            box = QHBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(tick)
            label = QLabel(text)
            label.setWordWrap(True)
            box.addWidget(label, 1)
            for caption, slot in actions.get(step, []):
                button = QPushButton(caption)
                button.setObjectName(f"first_steps_{step}")
                button.clicked.connect(lambda _=False, s=slot: s())
                box.addWidget(button)
            grid.addWidget(cell, 1 + line, column * 2, 1, 2)
            self.ticks[step] = tick
        self.refresh()

    def steps(self) -> list[tuple[str, bool]]:
        """(step, ticked) as shown."""
        return [(step, tick.text() == DONE) for step, tick in self.ticks.items()]

    def set_database(self, db: Database) -> None:
        self.db = db
        self.refresh()

    def refresh(self) -> None:
        for step, done in first_steps(self.db):
            self.ticks[step].setText(DONE if done else TODO)
        self.setVisible(first_steps_pending(self.db))

    def close_for_good(self) -> None:
        close_first_steps(self.db)
        self.hide()
