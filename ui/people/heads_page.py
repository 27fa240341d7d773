"""The heads screen ("Đánh giá người đứng đầu"): every unit's head and their rating for a year."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from models.campaigns.campaigns import list_campaigns
from models.common.dates import format_date
from models.common.codes import HeadLevel, label
from models.people.heads import (
    evaluation_years,
    HeadEvaluation,
    criteria_template,
    delete_evaluation,
    list_evaluations,
    save_evaluation,
    set_criteria_template,
)
from models.common.text import name_sort_key, sort_key
from models.people.units import Unit, list_units

from ui.kit import messages
from ui.people.head_dialog import CriteriaTemplateDialog, HeadDialog
from ui.kit.list_page import ListPage, on_selected
from ui.kit.table_model import Column, RecordTableModel
from ui.kit.widgets import ChoiceCombo
from ui.kit.layout import captioned, year_spin

EVALUATED = [("Đã đánh giá", True), ("Chưa đánh giá", False)]
_LEVEL_ORDER = {level: i for i, level in enumerate(HeadLevel)}


@dataclass(frozen=True)
class HeadRow:
    """A unit and its head's evaluation for the year shown (``None``: not evaluated yet)."""

    unit: Unit
    evaluation: HeadEvaluation | None

    @property
    def head_name(self) -> str:
        return self.evaluation.head_name if self.evaluation else self.unit.head_name

    @property
    def head_title(self) -> str:
        return self.evaluation.head_title if self.evaluation else self.unit.head_title

    @property
    def level_label(self) -> str:
        return self.evaluation.level_label if self.evaluation else ""

    @property
    def note(self) -> str:
        return " ".join(self.evaluation.note.split()) if self.evaluation else ""


def default_year(db: Database, today: dt.date) -> int:
    """This year if it has evaluations or campaigns; otherwise the latest year that has (the
    sample data describes 2018); this year when there is nothing at all."""
    years = {c.year for c in list_campaigns(db)} | set(evaluation_years(db))
    if today.year in years or not years:
        return today.year
    return max(years)


class HeadsTableModel(RecordTableModel):
    COL_CODE, COL_UNIT, COL_HEAD, COL_TITLE, COL_LEVEL, COL_NOTE, COL_DECIDED = range(7)
    columns = [
        Column("Mã", lambda r: r.unit.code, key=lambda r: sort_key(r.unit.code), width=60),
        Column("Đơn vị", lambda r: r.unit.name, width=260),
        Column("Người đứng đầu", lambda r: r.head_name, key=lambda r: name_sort_key(r.head_name), width=180),
        Column("Chức vụ", lambda r: r.head_title, width=130),
        Column("Xếp loại", lambda r: r.level_label,
               key=lambda r: _LEVEL_ORDER[r.evaluation.level] if r.evaluation else len(_LEVEL_ORDER), width=220),
        Column("Ghi chú", lambda r: r.note, width=200),
        Column("Ngày quyết định", lambda r: format_date(r.evaluation.decided_on) if r.evaluation else "",
               key=lambda r: (r.evaluation.decided_on or dt.date.max).isoformat() if r.evaluation else "9", width=120),
    ]

    def search_text(self, r: HeadRow) -> str:
        return f"{r.unit.code} {r.unit.name} {r.head_name} {r.head_title}"

    def is_inactive(self, r: HeadRow) -> bool:
        return not r.unit.active


