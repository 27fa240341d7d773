"""Add or edit a disciplinary decision: the person (found by code or name), form, number, date,
the year whose titles it bars, a note."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget
from sqlite_utils import Database

from models.common.codes import DisciplineForm, label
from models.common.dates import DateError
from models.people.discipline import Discipline, check_discipline, normalised, save_discipline
from models.common.errors import ValidationError
from models.people.staff import Staff, list_staff
from models.common.text import fold

from ui.kit.record_dialog import RecordDialog
from ui.kit.widgets import ChoiceCombo, DateEdit

MAX_SHOWN = 50  # people listed at once: typing more narrows the list


def person_text(p: Staff) -> str:
    return f"{p.code} - {p.full_name} ({p.unit_name})" + (" - đã nghỉ" if p.ended_on else "")


class _SearchLine(QLineEdit):
    """The picker's search line: ↓ goes down into the list of matches."""

    down = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        super().keyPressEvent(event)


class StaffPicker(QWidget):
    """Choose one person among many: type part of the code or the name (with or without
    diacritics), then pick in the list; a single match is picked by itself."""

    changed = Signal()

    def __init__(self, people: list[Staff], parent=None):
        super().__init__(parent)
        self._people = people
        self._haystacks = [f"{p.code.lower()} {p.name_folded or fold(p.full_name)}" for p in people]
        self._by_id = {p.id: p for p in people}
        self._value: int | None = None
        self.search = _SearchLine()
        self.search.setObjectName("staff_search")
        self.search.setPlaceholderText("Gõ mã hoặc họ tên (có dấu hay không dấu đều được)")
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(self._filter)
        self.search.down.connect(self._into_list)
        self.list = QListWidget()
        self.list.setObjectName("staff_list")
        self.list.setFixedHeight(118)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.currentItemChanged.connect(self._picked)
        self.hint = QLabel()
        self.hint.setObjectName("staff_hint")
        self.hint.setStyleSheet("color: #555;")
        self.chosen = QLabel()
        self.chosen.setObjectName("staff_chosen")
        self.chosen.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(self.hint)
        layout.addWidget(self.chosen)
        self.setFocusProxy(self.search)
        self._filter("")
        self._show_chosen()

    def value(self) -> int | None:
        return self._value

    def set_value(self, staff_id: int | None) -> None:
        person = self._by_id.get(staff_id)
        self._set(staff_id if person else None)
        self.search.setText(person.code if person else "")
        self._filter(self.search.text())

    def matches(self) -> list[Staff]:
        """The people the list shows now."""
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def _filter(self, text: str) -> None:
        words = fold(text).split()
        found = [p for p, hay in zip(self._people, self._haystacks) if all(w in hay for w in words)]
        self.list.blockSignals(True)
        self.list.clear()
        for p in found[:MAX_SHOWN]:
            item = QListWidgetItem(person_text(p))
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.list.addItem(item)
            if p.id == self._value:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if not found:
            self.hint.setText("Không có cán bộ nào khớp với nội dung tìm.")
        elif len(found) > MAX_SHOWN:
            self.hint.setText(f"Hiển thị {MAX_SHOWN} / {len(found)} người; gõ thêm để thu hẹp rồi chọn một người.")
        else:
            self.hint.setText(f"{len(found)} người khớp; chọn một người trong danh sách." if len(found) > 1
                              else "1 người khớp.")
        if words and len(found) == 1:
            self.list.setCurrentRow(0)

    def _into_list(self) -> None:
        if self.list.count():
            self.list.setFocus()
            if self.list.currentRow() < 0:
                self.list.setCurrentRow(0)

    def _picked(self, item, _previous=None) -> None:
        if item is not None:
            self._set(item.data(Qt.ItemDataRole.UserRole).id)

    def _set(self, staff_id: int | None) -> None:
        if staff_id != self._value:
            self._value = staff_id
            self.changed.emit()
        self._show_chosen()

    def _show_chosen(self) -> None:
        person = self._by_id.get(self._value)
        self.chosen.setText(f"Đã chọn: <b>{person_text(person)}</b>" if person else "")
        self.chosen.setVisible(person is not None)


class DisciplineDialog(RecordDialog):
    def __init__(self, db: Database, record: Discipline | None = None, today: dt.date | None = None,
                 parent=None, people: list[Staff] | None = None):
        super().__init__("Sửa quyết định kỷ luật" if record else "Thêm quyết định kỷ luật", parent)
        self.db = db
        self.record = record
        self.today = today or dt.date.today()
        f = self.form
        self.staff = f.add("staff_id", "Cán bộ", StaffPicker(people if people is not None else list_staff(db)),
                           required=True)
        self.staff.setMinimumWidth(520)
        self.form_choice = f.add("form", "Hình thức kỷ luật",
                                 ChoiceCombo([(label(x), x) for x in DisciplineForm], "— Chọn —"), required=True)
        self.decision_number = f.add("decision_number", "Số quyết định", QLineEdit(), required=True)
        self.decision_number.setPlaceholderText("ví dụ 125/QĐ-UBND")
        self.decision_number.setMaxLength(100)
        self.decision_date = f.add("decision_date", "Ngày quyết định", DateEdit(), required=True)
        self.effective_year = f.add("effective_year", "Năm áp dụng", QLineEdit())
        self.effective_year.setMaxLength(4)
        self.effective_year.setPlaceholderText("năm của ngày quyết định")
        self.effective_year.setToolTip("Năm mà quyết định làm mất điều kiện xét danh hiệu thi đua")
        self.note = f.add("note", "Ghi chú", QLineEdit())
        self._auto_year = ""  # the year last filled in from the date (replaced when the date changes)
        if record:
            self.staff.set_value(record.staff_id)
            self.form_choice.set_value(record.form)
            self.decision_number.setText(record.decision_number)
            self.decision_date.set_date(record.decision_date)
            self.effective_year.setText(str(record.effective_year))
            if record.effective_year == record.decision_date.year:
                self._auto_year = str(record.effective_year)
            self.note.setText(record.note)
        self.decision_date.textChanged.connect(self._date_changed)
        self.mark_clean()

    def _snapshot(self) -> dict[str, object]:
        return {**super()._snapshot(), "staff_id": self.staff.value()}

    def _date_changed(self) -> None:
        """The effective year follows the decision's date until the user types another year."""
        try:
            decided = self.decision_date.date()
        except DateError:
            return
        if decided is not None and self.effective_year.text().strip() in ("", self._auto_year):
            self._auto_year = str(decided.year)
            self.effective_year.setText(self._auto_year)

    def save(self) -> Discipline:
        errors: dict[str, str] = {}
        try:
            decided = self.decision_date.date()
        except DateError as e:
            decided = None
            errors["decision_date"] = str(e)[:1].upper() + str(e)[1:]
        year_text = self.effective_year.text().strip()
        year = None
        if year_text:
            if year_text.isascii() and year_text.isdigit():
                year = int(year_text)
            else:
                errors["effective_year"] = f"“{year_text}” không phải năm (ví dụ 2018)"
        record = Discipline(
            staff_id=self.staff.value(), form=self.form_choice.value(),
            decision_number=self.decision_number.text(), decision_date=decided, effective_year=year,
            note=self.note.text(), id=self.record.id if self.record else None,
        )
        problems = check_discipline(self.db, normalised(record), self.today)
        if not year_text and ("decision_date" in problems or "decision_date" in errors):
            problems.pop("effective_year", None)  # blank year: the date's error says it all
        problems.update(errors)
        if problems:
            raise ValidationError(problems)
        return save_discipline(self.db, record, self.today)
