"""The cap of Chiến sĩ thi đua cơ sở on its tab: for one group (a unit, or the whole district),
the quota and where it comes from, the eligible people in the ranking used and where the cut falls;
"Lên" / "Xuống" change the council's order of priority between people the other criteria tie.

The view only shows and asks; the tab (``ui.yearend.titles_panel``) saves the new order.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout

from models.common.codes import TitleRank
from models.yearend.title_rank import CapGroup
from models.yearend.titles import TitleProposals

from ui.yearend.titles_data import CapRow, cap_rows, cap_summary, group_label, movable
from ui.yearend.titles_tables import CapTableModel
from ui.kit.widgets import ChoiceCombo, make_table
from ui.kit.layout import text_label

MOVE_TIP = ("Đổi thứ tự ưu tiên của Hội đồng giữa người đang chọn và người liền {where} "
            "(chỉ giữa những người bằng nhau theo các tiêu chí xếp trước) ({keys})")


class CapView(QGroupBox):
    """``move_requested(staff_id, delta)``: the user asks to move a person up (-1) or down (+1)."""

    move_requested = Signal(int, int)

    def __init__(self, parent=None):
        super().__init__("Chỉ tiêu Chiến sĩ thi đua cơ sở", parent)
        self.setObjectName("cap_view")
        self.proposals: TitleProposals | None = None
        self.council: list[int] = []
        self.editable = False
        self.groups: list[CapGroup] = []
        self.group_combo = ChoiceCombo([])
        self.group_combo.setObjectName("cap_group")
        self.group_combo.setMinimumContentsLength(30)
        self.group_combo.currentIndexChanged.connect(lambda _i: self._show_group())
        self.summary = text_label("cap_summary")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.model = CapTableModel(self)
        self.table = make_table(self.model)
        self.table.setObjectName("cap_table")
        self.table.setSortingEnabled(False)  # the ranking is the order
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.model.sort(CapTableModel.COL_RANK, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.up_button = self._button("Lên", -1, "Ctrl+Up", "trên")
        self.down_button = self._button("Xuống", 1, "Ctrl+Down", "dưới")
        self.hint = text_label("cap_hint")
        self.hint.setStyleSheet("color: #5f6670;")
        buttons = QVBoxLayout()
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.group_combo)
        layout.addWidget(self.summary)
        layout.addLayout(body, 1)
        layout.addWidget(self.hint)

    def _button(self, text: str, delta: int, keys: str, where: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(f"move_{'up' if delta < 0 else 'down'}")
        button.setAutoDefault(False)
        button.setShortcut(QKeySequence(keys))
        native = button.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(MOVE_TIP.format(where=where, keys=native))
        button.clicked.connect(lambda: self._move(delta))
        return button

    # What is shown.
    def show_proposals(self, proposals: TitleProposals | None, council: list[int], editable: bool) -> None:
        """The groups with eligible people (those where the cap binds first named so); keeps the
        group and the person chosen."""
        kept, keep_person = self.group(), self.chosen()
        self.proposals, self.council, self.editable = proposals, council, editable
        self.groups = [g for g in (proposals.cap_groups if proposals else ()) if g.ranked]
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        for i, g in enumerate(self.groups):
            self.group_combo.add_choice(group_label(g), i)
        same = next((i for i, g in enumerate(self.groups) if kept is not None and g.unit_id == kept.unit_id), None)
        binding = next((i for i, g in enumerate(self.groups) if g.binding), 0)
        self.group_combo.setCurrentIndex(same if same is not None else (binding if self.groups else -1))
        self.group_combo.blockSignals(False)
        self._show_group()
        if keep_person is not None:
            self.select_person(keep_person.staff_id)

    def group(self) -> CapGroup | None:
        index = self.group_combo.value()
        return self.groups[index] if index is not None and index < len(self.groups) else None

    def _show_group(self) -> None:
        group = self.group()
        if group is None or self.proposals is None:
            self.model.set_records([])
            self.summary.setText("Không có người nào đủ điều kiện Chiến sĩ thi đua cơ sở." if self.proposals else "")
        else:
            self.model.set_records(cap_rows(self.proposals, group, self.council))
            self.summary.setText(cap_summary(group, self.proposals.rules))
        self._enable()

    def show_person(self, staff_id: int) -> bool:
        """Show the group of ``staff_id`` with them selected; False when they are in none."""
        for i, g in enumerate(self.groups):
            if staff_id in g.ranked:
                if self.group_combo.value() != i:
                    self.group_combo.set_value(i)
                self.select_person(staff_id)
                return True
        return False

    def select_person(self, staff_id: int) -> None:
        row = self.model.row_of(lambda r: r.staff_id == staff_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def chosen(self) -> CapRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    # Moving.
    def can_move(self, delta: int) -> bool:
        row, group = self.chosen(), self.group()
        if row is None or group is None or not self.editable or self.proposals is None:
            return False
        other = row.rank - 1 + delta
        if not 0 <= other < len(group.ranked):
            return False
        p = self.proposals
        return movable(p.rules, p.person(row.staff_id), p.person(group.ranked[other]))

    def _enable(self) -> None:
        self.up_button.setEnabled(self.can_move(-1))
        self.down_button.setEnabled(self.can_move(1))
        if self.proposals is None or not self.groups:
            self.hint.setText("")
        elif not self.editable:
            self.hint.setText("Danh sách Chiến sĩ thi đua cơ sở đã được phê duyệt: mở lại danh sách để đổi thứ tự "
                              "ưu tiên.")
        elif TitleRank.COUNCIL_ORDER not in self.proposals.rules.ranking:
            self.hint.setText("Quy định đang áp dụng không xếp hạng theo thứ tự ưu tiên của Hội đồng.")
        else:
            before = self.proposals.rules.ranking[:self.proposals.rules.ranking.index(TitleRank.COUNCIL_ORDER)]
            self.hint.setText("Lên / Xuống: đổi thứ tự ưu tiên của Hội đồng"
                              + (" giữa những người bằng nhau về số quý HTXSNV." if before else "."))

    def _move(self, delta: int) -> None:
        row = self.chosen()
        if row is not None and self.can_move(delta):
            self.move_requested.emit(row.staff_id, delta)
