"""An editable list of short texts (a campaign's fields, the default head-evaluation criteria)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class EditableList(QWidget):
    """Items edited in place (F2 or double-click); Thêm (Ins), Xóa (Del), Lên / Xuống (Alt+↑/↓).

    ``values()`` gives the texts in order; empty lines are dropped by the domain when saving.
    """

    edited = Signal()

    def __init__(self, values=(), new_text: str = "", parent=None):
        super().__init__(parent)
        self.new_text = new_text
        self.list = QListWidget()
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.list.setWordWrap(True)
        self.list.model().dataChanged.connect(lambda *_: self.edited.emit())
        self.list.model().rowsMoved.connect(lambda *_: self.edited.emit())
        self.add_button = QPushButton("Thêm")
        self.remove_button = QPushButton("Xóa")
        self.up_button = QPushButton("Lên")
        self.down_button = QPushButton("Xuống")
        tips = (
            (self.add_button, "Thêm một dòng (Insert)", self.add_item),
            (self.remove_button, "Xóa dòng đang chọn (Delete)", self.remove_item),
            (self.up_button, "Đưa dòng đang chọn lên (Alt+↑)", lambda: self.move_item(-1)),
            (self.down_button, "Đưa dòng đang chọn xuống (Alt+↓)", lambda: self.move_item(1)),
        )
        buttons = QVBoxLayout()
        for button, tip, slot in tips:
            button.setToolTip(tip)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        for keys, slot in (("Ins", self.add_item), ("Del", self.remove_item),
                           ("Alt+Up", lambda: self.move_item(-1)), ("Alt+Down", lambda: self.move_item(1))):
            shortcut = QShortcut(QKeySequence(keys), self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.set_values(values)

    def _item(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        return item

    def set_values(self, values) -> None:
        self.list.clear()
        for text in values:
            self.list.addItem(self._item(text))
        if self.list.count():
            self.list.setCurrentRow(0)

    def values(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def add_item(self) -> None:
        """A new line after the current one, opened for typing."""
        row = self.list.currentRow() + 1 if self.list.currentRow() >= 0 else self.list.count()
        item = self._item(self.new_text)
        self.list.insertItem(row, item)
        self.list.setCurrentItem(item)
        self.list.setFocus()
        self.list.editItem(item)
        self.edited.emit()

    def remove_item(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.takeItem(row)
        self.list.setCurrentRow(min(row, self.list.count() - 1))
        self.edited.emit()

    def move_item(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.edited.emit()
