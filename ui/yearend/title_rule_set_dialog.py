"""Adding or editing a rule set of the yearly titles ("Quy định xét danh hiệu thi đua"): every
value in two columns, the domain's message beside each field it refuses."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.common.codes import (
    Achievement, BonusBaseDay, CapBase, DisciplineForm, HeadLevel, TitleCapScope, TitleCode, TitleJudging, TitleRank,
    label,
)
from models.yearend.title_rules import CHECK_MARK, TitleRules, save_title_rules

from ui.kit.record_dialog import RecordDialog
from ui.kit.layout import _row, pair_grid
from ui.yearend.titles_data import SHORT_TITLES, decimal_text
from ui.kit.widgets import ChoiceCombo, ErrorForm

NO_CRITERION = "(không)"
HIGHEST_BONUS_TIP = (
    "Một cá nhân đạt cả Lao động tiên tiến và Chiến sĩ thi đua cơ sở, một tập thể đạt cả Tập thể lao động tiên tiến "
    "và Tập thể lao động xuất sắc, chỉ nhận mức tiền thưởng cao hơn; danh sách kia ghi 0 đồng và ghi rõ tiền thưởng "
    "đã nhận ở danh hiệu nào. Bỏ chọn: nhận tiền thưởng của cả hai danh hiệu.\n"
    "Căn cứ: Nghị định 91/2017/NĐ-CP, Điều 66 khoản 2 điểm c (cùng một thời điểm, cùng một thành tích, đạt nhiều "
    "danh hiệu có mức tiền thưởng khác nhau thì nhận mức cao nhất) — theo các nguồn thứ cấp, cần kiểm tra lại "
    "văn bản gốc.")


class ColumnsForm(QWidget):
    """Two forms side by side that answer as one (what ``RecordDialog`` asks of its form)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.left, self.right = ErrorForm(self), ErrorForm(self)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for i, form in enumerate((self.left, self.right)):
            if i:
                layout.addWidget(line)
            column = QVBoxLayout()
            column.addWidget(form)
            column.addStretch(1)  # the shorter column keeps its rows together at the top
            layout.addLayout(column, 1)

    @property
    def fields(self) -> dict[str, QWidget]:
        return {**self.left.fields, **self.right.fields}

    def show_errors(self, errors: dict[str, str]) -> None:
        for form in (self.left, self.right):
            form.show_errors({k: v for k, v in errors.items() if k in form.fields})
        first = next((widget for name, widget in self.fields.items() if errors.get(name)), None)
        if first is not None:  # the first field at fault, reading the left column first
            first.setFocus()

    def error_text(self, name: str) -> str:
        form = self.left if name in self.left.fields else self.right
        return form.error_text(name)


def _number(width: int = 64) -> QLineEdit:
    edit = QLineEdit()
    edit.setFixedWidth(width)
    return edit


