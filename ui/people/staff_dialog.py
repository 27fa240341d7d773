"""Add or edit a person; changing the unit of someone already saved records a move from a date."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QCompleter, QLineEdit
from sqlite_utils import Database

from models.common.codes import Gender, StaffCategory, label
from models.common.errors import ValidationError
from models.people.staff import Staff, add_staff, check_staff, known_positions, normalised, update_staff
from models.common.text import sort_key
from models.people.units import list_units

from ui.kit.dates import read_dates
from ui.kit.record_dialog import RecordDialog
from ui.kit.widgets import ChoiceCombo, DateEdit, SearchableCombo

COMMON_POSITIONS = [
    "Chuyên viên", "Cán sự", "Kế toán", "Văn thư", "Trưởng phòng", "Phó Trưởng phòng",
    "Chủ tịch", "Phó Chủ tịch", "Chánh Văn phòng", "Phó Chánh Văn phòng", "Nhân viên",
]


class StaffDialog(RecordDialog):
    FIELDS = ("code", "full_name", "gender", "unit_id", "position", "category", "is_leader")  # not the dates
    DATES = ("birth_date", "recruited_on", "ended_on")

    def __init__(self, db: Database, person: Staff | None = None, today: dt.date | None = None,
                 parent=None):
        super().__init__("Sửa thông tin cán bộ" if person else "Thêm cán bộ", parent)
        self.db = db
        self.person = person
        self.today = today or dt.date.today()
        # New assignments go to active units only; a person still in a dissolved unit keeps it shown.
        current = person.unit_id if person else None
        units = sorted((u for u in list_units(db) if u.active or u.id == current), key=lambda u: sort_key(u.name))
        unit_items = [
            (f"{u.name} ({u.code})" + ("" if u.active else " - ngừng hoạt động"), u.id) for u in units
        ]
        f = self.form
        self.code = f.add("code", "Mã cán bộ", QLineEdit(), required=True)
        self.code.setMaxLength(30)
        self.full_name = f.add("full_name", "Họ và tên", QLineEdit(), required=True)
        self.full_name.setMinimumWidth(360)
        self.birth_date = f.add("birth_date", "Ngày sinh", DateEdit())
        self.gender = f.add(
            "gender", "Giới tính", ChoiceCombo([(label(g), g) for g in Gender], "— Chọn —"),
            required=True,
        )
        self.unit = f.add("unit_id", "Đơn vị", SearchableCombo(unit_items, "— Chọn đơn vị —"),
                          required=True)
        self.move_from = f.add("move_from", "Chuyển sang từ ngày", DateEdit(), required=True)
        self.position = f.add("position", "Chức vụ", QLineEdit())
        self.position.setCompleter(self._position_completer())
        self.category = f.add(
            "category", "Đối tượng",
            ChoiceCombo([(label(c), c) for c in StaffCategory], "— Chọn —"), required=True,
        )
        self.is_leader = f.add("is_leader", "Lãnh đạo, quản lý", QCheckBox("Có"))
        self.recruited_on = f.add("recruited_on", "Ngày tuyển dụng", DateEdit())
        self.salary_coefficient = f.add("salary_coefficient", "Hệ số lương", QLineEdit())
        self.salary_coefficient.setPlaceholderText("ví dụ 2,34 (để ước tính thu nhập tăng thêm)")
        self.ended_on = f.add("ended_on", "Ngày nghỉ (thôi công tác)", DateEdit())
        if person:
            f.show_record(person, (*self.FIELDS, *self.DATES))
            if person.salary_coefficient is not None:
                self.salary_coefficient.setText(f"{person.salary_coefficient:g}".replace(".", ","))
        self.move_from.set_date(self.today)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self._unit_changed()
        self.mark_clean()

    def _position_completer(self) -> QCompleter:
        known = known_positions(self.db)
        completer = QCompleter(sorted(set(known) | set(COMMON_POSITIONS), key=sort_key), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        return completer

    def _unit_changed(self) -> None:
        moving = self.person is not None and self.unit.value() not in (None, self.person.unit_id)
        self.form.set_row_visible("move_from", moving)
        self.adjustSize()

    def focus_unit(self) -> None:
        """Open on the unit field (the "move to another unit" action)."""
        self.unit.setFocus()
        self.unit.lineEdit().selectAll()

    def _salary(self, errors: dict[str, str]) -> float | None:
        text = self.salary_coefficient.text().strip().replace(",", ".")
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            errors["salary_coefficient"] = f"“{self.salary_coefficient.text()}” không phải số (ví dụ 2,34)"
            return None

    def save(self) -> Staff:
        dates, errors = read_dates(self.form, (*self.DATES, "move_from"))
        salary = self._salary(errors)
        fields = dict(self.form.values(self.FIELDS), **{d: dates[d] for d in self.DATES}, salary_coefficient=salary)
        person = replace(self.person, **fields) if self.person else Staff(**fields)
        if errors:  # show the date errors together with everything else that is wrong
            raise ValidationError({**check_staff(normalised(person), self.today), **errors})
        if self.person is None:
            return add_staff(self.db, person, self.today)
        move_from = dates["move_from"] if person.unit_id != self.person.unit_id else None
        return update_staff(self.db, person, self.today, move_from=move_from)