class HeadsPage(ListPage):
    noun = "đánh giá người đứng đầu"
    kind = "heads"

    def __init__(self, db: Database, db_path: Path, parent=None, undo=None):
        super().__init__(db, db_path, HeadsTableModel(), "Tìm theo mã, tên đơn vị, người đứng đầu... (Ctrl+F)",
                         parent, undo)
        self.rows: list[HeadRow] = []
        # Reload when the year is complete (Enter), not per digit.
        year_caption, self.year = captioned("&Năm:", year_spin(default_year(db, dt.date.today())), "year")
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.add_leading_filter(year_caption, self.year)
        self.level_filter = self.add_filter(
            "level_filter", ChoiceCombo([(label(x), x) for x in HeadLevel], "Tất cả mức xếp loại"))
        self.evaluated_filter = self.add_filter("evaluated_filter", ChoiceCombo(EVALUATED, "Đã và chưa đánh giá"))
        self.edit_action = self.action("Đánh giá...", self.edit_selected, "F2",
                                       "Đánh giá người đứng đầu đơn vị đang chọn; Enter")
        self.delete_action = self.action("Xóa đánh giá", self.delete_selected, "Del")
        self.toolbar.addSeparator()
        self.template_action = self.action("Sửa danh sách tiêu chí mặc định...", self.edit_template)
        self.add_excel_actions()
        self.start(HeadsTableModel.COL_CODE)

    def exporter(self):
        from models.exports import export_head_evaluations

        year = self.year.value()
        return lambda db, path: export_head_evaluations(db, year, path)

    def file_stem(self) -> str:
        return f"nguoi-dung-dau-{self.year.value()}"

    def load(self) -> None:
        year = self.year.value()
        evaluations = {e.unit_id: e for e in list_evaluations(self.db, year)}
        self.rows = [HeadRow(u, evaluations.get(u.id))
                     for u in list_units(self.db) if u.active or u.id in evaluations]
        self.show_records(self.rows, lambda r: r.unit.id)

    def apply_filters(self) -> None:
        level, evaluated = self.level_filter.value(), self.evaluated_filter.value()
        self.model.set_predicate(
            lambda r: (level is None or (r.evaluation is not None and r.evaluation.level == level))
            and (evaluated is None or (r.evaluation is not None) == evaluated)
        )
        self.update_count()
        self.selection_changed()

    def update_count(self) -> None:
        rows = self.rows
        done = sum(1 for r in rows if r.evaluation is not None)
        self.count_label.setText(
            f"Hiển thị {self.model.rowCount()} / {len(rows)} đơn vị  ·  "
            f"Năm {self.year.value()}: đã đánh giá {done} / {len(rows)} đơn vị"
        )

    def selection_changed(self) -> None:
        row = self.selected()
        self.edit_action.setEnabled(row is not None)
        self.delete_action.setEnabled(row is not None and row.evaluation is not None)

    @on_selected
    def edit_selected(self, row) -> None:
        year, unit, before = self.year.value(), row.unit, row.evaluation
        dialog = HeadDialog(self.db, unit, year, before, parent=self)
        if dialog.exec():
            if before is None:
                self.remember(f"Đánh giá người đứng đầu {unit.code} năm {year}",
                              lambda: delete_evaluation(self.db, unit.id, year))
            else:
                self.remember(f"Sửa đánh giá người đứng đầu {unit.code} năm {year}",
                              lambda: save_evaluation(self.db, before))
            self.after_change(lambda r: r.unit.id == unit.id)

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None or row.evaluation is None:
            return
        old, year = row.evaluation, self.year.value()
        if not messages.confirm(
            self, "Xóa đánh giá",
            f"Xóa đánh giá năm {year} của người đứng đầu {row.unit.name} "
            f"({old.head_name or 'chưa ghi tên'}: {old.level_label})?",
            yes="Xóa",
        ):
            return
        delete_evaluation(self.db, row.unit.id, year)
        self.remember(f"Xóa đánh giá người đứng đầu {row.unit.code} năm {year}",
                      lambda: save_evaluation(self.db, old))
        self.after_change(lambda r: r.unit.id == row.unit.id)

    def edit_template(self) -> None:
        before = list(criteria_template(self.db))
        dialog = CriteriaTemplateDialog(self.db, parent=self)
        if dialog.exec():
            self.remember("Sửa danh sách tiêu chí mặc định", lambda: set_criteria_template(self.db, before))
            self.changed.emit()
