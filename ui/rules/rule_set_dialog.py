"""Adding or editing a rule set ("Quy định áp dụng") of the quarterly classification."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QSpinBox
from sqlite_utils import Database

from models.common.codes import HeadLevel, label
from models.common.errors import ValidationError
from models.quarters.rules import RuleSet, save_rule_set

from ui.kit.record_dialog import RecordDialog
from ui.rules.rules_editors import CapsEditor, CoefficientsEditor, percent_spin
from ui.kit.widgets import QUARTERS, ChoiceCombo
from ui.kit.layout import _row, pair_grid



class RuleSetDialog(RecordDialog):
    """Every field of a rule set; the domain's validation messages appear beside the fields.

    A new rule set starts as a copy of ``template`` (the latest one), so the user changes only
    what the new decision changes."""

    def __init__(self, db: Database, rule_set: RuleSet | None = None, template: RuleSet | None = None,
                 start: tuple[int, int] | None = None, parent=None):
        super().__init__("Sửa quy định áp dụng" if rule_set else "Thêm quy định áp dụng", parent)
        self.db = db
        self.rule_set = rule_set
        shown = rule_set or template
        f = self.form
        self.name = f.add("name", "Tên quy định", QLineEdit(), required=True)
        self.name.setMinimumWidth(520)
        self.name.setPlaceholderText("ví dụ: Quyết định 4631/QĐ-UBND ngày 19/10/2018")
        self.quarter = ChoiceCombo(QUARTERS)
        self.quarter.setObjectName("from_quarter")
        self.quarter.setMinimumContentsLength(5)
        self.year = QSpinBox()
        self.year.setObjectName("from_year")
        self.year.setRange(2000, 2100)
        f.add("from_quarter", "Áp dụng từ", _row(self.quarter, "năm", self.year,
                                                  "(đến khi có quy định sau)"), required=True)
        self.shares = {level: percent_spin() for level in HeadLevel}
        shares_box = pair_grid([(label(level), spin, f"share_{level.value}") for level, spin in self.shares.items()])
        f.add("shares", "Tỷ lệ chi thu nhập tăng thêm", shares_box)
        self.coefficients = f.add("coefficients", "Hệ số tăng thêm tối đa", CoefficientsEditor(visible_rows=3, buttons_below=True))
        self.caps = f.add("caps", "Giới hạn xếp loại", CapsEditor(visible_rows=3, buttons_below=True))
        self.scored = f.add("scored", "Chấm điểm", QCheckBox("Chấm điểm theo thang 100 (Nghị định 335/2025/NĐ-CP): "
                                                             "thêm cột Điểm khi nhập, nhập và xuất Excel"))
        self.deadline = QSpinBox()
        self.deadline.setObjectName("deadline_day")
        self.deadline.setRange(1, 28)
        f.add("deadline_day", "Hạn nộp", _row("Ngày", self.deadline, "của tháng đầu quý sau"))
        self.note = f.add("note", "Ghi chú", QPlainTextEdit())
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(56)
        if shown is not None:
            self.name.setText(shown.name if rule_set else "")
            self.quarter.set_value(shown.from_quarter)
            self.year.setValue(shown.from_year)
            for level, spin in self.shares.items():
                spin.setValue(round(shown.shares.get(level, 0) * 100))
            self.coefficients.set_values(shown.coefficients)
            self.caps.set_values(shown.caps)
            self.scored.setChecked(shown.scored)
            self.deadline.setValue(shown.deadline_day)
            self.note.setPlainText(shown.note if rule_set else "")
        else:
            self.deadline.setValue(5)
        if rule_set is None and start is not None:
            self.year.setValue(start[0])
            self.quarter.set_value(start[1])
        self.resize(max(self.sizeHint().width(), 1060), self.sizeHint().height())
        self.mark_clean()

    def _snapshot(self) -> dict[str, object]:
        # The base class reads line edits and combo boxes only; a rule set is mostly spin boxes
        # and tables, so its whole value is compared.
        return {"rule_set": self._rule_set()}

    def _rule_set(self) -> RuleSet:
        return RuleSet(
            name=self.name.text(),
            from_year=self.year.value(),
            from_quarter=self.quarter.value(),
            shares={level: spin.value() / 100 for level, spin in self.shares.items()},
            coefficients=tuple(self.coefficients.values()),
            caps=tuple(self.caps.values()),
            deadline_day=self.deadline.value(),
            note=self.note.toPlainText(),
            id=self.rule_set.id if self.rule_set else None,
            scored=self.scored.isChecked(),
        )

    def save(self) -> RuleSet:
        try:
            return save_rule_set(self.db, self._rule_set())
        except ValidationError as e:
            # The quarter and the year share one row of the form.
            errors = dict(e.errors)
            year_error = errors.pop("from_year", "")
            if year_error:
                errors["from_quarter"] = "; ".join(x for x in (year_error, errors.get("from_quarter")) if x)
            raise ValidationError(errors) from None
