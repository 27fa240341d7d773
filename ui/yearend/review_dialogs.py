"""Dialogs of the year-end lists: add an entry to a list, take a candidate off it (both with a
reason), and how the campaign is reviewed ("Cách xét")."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QVBoxLayout, QWidget
from sqlite_utils import Database

from models.yearend.lists import STAFF, UNIT, ListKey, adjust
from models.common.codes import HeadLevel, ReviewReason, label
from models.common.errors import ValidationError
from models.yearend.review import ReviewSettings, save_review_settings

from ui.kit.record_dialog import RecordDialog
from ui.yearend.list_data import ListSpec, subject_text
from ui.yearend.review_data import ReviewRow
from ui.yearend.review_tables import PickTableModel
from ui.kit.widgets import ChoiceCombo, SearchBox, make_table

REASON_HINT = "Không in ra danh sách; được lưu trong nhật ký"


class _PickerSearch(SearchBox):
    """Enter picks the first row found instead of saving the whole dialog."""

    def __init__(self, picker: SubjectPicker):
        super().__init__("Tìm theo mã, tên, đơn vị (gõ có dấu hay không dấu đều được)")
        self.picker = picker

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.picker.chosen() is None and self.picker.model.rowCount():
                self.picker.table.selectRow(0)
            self.picker.table.setFocus()
            event.accept()
            return
        super().keyPressEvent(event)


class SubjectPicker(QWidget):
    """A searchable list of the units (and people) a list can take; one row is chosen."""

    def __init__(self, rows: list[ReviewRow], spec: ListSpec, parent=None):
        super().__init__(parent)
        self.model = PickTableModel(spec, self)
        self.model.set_records(rows)
        self.search = _PickerSearch(self)
        self.search.setObjectName("pick_search")
        self.search.textChanged.connect(self.model.set_search)
        self.table = make_table(self.model)
        self.table.setObjectName("pick_table")
        self.table.setMinimumHeight(220)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # the review's order: collectives first
        if len(spec.subjects) == 1:  # one kind of subject: the column would say the same on every row
            self.table.hideColumn(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.table)

    def chosen(self) -> ReviewRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def choose(self, subject: str, subject_id: int) -> None:
        row = self.model.row_of(lambda r: r.key == (subject, subject_id))
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))


class AddEntryDialog(RecordDialog):
    """Add a unit or a person to a list: the text it prints with, and why (both required)."""

    def __init__(self, db: Database, key: ListKey, spec: ListSpec, rows: list[ReviewRow], who: str = "",
                 chosen: ReviewRow | None = None, now: dt.datetime | None = None, parent=None):
        super().__init__(f"Thêm vào {spec.name}", parent)
        self.db, self.key, self.spec, self.who, self.now = db, key, spec, who, now
        f = self.form
        note = QLabel(f"Chọn {spec.subjects_text} cần thêm. Nội dung in sẽ thay cho nội dung theo quy định nếu đối "
                      "tượng đã có trong danh sách.")
        note.setWordWrap(True)
        f.layout_.addRow(note)
        self.picker = f.add("subject", "Đối tượng", SubjectPicker(rows, spec), required=True)
        self.picker.setMinimumWidth(760)  # the longest state ("Đủ điều kiện nhưng ngoài chỉ tiêu") shows whole
        self.text = f.add("text", f"{spec.text_heading} (in trong danh sách)", QLineEdit(), required=True)
        self.text.setPlaceholderText(spec.example)
        self.reason = f.add("reason", "Lý do điều chỉnh", QLineEdit(), required=True)
        self.reason.setPlaceholderText(REASON_HINT)
        if chosen is not None:
            self.picker.choose(*chosen.key)
            self.text.setText(chosen.text)
        self.picker.table.selectionModel().selectionChanged.connect(lambda *_: self._prefill())
        self.mark_clean()

    def _prefill(self) -> None:
        row = self.picker.chosen()
        if row is not None and row.text and not self.text.text().strip():
            self.text.setText(row.text)

    def save(self) -> tuple[int, ReviewRow]:
        row = self.picker.chosen()
        errors = {}
        if row is None:
            errors["subject"] = f"Chưa chọn {self.spec.subjects_text} cần thêm"
        if not self.text.text().strip():
            errors["text"] = "Nội dung in trong danh sách (thành tích hoặc lý do) không được để trống"
        if not self.reason.text().strip():
            errors["reason"] = "Lý do thêm vào danh sách không được để trống"
        if errors:
            raise ValidationError(errors)
        new_id = adjust(self.db, self.key, "add", row.subject, row.subject_id, self.reason.text(),
                        self.now or dt.datetime.now(), text=self.text.text(), who=self.who)
        return new_id, row


class RemoveEntryDialog(RecordDialog):
    """Take a unit or person off a list; the reason is required."""

    def __init__(self, db: Database, key: ListKey, spec: ListSpec, row: ReviewRow, who: str = "",
                 now: dt.datetime | None = None, parent=None):
        super().__init__(f"Loại khỏi {spec.name}", parent)
        self.db, self.key, self.row, self.who, self.now = db, key, row, who, now
        f = self.form
        name = QLabel(f"<b>{subject_text(row)}</b><br>{row.where}")
        name.setObjectName("subject")
        name.setWordWrap(True)
        f.layout_.addRow("Đối tượng:", name)
        if row.text:
            printed = QLabel(row.text)
            printed.setWordWrap(True)
            f.layout_.addRow(f"{spec.text_heading}:", printed)
        self.reason = f.add("reason", "Lý do loại", QLineEdit(), required=True)
        self.reason.setPlaceholderText(REASON_HINT)
        self.reason.setMinimumWidth(460)
        self.mark_clean()

    def save(self) -> int:
        return adjust(self.db, self.key, "remove", self.row.subject, self.row.subject_id, self.reason.text(),
                      self.now or dt.datetime.now(), who=self.who)


class ReviewSettingsDialog(RecordDialog):
    """Which criticism reasons apply to the campaign, and what makes a person outstanding."""

    def __init__(self, db: Database, campaign_id: int, settings: ReviewSettings, approved: list[str], parent=None):
        super().__init__("Cách xét danh sách cuối đợt", parent)
        self.db, self.campaign_id, self.before = db, campaign_id, settings
        f = self.form
        if approved:
            warning = QLabel(f"{', '.join(approved)} đã được phê duyệt: hãy mở lại trước khi đổi cách xét.")
            warning.setObjectName("approved_warning")
            warning.setWordWrap(True)
            warning.setStyleSheet("color: #8a5a00;")
            f.layout_.addRow(warning)
        f.layout_.addRow(QLabel("<b>Lý do phê bình được áp dụng</b> (bỏ chọn để không xét lý do đó trong đợt này):"))
        self.reasons: dict[ReviewReason, QCheckBox] = {}
        for reason in ReviewReason:
            box = QCheckBox(label(reason))
            box.setObjectName(f"reason_{reason.value}")
            box.setChecked(reason not in settings.disabled_reasons)
            self.reasons[reason] = box
            f.layout_.addRow("", box)
        f.layout_.addRow(QLabel("<b>Cá nhân được nêu gương</b>: tác giả mô hình, sáng kiến, giải pháp của đợt được "
                                "Hội đồng đánh giá Tiêu biểu xuất sắc"))
        self.include_effective = QCheckBox("Cả tác giả mô hình được đánh giá Hiệu quả")
        self.include_effective.setObjectName("include_effective")
        f.layout_.addRow("", self.include_effective)
        self.include_effective.setChecked(settings.include_effective)
        self.level = f.add("required_level", "Không quý nào của đợt dưới mức",
                           ChoiceCombo([(label(lv), lv) for lv in HeadLevel if lv != HeadLevel.KHONG_HOAN_THANH]))
        self.level.set_value(settings.required_level)
        self.level.setToolTip("Điều kiện, không phải nguồn: các quý trong thời gian của đợt (từ ngày bắt đầu đến hạn "
                              "báo cáo kết quả) đã biết kết quả xếp loại vào ngày xét")
        self.mark_clean()

    def chosen(self) -> ReviewSettings:
        off = frozenset(r for r, box in self.reasons.items() if not box.isChecked())
        return ReviewSettings(off, self.level.value(), self.include_effective.isChecked())

    def is_dirty(self) -> bool:
        return super().is_dirty() or self.chosen() != self.before

    def save(self) -> ReviewSettings:
        settings = self.chosen()
        save_review_settings(self.db, self.campaign_id, settings)
        return settings


__all__ = ["AddEntryDialog", "RemoveEntryDialog", "ReviewSettingsDialog", "STAFF", "UNIT"]
