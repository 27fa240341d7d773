"""A year's achievements for Chiến sĩ thi đua cơ sở besides the initiatives of the campaigns
("Thành tích xét Chiến sĩ thi đua cơ sở"): research works accepted and applied in the unit, work
solutions recognised by the competent authority. Add (person, kind, name, the document that
recognised it), delete after confirmation; each change is saved at once and can be undone (Ctrl+Z).
Whoever opened the dialog recomputes the titles when ``modified`` is set."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout
from sqlite_utils import Database

from models.common.codes import label
from models.common.errors import ValidationError
from models.people.staff import list_staff
from models.yearend.achievements import (
    ENTERED, StaffAchievement, add_achievement, delete_achievement, list_achievements,
)

from ui.kit import messages
from ui.kit.layout import field_button
from ui.kit.table_model import Column, RecordTableModel
from ui.kit.undo import Change, UndoHistory
from ui.kit.widgets import ERROR_STYLE, ChoiceCombo, make_table


@dataclass(frozen=True)
class AchievementRow:
    achievement: StaffAchievement
    person: str  # "Nguyễn Văn An (CB0001)"


class AchievementTableModel(RecordTableModel):
    columns = [
        Column("Cán bộ", lambda r: r.person, width=220),
        Column("Loại", lambda r: label(r.achievement.kind), width=250),
        Column("Tên thành tích", lambda r: r.achievement.title, width=260),
        Column("Căn cứ công nhận", lambda r: r.achievement.reference, width=200),
    ]

    def search_text(self, r: AchievementRow) -> str:
        return f"{r.person} {r.achievement.title}"


class AchievementsDialog(QDialog):
    def __init__(self, db: Database, year: int, undo: UndoHistory | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Thành tích xét Chiến sĩ thi đua cơ sở năm {year}")
        self.db, self.year = db, year
        self.undo = undo if undo is not None else UndoHistory(self)
        self.modified = False
        people = sorted(list_staff(db), key=lambda s: s.full_name)
        self.names = {s.id: f"{s.full_name} ({s.code})" for s in people}
        intro = QLabel("Sáng kiến được lấy từ các đợt thi đua; ở đây nhập đề tài, đề án, công trình khoa học đã nghiệm "
                       "thu và áp dụng, giải pháp công tác được cấp có thẩm quyền công nhận. Quy định xét danh hiệu "
                       "của năm cho biết thành tích nào được tính.")
        intro.setWordWrap(True)
        self.model = AchievementTableModel(self)
        self.table = make_table(self.model)
        self.table.setObjectName("achievements_table")
        self.person = QComboBox()
        self.person.setEditable(True)  # type part of a name: the completer finds it
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for staff_id, name in self.names.items():
            self.person.addItem(name, staff_id)
        self.person.setCurrentIndex(-1)
        self.kind = ChoiceCombo([(label(k), k) for k in ENTERED])
        self.title = QLineEdit()
        self.title.setObjectName("achievement_title")
        self.reference = QLineEdit()
        self.reference.setPlaceholderText("ví dụ: Biên bản nghiệm thu số 12/BB ngày 20/11/2025")
        self.error = QLabel()
        self.error.setObjectName("achievement_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("Cán bộ:", self.person)
        form.addRow("Loại thành tích:", self.kind)
        form.addRow("Tên thành tích:", self.title)
        form.addRow("Căn cứ công nhận:", self.reference)
        self.add_button = field_button("&Thêm", self.add, "Lưu thành tích vừa nhập")
        self.delete_button = field_button("&Xóa", self.delete_selected, "Xóa thành tích đang chọn")
        close = field_button("Đóng", self.accept, "")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(980, 520)
        self.load()

    def load(self) -> None:
        self.model.set_records([AchievementRow(a, self.names.get(a.staff_id, ""))
                                for a in list_achievements(self.db, self.year)])

    def chosen_person(self) -> int | None:
        index = self.person.findText(self.person.currentText())
        return self.person.itemData(index) if index >= 0 else None

    def add(self) -> None:
        staff_id = self.chosen_person()
        if staff_id is None:
            self._show_error("Chưa chọn cán bộ (chọn trong danh sách, hoặc gõ tên rồi chọn)")
            return
        try:
            saved = add_achievement(self.db, StaffAchievement(staff_id, self.year, self.kind.value(),
                                                              self.title.text(), self.reference.text()))
        except ValidationError as e:
            self._show_error("\n".join(e.errors.values()))
            return
        self.error.hide()
        self.title.clear()
        self.reference.clear()
        db = self.db
        self._changed(f"Thêm thành tích “{saved.title}”", lambda: delete_achievement(db, saved.id))

    def selected(self) -> AchievementRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        a = row.achievement
        if not messages.confirm(self, "Xóa thành tích", f"Xóa “{a.title}” của {row.person}?", yes="Xóa"):
            return
        if not messages.attempt(self, "Không xóa được", lambda: delete_achievement(self.db, a.id)):
            return
        db = self.db
        self._changed(f"Xóa thành tích “{a.title}”", lambda: add_achievement(db, a))

    def _changed(self, text: str, restore) -> None:
        self.undo.push(Change(text, restore))
        self.modified = True
        self.load()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