def _spin(low: int, high: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    return spin


def _caption(form: ErrorForm, name: str, text: str) -> None:
    """A row that goes on with the condition above it: "và" rather than a field's name."""
    form.layout_.labelForField(form.fields[name].parentWidget()).setText(text)


CHECK_STYLE = "color: #a15c00;"
MATERNITY_TIP = ("Quý “không đánh giá” vì nghỉ thai sản được tính như một quý đạt mức yêu cầu; người chưa có xếp loại "
                 "cuối năm mà có nghỉ thai sản thì xét theo các quý. Bỏ chọn: chỉ xét các quý được xếp loại.")
BASE_DAY_TIP = ("Ngày quyết định khen thưởng: dự thảo dùng ngày lấy số liệu, danh sách phê duyệt dùng ngày quyết định; "
                "bản in ghi rõ mức lương cơ sở và nghị định quy định mức đó.")


def _mark(form: ErrorForm, name: str) -> QLabel:
    """The "cần kiểm tra theo quy định của thành phố" line under a field (hidden until the rule
    set names the field among its values to check)."""
    mark = QLabel(f"⚠ {CHECK_MARK}")
    mark.setObjectName(f"check_{name}")
    mark.setStyleSheet(CHECK_STYLE)
    mark.hide()
    column = form._rows[name].layout()
    column.insertWidget(column.count() - 1, mark)
    return mark


def _heading(form: ErrorForm, text: str) -> None:
    caption = QLabel(f"<b>{text}</b>")
    caption.setContentsMargins(0, 6, 0, 0)
    form.layout_.addRow(caption)


class TitleRuleSetDialog(RecordDialog):
    """A new rule set starts as a copy of ``template`` (the latest one), so that the user changes
    only what the new decision changes."""

    def __init__(self, db: Database, rules: TitleRules | None = None, template: TitleRules | None = None,
                 from_year: int | None = None, parent=None):
        super().__init__("Sửa quy định xét danh hiệu" if rules else "Thêm quy định xét danh hiệu", parent)
        self.db, self.rules = db, rules
        old = self.form
        self.form = ColumnsForm(self)
        self.layout().replaceWidget(old, self.form)
        old.setParent(None)
        self._build_left(self.form.left)
        self._build_right(self.form.right)
        self.to_check: tuple[str, ...] = ()
        self.marks = {name: _mark(form, name) for form in (self.form.left, self.form.right) for name in form.fields}
        shown = rules or template or TitleRules(name="", from_year=from_year or 2018)
        self._show(shown)
        # A new set copies the latest one: said above the form, more firmly for an earlier year.
        self.template = template if rules is None else None
        self.copied = QLabel()
        self.copied.setObjectName("copied")
        self.copied.setWordWrap(True)
        self.copied.setVisible(self.template is not None)
        self.layout().insertWidget(0, self.copied)
        self.from_year.valueChanged.connect(lambda _v: self._say_copied())
        if rules is None:
            self.name.setText("")
            self.note.setPlainText("")
            if from_year is not None:
                self.from_year.setValue(from_year)
        self._say_copied()
        self.mark_clean()

    def _say_copied(self) -> None:
        if self.template is None:
            return
        t = self.template
        text = f"Các giá trị được chép từ quy định mới nhất “{t.name}” (áp dụng từ năm {t.from_year})"
        if self.from_year.value() < t.from_year:
            self.copied.setText(f"⚠ {text}, không phải từ quy định đang áp dụng cho năm {self.from_year.value()}: "
                                "hãy kiểm tra từng giá trị theo văn bản của năm đó.")
        else:
            self.copied.setText(f"{text}: chỉ cần sửa những điều văn bản mới thay đổi.")

    def _build_left(self, f: ErrorForm) -> None:
        self.name = f.add("name", "Tên quy định", QLineEdit(), required=True)
        self.name.setMinimumWidth(330)
        self.name.setPlaceholderText("ví dụ: Luật Thi đua, Khen thưởng 2022; Nghị định 98/2023/NĐ-CP")
        self.from_year = _spin(2000, 2100)
        self.from_year.setObjectName("from_year")
        f.add("from_year", "Áp dụng từ năm", _row(self.from_year, "(đến khi có quy định sau)"), required=True)
        _heading(f, "Lao động tiên tiến")
        self.judging = f.add("judging", "Căn cứ xét", ChoiceCombo([(label(j), j) for j in TitleJudging]))
        self.judging.currentIndexChanged.connect(lambda _i: self._judging_changed())
        self.required_level = f.add("required_level", "Mọi quý được xếp loại từ mức", ChoiceCombo(
            [(label(lv), lv) for lv in HeadLevel if lv != HeadLevel.KHONG_HOAN_THANH]))
        self.min_quarters = _spin(1, 4, " quý")
        f.add("min_classified_quarters", "Số quý được xếp loại tối thiểu", _row(self.min_quarters))
        self.min_months = _spin(0, 120, " tháng")
        f.add("min_months", "Thời gian công tác tối thiểu", _row(self.min_months, "tính đến 31/12, từ ngày tuyển dụng"))
        self.individual_discipline = f.add("individual_discipline", "Không xét nếu bị kỷ luật từ mức", ChoiceCombo(
            [(label(d), d) for d in DisciplineForm]))
        self.leavers = f.add("leavers_qualify", "Người nghỉ việc trước 31/12", QCheckBox("vẫn được xét danh hiệu"))
        self.maternity = f.add("maternity_counts", "Nghỉ thai sản", QCheckBox("tính là thời gian công tác"))
        self.maternity.setToolTip(MATERNITY_TIP)
        _heading(f, "Chiến sĩ thi đua cơ sở")
        self.achievements = {a: QCheckBox(label(a)) for a in Achievement}
        self.initiative = self.achievements[Achievement.SANG_KIEN]
        choices = QWidget()
        column = QVBoxLayout(choices)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        for box in self.achievements.values():
            column.addWidget(box)
        choices.setFocusProxy(self.initiative)
        f.add("achievements", "Có ít nhất một thành tích", choices)
        self.cap_percent = _number()
        self.cap_percent.setObjectName("cstdcs_cap_percent")
        f.add("cstdcs_cap_percent", "Tỷ lệ tối đa",
              _row(self.cap_percent, "% (làm tròn xuống)"))
        self.cap_base = f.add("cap_base", "Tỷ lệ tính trên", ChoiceCombo([(label(b), b) for b in CapBase]))
        self.cap_scope = f.add("cap_scope", "Tính tỷ lệ theo", ChoiceCombo([(label(s), s) for s in TitleCapScope]))
        self.ranks = [ChoiceCombo([(label(k), k) for k in TitleRank], NO_CRITERION) for _ in TitleRank]
        for i, combo in enumerate(self.ranks, 1):
            combo.setObjectName(f"rank_{i}")
            combo.setMinimumContentsLength(26)
        ranking = QWidget()
        grid = QGridLayout(ranking)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, combo in enumerate(self.ranks):
            grid.addWidget(QLabel(f"{i + 1}."), i, 0)
            grid.addWidget(combo, i, 1)
        grid.addWidget(QLabel("rồi theo tên"), len(self.ranks), 1)
        grid.setColumnStretch(1, 1)
        ranking.setFocusProxy(self.ranks[0])
        f.add("ranking", "Xếp hạng khi vượt tỷ lệ", ranking)

    def _build_right(self, f: ErrorForm) -> None:
        _heading(f, "Tập thể")
        self.collective_discipline = f.add("collective_discipline", "Không xét nếu có thành viên bị kỷ luật từ mức",
                                           ChoiceCombo([(label(d), d) for d in DisciplineForm]))
        self.ttldtt_percent = _number()
        f.add("ttldtt_percent", "Tập thể lao động tiên tiến",
              _row("trên", self.ttldtt_percent, "% cá nhân đạt Lao động tiên tiến"))
        self.completed_percent = _number()
        f.add("ttldxs_completed_percent", "Tập thể lao động xuất sắc",
              _row("từ", self.completed_percent, "% cá nhân hoàn thành nhiệm vụ"))
        self.xs_ldtt_percent = _number()
        f.add("ttldxs_ldtt_percent", "và", _row("từ", self.xs_ldtt_percent, "% cá nhân đạt Lao động tiên tiến"))
        self.min_cstdcs = _spin(0, 1000, " người")
        f.add("ttldxs_min_cstdcs", "và", _row("có ít nhất", self.min_cstdcs, "Chiến sĩ thi đua cơ sở"))
        for name in ("ttldxs_ldtt_percent", "ttldxs_min_cstdcs"):
            _caption(f, name, "và")
        _heading(f, "Tiền thưởng (số lần lương cơ sở, làm tròn lên 10.000 đ)")
        self.bonus = {t: _number() for t in TitleCode}
        for title, edit in self.bonus.items():
            edit.setToolTip(label(title))
        amounts = pair_grid([(SHORT_TITLES[t], edit, f"bonus_{t.value}") for t, edit in self.bonus.items()])
        f.add("bonus", "Mức thưởng", amounts)
        self.highest_bonus = f.add("highest_bonus_only", "Đạt nhiều danh hiệu",
                                   QCheckBox("chỉ nhận mức tiền thưởng cao nhất"))
        self.highest_bonus.setToolTip(HIGHEST_BONUS_TIP)
        self.base_day = f.add("bonus_base_day", "Lương cơ sở tại", ChoiceCombo([(label(d), d) for d in BonusBaseDay]))
        self.base_day.setToolTip(BASE_DAY_TIP)
        _heading(f, "Căn cứ")
        self.source = f.add("source", "Căn cứ pháp lý", QPlainTextEdit())
        self.source.setTabChangesFocus(True)
        self.source.setFixedHeight(110)
        self.note = f.add("note", "Ghi chú", QPlainTextEdit())
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(64)
        self.checked = f.add("to_check", "Giá trị đánh dấu ⚠", QCheckBox("đã kiểm tra theo quy định của thành phố"))
        self.checked.setToolTip("Chọn rồi lưu: bỏ dấu “cần kiểm tra” ở các giá trị đã đối chiếu với văn bản")

    def _judging_changed(self) -> None:
        """The yearly rating has one level and no quarters: say so, and the quarters' count waits."""
        yearly = self.judging.value() == TitleJudging.YEARLY_RATING
        form = self.form.left
        form.layout_.labelForField(form._rows["required_level"]).setText(
            "Xếp loại cuối năm từ mức:" if yearly else "Mọi quý được xếp loại từ mức:")
        self.min_quarters.setEnabled(not yearly)

    def _show(self, r: TitleRules) -> None:
        self.name.setText(r.name)
        self.from_year.setValue(r.from_year)
        self.required_level.set_value(r.required_level)
        self.min_quarters.setValue(r.min_classified_quarters)
        self.min_months.setValue(r.min_months)
        self.individual_discipline.set_value(r.individual_discipline)
        self.leavers.setChecked(r.leavers_qualify)
        self.judging.set_value(r.judging)
        self._judging_changed()
        self.maternity.setChecked(r.maternity_counts)
        for achievement, box in self.achievements.items():
            box.setChecked(achievement in r.achievements)
        self.cap_base.set_value(r.cap_base)
        self.base_day.set_value(r.bonus_base_day)
        self.source.setPlainText(r.source)
        self.to_check = r.to_check
        for name, mark in self.marks.items():
            mark.setVisible(name in r.to_check)
        self.checked.setChecked(False)
        self.checked.parentWidget().setVisible(bool(r.to_check))
        self.form.right.layout_.labelForField(self.checked.parentWidget()).setVisible(bool(r.to_check))
        self.cap_percent.setText(decimal_text(r.cstdcs_cap_percent))
        self.cap_scope.set_value(r.cap_scope)
        for combo, criterion in zip(self.ranks, (*r.ranking, *[None] * len(self.ranks))):
            combo.set_value(criterion)
        self.collective_discipline.set_value(r.collective_discipline)
        self.ttldtt_percent.setText(decimal_text(r.ttldtt_percent))
        self.completed_percent.setText(decimal_text(r.ttldxs_completed_percent))
        self.xs_ldtt_percent.setText(decimal_text(r.ttldxs_ldtt_percent))
        self.min_cstdcs.setValue(r.ttldxs_min_cstdcs)
        for title, edit in self.bonus.items():
            edit.setText(decimal_text(r.bonus[title]))
        self.highest_bonus.setChecked(r.highest_bonus_only)
        self.note.setPlainText(r.note)

    def _snapshot(self) -> dict[str, object]:
        # The base class reads line edits and combo boxes only; spin boxes and the note count too.
        return {"rules": self.chosen()}

    def chosen(self) -> TitleRules:
        """The rule set as typed: percentages and multiples as text ("12,5"), which the domain reads."""
        return TitleRules(
            name=self.name.text(), from_year=self.from_year.value(), required_level=self.required_level.value(),
            min_classified_quarters=self.min_quarters.value(), min_months=self.min_months.value(),
            leavers_qualify=self.leavers.isChecked(), individual_discipline=self.individual_discipline.value(),
            collective_discipline=self.collective_discipline.value(),
            achievements=tuple(a for a, box in self.achievements.items() if box.isChecked()),
            cstdcs_cap_percent=self.cap_percent.text(), cap_scope=self.cap_scope.value(),
            ranking=tuple(k for k in (c.value() for c in self.ranks) if k is not None),
            ttldtt_percent=self.ttldtt_percent.text(), ttldxs_completed_percent=self.completed_percent.text(),
            ttldxs_ldtt_percent=self.xs_ldtt_percent.text(), ttldxs_min_cstdcs=self.min_cstdcs.value(),
            bonus={t: edit.text() for t, edit in self.bonus.items()}, highest_bonus_only=self.highest_bonus.isChecked(),
            note=self.note.toPlainText(), judging=self.judging.value(), cap_base=self.cap_base.value(),
            maternity_counts=self.maternity.isChecked(), bonus_base_day=self.base_day.value(),
            source=self.source.toPlainText(), to_check=() if self.checked.isChecked() else self.to_check,
            id=self.rules.id if self.rules else None,
        )

    def save(self) -> TitleRules:
        return save_title_rules(self.db, self.chosen())
