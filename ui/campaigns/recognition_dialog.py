"""Recognitions of initiatives as sáng kiến (issue 13): one recognition (which body, decision, scope),
for one of a campaign's initiatives or for one outside any campaign (then with its unit and authors),
and the list of every recognition, opened from the campaign screen."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout
from sqlite_utils import Database

from models.campaigns.campaigns import list_campaigns
from models.campaigns.initiatives import Initiative
from models.campaigns.recognitions import (
    Recognition, check_recognition, delete_recognition, list_recognitions, normalised, save_recognition,
)
from models.common.codes import RecognitionBody, RecognitionScope, label
from models.common.errors import ValidationError
from models.common.text import sort_key
from models.people.staff import list_staff
from models.people.units import list_units

from ui.campaigns.initiative_dialog import AuthorPicker
from ui.kit import messages
from ui.kit.dates import read_dates
from ui.kit.layout import lay_out
from ui.kit.record_dialog import RecordDialog
from ui.kit.table_model import Column, RecordTableModel
from ui.kit.widgets import ChoiceCombo, DateEdit, SearchableCombo, make_table

OUTSIDE = "Ngoài đợt thi đua"


class RecognitionDialog(RecordDialog):
    """Record or correct one recognition. ``initiative``: a campaign's initiative being recognised;
    without it (and without ``recognition``'s initiative) the initiative is outside any campaign and
    its name, unit and authors are entered here."""

    DATES = ("decision_date",)

    def __init__(self, db: Database, initiative: Initiative | None = None, recognition: Recognition | None = None,
                 today: dt.date | None = None, parent=None):
        super().__init__("Sửa công nhận sáng kiến" if recognition else "Ghi nhận công nhận sáng kiến", parent)
        self.db, self.recognition, self.today = db, recognition, today or dt.date.today()
        self.initiative_id = initiative.id if initiative else (recognition.initiative_id if recognition else None)
        f = self.form
        self.title = self.unit = self.authors = None
        if self.initiative_id is not None:
            name = initiative.title if initiative else recognition.name
            unit = initiative.unit_name if initiative else recognition.unit_name
            caption = QLabel(f"<b>{name}</b><br>{unit}")
            caption.setWordWrap(True)
            f.layout_.addRow("Mô hình, sáng kiến:", caption)
        else:
            self.title = f.add("title", "Tên sáng kiến", QLineEdit(), required=True)
            self.title.setMaxLength(500)
            units = [(f"{u.name} ({u.code})", u.id) for u in sorted(list_units(db), key=lambda u: sort_key(u.name))]
            self.unit = f.add("unit_id", "Đơn vị áp dụng", SearchableCombo(units, "— Chọn đơn vị —"), required=True)
            everyone = {p.id: p for p in list_staff(db)}
            self.authors = f.add("authors", "Tác giả", AuthorPicker(everyone), required=True)
            self.authors.set_candidates([p for p in everyone.values() if p.ended_on is None])
            self.unit.currentIndexChanged.connect(lambda _i: self._unit_changed())
        self.body = f.add("body", "Cấp công nhận", ChoiceCombo([(label(b), b) for b in RecognitionBody],
                                                               "— Chọn cấp công nhận —"), required=True)
        self.decision_number = f.add("decision_number", "Số quyết định", QLineEdit(), required=True)
        self.decision_number.setPlaceholderText("ví dụ: 12/QĐ-HĐSK")
        self.decision_date = f.add("decision_date", "Ngày quyết định", DateEdit(), required=True)
        self.decision_date.setMaximumWidth(140)
        self.scope = f.add("scope", "Phạm vi ảnh hưởng", ChoiceCombo([(label(s), s) for s in RecognitionScope]),
                           required=True)
        self.note = f.add("note", "Ghi chú", QLineEdit())
        self.setMinimumWidth(620)
        if recognition is not None:
            f.show_record(recognition, ("body", "decision_number", "decision_date", "scope", "note"))
            if self.title is not None:
                self.title.setText(recognition.title)
                self.unit.set_value(recognition.unit_id)
                self.authors.set_authors(recognition.authors)
        else:
            self.scope.set_value(RecognitionScope.DON_VI)
        self.mark_clean()

    def _unit_changed(self) -> None:
        unit_id = self.unit.value()
        people = list_staff(self.db, unit_id) if unit_id is not None else list_staff(self.db)
        self.authors.set_candidates([p for p in people if p.ended_on is None])

    def _snapshot(self) -> dict[str, object]:
        values = super()._snapshot()
        if self.authors is not None:
            values["authors"] = self.authors.authors()
        return values

    def save(self) -> Recognition:
        dates, errors = read_dates(self.form, self.DATES)
        values = dict(body=self.body.value(), decision_number=self.decision_number.text(),
                      decision_date=dates["decision_date"], scope=self.scope.value(), note=self.note.text(),
                      initiative_id=self.initiative_id, id=self.recognition.id if self.recognition else None)
        if self.title is not None:
            values.update(title=self.title.text(), unit_id=self.unit.value(), authors=self.authors.authors())
        recognition = Recognition(**values)
        if errors:
            raise ValidationError({**check_recognition(self.db, normalised(recognition), self.today), **errors})
        return save_recognition(self.db, recognition, self.today)


class RecognitionTableModel(RecordTableModel):
    COL_NAME, COL_UNIT, COL_CAMPAIGN, COL_BODY, COL_DECISION, COL_SCOPE = range(6)

    def __init__(self, campaigns: dict[int, str], parent=None):
        super().__init__(parent)
        self.columns = [
            Column("Tên sáng kiến", lambda r: r.name, width=260),
            Column("Đơn vị", lambda r: r.unit_name, width=190),
            Column("Đợt thi đua", lambda r: campaigns.get(r.campaign_id, OUTSIDE), width=170),
            Column("Cấp công nhận", lambda r: r.body_label, width=200),
            Column("Quyết định", lambda r: r.decision_text,
                   key=lambda r: (r.decision_date or dt.date.max).isoformat(), width=220),
            Column("Phạm vi ảnh hưởng", lambda r: r.scope_label, width=140),
        ]


class RecognitionsDialog(QDialog):
    """Every recognition, newest decisions last; add one outside any campaign, correct or delete one."""

    def __init__(self, db: Database, today: dt.date | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Sáng kiến được công nhận")
        self.db, self.today = db, today or dt.date.today()
        campaigns = {c.id: f"{c.year} - {c.name}" for c in list_campaigns(db)}
        self.model = RecognitionTableModel(campaigns, self)
        self.table = make_table(self.model)
        self.table.setObjectName("recognitions_table")
        self.table.setMinimumSize(1100, 320)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        hint = QLabel("Công nhận của mô hình trong đợt thi đua được ghi từ mô hình đó (màn hình Phong trào thi đua, "
                      "Đăng ký / sửa mô hình); ở đây thêm được sáng kiến ngoài đợt thi đua.")
        hint.setWordWrap(True)
        self.add_button = QPushButton("Thêm sáng kiến ngoài đợt thi đua...")
        self.edit_button = QPushButton("Sửa...")
        self.delete_button = QPushButton("Xóa")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.count_label = QLabel()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(lay_out(self.add_button, self.edit_button, self.delete_button, None))
        layout.addWidget(self.table)
        layout.addLayout(lay_out(self.count_label, None, close))
        self.reload()

    def reload(self) -> None:
        self.model.set_records(list_recognitions(self.db))
        self.count_label.setText(f"{self.model.rowCount()} sáng kiến được công nhận")

    def selected(self) -> Recognition | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def add(self) -> None:
        if RecognitionDialog(self.db, today=self.today, parent=self).exec():
            self.reload()

    def edit_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None and RecognitionDialog(self.db, recognition=chosen, today=self.today, parent=self).exec():
            self.reload()

    def delete_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        if messages.confirm(self, "Xóa công nhận sáng kiến",
                            f"Xóa công nhận “{chosen.name}” ({chosen.decision_text})?", "Xóa"):
            delete_recognition(self.db, chosen.id)
            self.reload()


def recognitions_text(recognitions: list[Recognition]) -> str:
    """The initiative dialog's line: each recognition on its own line ("" when none)."""
    return "<br>".join(f"{r.body_label}: {r.decision_text}, phạm vi {r.scope_label.lower()}" for r in recognitions)


__all__ = ["OUTSIDE", "RecognitionDialog", "RecognitionsDialog", "recognitions_text"]
