"""Add or edit an award of the register: a person (found by code or name) or a collective, the year,
what the award is and as written, the level, who issued it, the decision, the reason, the bonus."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLineEdit, QRadioButton, QVBoxLayout, QWidget
from sqlite_utils import Database

from models.awards.exchange import parse_amount
from models.awards.register import Award, check_award, normalised, save_award
from models.common.award_codes import AwardKind, AwardLevel, award_label
from models.common.errors import ValidationError
from models.common.text import money
from models.people.staff import Staff, list_staff
from models.people.units import list_units

from ui.kit.dates import read_dates
from ui.kit.record_dialog import RecordDialog
from ui.kit.widgets import ChoiceCombo, DateEdit, SearchableCombo
from ui.people.discipline_dialog import StaffPicker


class _Subject(QWidget):
    """Cá nhân or Tập thể, and the person or the unit chosen."""

    def __init__(self, people: list[Staff], units, parent=None):
        super().__init__(parent)
        self.person_choice = QRadioButton("Cá nhân")
        self.unit_choice = QRadioButton("Tập thể (đơn vị)")
        group = QButtonGroup(self)
        group.addButton(self.person_choice)
        group.addButton(self.unit_choice)
        self.person_choice.setChecked(True)
        self.staff = StaffPicker(people)
        self.unit = SearchableCombo([(f"{u.code} - {u.name}", u.id) for u in units], "Gõ mã hoặc tên đơn vị")
        self.unit.setObjectName("unit_choice")
        top = QHBoxLayout()
        top.addWidget(self.person_choice)
        top.addWidget(self.unit_choice)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.staff)
        layout.addWidget(self.unit)
        self.person_choice.toggled.connect(self._shown)
        self._shown()
        self.setFocusProxy(self.staff)

    def _shown(self) -> None:
        person = self.person_choice.isChecked()
        self.staff.setVisible(person)
        self.unit.setVisible(not person)

    def ids(self) -> tuple[int | None, int | None]:
        return (self.staff.value(), None) if self.person_choice.isChecked() else (None, self.unit.value())

    def set_ids(self, staff_id: int | None, unit_id: int | None) -> None:
        if unit_id is not None:
            self.unit_choice.setChecked(True)
            self.unit.set_value(unit_id)
        else:
            self.person_choice.setChecked(True)
            self.staff.set_value(staff_id)


class AwardDialog(RecordDialog):
    def __init__(self, db: Database, record: Award | None = None, parent=None, year: int | None = None):
        super().__init__("Sửa khen thưởng" if record else "Thêm khen thưởng", parent)
        self.db = db
        self.record = record
        f = self.form
        self.subject = f.add("subject", "Được khen", _Subject(list_staff(db), list_units(db)), required=True)
        self.subject.setMinimumWidth(540)
        self.year = f.add("year", "Năm", QLineEdit(), required=True)
        self.year.setMaxLength(4)
        self.year.setText(str(year or dt.date.today().year))
        self.kind = f.add("kind", "Loại khen thưởng", ChoiceCombo([(award_label(k), k) for k in AwardKind], "— Chọn —"),
                          required=True)
        self.form_text = f.add("form", "Hình thức (ghi như quyết định)", QLineEdit(), required=True)
        self.form_text.setPlaceholderText("ví dụ Huân chương Lao động hạng Ba; Bằng khen của Chủ tịch UBND Thành phố")
        self.level = f.add("level", "Cấp khen", ChoiceCombo([(award_label(x), x) for x in AwardLevel], "— Chọn —"),
                           required=True)
        self.authority = f.add("authority", "Cơ quan ban hành", QLineEdit())
        self.authority.setPlaceholderText("ví dụ Chủ tịch UBND quận Gò Vấp")
        self.decision_number = f.add("decision_number", "Số quyết định", QLineEdit())
        self.decision_number.setPlaceholderText("ví dụ 125/QĐ-UBND")
        self.decision_date = f.add("decision_date", "Ngày quyết định", DateEdit())
        self.reason = f.add("reason", "Lý do, thành tích", QLineEdit())
        self.amount = f.add("amount", "Số tiền thưởng (đồng)", QLineEdit())
        self.amount.setPlaceholderText("ví dụ 1.390.000; để trống nếu không có")
        self._auto_form = ""
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if record:
            self.subject.set_ids(record.staff_id, record.unit_id)
            self.year.setText(str(record.year))
            self.kind.set_value(record.kind)
            self.form_text.setText(record.form)
            self.level.set_value(record.level)
            self.authority.setText(record.authority)
            self.decision_number.setText(record.decision_number)
            self.decision_date.set_date(record.decision_date)
            self.reason.setText(record.reason)
            self.amount.setText(money(record.amount) if record.amount else "")
        self.mark_clean()

    def _snapshot(self) -> dict[str, object]:
        return {**super()._snapshot(), "subject": self.subject.ids()}

    def _kind_changed(self) -> None:
        """The form follows the kind until the user writes another."""
        kind = self.kind.value()
        if kind is not None and self.form_text.text().strip() in ("", self._auto_form):
            self._auto_form = award_label(kind)
            self.form_text.setText(self._auto_form)

    def save(self) -> Award:
        dates, errors = read_dates(self.form, ["decision_date"])
        decided = dates["decision_date"]
        year_text = self.year.text().strip()
        year = int(year_text) if year_text.isascii() and year_text.isdigit() else None
        if year is None:
            errors["year"] = f"“{year_text}” không phải năm (ví dụ 2018)" if year_text else "Năm không được để trống"
        amount = parse_amount(self.amount.text())
        if amount is None:
            errors["amount"] = f"“{self.amount.text()}” không phải số tiền (đồng), ví dụ 1.390.000"
        staff_id, unit_id = self.subject.ids()
        record = Award(staff_id, unit_id, year or 0, self.kind.value(), self.form_text.text(), self.level.value(),
                       self.authority.text(), self.decision_number.text(), decided, self.reason.text(), amount or 0,
                       id=self.record.id if self.record else None)
        problems = check_award(self.db, normalised(record))
        problems.update(errors)
        if problems:
            raise ValidationError(problems)
        return save_award(self.db, record)
