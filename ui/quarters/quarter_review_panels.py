"""The three tabs of the quarter review screen: by unit, by person, extra income.

Each tab is a :class:`ListPage` (search, filters, table, count line); the screen around them
chooses the quarter. The person and income tabs load when first shown (they read every person).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QGroupBox, QLabel, QTableView, QVBoxLayout

from models.exchange import xlsx
from models.quarters.classifications import person_history, quarter_bounds
from models.common.codes import HeadLevel
from models.common.errors import DomainError
from models.quarters.quarter_review import LATE, MISSING, SUBMITTED, QuarterReview, extra_income
from models.quarters.rules import base_salaries, base_salary_on, rule_set_for
from models.people.staff import list_staff
from models.common.text import sort_key
from models.store.output import write_atomically
from models.store.settings import council_names

from ui.kit import messages
from ui.kit.list_page import ListPage, on_selected
from ui.quarters.quarter_review_tables import (
    ABOVE,
    ABOVE_STRONG,
    BELOW,
    BELOW_STRONG,
    MISSING_COLOUR,
    NOTABLE,
    SHORT,
    STRONG,
    IncomeTableModel,
    PersonHistoryTableModel,
    StaffPickTableModel,
    WARN_COLOUR,
    UnitReviewTableModel,
    amount_text,
    decimal,
    entry_text,
)
from ui.kit.tasks import run_with_progress
from ui.kit.widgets import ERROR_STYLE, ChoiceCombo, SearchableCombo, make_table
from ui.kit.layout import text_label

PAID = [("Được chi", True), ("Không được chi", False)]
ALL_PAID = "Được chi: tất cả"


def _chip(colour: str, text: str) -> str:
    return f"<span style='background:{colour}'>&nbsp;{text}&nbsp;</span>"


def export_model(panel: ListPage, title: str, file_name: str, sheet: str, model, widths: dict[int, float],
                 headers: dict[int, str] | None = None, dates: tuple[int, ...] = ()) -> None:
    """Write the rows the table shows (after search and filters) to an xlsx file the user picks;
    numbers stay numbers. The rows are read here; only the writing runs in the background."""
    path = messages.save_xlsx(panel, title, file_name)
    if not path:
        return
    columns = [
        xlsx.Column((headers or {}).get(c, model.columns[c].title.replace("\n", " ")), widths.get(c, 12),
                    is_date=c in dates)
        for c in range(model.columnCount())
    ]
    rows = [[model.export_value(model.record(r), c) for c in range(model.columnCount())]
            for r in range(model.rowCount())]
    try:
        run_with_progress(panel, f"Đang xuất {len(rows)} dòng ra Excel...",
                          lambda _progress: write_atomically(
                              path, lambda temporary: xlsx.write_workbook(temporary, sheet, columns, rows)))
    except OSError as e:
        messages.error(panel, "Không xuất được", f"Không ghi được tệp “{path}”: {e.strerror or e}")
        return
    messages.inform(panel, "Đã xuất", f"Đã xuất {len(rows)} dòng ra tệp:\n{path}")


class UnitsReviewPanel(ListPage):
    """Every unit of the quarter against all units together; their totals line ("Toàn phường") stays
    above the rows."""

    noun = "đơn vị"
    kind = "quarter_review"
    opened = Signal(int)  # the unit whose entry screen the user asks for

    def __init__(self, db, db_path, undo=None, parent=None):
        super().__init__(db, db_path, UnitReviewTableModel(), "Tìm theo mã, tên đơn vị... (Ctrl+F)", parent, undo)
        self.review: QuarterReview | None = None
        self.status_filter = self.add_filter(
            "status_filter", ChoiceCombo([(s, s) for s in (SUBMITTED, LATE, MISSING)], "Tất cả tình trạng nộp"))
        self.kind_filter = self.add_kind_filter()
        self.over_only = QCheckBox("Chỉ đơn vị vượt giới hạn")
        self.over_only.setObjectName("over_only")
        self.over_only.toggled.connect(self.apply_filters)
        self.filters.addWidget(self.over_only)
        self.open_action = self.action("Mở bảng xếp loại của đơn vị", self.edit_selected, "F2",
                                       "Mở màn hình xếp loại của đơn vị đang chọn cho quý này; Enter, nhấp đúp")
        self.open_action.setIconText("Mở bảng xếp loại")
        self.export_action = self.action("Xuất bảng tổng hợp ra Excel...", self.export_excel, "Ctrl+E")
        self.export_action.setIconText("Xuất Excel...")
        self._build_totals()
        self.legend = QLabel()
        self.legend_tail = (
            f"{_chip(ABOVE_STRONG, f'cao hơn &gt;{round(STRONG * 100)} điểm')} "
            f"{_chip(ABOVE, f'cao hơn {round(NOTABLE * 100)}–{round(STRONG * 100)}')} "
            f"{_chip(BELOW, f'thấp hơn {round(NOTABLE * 100)}–{round(STRONG * 100)}')} "
            f"{_chip(BELOW_STRONG, f'thấp hơn &gt;{round(STRONG * 100)} điểm')}"
            f" &nbsp;·&nbsp; Vượt giới hạn: {_chip(WARN_COLOUR, 'cảnh báo')} {_chip(MISSING_COLOUR, 'chặn chốt')}"
            " &nbsp;·&nbsp; Rê chuột lên ô để xem chi tiết."
        )
        self.show_council()
        self.legend.setWordWrap(True)
        self.legend.setObjectName("legend")
        self.layout().addWidget(self.legend)
        self.apply_filters()

    def _build_totals(self) -> None:
        """A one-row table with the district's totals, carrying the column header: it sits above the
        units' rows, follows their column widths and scrolling, and its header clicks sort them."""
        self.totals_model = UnitReviewTableModel(totals=True)
        view = QTableView()
        view.setObjectName("totals")
        view.setModel(self.totals_model)
        view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.setWordWrap(False)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(26)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        # The domain's order, shown as such: the highest share of excellent first.
        excellent = UnitReviewTableModel.COL_SHARE[HeadLevel.XUAT_SAC]
        self.model.sort(excellent, Qt.SortOrder.DescendingOrder)
        header.setSortIndicator(excellent, Qt.SortOrder.DescendingOrder)
        for i, column in enumerate(self.totals_model.columns):
            view.setColumnWidth(i, column.width)
        last = len(self.totals_model.columns) - 1  # stretched in each view to its own width
        header.sectionResized.connect(lambda i, _old, new: i != last and self.table.setColumnWidth(i, new))
        header.sortIndicatorChanged.connect(self.model.sort)
        self.table.horizontalHeader().hide()
        self.table.setSortingEnabled(False)  # the header above sorts
        self.table.horizontalScrollBar().valueChanged.connect(view.horizontalScrollBar().setValue)
        self.totals_view = view
        self.body.removeWidget(self.table)
        column = QVBoxLayout()
        column.setSpacing(0)
        column.addWidget(view)
        column.addWidget(self.table, 1)
        self.body.insertLayout(0, column, 1)
        self._fit_totals()

    def _fit_totals(self) -> None:
        view = self.totals_view
        view.setFixedHeight(view.horizontalHeader().sizeHint().height() + 26 + 2 * view.frameWidth())

    def set_review(self, review: QuarterReview | None) -> None:
        keep = self.selected()
        self.review = review
        self.show_council()  # the names may have changed in Tệp > Thông tin in trên văn bản
        self.model.set_review(review)
        self.totals_model.set_review(review)
        self.update_count()
        if keep is not None:
            self.select_where(lambda u: u.unit_id == keep.unit_id)
        self.selection_changed()

    def show_council(self) -> None:
        """The council's words ("toàn phường", "Toàn phường") in the legend and the totals line."""
        self.council = council_names(self.db)
        self.legend.setText(f"Ô %: so với {self.council.everyone} — {self.legend_tail}")
        for model in (self.model, self.totals_model):
            model.total_label = self.council.total_label

    def load(self) -> None:
        self.set_review(self.review)

    def apply_filters(self) -> None:
        status, kind, over = self.status_filter.value(), self.kind_filter.value(), self.over_only.isChecked()
        self.model.set_predicate(
            lambda u: (status is None or u.status == status) and (kind is None or u.unit_kind == kind)
            and (not over or bool(u.violations))
        )
        self.update_count()
        self.selection_changed()

    def update_count(self) -> None:
        review = self.review
        over = sum(1 for u in review.units if u.violations) if review else 0
        self.count_label.setText(
            f"Hiển thị {self.model.rowCount()} / {self.model.total_count} đơn vị"
            + (f"  ·  {over} đơn vị vượt giới hạn" if over else "")
            + "  ·  Nhấp tiêu đề cột để sắp xếp (mặc định: tỷ lệ HTXSNV cao nhất trước)"
        )

    def selection_changed(self) -> None:
        self.open_action.setEnabled(self.selected() is not None)

    @on_selected
    def edit_selected(self, unit) -> None:
        self.opened.emit(unit.unit_id)

    def export_excel(self) -> None:
        review = self.review
        if review is None:
            return
        m = UnitReviewTableModel
        headers = {m.COL_SHARE[lv]: f"% {SHORT[lv]}" for lv in HeadLevel}
        export_model(self, "Xuất bảng tổng hợp quý ra Excel", f"tong-hop-quy-{review.quarter}-{review.year}.xlsx",
                     f"Quý {review.quarter}-{review.year}", self.model, {m.COL_UNIT: 40, m.COL_VIOLATIONS: 50},
                     headers, dates=(m.COL_SUBMITTED,))


