"""The rule sets of the yearly titles ("Quy định xét danh hiệu thi đua"), each in force from its
year until the next one's: list, details, add, edit, delete (never the last one). Every change is
saved at once and can be undone (Ctrl+Z); whoever opened the dialog recomputes the titles when
``modified`` is set."""
from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QHeaderView, QLabel, QVBoxLayout
from sqlite_utils import Database

from models.common.codes import Achievement, BonusBaseDay, TitleCode, label
from models.yearend.title_rules import CHECK_MARK, TitleRules, delete_title_rules, list_title_rules, save_title_rules

from ui.kit import messages
from ui.kit.list_page import on_selected
from ui.kit.table_model import Column, RecordTableModel
from ui.yearend.titles_data import SHORT_TITLES, decimal_text, ranking_text
from ui.kit.undo import Change, UndoHistory
from ui.kit.widgets import make_table
from ui.kit.layout import field_button, text_label
from ui.yearend.title_rule_set_dialog import CHECK_STYLE


@dataclass(frozen=True)
class TitleRulesRow:
    """A rule set and the last year it is in force (``None``: still in force)."""

    rules: TitleRules
    until: int | None

    @property
    def period(self) -> str:
        start = self.rules.from_year
        if self.until is None:
            return f"Từ {start}"
        return str(start) if self.until == start else f"{start} - {self.until}"


def rules_rows(sets: list[TitleRules]) -> list[TitleRulesRow]:
    return [TitleRulesRow(r, sets[i + 1].from_year - 1 if i + 1 < len(sets) else None) for i, r in enumerate(sets)]


def _pct(value) -> str:
    return f"{decimal_text(value)}%"


def bonus_text(r: TitleRules) -> str:
    """"LĐTT 0,3 · CSTĐCS 1 · TTLĐTT 0,8 · TTLĐXS 1,5"."""
    return " · ".join(f"{SHORT_TITLES[t]} {decimal_text(r.bonus[t])}" for t in TitleCode)


class TitleRulesTableModel(RecordTableModel):
    columns = [
        Column("Áp dụng", lambda r: r.period, key=lambda r: r.rules.from_year, width=92),
        Column("Tên", lambda r: r.rules.name, width=300),
        Column("Chiến sĩ thi đua cơ sở", lambda r: f"tối đa {_pct(r.rules.cstdcs_cap_percent)}, "
               f"{label(r.rules.cap_scope).lower()}", key=lambda r: r.rules.cstdcs_cap_percent, width=190),
        Column("Tiền thưởng (lần lương cơ sở)", lambda r: bonus_text(r.rules), width=260),
    ]

    def search_text(self, r: TitleRulesRow) -> str:
        return f"{r.rules.name} {r.rules.note}"


def _achievements_text(r: TitleRules) -> str:
    if r.achievements == (Achievement.SANG_KIEN,):  # the 2018 shape, said as it always was
        return "phải là tác giả sáng kiến được công nhận ở cơ sở; "
    if not r.achievements:
        return ""
    return "có ít nhất một thành tích: " + "; ".join(label(a).lower() for a in r.achievements) + "; "


def _marked(r: TitleRules, name: str) -> str:
    return f" <span style='{CHECK_STYLE}'>(⚠ {CHECK_MARK})</span>" if name in r.to_check else ""


def details_html(row: TitleRulesRow) -> str:
    """Every value of a rule set, as the secretary checks it against the decision, with its legal
    source and the values marked "cần kiểm tra theo quy định của thành phố"."""
    r = row.rules
    until = f"đến hết năm {row.until}" if row.until else "đến nay (chưa có quy định sau)"
    leavers = "vẫn được xét" if r.leavers_qualify else "không được đề nghị"
    level = (f"xếp loại chất lượng cuối năm từ mức {label(r.required_level)}" if r.by_rating else
             f"mọi quý được xếp loại từ mức {label(r.required_level)} (ít nhất {r.min_classified_quarters} quý)")
    maternity = "; nghỉ thai sản tính là thời gian công tác" if r.maternity_counts else ""
    base_day = ("" if r.bonus_base_day == BonusBaseDay.YEAR_END
                else "; mức lương cơ sở có hiệu lực vào ngày quyết định khen thưởng")
    lines = [
        f"<b>{escape(r.name)}</b> — áp dụng từ năm {r.from_year} {until}.",
        f"<b>Lao động tiên tiến:</b> {level}; công tác từ {r.min_months} tháng{_marked(r, 'min_months')}; không bị "
        f"kỷ luật từ mức {label(r.individual_discipline)}; người nghỉ việc trước 31/12 {leavers}{maternity}.",
        f"<b>Chiến sĩ thi đua cơ sở:</b> {_achievements_text(r)}tối đa {_pct(r.cstdcs_cap_percent)} "
        f"{label(r.cap_base)} ({label(r.cap_scope).lower()}, làm tròn xuống)"
        f"{_marked(r, 'cstdcs_cap_percent') or _marked(r, 'cap_base')}; khi vượt, xếp theo {ranking_text(r)}.",
        f"<b>Tập thể lao động tiên tiến:</b> trên {_pct(r.ttldtt_percent)} cá nhân đạt Lao động tiên tiến; không có "
        f"thành viên bị kỷ luật từ mức {label(r.collective_discipline)}.",
        f"<b>Tập thể lao động xuất sắc:</b> từ {_pct(r.ttldxs_completed_percent)} cá nhân hoàn thành nhiệm vụ, từ "
        f"{_pct(r.ttldxs_ldtt_percent)} đạt Lao động tiên tiến, ít nhất {r.ttldxs_min_cstdcs} Chiến sĩ thi đua cơ sở.",
        f"<b>Tiền thưởng</b> (lần lương cơ sở): {bonus_text(r)}; "
        + ("đạt hai danh hiệu (cá nhân, tập thể) chỉ nhận mức thưởng cao nhất" if r.highest_bonus_only
           else "đạt hai danh hiệu (cá nhân, tập thể) nhận tiền thưởng của cả hai") + f"{base_day}.",
    ]
    if r.source:
        lines.append(f"<b>Căn cứ:</b> {escape(r.source)}")
    if r.note:
        lines.append(f"<i>Ghi chú: {escape(r.note)}</i>")
    return "<br>".join(lines)


