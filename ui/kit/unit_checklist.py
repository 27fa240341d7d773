"""A list of units with a check box each, and "Chọn tất cả" / "Bỏ chọn" beside it."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QWidget

from models.common.text import sort_key

from ui.kit.layout import lay_out


class UnitChecklist(QWidget):
    """The units to choose from (the participants of a new campaign: all active units, checked by
    default; the units of a merger: none checked)."""

    changed = Signal()  # a box was checked or unchecked

    def __init__(self, units, parent=None, checked: bool = True):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setMinimumHeight(130)
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for unit in sorted(units, key=lambda u: (sort_key(u.code))):
            item = QListWidgetItem(f"{unit.code} - {unit.name}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(state)
            item.setData(Qt.ItemDataRole.UserRole, unit.id)
            self.list.addItem(item)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.all_button = QPushButton("Chọn tất cả")
        self.none_button = QPushButton("Bỏ chọn")
        for button, state in ((self.all_button, Qt.CheckState.Checked), (self.none_button, Qt.CheckState.Unchecked)):
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, s=state: self.set_all(s))
        buttons = lay_out(self.all_button, self.none_button, None, vertical=True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def set_all(self, state: Qt.CheckState) -> None:
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(state)

    def set_checked(self, unit_ids) -> None:
        """Check exactly the units of ``unit_ids``."""
        wanted = set(unit_ids)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)

    def checked_ids(self) -> list[int]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]