class PersonPanel(ListPage):
    """Pick a person (search by code, name or unit, with or without diacritics) to see their
    results across quarters."""

    noun = "cán bộ"
    kind = "quarter_review_person"

    def __init__(self, db, db_path, undo=None, parent=None):
        super().__init__(db, db_path, StaffPickTableModel(), "Tìm cán bộ theo mã, họ tên, đơn vị... (Ctrl+F)",
                         parent, undo)
        self.lazy = True
        self.toolbar.hide()  # nothing to act on: the tab only reads
        self.history_model = PersonHistoryTableModel()
        self.history_table = make_table(self.history_model)
        self.history_table.setObjectName("history")
        self.history_model.sort(PersonHistoryTableModel.COL_YEAR, Qt.SortOrder.DescendingOrder)  # newest first
        self.history_table.horizontalHeader().setSortIndicator(PersonHistoryTableModel.COL_YEAR,
                                                               Qt.SortOrder.DescendingOrder)
        box = QGroupBox("Kết quả xếp loại qua các quý")
        column = QVBoxLayout(box)
        self.person_label = text_label("person")
        self.history_summary = text_label("history_summary")
        column.addWidget(self.person_label)
        column.addWidget(self.history_table, 1)
        column.addWidget(self.history_summary)
        self.body.addWidget(box, 3)
        self.body.setStretch(0, 2)
        self.search.returnPressed.connect(self._pick_first)
        self.sort_by(StaffPickTableModel.COL_NAME)
        self.selection_changed()

    def load(self) -> None:
        self.show_records(list_staff(self.db))

    def _search_changed(self, text: str) -> None:
        super()._search_changed(text)
        if self.model.rowCount() == 1:
            self.table.selectRow(0)

    def _pick_first(self) -> None:
        if self.model.rowCount():
            self.table.selectRow(0)
            self.table.setFocus()

    def show_person(self, staff_id: int) -> None:
        """Select the person (clearing a search that hides them)."""
        if self._stale or not self.model.total_count:
            self.reload()
        if self.model.row_of(lambda p: p.id == staff_id) < 0:
            self.search.clear()
        self.select_where(lambda p: p.id == staff_id)

    def edit_selected(self) -> None:
        self.history_table.setFocus()

    def selection_changed(self) -> None:
        person = self.selected()
        if person is None:
            self.person_label.setText("Chọn một cán bộ trong danh sách (gõ mã hoặc họ tên vào ô tìm, "
                                      "có dấu hay không dấu đều được).")
            self.history_model.set_records([])
            self.history_summary.setText("")
            return
        unit = f" — {person.unit_name}" if person.unit_name else ""
        ended = " (đã nghỉ)" if person.ended_on else ""
        self.person_label.setText(f"<b>{person.full_name}</b> ({person.code}){unit}{ended}")
        history = person_history(self.db, person.id)
        self.history_model.set_records(history)
        if not history:
            self.history_summary.setText("Chưa có kết quả xếp loại quý nào.")
            return
        counts = Counter(entry_text(h.entry) if h.entry.level is None else SHORT[h.entry.level] for h in history)
        order = [SHORT[lv] for lv in HeadLevel]
        parts = [f"{counts[k]} {k}" for k in order if counts[k]]
        parts += [f"{n} {k}" for k, n in sorted(counts.items(), key=lambda kv: sort_key(kv[0])) if k not in order]
        self.history_summary.setText(f"{len(history)} quý: " + ", ".join(parts))


