"""Add or edit a unit."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QLineEdit
from sqlite_utils import Database

from models.common.codes import UnitKind, label
from models.people.units import Unit, save_unit

from ui.kit.record_dialog import RecordDialog
from ui.kit.widgets import ChoiceCombo


class UnitDialog(RecordDialog):
    FIELDS = ("code", "name", "kind", "head_name", "head_title", "active")

    def __init__(self, db: Database, unit: Unit | None = None, parent=None):
        super().__init__("Sửa đơn vị" if unit else "Thêm đơn vị", parent)
        self.db = db
        self.unit = unit
        f = self.form
        self.code = f.add("code", "Mã đơn vị", QLineEdit(), required=True)
        self.code.setMaxLength(20)
        self.code.setPlaceholderText("ví dụ: P01, NV")
        self.name = f.add("name", "Tên đơn vị", QLineEdit(), required=True)
        self.kind = f.add(
            "kind", "Loại đơn vị",
            ChoiceCombo([(label(k), k) for k in UnitKind], "— Chọn loại —"), required=True,
        )
        self.head_name = f.add("head_name", "Người đứng đầu", QLineEdit())
        self.head_title = f.add("head_title", "Chức vụ người đứng đầu", QLineEdit())
        self.active = f.add("active", "Trạng thái", QCheckBox("Đang hoạt động"))
        self.name.setMinimumWidth(380)
        if unit:
            f.show_record(unit, self.FIELDS)
        else:
            self.active.setChecked(True)
            self.active.setEnabled(False)
        self.mark_clean()

    def save(self) -> Unit:
        fields = self.form.values(self.FIELDS)
        unit = replace(self.unit, **fields) if self.unit else Unit(**fields)
        return save_unit(self.db, unit)
