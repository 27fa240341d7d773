"""Sáp nhập / chia tách / đổi tên: old units, new units, the date, and a preview of who moves where."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QTableWidget, QTableWidgetItem
from sqlite_utils import Database

from models.common.dates import DateError, format_date
from models.common.errors import ValidationError
from models.people.succession import (
    KIND_LABELS, SuccessionDone, SuccessionKind, SuccessionPlan, apply_succession, plan_succession,
)
from models.people.units import list_units

from ui.kit import messages
from ui.kit.dates import date_error_text
from ui.kit.record_dialog import RecordDialog
from ui.kit.unit_checklist import UnitChecklist
from ui.kit.widgets import ERROR_STYLE, ChoiceCombo, DateEdit

PREVIEW_COLUMNS = ("Mã", "Họ và tên", "Chức vụ", "Đơn vị cũ", "Sang đơn vị mới")
KIND_HINTS = {
    SuccessionKind.SAP_NHAP: "Các đơn vị cũ sáp nhập vào một đơn vị mới: toàn bộ cán bộ chuyển sang đơn vị mới.",
    SuccessionKind.CHIA_TACH: "Một đơn vị cũ chia tách thành nhiều đơn vị mới: chọn đơn vị mới cho từng cán bộ "
                              "trong bảng xem trước.",
    SuccessionKind.DOI_TEN: "Đơn vị đổi tên: thêm đơn vị mang tên mới trước (nút “Thêm”), rồi chọn ở đây.",
}


class SuccessionDialog(RecordDialog):
    """Records a merger, split or renaming (``models.people.succession``); ``result_record`` is the
    :class:`SuccessionDone` to undo it. The preview shows every person who moves, before anything is
    written, and saving asks for confirmation."""

    def __init__(self, db: Database, today: dt.date, selected_unit_id: int | None = None, parent=None):
        super().__init__("Sáp nhập, chia tách, đổi tên đơn vị", parent)
        self.db, self.today = db, today
        units = list_units(db, active_only=True)
        f = self.form
        self.kind = f.add("kind", "Hình thức", ChoiceCombo([(KIND_LABELS[k], k) for k in SuccessionKind]),
                          required=True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.old = f.add("old", "Đơn vị cũ", UnitChecklist(units, checked=False), required=True)
        self.new = f.add("new", "Đơn vị mới", UnitChecklist(units, checked=False), required=True)
        for checklist in (self.old, self.new):
            checklist.list.setMaximumHeight(170)
        self.effective_on = f.add("effective_on", "Có hiệu lực từ ngày", DateEdit(), required=True)
        self.note = f.add("note", "Căn cứ", QLineEdit())
        self.note.setPlaceholderText("ví dụ: Nghị quyết 1685/NQ-UBTVQH15")
        self.preview = QTableWidget(0, len(PREVIEW_COLUMNS))
        self.preview.setObjectName("preview")
        self.preview.setHorizontalHeaderLabels(PREVIEW_COLUMNS)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().hide()
        self.preview.setMinimumHeight(180)
        for column, width in enumerate((70, 180, 150, 220, 280)):
            self.preview.setColumnWidth(column, width)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setMinimumHeight(self.summary.fontMetrics().lineSpacing() * 3 + 6)  # a wrapped label
        layout = self.layout()
        layout.insertWidget(1, self.hint)
        layout.insertWidget(2, self.summary)
        layout.insertWidget(3, self.preview, 1)
        self.save_button.setText("Ghi nhận...")
        self.setMinimumWidth(960)
        self.resize(960, 780)
        if selected_unit_id is not None:
            self.old.set_checked([selected_unit_id])
        self.plan: SuccessionPlan | None = None
        self._targets: dict[int, ChoiceCombo] = {}
        for signal in (self.kind.currentIndexChanged, self.old.changed, self.new.changed,
                       self.effective_on.editingFinished):
            signal.connect(self.refresh)
        self.refresh()
        self.mark_clean()

    # The preview.
    def _plan(self) -> SuccessionPlan:
        missing = {"old": "Chưa chọn đơn vị cũ"} if not self.old.checked_ids() else (
            {"new": "Chưa chọn đơn vị mới"} if not self.new.checked_ids() else {})
        try:
            day = self.effective_on.date()
        except DateError as e:
            raise ValidationError(missing or {"effective_on": date_error_text(e)}) from None
        if missing or day is None:
            raise ValidationError(missing or {"effective_on": "Chưa nhập ngày có hiệu lực"})
        targets = {staff_id: combo.value() for staff_id, combo in self._targets.items()}
        return plan_succession(self.db, self.kind.value(), self.old.checked_ids(), self.new.checked_ids(), day,
                               self.today, targets)

    def refresh(self) -> None:
        """Show who would move where with what is chosen now, or what is missing."""
        kind = self.kind.value()
        self.hint.setText(KIND_HINTS[kind])
        try:
            self.plan = self._plan()
        except ValidationError as e:
            self.plan = None
            self.preview.setRowCount(0)
            self._targets = {}
            self.summary.setStyleSheet(ERROR_STYLE)
            self.summary.setText("Chưa xem trước được: " + "; ".join(e.errors.values()))
            return
        self.summary.setStyleSheet("")
        plan = self.plan
        people = f"{len(plan.moves)} cán bộ chuyển đơn vị" if plan.moves else "Không có cán bộ nào phải chuyển"
        self.summary.setText(f"{plan.sentence()}. {people}; các đơn vị cũ chuyển sang ngừng hoạt động "
                             "nhưng vẫn giữ toàn bộ lịch sử. Có thể hoàn tác (Ctrl+Z).")
        self._fill(plan)

    def _fill(self, plan: SuccessionPlan) -> None:
        chosen = {staff_id: combo.value() for staff_id, combo in self._targets.items()}
        self.preview.setRowCount(len(plan.moves))
        self._targets = {}
        choices = [(plan.names[u], u) for u in plan.new_ids]
        for row, m in enumerate(plan.moves):
            for column, text in enumerate((m.code, m.full_name, m.position, plan.names[m.from_unit_id])):
                self.preview.setItem(row, column, QTableWidgetItem(text))
            if plan.kind == SuccessionKind.CHIA_TACH:
                combo = ChoiceCombo(choices)
                combo.set_value(chosen.get(m.staff_id, m.to_unit_id))
                combo.currentIndexChanged.connect(self._target_changed)
                self._targets[m.staff_id] = combo
                self.preview.setCellWidget(row, 4, combo)
            else:
                self.preview.removeCellWidget(row, 4)
                self.preview.setItem(row, 4, QTableWidgetItem(plan.names[m.to_unit_id]))

    def _target_changed(self) -> None:
        try:
            self.plan = self._plan()
        except ValidationError:
            self.plan = None

    # Saving.
    def save(self) -> SuccessionDone:
        plan = self._plan()
        moved = f"{len(plan.moves)} cán bộ sẽ chuyển sang đơn vị mới từ ngày {format_date(plan.effective_on)}"
        if not messages.confirm(
            self, "Ghi nhận sáp nhập, chia tách, đổi tên",
            f"{plan.sentence()}.\n{moved}; các đơn vị cũ chuyển sang ngừng hoạt động (vẫn giữ lịch sử).\n"
            "Ghi nhận? Có thể hoàn tác ngay sau đó (Ctrl+Z).", yes="Ghi nhận",
        ):
            raise ValidationError({})
        return apply_succession(self.db, plan, self.note.text())