class IncomePanel(ListPage):
    """Extra income of every classified person of the quarter, with the estimated amount."""

    noun = "người"
    kind = "quarter_review_income"
    chosen = Signal(int)  # a person whose quarters the user asks to see

    def __init__(self, db, db_path, quarter: Callable[[], tuple[int, int]], undo=None, parent=None):
        super().__init__(db, db_path, IncomeTableModel(), "Tìm theo mã, họ tên, đơn vị... (Ctrl+F)", parent, undo)
        self.lazy = True
        self.quarter = quarter
        self.base_salary: int | None = None
        self.error = ""
        self.unit_filter = self.add_filter("unit_filter", SearchableCombo([], "Tất cả đơn vị"), 2)
        self.paid_filter = self.add_filter("paid_filter", ChoiceCombo(PAID, ALL_PAID))
        self.history_action = self.action("Xem các quý của cán bộ", self.edit_selected, "F2",
                                          "Xem kết quả các quý của người đang chọn; Enter, nhấp đúp")
        self.export_action = self.action("Xuất bảng thu nhập tăng thêm ra Excel...", self.export_excel, "Ctrl+E")
        self.export_action.setIconText("Xuất Excel...")
        self.note = text_label("income_note")
        self.layout().insertWidget(2, self.note)
        self.count_label.setTextFormat(Qt.TextFormat.RichText)
        # By unit (the domain's order keeps staff codes in order within a unit).
        self.sort_by(IncomeTableModel.COL_UNIT)
        self.apply_filters()

    def load(self) -> None:
        year, quarter = self.quarter()
        try:
            rule_set = rule_set_for(self.db, year, quarter)
            rows = extra_income(self.db, year, quarter)
            self.error = ""
        except DomainError as e:
            rule_set, rows, self.error = None, [], str(e)
        self.base_salary = base_salary_on(base_salaries(self.db), quarter_bounds(year, quarter)[0])
        self._refresh_units(rows)
        keep = self.selected()
        self.model.set_records(rows)
        if keep is not None:
            self.select_where(lambda r: r.staff_id == keep.staff_id)
        self._show_note(year, quarter, rule_set)
        self.apply_filters()

    def _refresh_units(self, rows) -> None:
        current = self.unit_filter.value()
        units = {r.unit_code: r.unit_name for r in rows}
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItem("Tất cả đơn vị", None)
        for code, name in sorted(units.items(), key=lambda kv: sort_key(kv[1])):
            self.unit_filter.add_choice(f"{name} ({code})", code)
        self.unit_filter.set_value(current if current in units else None)
        self.unit_filter.blockSignals(False)

    def _show_note(self, year: int, quarter: int, rule_set) -> None:
        if rule_set is None:
            self.note.setText(f"<span style='{ERROR_STYLE}'>{self.error}</span>")
            return
        base = (f"lương cơ sở {amount_text(self.base_salary)}/tháng" if self.base_salary is not None else
                f"<span style='{ERROR_STYLE}'>chưa có mức lương cơ sở áp dụng cho quý {quarter}/{year} "
                "(thêm ở màn hình Quy định áp dụng)</span>")
        self.note.setText(
            f"Quý {quarter}/{year}: hệ số tăng thêm tối đa năm {year} là "
            f"<b>{decimal(rule_set.max_coefficient(year))}</b>, {base}. "
            "Số tiền ước tính = hệ số lương × lương cơ sở × 3 tháng × hệ số tăng thêm × tỷ lệ chi "
            "(chưa trừ ngày nghỉ phép, ốm, thai sản)."
        )

    def apply_filters(self) -> None:
        unit, paid = self.unit_filter.value(), self.paid_filter.value()
        self.model.set_predicate(
            lambda r: (unit is None or r.unit_code == unit) and (paid is None or r.paid == paid)
        )
        self.update_count()
        self.selection_changed()

    def totals_text(self) -> str:
        """What the shown rows add up to: who is paid, the estimate, who lacks a salary coefficient."""
        shown = self.model.visible_records()
        paid = [r for r in shown if r.paid]
        missing = sum(1 for r in paid if r.salary_coefficient is None)
        if self.base_salary is None and paid:
            return f"Tổng: {len(paid)} người được chi; chưa ước tính được số tiền (chưa có mức lương cơ sở)"
        total = sum(r.amount for r in paid if r.amount is not None)
        text = f"Tổng: {len(paid)} người được chi, ước tính {amount_text(total)}"
        if missing:
            text += f"; {missing} người chưa có hệ số lương (chưa tính vào số tiền)"
        return text

    def update_count(self) -> None:
        self.count_label.setText(
            f"Hiển thị {self.model.rowCount():,} / {self.model.total_count:,} người".replace(",", ".")
            + f"  ·  <b>{self.totals_text()}</b>"
        )

    def selection_changed(self) -> None:
        self.history_action.setEnabled(self.selected() is not None)

    @on_selected
    def edit_selected(self, row) -> None:
        self.chosen.emit(row.staff_id)

    def export_excel(self) -> None:
        year, quarter = self.quarter()
        m = IncomeTableModel
        headers = {m.COL_SHARE: "Tỷ lệ chi (%)", m.COL_AMOUNT: "Số tiền ước tính (đồng)"}
        export_model(self, "Xuất bảng thu nhập tăng thêm ra Excel", f"thu-nhap-tang-them-quy-{quarter}-{year}.xlsx",
                     f"TNTT quý {quarter}-{year}", self.model,
                     {m.COL_NAME: 26, m.COL_UNIT: 40, m.COL_RESULT: 32, m.COL_AMOUNT: 18}, headers)