class TitleRulesDialog(QDialog):
    """``year``: the rule set in force for it is selected first."""

    def __init__(self, db: Database, undo: UndoHistory | None = None, year: int | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Quy định xét danh hiệu thi đua")
        self.db = db
        self.undo = undo if undo is not None else UndoHistory(self)
        self.modified = False
        self.model = TitleRulesTableModel(self)
        self.table = make_table(self.model)
        self.table.setObjectName("title_rules_table")
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setMinimumHeight(130)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.activated.connect(lambda _i: self.edit_selected())
        self.details = text_label("details", rich=True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setMinimumHeight(self.details.fontMetrics().lineSpacing() * 9)
        self.details.setStyleSheet("background: #f6f7f9; border: 1px solid #d5d9e0; padding: 6px;")
        self.add_button = field_button("&Thêm quy định...", self.add, "Thêm một quy định áp dụng từ một năm mới")
        self.edit_button = field_button("&Sửa...", self.edit_selected, "Sửa quy định đang chọn (Enter)")
        self.delete_button = field_button("&Xóa", self.delete_selected, "Xóa quy định đang chọn")
        close = field_button("Đóng", self.accept, "")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        intro = QLabel("Mỗi quy định áp dụng từ năm của nó đến năm trước quy định sau. Sửa ở đây thì danh hiệu các "
                       "năm đó được xét lại ngay (danh sách đã phê duyệt giữ nguyên bản đã chốt).")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details, 1)
        layout.addLayout(buttons)
        self.resize(980, 600)
        self.load()
        if year is not None:
            rows = [self.model.record(i) for i in range(self.model.rowCount())]
            in_force = [r for r in rows if r.rules.from_year <= year]
            if in_force:
                self.select(max(in_force, key=lambda r: r.rules.from_year).rules.id)

    def load(self, select: int | None = None) -> None:
        keep = select if select is not None else (self.selected().rules.id if self.selected() else None)
        self.model.set_records(rules_rows(list_title_rules(self.db)))
        if keep is not None:
            self.select(keep)
        if self.selected() is None and self.model.rowCount():
            self.table.selectRow(self.model.rowCount() - 1)  # the newest
        self._selection_changed()

    def select(self, rules_id: int) -> None:
        row = self.model.row_of(lambda r: r.rules.id == rules_id)
        if row >= 0:
            self.table.selectRow(row)

    def selected(self) -> TitleRulesRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None and self.model.total_count > 1)
        self.details.setText(details_html(row) if row else "Chọn một quy định để xem chi tiết.")

    def _changed(self, text: str, restore, select: int | None = None) -> None:
        self.undo.push(Change(text, restore))
        self.modified = True
        self.load(select)

    # Changes.
    def add(self) -> None:
        from ui.yearend.title_rule_set_dialog import TitleRuleSetDialog

        sets = list_title_rules(self.db)
        template = sets[-1] if sets else None
        dialog = TitleRuleSetDialog(self.db, template=template,
                                    from_year=template.from_year + 1 if template else None, parent=self)
        if dialog.exec():
            new = dialog.result_record
            db = self.db
            self._changed(f"Thêm quy định xét danh hiệu {new.name}", lambda: delete_title_rules(db, new.id), new.id)

    @on_selected
    def edit_selected(self, row) -> None:
        from ui.yearend.title_rule_set_dialog import TitleRuleSetDialog

        before = row.rules
        dialog = TitleRuleSetDialog(self.db, before, parent=self)
        if dialog.exec():
            db = self.db
            self._changed(f"Sửa quy định xét danh hiệu {before.name}", lambda: save_title_rules(db, before), before.id)

    @on_selected
    def delete_selected(self, row) -> None:
        old = row.rules
        if not messages.confirm(self, "Xóa quy định",
                                f"Xóa quy định “{old.name}” (áp dụng từ năm {old.from_year})?\n"
                                "Các năm trong thời gian đó sẽ dùng quy định liền trước.", yes="Xóa"):
            return
        if not messages.attempt(self, "Không thể xóa", lambda: delete_title_rules(self.db, old.id)):
            return
        db = self.db
        self._changed(f"Xóa quy định xét danh hiệu {old.name}", lambda: save_title_rules(db, replace(old, id=None)))
