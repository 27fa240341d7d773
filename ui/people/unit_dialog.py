"""Add or edit a unit."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QLineEdit
from sqlite_utils import Database

from models.common.codes import UnitKind, label
from models.common.text import fold
from models.people.units import Unit, check_unit, normalised, save_unit, unit_id_by_code, units_named_like

from ui.kit import messages
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
        self._ask_about_a_same_name(normalised(unit))
        return save_unit(self.db, unit)

    def _ask_about_a_same_name(self, unit: Unit) -> None:
        """A new name another unit already has (with or without diacritics): legal (a new unit
        after a merger keeps the old name) but usually the same unit entered twice, so ask."""
        if check_unit(unit) or unit_id_by_code(self.db, unit.code) not in (None, unit.id):
            return  # the form's own errors (a code taken included) come first
        if self.unit is not None and fold(self.unit.name) == fold(unit.name):
            return  # an unchanged name was accepted before
        others = units_named_like(self.db, unit.name, unit.id)
        if others:
            listed = ", ".join(f"{u.code}{'' if u.active else ' (ngừng hoạt động)'}" for u in others)
            messages.allow_duplicate(
                self, "Trùng tên đơn vị",
                f"Đã có đơn vị tên “{others[0].name}” (mã {listed}). Vẫn lưu thêm đơn vị {unit.code} cùng tên?",
                "name", f"Trùng tên với đơn vị mã {listed}: hãy đổi tên, hoặc lưu lại và chọn “Vẫn lưu”",
            )
