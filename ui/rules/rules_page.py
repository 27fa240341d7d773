"""The rules screen ("Quy định áp dụng"): the rule sets of the quarterly classification, each in
force from its quarter until the next one's, and the base salary the extra income is estimated with.
The rule sets of the yearly titles open from here too (``ui.yearend.title_rules_dialog``)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QHeaderView, QLabel, QVBoxLayout
from sqlite_utils import Database

from models.common.codes import CapScope, HeadLevel, label
from models.common.dates import DateError, format_date, parse_date
from models.common.errors import ValidationError
from models.quarters.classifications import quarter_of
from models.quarters.rules import (
    BaseSalary,
    RuleSet,
    base_salaries,
    delete_rule_set,
    list_rule_sets,
    percent,
    save_rule_set,
    set_base_salaries,
)

from ui.kit import messages
from ui.kit.list_page import ListPage, on_selected
from ui.quarters.quarter_review_tables import SHORT, amount_text, decimal
from ui.rules.rule_set_dialog import RuleSetDialog
from ui.rules.rules_editors import BaseSalaryEditor
from ui.kit.table_model import Column, RecordTableModel
from ui.kit.widgets import ERROR_STYLE
from ui.kit.layout import field_button, lay_out, text_label


def _next(year: int, quarter: int) -> tuple[int, int]:
    return (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def _previous(year: int, quarter: int) -> tuple[int, int]:
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


@dataclass(frozen=True)
class RuleRow:
    """A rule set and the last quarter it is in force (``None``: still in force)."""

    rule_set: RuleSet
    until: tuple[int, int] | None

    @property
    def period(self) -> str:
        rs = self.rule_set
        start = f"Q{rs.from_quarter}/{rs.from_year}"
        if self.until is None:
            return f"Từ {start}"
        return start if self.until == rs.start else f"{start} → Q{self.until[1]}/{self.until[0]}"


def rule_rows(sets: list[RuleSet]) -> list[RuleRow]:
    return [RuleRow(rs, _previous(*sets[i + 1].start) if i + 1 < len(sets) else None) for i, rs in enumerate(sets)]


def cap_text(cap) -> str:
    who = "LĐ, QL" if cap.scope == CapScope.LEADERS else "Toàn ĐV"
    over = f" số {SHORT[cap.of_level]}" if cap.of_level is not None else ""
    return f"{who}: {SHORT[cap.level]} ≤ {percent(cap.max_share)}{over} ({label(cap.severity).split(' (')[0].lower()})"


def coefficients_text(rs: RuleSet) -> str:
    return " · ".join(f"{year}: {decimal(c)}" for year, c in sorted(rs.coefficients))


class RuleSetsTableModel(RecordTableModel):
    COL_NAME, COL_PERIOD, COL_SHARES, COL_COEFFICIENTS, COL_CAPS, COL_DEADLINE = range(6)
    columns = [
        Column("Tên", lambda r: r.rule_set.name, width=240),
        Column("Áp dụng", lambda r: r.period, key=lambda r: r.rule_set.start, width=140),
        Column("Tỷ lệ chi (HTXSNV /\nHTTNV / HTNV / KHTNV)",
               lambda r: " / ".join(percent(r.rule_set.shares.get(lv, 0)) for lv in HeadLevel),
               key=lambda r: tuple(-r.rule_set.shares.get(lv, 0) for lv in HeadLevel), width=165),
        Column("Hệ số tối đa\ntheo năm", lambda r: coefficients_text(r.rule_set),
               key=lambda r: tuple(sorted(r.rule_set.coefficients)), width=150),
        Column("Giới hạn", lambda r: "\n".join(cap_text(c) for c in r.rule_set.caps), width=210),
        Column("Hạn nộp", lambda r: f"Ngày {r.rule_set.deadline_day:02d}, tháng đầu quý sau",
               key=lambda r: r.rule_set.deadline_day, width=150),
    ]

    def search_text(self, r: RuleRow) -> str:
        return f"{r.rule_set.name} {r.rule_set.note}"

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.row() < self.rowCount():
            r: RuleRow = self.record(index.row())
            if index.column() == self.COL_CAPS:
                return "\n".join(f"{c.text} — {label(c.severity)}" for c in r.rule_set.caps) or None
            return index.data() or None
        return super().data(index, role)


def details_html(row: RuleRow) -> str:
    rs = row.rule_set
    until = (f"đến hết quý {row.until[1]}/{row.until[0]}" if row.until else "đến nay (chưa có quy định sau)")
    shares = ", ".join(f"{label(lv)} {percent(rs.shares.get(lv, 0))}" for lv in HeadLevel)
    coefficients = "; ".join(f"từ năm {y}: {decimal(c)}" for y, c in sorted(rs.coefficients)) or "chưa nhập"
    caps = "<br>".join(f"&nbsp;&nbsp;- {c.text} — {label(c.severity)}" for c in rs.caps) or "&nbsp;&nbsp;(không có)"
    example = rs.deadline(rs.from_year, rs.from_quarter)
    lines = [
        f"<b>{rs.name}</b>",
        f"Áp dụng từ quý {rs.from_quarter}/{rs.from_year} {until}.",
        f"Tỷ lệ chi: {shares}.",
        f"Hệ số tăng thêm tối đa: {coefficients}.",
        f"Giới hạn xếp loại:<br>{caps}",
        "Chấm điểm theo thang 100: có (cột Điểm khi nhập, nhập và xuất Excel)." if rs.scored else
        "Chấm điểm theo thang 100: không.",
        f"Hạn nộp: ngày {rs.deadline_day:02d} của tháng đầu quý sau (quý {rs.from_quarter}/{rs.from_year}: "
        f"{format_date(example)}).",
    ]
    if rs.note:
        lines.append(f"<i>Ghi chú: {rs.note}</i>")
    return "<br>".join(lines)


class RulesPage(ListPage):
    noun = "quy định"
    kind = "rules"

    def __init__(self, db: Database, db_path: Path, parent=None, undo=None, today: dt.date | None = None):
        super().__init__(db, db_path, RuleSetsTableModel(), "Tìm theo tên quy định... (Ctrl+F)", parent, undo)
        self.today = today or dt.date.today()
        self.add_action = self.action("Thêm quy định", self.add, "Ctrl+N")
        self.edit_action = self.action("Sửa", self.edit_selected, "F2", "Sửa quy định đang chọn; Enter, nhấp đúp")
        self.delete_action = self.action("Xóa", self.delete_selected, "Del", "Xóa quy định đang chọn")
        self.toolbar.addSeparator()
        self.title_rules_action = self.action("Quy định danh hiệu thi đua...", self.edit_title_rules, None,
                                              "Điều kiện, tỷ lệ và tiền thưởng của các danh hiệu thi đua cuối năm")
        self.sort_by(RuleSetsTableModel.COL_PERIOD)
        # Few rows, long texts: rows grow to show them whole rather than cut them.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._build_bottom()
        self._stored_salaries: tuple[BaseSalary, ...] = ()
        self.reload()

    def _build_bottom(self) -> None:
        details_box = QGroupBox("Quy định đang chọn")
        column = QVBoxLayout(details_box)
        self.details = text_label("details", rich=True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.details, 1)
        salary_box = QGroupBox("Lương cơ sở (thu nhập tăng thêm, tiền thưởng danh hiệu thi đua)")
        column = QVBoxLayout(salary_box)
        self.salaries = BaseSalaryEditor(visible_rows=3)
        self.salaries.setObjectName("base_salaries")
        self.salaries.edited.connect(self._salaries_edited)
        self.salary_error = QLabel()
        self.salary_error.setObjectName("salary_error")
        self.salary_error.setStyleSheet(ERROR_STYLE)
        self.salary_error.setWordWrap(True)
        self.salary_error.hide()
        self.salary_status = QLabel()
        self.salary_status.setObjectName("salary_status")
        self.save_salaries_button = field_button("Lưu lương cơ sở", self.save_base_salaries)
        self.revert_salaries_button = field_button("Bỏ thay đổi", self.load_base_salaries)
        buttons = lay_out((self.salary_status, 1), self.revert_salaries_button, self.save_salaries_button)
        column.addWidget(self.salaries)
        column.addWidget(self.salary_error)
        column.addStretch(1)
        column.addLayout(buttons)
        bottom = QHBoxLayout()
        bottom.addWidget(details_box, 3)
        bottom.addWidget(salary_box, 2)
        self.layout().addLayout(bottom, 1)

    # Loading.
    def load(self) -> None:
        keep = self.selected()
        sets = list_rule_sets(self.db)
        self.model.set_records(rule_rows(sets))
        self.update_count()
        if keep is not None:
            self.select_where(lambda r: r.rule_set.id == keep.rule_set.id)
        elif self.model.rowCount():  # the one in force today (a later one may be shipped already: 2026)
            today = quarter_of(self.today)
            started = [rs.id for rs in sets if rs.start <= today]
            if started:
                self.select_where(lambda r: r.rule_set.id == started[-1])
            else:
                self.table.selectRow(self.model.rowCount() - 1)
        self.selection_changed()
        if not self.salaries_dirty():
            self.load_base_salaries()

    def load_base_salaries(self) -> None:
        self._stored_salaries = base_salaries(self.db)
        self.salaries.set_values(self._stored_salaries)
        self.salary_error.hide()
        self._salaries_edited()

    def salaries_dirty(self) -> bool:
        stored = [(format_date(b.start), b.amount, b.decree) for b in self._stored_salaries]
        return self.salaries.values() != stored

    def _salaries_edited(self) -> None:
        dirty = self.salaries_dirty()
        self.save_salaries_button.setEnabled(dirty)
        self.revert_salaries_button.setEnabled(dirty)
        self.salary_status.setText("Có thay đổi chưa lưu" if dirty else "")

    def selection_changed(self) -> None:
        row = self.selected()
        self.edit_action.setEnabled(row is not None)
        self.delete_action.setEnabled(row is not None)
        self.details.setText(details_html(row) if row else "Chọn một quy định để xem chi tiết.")

    # Rule sets.
    def add(self) -> None:
        sets = list_rule_sets(self.db)
        template = sets[-1] if sets else None
        start = _next(*template.start) if template else quarter_of(self.today)
        dialog = RuleSetDialog(self.db, template=template, start=start, parent=self)
        if dialog.exec():
            new = dialog.result_record
            self.remember(f"Thêm quy định {new.name}", lambda: delete_rule_set(self.db, new.id))
            self.after_change(lambda r: r.rule_set.id == new.id)

    @on_selected
    def edit_selected(self, row) -> None:
        before = row.rule_set
        dialog = RuleSetDialog(self.db, before, parent=self)
        if dialog.exec():
            self.remember(f"Sửa quy định {before.name}", lambda: save_rule_set(self.db, before))
            self.after_change(lambda r: r.rule_set.id == before.id)

    @on_selected
    def delete_selected(self, row) -> None:
        old = row.rule_set
        if not messages.confirm(
            self, "Xóa quy định",
            f"Xóa quy định “{old.name}” (áp dụng từ quý {old.from_quarter}/{old.from_year})?\n"
            "Các quý trong thời gian đó sẽ dùng quy định liền trước.",
            yes="Xóa",
        ):
            return
        if not messages.attempt(self, "Không thể xóa", lambda: delete_rule_set(self.db, old.id)):
            return
        self.remember(f"Xóa quy định {old.name}", lambda: save_rule_set(self.db, replace(old, id=None)))
        self.after_change()

    def edit_title_rules(self) -> None:
        """The rule sets of the yearly titles (the same dialog as on the titles screen)."""
        from ui.yearend.title_rules_dialog import TitleRulesDialog

        dialog = TitleRulesDialog(self.db, self.undo, parent=self)
        dialog.exec()
        if dialog.modified:
            self.changed.emit()

    # Base salaries.
    def save_base_salaries(self) -> None:
        salaries, errors = [], []
        for number, (text, amount, decree) in enumerate(self.salaries.values(), start=1):
            try:
                start = parse_date(text)
            except DateError as e:
                errors.append(f"Dòng {number}: {e}")
                continue
            if start is None:
                errors.append(f"Dòng {number}: chưa nhập ngày áp dụng")
                continue
            salaries.append(BaseSalary(start, amount, decree))
        if not errors and not salaries:
            errors.append("Cần ít nhất một mức lương cơ sở")
        if not errors:
            before = base_salaries(self.db)
            try:
                set_base_salaries(self.db, salaries)
            except ValidationError as e:
                errors = list(e.errors.values())
        if errors:
            self.salary_error.setText("\n".join(errors))
            self.salary_error.show()
            return
        self.remember("Sửa lương cơ sở", lambda: set_base_salaries(self.db, list(before)))
        self.load_base_salaries()
        self.salary_status.setText(
            "Đã lưu: " + "; ".join(f"từ {format_date(b.start)}: {amount_text(b.amount)}" for b in self._stored_salaries))
        self.changed.emit()
